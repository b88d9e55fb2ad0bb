package dev.adsgraph.sandbox.control;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.adsgraph.sandbox.SandboxCredentials;
import dev.adsgraph.sandbox.SandboxServer;
import dev.adsgraph.sandbox.SandboxSettings;
import dev.adsgraph.sandbox.SandboxTestClient;
import dev.adsgraph.sandbox.SandboxTestClient.Exchange;
import dev.adsgraph.sandbox.consent.ConsentSteps;
import dev.adsgraph.testing.MutableClock;

import static dev.adsgraph.sandbox.consent.ConsentSteps.CALLBACK;
import static dev.adsgraph.sandbox.consent.ConsentSteps.accessToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /sandbox/users/{userId}/revoke} and {@code POST
 * /sandbox/sellers/{sellingPartnerId}/revoke}: later refresh-token grants answer
 * {@code invalid_grant}, a new consent works again, a reset forgets it all.
 */
class SandboxRevocationTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));

	private final SandboxTestClient sandbox = SandboxTestClient.start(SandboxSettings.defaults().withClock(this.clock));

	private final ConsentSteps steps = new ConsentSteps(this.sandbox);

	private final SandboxCredentials agency = SandboxServer.agencyCredentials();

	private final SandboxCredentials demo = SandboxServer.demoCredentials();

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	@Test
	void aRevokedUserGrantIsInvalidGrantUntilTheUserConsentsAgain() {
		String accessToken = accessToken(this.steps.refresh(this.agency, this.agency.refreshToken()));

		Exchange revoked = this.sandbox.raw("POST", "/sandbox/users/agency/revoke").send();

		assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
		assertThat(revoked.json().get("revokedRefreshTokens").asInt()).isEqualTo(1);
		assertThat(revoked.json().get("endedAccessTokens").asInt()).isZero();
		Exchange refresh = this.steps.refresh(this.agency, this.agency.refreshToken());
		assertThat(refresh.status()).isEqualTo(400);
		assertThat(refresh.json().get("error").stringValue()).isEqualTo("invalid_grant");
		// Other users' grants are untouched; live access tokens stay valid until they
		// expire, as LWA documents.
		assertThat(this.steps.refresh(this.demo, this.demo.refreshToken()).status()).isEqualTo(200);
		assertThat(adsProfiles(this.agency, accessToken).status()).isEqualTo(200);

		// A fresh consent issues a new refresh token that works.
		Map<String, String> callback = this.steps
			.allow(ConsentSteps.adsRequest(this.agency, "advertising::campaign_management", "again"), "agency");
		String newRefreshToken = this.steps.exchange(this.agency, callback.get("code"), CALLBACK)
			.json()
			.get("refresh_token")
			.stringValue();
		String newAccessToken = accessToken(this.steps.refresh(this.agency, newRefreshToken));
		assertThat(adsProfiles(this.agency, newAccessToken).status()).isEqualTo(200);
		assertThat(this.steps.refresh(this.agency, this.agency.refreshToken()).status()).isEqualTo(400);
	}

	@Test
	void revokingConsentIssuedTokensAndEndingAccessTokensNow() {
		Map<String, String> callback = this.steps
			.allow(ConsentSteps.adsRequest(this.demo, "advertising::campaign_management", "s"), "global");
		Exchange tokens = this.steps.exchange(this.demo, callback.get("code"), CALLBACK);
		String refreshToken = tokens.json().get("refresh_token").stringValue();
		String accessToken = accessToken(tokens);

		Exchange revoked = this.sandbox
			.raw("POST", "/sandbox/users/amzn1.account.AGGLOBL6T9CF2HX8NV4QD7RJMZWK/revoke?accessTokens=end")
			.send();

		assertThat(revoked.json().get("revokedRefreshTokens").asInt()).isEqualTo(1);
		assertThat(revoked.json().get("endedAccessTokens").asInt()).isEqualTo(1);
		assertThat(this.steps.refresh(this.demo, refreshToken).json().get("error").stringValue())
			.isEqualTo("invalid_grant");
		assertThat(adsProfiles(this.demo, accessToken).status()).isEqualTo(401);
	}

	@Test
	void aClientIdLimitsTheRevocationToThatClient() {
		Map<String, String> callback = this.steps
			.allow(ConsentSteps.adsRequest(this.agency, "advertising::campaign_management", "s"), "demo");
		String toAgency = this.steps.exchange(this.agency, callback.get("code"), CALLBACK)
			.json()
			.get("refresh_token")
			.stringValue();

		this.sandbox.raw("POST", "/sandbox/users/demo/revoke?clientId=" + this.agency.clientId()).send();

		assertThat(this.steps.refresh(this.agency, toAgency).status()).isEqualTo(400);
		assertThat(this.steps.refresh(this.demo, this.demo.refreshToken()).status()).isEqualTo(200);
	}

	@Test
	void aRevokedSellerAuthorizationIsInvalidGrantUntilTheSellerAuthorizesAgain() {
		SandboxCredentials riverstone = SandboxServer.agencySpCredentials();
		SandboxCredentials hillcrest = new SandboxCredentials("amzn1.application-oa2-client.adsgraphsandboxspagency",
				"adsgraph-sandbox-sp-agency-secret", "Atzr|adsgraph-sandbox-sp-hillcrest-refresh-token");

		Exchange revoked = this.sandbox.raw("POST", "/sandbox/sellers/A2RIVRSTN8MQ4K/revoke").send();

		assertThat(revoked.json().get("revokedRefreshTokens").asInt()).isEqualTo(1);
		assertThat(this.steps.refresh(riverstone, riverstone.refreshToken()).json().get("error").stringValue())
			.isEqualTo("invalid_grant");
		assertThat(this.steps.refresh(hillcrest, hillcrest.refreshToken()).status()).isEqualTo(200);

		SandboxCredentials spApp = SandboxServer.demoSpCredentials();
		Map<String, String> callback = this.steps.confirm(ConsentSteps.spRequest("again"), "A2RIVRSTN8MQ4K");
		String refreshToken = this.steps.exchange(spApp, callback.get("spapi_oauth_code"), CALLBACK)
			.json()
			.get("refresh_token")
			.stringValue();
		String accessToken = accessToken(this.steps.refresh(spApp, refreshToken));
		Exchange participations = this.sandbox.raw("GET", "/sp/na/sellers/v1/marketplaceParticipations")
			.header("x-amz-access-token", accessToken)
			.header("User-Agent", "RevocationTest/1.0 (Language=Java/17)")
			.send();
		assertThat(participations.status()).as(participations.body()).isEqualTo(200);
	}

	@Test
	void aResetForgetsRevocationsAndIssuedTokens() {
		Map<String, String> callback = this.steps
			.allow(ConsentSteps.adsRequest(this.agency, "advertising::campaign_management", "s"), "agency");
		String issued = this.steps.exchange(this.agency, callback.get("code"), CALLBACK)
			.json()
			.get("refresh_token")
			.stringValue();
		this.sandbox.raw("POST", "/sandbox/users/agency/revoke").send();

		assertThat(this.sandbox.raw("POST", "/sandbox/reset").send().status()).isEqualTo(204);

		assertThat(this.steps.refresh(this.agency, this.agency.refreshToken()).status()).isEqualTo(200);
		assertThat(this.steps.refresh(this.agency, issued).status()).isEqualTo(400);
	}

	@Test
	void anIssuedTokenOutlivesTheSandboxAsAmazonsDoButAForgedOneIsRefused() {
		Map<String, String> callback = this.steps
			.allow(ConsentSteps.adsRequest(this.demo, "advertising::campaign_management", "s"), "global");
		String issued = this.steps.exchange(this.demo, callback.get("code"), CALLBACK)
			.json()
			.get("refresh_token")
			.stringValue();
		try (SandboxTestClient restarted = SandboxTestClient.start(SandboxSettings.defaults())) {
			ConsentSteps steps = new ConsentSteps(restarted);
			String accessToken = accessToken(steps.refresh(this.demo, issued));
			Exchange profiles = restarted.raw("GET", "/ads/na/v2/profiles")
				.header("Authorization", "Bearer " + accessToken)
				.header("Amazon-Advertising-API-ClientId", this.demo.clientId())
				.send();
			assertThat(profiles.status()).as(profiles.body()).isEqualTo(200);
			assertThat(profiles.body()).contains("Marlow");
			// Another client cannot use it, and a changed token does not verify.
			assertThat(steps.refresh(this.agency, issued).status()).isEqualTo(400);
			String forged = issued.substring(0, issued.length() - 2) + (issued.endsWith("AA") ? "BB" : "AA");
			assertThat(steps.refresh(this.demo, forged).json().get("error").stringValue()).isEqualTo("invalid_grant");
		}
	}

	@Test
	void unknownUsersAndSellersAreNotFoundAndBadOptionsBadRequest() {
		assertThat(this.sandbox.raw("POST", "/sandbox/users/nobody/revoke").send().status()).isEqualTo(404);
		assertThat(this.sandbox.raw("POST", "/sandbox/sellers/A000NOBODY0000/revoke").send().status()).isEqualTo(404);
		assertThat(this.sandbox.raw("POST", "/sandbox/users/demo/revoke?accessTokens=maybe").send().status())
			.isEqualTo(400);
		// Nothing was revoked by the refused calls.
		assertThat(this.steps.refresh(this.demo, this.demo.refreshToken()).status()).isEqualTo(200);
	}

	private Exchange adsProfiles(SandboxCredentials client, String accessToken) {
		return this.sandbox.raw("GET", "/ads/na/v2/profiles")
			.header("Authorization", "Bearer " + accessToken)
			.header("Amazon-Advertising-API-ClientId", client.clientId())
			.send();
	}

}
