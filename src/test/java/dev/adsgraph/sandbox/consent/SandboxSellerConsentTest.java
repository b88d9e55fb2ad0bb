package dev.adsgraph.sandbox.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.SandboxCredentials;
import dev.adsgraph.sandbox.SandboxServer;
import dev.adsgraph.sandbox.SandboxSettings;
import dev.adsgraph.sandbox.SandboxTestClient;
import dev.adsgraph.sandbox.SandboxTestClient.Exchange;
import dev.adsgraph.testing.MutableClock;

import static dev.adsgraph.sandbox.consent.ConsentSteps.CALLBACK;
import static dev.adsgraph.sandbox.consent.ConsentSteps.accessToken;
import static dev.adsgraph.sandbox.consent.ConsentSteps.hiddenFields;
import static dev.adsgraph.sandbox.consent.ConsentSteps.redirected;
import static dev.adsgraph.sandbox.consent.ConsentSteps.spRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SP-API website authorization workflow against a started sandbox over plain HTTP:
 * Seller Central's consent page, the seller's choice, the code's exchange by the
 * application's LWA client, and SP-API calls for the chosen seller.
 */
class SandboxSellerConsentTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));

	private final SandboxTestClient sandbox = SandboxTestClient.start(SandboxSettings.defaults().withClock(this.clock));

	private final ConsentSteps steps = new ConsentSteps(this.sandbox);

	private final SandboxCredentials spApp = SandboxServer.demoSpCredentials();

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	@Test
	void theWholeFlowEndsInSpApiCallsForTheChosenSeller() {
		assertThat(SandboxServer.SP_APPLICATION_ID).isEqualTo(spRequest("s").get("application_id"));
		assertThat(this.sandbox.server().sellerCentralConsentUrl())
			.isEqualTo(this.sandbox.server().baseUrl() + "/apps/authorize/consent");
		Exchange page = this.steps.sellerCentralPage(spRequest("state-sp"));
		assertThat(page.body()).contains("id=\"seller-A3NWOUTDR82KQZ\"", "id=\"seller-A1BLUHRBR5T6WX\"",
				"id=\"seller-A2RIVRSTN8MQ4K\"", "id=\"seller-A1MARLOWHG7Q2X\"", "id=\"confirm\"", "id=\"cancel\"");

		Map<String, String> callback = this.steps.confirm(spRequest("state-sp"), "A2RIVRSTN8MQ4K");

		assertThat(callback).containsOnlyKeys("state", "selling_partner_id", "spapi_oauth_code")
			.containsEntry("state", "state-sp")
			.containsEntry("selling_partner_id", "A2RIVRSTN8MQ4K");
		Exchange tokens = this.steps.exchange(this.spApp, callback.get("spapi_oauth_code"), CALLBACK);
		String refreshToken = tokens.json().get("refresh_token").stringValue();
		assertThat(refreshToken).startsWith("Atzr|");
		String accessToken = accessToken(tokens);

		// Riverstone sells in the US (NA) and the UK (EU).
		assertThat(marketplaces("na", accessToken)).containsExactly("US");
		assertThat(marketplaces("eu", accessToken)).containsExactly("GB");
		Exchange fe = participations("fe", accessToken);
		assertThat(fe.status()).isEqualTo(403);
		// An SP-API token opens neither the Ads API nor the customer profile.
		Exchange ads = this.sandbox.raw("GET", "/ads/na/v2/profiles")
			.header("Authorization", "Bearer " + accessToken)
			.header("Amazon-Advertising-API-ClientId", this.spApp.clientId())
			.send();
		assertThat(ads.status()).isEqualTo(401);
		assertThat(this.sandbox.raw("GET", "/user/profile")
			.header("Authorization", "Bearer " + accessToken)
			.send()
			.status()).isEqualTo(403);
		// And the refresh token keeps working for that seller.
		assertThat(marketplaces("eu", accessToken(this.steps.refresh(this.spApp, refreshToken)))).containsExactly("GB");
	}

	@Test
	void aSellerOfAnyFixtureUserCanAuthorize() {
		Map<String, String> callback = this.steps.confirm(spRequest("s"), "A1MARLOWHG7Q2X");

		String accessToken = accessToken(this.steps.exchange(this.spApp, callback.get("spapi_oauth_code"), CALLBACK));

		assertThat(marketplaces("fe", accessToken)).containsExactly("JP");
		assertThat(marketplaces("eu", accessToken)).containsExactlyInAnyOrder("GB", "DE");
	}

	@Test
	void onlyTheApplicationsLwaClientCanExchangeTheCode() {
		Map<String, String> callback = this.steps.confirm(spRequest("s"), "A3NWOUTDR82KQZ");

		Exchange ads = this.steps.exchange(SandboxServer.demoCredentials(), callback.get("spapi_oauth_code"), CALLBACK);
		Exchange otherSpApp = this.steps.exchange(SandboxServer.agencySpCredentials(), callback.get("spapi_oauth_code"),
				CALLBACK);

		for (Exchange answer : List.of(ads, otherSpApp)) {
			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.json().get("error").stringValue()).isEqualTo("invalid_grant");
		}
		assertThat(this.steps.exchange(this.spApp, callback.get("spapi_oauth_code"), CALLBACK).status()).isEqualTo(200);
	}

	@Test
	void cancellingRedirectsWithAccessDeniedAndTheState() {
		Exchange page = this.steps.sellerCentralPage(spRequest("state-cancel"));

		Exchange answer = this.steps.post("/apps/authorize/consent", hiddenFields(page), Map.of("action", "cancel"));

		assertThat(redirected(answer, CALLBACK)).containsEntry("error", "access_denied")
			.containsEntry("state", "state-cancel")
			.containsKey("error_description")
			.doesNotContainKey("spapi_oauth_code");
	}

	@Test
	void errorsAreErrorPagesThatNeverRedirect() {
		List<Map<String, String>> requests = new ArrayList<>();
		Map<String, String> unknownApp = spRequest("s");
		unknownApp.put("application_id", "amzn1.sp.solution.00000000-0000-0000-0000-000000000000");
		requests.add(unknownApp);
		Map<String, String> noApp = spRequest("s");
		noApp.remove("application_id");
		requests.add(noApp);
		Map<String, String> noBeta = spRequest("s");
		noBeta.remove("version");
		requests.add(noBeta);
		Map<String, String> otherRedirect = spRequest("s");
		otherRedirect.put("redirect_uri", "https://attacker.example/callback");
		requests.add(otherRedirect);
		Map<String, String> noRedirect = spRequest("s");
		noRedirect.remove("redirect_uri");
		requests.add(noRedirect);
		Map<String, String> noState = spRequest(null);
		requests.add(noState);

		for (Map<String, String> request : requests) {
			Exchange page = this.steps.sellerCentralPage(request);
			assertThat(page.status()).as(request.toString()).isEqualTo(400);
			assertThat(page.header("Location")).isNull();
			assertThat(page.body()).contains("id=\"error\"").doesNotContain("id=\"confirm\"");
		}
		assertThat(this.steps.sellerCentralPage(noBeta).body()).contains("MD1000");
		assertThat(this.steps.sellerCentralPage(otherRedirect).body()).contains("MD5101");
	}

	@Test
	void aForgedOrRepeatedPostIsRefused() {
		Map<String, String> fields = hiddenFields(this.steps.sellerCentralPage(spRequest("s")));
		Map<String, String> confirm = Map.of("seller", "A3NWOUTDR82KQZ", "action", "confirm");
		Map<String, String> forged = new java.util.LinkedHashMap<>(fields);
		forged.put("redirect_uri", "http://localhost:1/steal");

		assertThat(this.steps.post("/apps/authorize/consent", forged, confirm).status()).isEqualTo(400);
		assertThat(this.steps.post("/apps/authorize/consent", fields, Map.of("seller", "A000", "action", "confirm"))
			.status()).isEqualTo(400);
		assertThat(this.steps.post("/apps/authorize/consent", fields, confirm).status()).isEqualTo(302);
		Exchange again = this.steps.post("/apps/authorize/consent", fields, confirm);
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.header("Location")).isNull();
	}

	private Exchange participations(String region, String accessToken) {
		return this.sandbox.raw("GET", "/sp/" + region + "/sellers/v1/marketplaceParticipations")
			.header("x-amz-access-token", accessToken)
			.header("User-Agent", "ConsentTest/1.0 (Language=Java/17)")
			.send();
	}

	private List<String> marketplaces(String region, String accessToken) {
		Exchange answer = participations(region, accessToken);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		List<String> countries = new ArrayList<>();
		for (JsonNode participation : answer.json().get("payload")) {
			countries.add(participation.at("/marketplace/countryCode").stringValue());
		}
		return countries;
	}

}
