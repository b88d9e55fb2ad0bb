package dev.adsgraph.sandbox.lwa;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.adsgraph.sandbox.SandboxCredentials;
import dev.adsgraph.sandbox.SandboxServer;
import dev.adsgraph.sandbox.SandboxSettings;
import dev.adsgraph.sandbox.SandboxTestClient;
import dev.adsgraph.sandbox.SandboxTestClient.Exchange;
import dev.adsgraph.testing.MutableClock;

import static dev.adsgraph.sandbox.SandboxTestClient.form;
import static dev.adsgraph.sandbox.SandboxTestClient.refreshGrant;
import static org.assertj.core.api.Assertions.assertThat;

class SandboxLwaTest {

	private static final String FORM = "application/x-www-form-urlencoded";

	private final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-24T12:00:00Z"));

	private final SandboxTestClient sandbox = SandboxTestClient
		.start(SandboxSettings.defaults().withClock(this.clock).withTokenTtl(Duration.ofSeconds(600)));

	private final SandboxCredentials demo = SandboxServer.demoCredentials();

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	@Test
	void refreshGrantIssuesABearerTokenAndEchoesTheRefreshToken() {
		Exchange token = this.sandbox.lwa(FORM, form(refreshGrant(this.demo)));

		assertThat(token.status()).isEqualTo(200);
		assertThat(token.json().get("access_token").stringValue()).startsWith("Atza|");
		assertThat(token.json().get("token_type").stringValue()).isEqualTo("bearer");
		assertThat(token.json().get("expires_in").asInt()).isEqualTo(600);
		assertThat(token.json().get("refresh_token").stringValue()).isEqualTo(this.demo.refreshToken());
		assertThat(token.header("Cache-Control")).isEqualTo("no-store");
		assertThat(token.header("x-amzn-RequestId")).matches("[0-9a-f-]{36}");
	}

	@Test
	void jsonBodiesAreAcceptedAsAmazonsJavaSdkSendsThem() {
		Exchange token = this.sandbox.lwa("application/json",
				SandboxTestClient.JSON.writeValueAsString(refreshGrant(this.demo)));

		assertThat(token.status()).isEqualTo(200);
		assertThat(token.json().get("access_token").stringValue()).startsWith("Atza|");
	}

	@Test
	void eachRefreshIssuesADifferentAccessToken() {
		String first = this.sandbox.lwa(FORM, form(refreshGrant(this.demo))).json().get("access_token").stringValue();
		String second = this.sandbox.lwa(FORM, form(refreshGrant(this.demo))).json().get("access_token").stringValue();

		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void unknownClientAndWrongSecretAreInvalidClient() {
		Map<String, String> unknownClient = refreshGrant(this.demo);
		unknownClient.put("client_id", "amzn1.application-oa2-client.nobody");
		Map<String, String> wrongSecret = refreshGrant(this.demo);
		wrongSecret.put("client_secret", "guess");

		for (Map<String, String> params : new Map[] { unknownClient, wrongSecret }) {
			Exchange answer = this.sandbox.lwa(FORM, form(params));
			assertThat(answer.status()).isEqualTo(401);
			assertThat(answer.json().get("error").stringValue()).isEqualTo("invalid_client");
			assertThat(answer.json().get("error_description").stringValue()).isNotBlank();
		}
	}

	@Test
	void unknownRefreshTokenAndAnotherClientsRefreshTokenAreInvalidGrant() {
		Map<String, String> unknownToken = refreshGrant(this.demo);
		unknownToken.put("refresh_token", "Atzr|not-issued");
		Map<String, String> agencyToken = refreshGrant(this.demo);
		agencyToken.put("refresh_token", SandboxServer.agencyCredentials().refreshToken());

		for (Map<String, String> params : new Map[] { unknownToken, agencyToken }) {
			Exchange answer = this.sandbox.lwa(FORM, form(params));
			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.json().get("error").stringValue()).isEqualTo("invalid_grant");
		}
	}

	@Test
	void missingParametersAreInvalidRequest() {
		for (String missing : new String[] { "grant_type", "client_id", "client_secret", "refresh_token" }) {
			Map<String, String> params = refreshGrant(this.demo);
			params.remove(missing);
			Exchange answer = this.sandbox.lwa(FORM, form(params));
			assertThat(answer.status()).as(missing).isEqualTo(400);
			assertThat(answer.json().get("error").stringValue()).isEqualTo("invalid_request");
			assertThat(answer.json().get("error_description").stringValue()).contains(missing);
		}
		Exchange notJson = this.sandbox.lwa("application/json", "{not json");
		assertThat(notJson.status()).isEqualTo(400);
		assertThat(notJson.json().get("error").stringValue()).isEqualTo("invalid_request");
		Exchange xml = this.sandbox.lwa("application/xml", "<grant/>");
		assertThat(xml.json().get("error").stringValue()).isEqualTo("invalid_request");
	}

	@Test
	void otherGrantTypesAreUnsupported() {
		Map<String, String> params = refreshGrant(this.demo);
		params.put("grant_type", "client_credentials");
		params.put("scope", "advertising::campaign_management");

		Exchange answer = this.sandbox.lwa(FORM, form(params));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().get("error").stringValue()).isEqualTo("unsupported_grant_type");
	}

	@Test
	void accessTokensStopWorkingWhenTheyExpire() {
		assertThat(this.sandbox.ads("na", "GET", "/v2/profiles").send().status()).isEqualTo(200);

		this.clock.advance(Duration.ofSeconds(601));

		Exchange expired = this.sandbox.ads("na", "GET", "/v2/profiles").send();
		assertThat(expired.status()).isEqualTo(401);
		assertThat(expired.json().get("code").stringValue()).isEqualTo("UNAUTHORIZED");
	}

}
