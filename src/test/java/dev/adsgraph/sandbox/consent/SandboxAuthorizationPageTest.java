package dev.adsgraph.sandbox.consent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import static dev.adsgraph.sandbox.consent.ConsentSteps.adsRequest;
import static dev.adsgraph.sandbox.consent.ConsentSteps.hiddenFields;
import static dev.adsgraph.sandbox.consent.ConsentSteps.redirected;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Ads consent flow against a started sandbox over plain HTTP: LWA's authorization
 * page, the user's choice, the code's exchange, and what the new tokens open.
 */
class SandboxAuthorizationPageTest {

	private static final String ADS = "advertising::campaign_management";

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));

	private final SandboxTestClient sandbox = SandboxTestClient.start(SandboxSettings.defaults().withClock(this.clock));

	private final ConsentSteps steps = new ConsentSteps(this.sandbox);

	private final SandboxCredentials demo = SandboxServer.demoCredentials();

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	@Test
	void theWholeAdsFlowGivesANewRefreshTokenForTheChosenUsersProfiles() {
		Exchange page = this.steps.authorizationPage(adsRequest(this.demo, ADS + " profile", "state-1"));
		assertThat(page.header("Content-Type")).startsWith("text/html");
		assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
		assertThat(page.body()).contains("id=\"allow\"", "id=\"deny\"", "id=\"user-demo\"", "id=\"user-agency\"",
				"id=\"user-global\"", "name=\"user\" value=\"global\"");

		Map<String, String> callback = this.steps.allow(adsRequest(this.demo, ADS + " profile", "state-1"), "global");

		assertThat(callback).containsOnlyKeys("code", "scope", "state")
			.containsEntry("scope", ADS + " profile")
			.containsEntry("state", "state-1");
		Exchange tokens = this.steps.exchange(this.demo, callback.get("code"), CALLBACK);
		assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
		assertThat(tokens.header("Cache-Control")).isEqualTo("no-store");
		String refreshToken = tokens.json().get("refresh_token").stringValue();
		assertThat(refreshToken).startsWith("Atzr|").isNotEqualTo(this.demo.refreshToken());
		assertThat(tokens.json().get("token_type").stringValue()).isEqualTo("bearer");
		assertThat(tokens.json().get("expires_in").asInt()).isEqualTo(3600);
		String accessToken = accessToken(tokens);

		// The chosen user's profiles, region by region: Marlow's UK, DE, US and JP.
		assertThat(countries(profiles("na", accessToken))).containsExactly("US");
		assertThat(countries(profiles("eu", accessToken))).containsExactlyInAnyOrder("UK", "DE");
		assertThat(countries(profiles("fe", accessToken))).containsExactly("JP");
		assertThat(profiles("na", accessToken).get(0).at("/accountInfo/id").stringValue()).isEqualTo("A1MARLOWHG7Q2X");

		JsonNode profile = userProfile(accessToken).json();
		assertThat(profile.get("user_id").stringValue()).isEqualTo("amzn1.account.AGGLOBL6T9CF2HX8NV4QD7RJMZWK");
		assertThat(profile.get("name").stringValue()).isEqualTo("Greta Global");
		assertThat(profile.get("email").stringValue()).isEqualTo("greta.global@adsgraph-sandbox.example");

		// The new refresh token works as any other, and keeps the consent's scopes.
		Exchange refreshed = this.steps.refresh(this.demo, refreshToken);
		assertThat(refreshed.json().get("refresh_token").stringValue()).isEqualTo(refreshToken);
		assertThat(countries(profiles("fe", accessToken(refreshed)))).containsExactly("JP");
		assertThat(userProfile(accessToken(refreshed)).status()).isEqualTo(200);
	}

	@Test
	void theLegacyScopeAndAnotherAdsClientWorkToo() {
		SandboxCredentials agency = SandboxServer.agencyCredentials();
		Map<String, String> callback = this.steps.allow(adsRequest(agency, "cpc_advertising:campaign_management", "s"),
				"demo");

		String accessToken = accessToken(this.steps.exchange(agency, callback.get("code"), CALLBACK));

		Exchange profiles = this.sandbox.raw("GET", "/ads/na/v2/profiles")
			.header("Authorization", "Bearer " + accessToken)
			.header("Amazon-Advertising-API-ClientId", agency.clientId())
			.send();
		assertThat(profiles.status()).as(profiles.body()).isEqualTo(200);
		assertThat(profiles.json().size()).isGreaterThan(10);
	}

	@Test
	void theUserIdScopeAloneGivesTheUserIdOnlyAndOpensNoAdsApi() {
		Map<String, String> callback = this.steps.allow(adsRequest(this.demo, "profile:user_id", "s"), "agency");
		String accessToken = accessToken(this.steps.exchange(this.demo, callback.get("code"), CALLBACK));

		JsonNode profile = userProfile(accessToken).json();
		assertThat(profile.properties()).hasSize(1);
		assertThat(profile.get("user_id").stringValue()).isEqualTo("amzn1.account.AFAGNCY8S3JD5LQ2WV7ZK4XMEPRB");
		Exchange ads = this.sandbox.raw("GET", "/ads/na/v2/profiles")
			.header("Authorization", "Bearer " + accessToken)
			.header("Amazon-Advertising-API-ClientId", this.demo.clientId())
			.send();
		assertThat(ads.status()).isEqualTo(401);
	}

	@Test
	void theCustomerProfileTakesTheTokenThreeWaysAndRefusesTokensWithoutAProfileScope() {
		Map<String, String> callback = this.steps.allow(adsRequest(this.demo, ADS + " profile", "s"), "demo");
		String accessToken = accessToken(this.steps.exchange(this.demo, callback.get("code"), CALLBACK));

		assertThat(this.sandbox.raw("GET", "/user/profile").header("x-amz-access-token", accessToken).send().status())
			.isEqualTo(200);
		Exchange query = this.sandbox
			.raw("GET",
					"/user/profile?access_token="
							+ java.net.URLEncoder.encode(accessToken, java.nio.charset.StandardCharsets.UTF_8))
			.send();
		assertThat(query.json().get("name").stringValue()).isEqualTo("Dana Demo");

		// The fixture refresh token's consent had no profile scope.
		Exchange fixture = userProfile(this.sandbox.accessToken(this.demo));
		assertThat(fixture.status()).isEqualTo(403);
		assertThat(fixture.json().get("error").stringValue()).isEqualTo("insufficient_scope");
		Exchange none = this.sandbox.raw("GET", "/user/profile").send();
		assertThat(none.status()).isEqualTo(401);
		assertThat(none.json().get("error").stringValue()).isEqualTo("invalid_token");
		assertThat(userProfile("Atza|never-issued").status()).isEqualTo(401);
	}

	@Test
	void cancellingRedirectsWithAccessDeniedAndTheState() {
		Exchange page = this.steps.authorizationPage(adsRequest(this.demo, ADS, "state-deny"));

		Exchange answer = this.steps.post("/ap/oa", hiddenFields(page), Map.of("action", "deny"));

		Map<String, String> callback = redirected(answer, CALLBACK);
		assertThat(callback).containsEntry("error", "access_denied")
			.containsEntry("state", "state-deny")
			.containsKey("error_description")
			.doesNotContainKey("code");
	}

	@Test
	void anUnknownClientOrAReturnUrlNotAllowedIsAnErrorPageThatNeverRedirects() {
		List<Map<String, String>> requests = new ArrayList<>();
		Map<String, String> unknownClient = adsRequest(this.demo, ADS, "s");
		unknownClient.put("client_id", "amzn1.application-oa2-client.nobody");
		requests.add(unknownClient);
		Map<String, String> spClient = adsRequest(SandboxServer.demoSpCredentials(), ADS, "s");
		requests.add(spClient);
		Map<String, String> noClient = adsRequest(this.demo, ADS, "s");
		noClient.remove("client_id");
		requests.add(noClient);
		for (String redirectUri : new String[] { "https://attacker.example/callback", "http://localhost:8080/cb#frag",
				"http://user@localhost/cb", "ftp://localhost/cb", "not a url", "" }) {
			Map<String, String> request = adsRequest(this.demo, ADS, "s");
			request.put("redirect_uri", redirectUri);
			requests.add(request);
		}
		Map<String, String> twice = adsRequest(this.demo, ADS, "s");
		requests.add(twice);

		for (Map<String, String> request : requests) {
			Exchange page = (request == twice)
					? this.sandbox
						.raw("GET",
								"/ap/oa?" + ConsentSteps.query(request)
										+ "&redirect_uri=http%3A%2F%2Flocalhost%2Fother")
						.send()
					: this.steps.authorizationPage(request);
			assertThat(page.status()).as(request.toString()).isEqualTo(400);
			assertThat(page.header("Location")).isNull();
			assertThat(page.body()).contains("id=\"error\"").doesNotContain("id=\"allow\"");
		}
	}

	@Test
	void otherErrorsRedirectWithTheErrorItsDescriptionAndTheState() {
		Map<String, String> token = adsRequest(this.demo, ADS, "s1");
		token.put("response_type", "token");
		Map<String, String> noResponseType = adsRequest(this.demo, ADS, "s2");
		noResponseType.remove("response_type");
		Map<String, String> unknownScope = adsRequest(this.demo, ADS + " postal_code", "s3");
		Map<String, String> noScope = adsRequest(this.demo, null, "s4");
		Map<String, String> expected = new LinkedHashMap<>();
		expected.put("s1", "unsupported_response_type");
		expected.put("s2", "invalid_request");
		expected.put("s3", "invalid_scope");
		expected.put("s4", "invalid_request");

		for (Map<String, String> request : List.of(token, noResponseType, unknownScope, noScope)) {
			Map<String, String> callback = redirected(this.steps.authorizationPage(request), CALLBACK);
			assertThat(callback).as(request.toString())
				.containsEntry("error", expected.get(request.get("state")))
				.containsEntry("state", request.get("state"))
				.containsKey("error_description");
		}
		// Without a state the redirect carries none.
		Map<String, String> stateless = adsRequest(this.demo, "nonsense", null);
		assertThat(redirected(this.steps.authorizationPage(stateless), CALLBACK)).containsOnlyKeys("error",
				"error_description");
	}

	@Test
	void aCodeIsSingleUse() {
		Map<String, String> callback = this.steps.allow(adsRequest(this.demo, ADS, "s"), "demo");
		assertThat(this.steps.exchange(this.demo, callback.get("code"), CALLBACK).status()).isEqualTo(200);

		Exchange replay = this.steps.exchange(this.demo, callback.get("code"), CALLBACK);

		assertThat(replay.status()).isEqualTo(400);
		assertThat(replay.json().get("error").stringValue()).isEqualTo("invalid_grant");
		assertThat(replay.json().get("error_description").stringValue())
			.isEqualTo("The request has an invalid parameter : code");
	}

	@Test
	void aCodeExpiresAfterFiveMinutes() {
		String fresh = this.steps.allow(adsRequest(this.demo, ADS, "s"), "demo").get("code");
		String stale = this.steps.allow(adsRequest(this.demo, ADS, "s"), "demo").get("code");

		this.clock.advance(Duration.ofMinutes(5).minusSeconds(1));
		assertThat(this.steps.exchange(this.demo, fresh, CALLBACK).status()).isEqualTo(200);
		this.clock.advance(Duration.ofSeconds(1));
		Exchange expired = this.steps.exchange(this.demo, stale, CALLBACK);

		assertThat(expired.status()).isEqualTo(400);
		assertThat(expired.json().get("error").stringValue()).isEqualTo("invalid_grant");
		assertThat(expired.json().get("error_description").stringValue())
			.isEqualTo("The request has an invalid parameter : code");
	}

	@Test
	void aRedirectUriOtherThanTheCodesIsInvalidGrantAndSpendsTheCode() {
		String code = this.steps.allow(adsRequest(this.demo, ADS, "s"), "demo").get("code");

		Exchange mismatch = this.steps.exchange(this.demo, code, CALLBACK + "/elsewhere");

		assertThat(mismatch.status()).isEqualTo(400);
		assertThat(mismatch.json().get("error").stringValue()).isEqualTo("invalid_grant");
		assertThat(this.steps.exchange(this.demo, code, CALLBACK).json().get("error").stringValue())
			.isEqualTo("invalid_grant");
	}

	@Test
	void aCodeIssuedToAnotherClientIsInvalidGrantAndLeftForItsOwnClient() {
		String code = this.steps.allow(adsRequest(this.demo, ADS, "s"), "demo").get("code");

		Exchange other = this.steps.exchange(SandboxServer.agencyCredentials(), code, CALLBACK);

		assertThat(other.status()).isEqualTo(400);
		assertThat(other.json().get("error").stringValue()).isEqualTo("invalid_grant");
		assertThat(this.steps.exchange(this.demo, code, CALLBACK).status()).isEqualTo(200);
	}

	@Test
	void missingCodeOrRedirectUriIsInvalidRequestAndBadClientCredentialsInvalidClient() {
		String code = this.steps.allow(adsRequest(this.demo, ADS, "s"), "demo").get("code");
		for (Exchange answer : List.of(this.steps.exchange(this.demo, null, CALLBACK),
				this.steps.exchange(this.demo, code, null))) {
			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.json().get("error").stringValue()).isEqualTo("invalid_request");
		}
		Exchange wrongSecret = this.steps.exchange(new SandboxCredentials(this.demo.clientId(), "guess", null), code,
				CALLBACK);
		assertThat(wrongSecret.status()).isEqualTo(401);
		assertThat(wrongSecret.json().get("error").stringValue()).isEqualTo("invalid_client");
	}

	@Test
	void clientCredentialsMayComeAsHttpBasic() {
		String code = this.steps.allow(adsRequest(this.demo, ADS, "s"), "demo").get("code");
		String basic = java.util.Base64.getEncoder()
			.encodeToString((this.demo.clientId() + ":" + this.demo.clientSecret())
				.getBytes(java.nio.charset.StandardCharsets.UTF_8));

		Exchange answer = this.sandbox.raw("POST", "/auth/o2/token")
			.header("Authorization", "Basic " + basic)
			.body(ConsentSteps.FORM,
					"grant_type=authorization_code&code=" + code + "&redirect_uri="
							+ java.net.URLEncoder.encode(CALLBACK, java.nio.charset.StandardCharsets.UTF_8))
			.send();

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
	}

	@Test
	void aPostMustCarryALiveTicketAndTheRequestItWasIssuedFor() {
		Map<String, String> fields = hiddenFields(this.steps.authorizationPage(adsRequest(this.demo, ADS, "s")));
		Map<String, String> allow = Map.of("user", "demo", "action", "allow");

		Map<String, String> otherRedirect = new LinkedHashMap<>(fields);
		otherRedirect.put("redirect_uri", "http://localhost:9999/steal");
		Map<String, String> otherClient = new LinkedHashMap<>(fields);
		otherClient.put("client_id", SandboxServer.agencyCredentials().clientId());
		Map<String, String> guessed = new LinkedHashMap<>(fields);
		guessed.put("ticket", "guessed");
		Map<String, String> noTicket = new LinkedHashMap<>(fields);
		noTicket.remove("ticket");
		for (Map<String, String> forged : List.of(otherRedirect, otherClient, guessed, noTicket)) {
			Exchange answer = this.steps.post("/ap/oa", forged, allow);
			assertThat(answer.status()).as(forged.toString()).isEqualTo(400);
			assertThat(answer.header("Location")).isNull();
		}
		Exchange unknownUser = this.steps.post("/ap/oa", fields, Map.of("user", "nobody", "action", "allow"));
		assertThat(unknownUser.status()).isEqualTo(400);

		// The genuine post still works once, and only once.
		assertThat(this.steps.post("/ap/oa", fields, allow).status()).isEqualTo(302);
		Exchange again = this.steps.post("/ap/oa", fields, allow);
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.header("Location")).isNull();
	}

	@Test
	void aPageTicketExpires() {
		Map<String, String> fields = hiddenFields(this.steps.authorizationPage(adsRequest(this.demo, ADS, "s")));

		this.clock.advance(Duration.ofMinutes(16));

		Exchange answer = this.steps.post("/ap/oa", fields, Map.of("user", "demo", "action", "allow"));
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.header("Location")).isNull();
	}

	@Test
	void theRedirectKeepsTheReturnUrlsOwnQuery() {
		Map<String, String> request = adsRequest(this.demo, ADS, "s");
		request.put("redirect_uri", "https://127.0.0.1:8443/cb?tenant=a%26b");

		Exchange answer = this.steps.post("/ap/oa", hiddenFields(this.steps.authorizationPage(request)),
				Map.of("user", "demo", "action", "allow"));

		Map<String, String> callback = redirected(answer, "https://127.0.0.1:8443/cb?tenant=a%26b&code=");
		assertThat(callback).containsEntry("tenant", "a&b").containsEntry("state", "s").containsKey("code");
	}

	@Test
	void theSandboxInfoAndTheServerNameTheConsentPages() {
		JsonNode consent = this.sandbox.raw("GET", "/sandbox").send().json().get("consent");
		String base = this.sandbox.server().baseUrl();

		assertThat(this.sandbox.server().lwaAuthorizationUrl()).isEqualTo(base + "/ap/oa");
		assertThat(consent.get("lwaAuthorizationUrl").stringValue()).isEqualTo(base + "/ap/oa");
		assertThat(consent.get("sellerCentralConsentUrl").stringValue())
			.isEqualTo(this.sandbox.server().sellerCentralConsentUrl());
		assertThat(consent.get("userProfileUrl").stringValue()).isEqualTo(this.sandbox.server().lwaUserProfileUrl());
		assertThat(consent.get("spApplicationId").stringValue()).isEqualTo(SandboxServer.SP_APPLICATION_ID);
		assertThat(consent.get("spApplicationClientId").stringValue())
			.isEqualTo(SandboxServer.demoSpCredentials().clientId());
		assertThat(consent.at("/adsClientIds/0").stringValue()).isEqualTo(this.demo.clientId());
		assertThat(consent.get("amazonAccounts").size()).isEqualTo(3);
		assertThat(consent.at("/amazonAccounts/2/userId").stringValue()).isEqualTo("global");
	}

	private JsonNode profiles(String region, String accessToken) {
		Exchange profiles = this.sandbox.raw("GET", "/ads/" + region + "/v2/profiles")
			.header("Authorization", "Bearer " + accessToken)
			.header("Amazon-Advertising-API-ClientId", this.demo.clientId())
			.send();
		assertThat(profiles.status()).as(profiles.body()).isEqualTo(200);
		return profiles.json();
	}

	private static List<String> countries(JsonNode profiles) {
		List<String> countries = new ArrayList<>();
		profiles.forEach((profile) -> countries.add(profile.get("countryCode").stringValue()));
		return countries;
	}

	private Exchange userProfile(String accessToken) {
		return this.sandbox.raw("GET", "/user/profile").header("Authorization", "Bearer " + accessToken).send();
	}

}
