package dev.adsgraph.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.SandboxTestClient.Exchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authentication, media types and unknown routes: every failure in its family's shape,
 * with a request id.
 */
class SandboxAuthTest {

	private final SandboxTestClient sandbox = SandboxTestClient.start();

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	@Test
	void profilesRejectMissingOrUnknownBearerTokensInTheGenericShape() {
		Exchange missing = this.sandbox.ads("na", "GET", "/v2/profiles").withoutHeader("Authorization").send();
		Exchange unknown = this.sandbox.ads("na", "GET", "/v2/profiles")
			.header("Authorization", "Bearer Atza|forged")
			.send();
		Exchange basic = this.sandbox.ads("na", "GET", "/v2/profiles")
			.header("Authorization", "Basic Zm9vOmJhcg==")
			.send();

		for (Exchange answer : new Exchange[] { missing, unknown, basic }) {
			assertThat(answer.status()).isEqualTo(401);
			assertThat(answer.json().get("code").stringValue()).isEqualTo("UNAUTHORIZED");
			assertThat(answer.json().get("details").stringValue()).isNotBlank();
			assertThat(answer.header("x-amzn-RequestId")).matches("[0-9a-f]{8}-[0-9a-f-]{27}");
		}
	}

	@Test
	void theClientIdHeaderMustNameTheTokensClient() {
		Exchange missing = this.sandbox.ads("na", "GET", "/v2/profiles")
			.withoutHeader("Amazon-Advertising-API-ClientId")
			.send();
		Exchange otherClient = this.sandbox.ads("na", "GET", "/v2/profiles")
			.header("Amazon-Advertising-API-ClientId", SandboxServer.agencyCredentials().clientId())
			.send();

		assertThat(missing.status()).isEqualTo(401);
		assertThat(missing.json().get("details").stringValue()).contains("Amazon-Advertising-API-ClientId");
		assertThat(otherClient.status()).isEqualTo(401);
	}

	@Test
	void eachAccountsFamilyAnswers401InItsOwnShape() {
		Exchange register = this.sandbox.ads("na", "POST", "/adsAccounts/list")
			.json(SandboxTestClient.LIST_ACCOUNTS, "{}")
			.withoutHeader("Authorization")
			.send();
		assertThat(register.status()).isEqualTo(401);
		assertThat(register.json().at("/errors/0/errorCode").stringValue()).isEqualTo("UNAUTHORIZED");
		assertThat(register.json().at("/errors/0/errorId").isNumber()).isTrue();

		Exchange get = this.sandbox.ads("na", "GET", "/adsAccounts/amzn1.ads-account.g.x")
			.withoutHeader("Authorization")
			.send();
		assertThat(get.status()).isEqualTo(401);
		assertThat(get.json().propertyNames()).containsExactly("message");

		Exchange v1 = this.sandbox.ads("na", "POST", "/adsApi/v1/query/sellingAccounts")
			.json("application/json", "{}")
			.withoutHeader("Authorization")
			.send();
		assertThat(v1.status()).isEqualTo(401);
		assertThat(v1.json().get("code").stringValue()).isEqualTo("UNAUTHORIZED");
		assertThat(v1.json().get("message").stringValue()).isNotBlank();
	}

	@Test
	void v1AcceptsEitherClientIdHeaderButNeedsOne() {
		String clientId = SandboxServer.demoCredentials().clientId();
		Exchange v1Header = this.sandbox.ads("na", "POST", "/adsApi/v1/query/sellingAccounts")
			.json("application/json", "{}")
			.send();
		Exchange legacyHeader = this.sandbox.ads("na", "POST", "/adsApi/v1/query/sellingAccounts")
			.json("application/json", "{}")
			.withoutHeader("Amazon-Ads-ClientId")
			.header("Amazon-Advertising-API-ClientId", clientId)
			.send();
		Exchange none = this.sandbox.ads("na", "POST", "/adsApi/v1/query/sellingAccounts")
			.json("application/json", "{}")
			.withoutHeader("Amazon-Ads-ClientId")
			.send();

		assertThat(v1Header.status()).isEqualTo(200);
		assertThat(legacyHeader.status()).isEqualTo(200);
		assertThat(none.status()).isEqualTo(401);
		assertThat(none.json().get("message").stringValue()).contains("Amazon-Ads-ClientId");

		// The older header is served but recorded: the v1 spec declares only the new one.
		JsonNode warnings = this.sandbox.raw("GET", "/sandbox/stats").send().json().get("warnings");
		assertThat(warnings).hasSize(1);
		assertThat(warnings.get(0).get("operation").stringValue()).isEqualTo("ads.na.QuerySellingAccount");
		assertThat(warnings.get(0).get("header").stringValue()).isEqualTo("amazon-ads-clientid");
		assertThat(warnings.get(0).get("value").isNull()).isTrue();
		assertThat(warnings.get(0).get("count").asLong()).isEqualTo(1);
		try (SandboxTestClient strict = SandboxTestClient.start(SandboxSettings.defaults().withStrict(true))) {
			Exchange strictLegacy = strict.ads("na", "POST", "/adsApi/v1/query/sellingAccounts")
				.json("application/json", "{}")
				.withoutHeader("Amazon-Ads-ClientId")
				.header("Amazon-Advertising-API-ClientId", clientId)
				.send();
			assertThat(strictLegacy.status()).isEqualTo(401);
			assertThat(strictLegacy.json().get("message").stringValue()).contains("Amazon-Ads-ClientId");
		}
	}

	@Test
	void vendorMediaTypesAreNegotiated() {
		Exchange vendorType = this.sandbox.ads("na", "POST", "/adsAccounts/list")
			.json(SandboxTestClient.LIST_ACCOUNTS, "{\"maxResults\":1}")
			.header("Accept", SandboxTestClient.LIST_ACCOUNTS)
			.send();
		Exchange plainJson = this.sandbox.ads("na", "POST", "/adsAccounts/list")
			.json("application/json", "{\"maxResults\":1}")
			.header("Accept", "application/json")
			.send();
		Exchange unsupported = this.sandbox.ads("na", "POST", "/adsAccounts/list")
			.json("text/plain", "{\"maxResults\":1}")
			.send();
		Exchange unacceptable = this.sandbox.ads("na", "GET", "/v2/profiles")
			.header("Accept", "application/xml")
			.send();

		assertThat(vendorType.status()).isEqualTo(200);
		assertThat(vendorType.header("Content-Type")).isEqualTo(SandboxTestClient.LIST_ACCOUNTS);
		assertThat(plainJson.status()).isEqualTo(200);
		assertThat(unsupported.status()).isEqualTo(415);
		assertThat(unsupported.json().at("/errors/0/errorCode").stringValue()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
		assertThat(unacceptable.status()).isEqualTo(406);
		assertThat(unacceptable.json().get("code").stringValue()).isEqualTo("NOT_ACCEPTABLE");
	}

	@Test
	void mediaTypesOffTheSpecButJsonAreServedAndRecordedAndRefusedInStrictMode() {
		Exchange otherVendorType = this.sandbox.ads("na", "GET", "/v2/profiles")
			.header("Accept", SandboxTestClient.LIST_ACCOUNTS)
			.send();
		Exchange plainJson = this.sandbox.ads("na", "POST", "/adsAccounts/list")
			.json("application/json", "{\"maxResults\":1}")
			.header("Accept", "application/json")
			.send();
		Exchange guided = this.sandbox.ads("na", "POST", "/adsAccounts/list")
			.json(SandboxTestClient.LIST_ACCOUNTS, "{\"maxResults\":1}")
			.header("Accept", SandboxTestClient.LIST_ACCOUNTS)
			.send();
		assertThat(otherVendorType.status()).isEqualTo(200);
		assertThat(plainJson.status()).isEqualTo(200);
		assertThat(guided.status()).isEqualTo(200);

		JsonNode warnings = this.sandbox.raw("GET", "/sandbox/stats").send().json().get("warnings");
		assertThat(warnings).hasSize(3);
		assertThat(warnings.get(0).get("operation").stringValue()).isEqualTo("ads.na.ListAdsAccounts");
		assertThat(warnings.get(0).get("header").stringValue()).isEqualTo("accept");
		assertThat(warnings.get(0).get("value").stringValue()).isEqualTo("application/json");
		assertThat(warnings.get(0).get("guidance").stringValue()).isEqualTo(SandboxTestClient.LIST_ACCOUNTS);
		assertThat(warnings.get(1).get("header").stringValue()).isEqualTo("content-type");
		assertThat(warnings.get(1).get("value").stringValue()).isEqualTo("application/json");
		assertThat(warnings.get(2).get("operation").stringValue()).isEqualTo("ads.na.listProfiles");
		assertThat(warnings.get(2).get("value").stringValue()).isEqualTo(SandboxTestClient.LIST_ACCOUNTS);
		assertThat(warnings.get(2).get("count").asLong()).isEqualTo(1);

		try (SandboxTestClient strict = SandboxTestClient.start(SandboxSettings.defaults().withStrict(true))) {
			Exchange strictAccept = strict.ads("na", "GET", "/v2/profiles")
				.header("Accept", SandboxTestClient.LIST_ACCOUNTS)
				.send();
			Exchange strictBody = strict.ads("na", "POST", "/adsAccounts/list")
				.json("application/json", "{\"maxResults\":1}")
				.header("Accept", SandboxTestClient.LIST_ACCOUNTS)
				.send();
			Exchange strictGuided = strict.ads("na", "POST", "/adsAccounts/list")
				.json(SandboxTestClient.LIST_ACCOUNTS, "{\"maxResults\":1}")
				.header("Accept", SandboxTestClient.LIST_ACCOUNTS)
				.send();
			assertThat(strictAccept.status()).isEqualTo(406);
			assertThat(strictAccept.json().get("code").stringValue()).isEqualTo("NOT_ACCEPTABLE");
			assertThat(strictBody.status()).isEqualTo(415);
			assertThat(strictBody.json().at("/errors/0/errorCode").stringValue()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
			assertThat(strictGuided.status()).isEqualTo(200);
			assertThat(strict.raw("GET", "/sandbox/stats").send().json().get("warnings")).isEmpty();
		}
	}

	@Test
	void malformedBodiesAre400InTheFamilyShape() {
		Exchange v2 = this.sandbox.ads("na", "POST", "/adsAccounts")
			.json(SandboxTestClient.ACCOUNTS_V2, "{\"associations\":")
			.send();
		Exchange v1 = this.sandbox.ads("na", "POST", "/adsApi/v1/create/advertiserAccounts")
			.json("application/json", "[1,2]")
			.send();

		assertThat(v2.status()).isEqualTo(400);
		assertThat(v2.json().at("/errors/0/errorCode").stringValue()).isEqualTo("INVALID_ARGUMENT");
		assertThat(v1.status()).isEqualTo(400);
		assertThat(v1.json().get("code").stringValue()).isEqualTo("BAD_REQUEST");
	}

	@Test
	void oversizedBodiesAre413() {
		String huge = "{\"advertiserAccounts\":[{\"displayName\":\"" + "x".repeat(1_100_000) + "\"}]}";

		Exchange answer = this.sandbox.ads("na", "POST", "/adsApi/v1/create/advertiserAccounts")
			.json("application/json", huge)
			.send();

		assertThat(answer.status()).isEqualTo(413);
		assertThat(answer.json().get("code").stringValue()).isEqualTo("CONTENT_TOO_LARGE");
	}

	@Test
	void unknownPathsAndRegionsArePlainJson404s() {
		Exchange unknownPath = this.sandbox.ads("na", "GET", "/v3/everything").send();
		Exchange unknownRegion = this.sandbox.raw("GET", "/ads/sa/v2/profiles").send();

		for (Exchange answer : new Exchange[] { unknownPath, unknownRegion }) {
			assertThat(answer.status()).isEqualTo(404);
			assertThat(answer.header("Content-Type")).isEqualTo("application/json");
			assertThat(answer.json().get("code").stringValue()).isEqualTo("NOT_FOUND");
			assertThat(answer.header("x-amzn-RequestId")).isNotBlank();
		}
	}

	@Test
	void tokensAreNotBoundToARegion() {
		for (String region : new String[] { "na", "eu", "fe" }) {
			assertThat(this.sandbox.ads(region, "GET", "/v2/profiles").send().status()).isEqualTo(200);
		}
	}

}
