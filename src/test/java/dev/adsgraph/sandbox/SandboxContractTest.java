package dev.adsgraph.sandbox;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.adsgraph.sandbox.SandboxTestClient.Exchange;

import static dev.adsgraph.sandbox.SandboxContracts.assertValid;
import static dev.adsgraph.sandbox.SandboxContracts.assertValidResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every simulated operation, success and main errors, checked against Amazon's own
 * OpenAPI files over real HTTP.
 */
class SandboxContractTest {

	private final SandboxTestClient sandbox = SandboxTestClient.start();

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	@Test
	void profileAnswersFollowTheProfilesSpec() {
		Exchange list = this.sandbox.ads("na", "GET", "/v2/profiles?apiProgram=campaign&accessLevel=view").send();
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().size()).isGreaterThan(10);
		assertValid(list);

		Exchange vendors = this.sandbox
			.ads("eu", "GET", "/v2/profiles?profileTypeFilter=vendor&validPaymentMethodFilter=false")
			.send();
		assertThat(vendors.json().size()).isEqualTo(1);
		assertValid(vendors);

		long profileId = list.json().get(0).get("profileId").asLong();
		Exchange one = this.sandbox.ads("na", "GET", "/v2/profiles/" + profileId).send();
		assertThat(one.status()).isEqualTo(200);
		assertValid(one);

		assertValidResponse(this.sandbox.ads("na", "GET", "/v2/profiles?apiProgram=everything").send());
		assertValidResponse(this.sandbox.ads("na", "GET", "/v2/profiles/1").send());
		assertValidResponse(this.sandbox.ads("na", "GET", "/v2/profiles").withoutHeader("Authorization").send());
	}

	@Test
	void termsTokenAnswersFollowTheAdvertisingAccountsSpec() {
		Exchange created = this.sandbox.ads("na", "POST", "/termsTokens")
			.json(SandboxTestClient.TERMS_REQUEST, Map.of("termsType", "ADVERTISING"))
			.send();
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.header("Content-Type")).isEqualTo("application/vnd.termstokenresource.v1+json");
		assertValid(created);

		Exchange status = this.sandbox
			.ads("na", "GET", "/termsTokens/" + created.json().get("termsToken").stringValue())
			.send();
		assertThat(status.status()).isEqualTo(200);
		assertValid(status);

		Exchange badType = this.sandbox.ads("na", "POST", "/termsTokens")
			.json(SandboxTestClient.TERMS_REQUEST, Map.of("termsType", "SOMETHING"))
			.send();
		assertThat(badType.status()).isEqualTo(400);
		assertValidResponse(badType);
		Exchange unknown = this.sandbox.ads("na", "GET", "/termsTokens/4de3327e-a595-44cb-b689-f7f746805c02").send();
		assertThat(unknown.status()).isEqualTo(400);
		assertValid(unknown);
	}

	@Test
	void adsAccountAnswersFollowTheAdvertisingAccountsSpec() {
		Exchange registered = this.sandbox.ads("na", "POST", "/adsAccounts")
			.json(SandboxTestClient.ACCOUNTS_V2,
					Map.of("associations",
							List.of(Map.of("amazonSeller", Map.of("sellerCentralAccount", "A17CEDARLN4PTS")))))
			.send();
		assertThat(registered.status()).isEqualTo(201);
		assertValid(registered);
		String adsAccountId = registered.json().at("/adsAccount/adsAccountId").stringValue();

		Exchange pending = this.sandbox.ads("na", "GET", "/adsAccounts/" + adsAccountId).send();
		assertValid(pending);
		Exchange created = SandboxTestClient.await(
				() -> this.sandbox.ads("na", "GET", "/adsAccounts/" + adsAccountId).send(),
				(exchange) -> exchange.json().at("/adsAccount/status").stringValue().equals("CREATED"));
		assertValid(created);

		Exchange page = this.sandbox.ads("eu", "POST", "/adsAccounts/list")
			.json(SandboxTestClient.LIST_ACCOUNTS, Map.of("maxResults", 50))
			.send();
		assertThat(page.status()).isEqualTo(200);
		assertValid(page);
		Exchange next = this.sandbox.ads("eu", "POST", "/adsAccounts/list")
			.json(SandboxTestClient.LIST_ACCOUNTS, Map.of("nextToken", page.json().get("nextToken").stringValue()))
			.send();
		assertValid(next);

		Exchange forbidden = this.sandbox.ads("na", "POST", "/adsAccounts")
			.json(SandboxTestClient.ACCOUNTS_V2,
					Map.of("associations",
							List.of(Map.of("amazonSeller", Map.of("sellerCentralAccount", "A1HILLCRST3VXZ")))))
			.send();
		assertThat(forbidden.status()).isEqualTo(403);
		assertValid(forbidden);
		Exchange invalid = this.sandbox.ads("na", "POST", "/adsAccounts/list")
			.json(SandboxTestClient.LIST_ACCOUNTS, Map.of("maxResults", 0))
			.send();
		assertThat(invalid.status()).isEqualTo(400);
		assertValidResponse(invalid);
		assertValid(
				this.sandbox.ads("na", "GET", "/adsAccounts/amzn1.ads-account.g.doesnotexist00000000000000").send());
		Exchange badId = this.sandbox.ads("na", "GET", "/adsAccounts/bad!id").send();
		assertThat(badId.status()).isEqualTo(400);
		assertValidResponse(badId);
		assertValidResponse(this.sandbox.ads("na", "GET", "/adsAccounts/" + adsAccountId)
			.header("Amazon-Advertising-API-ClientId", "someone-else")
			.send());
	}

	@Test
	void advertiserAccountAnswersFollowTheV1Spec() {
		Exchange selling = this.sandbox.ads("na", "POST", "/adsApi/v1/query/sellingAccounts")
			.json("application/json",
					Map.of("sellingProgramFilter", Map.of("include", List.of("AMAZON_SELLER")), "maxResults", 10))
			.send();
		assertThat(selling.status()).isEqualTo(200);
		assertValid(selling);

		Exchange created = this.sandbox.ads("na", "POST", "/adsApi/v1/create/advertiserAccounts")
			.json("application/json", Map.of("advertiserAccounts", List.of(
					Map.of("businessDetails",
							List.of(Map.of("address",
									Map.of("addressLine1", "1 Main St", "businessName", "Contract Co", "city", "Boston",
											"countryCode", "US", "state", "MA", "zipCode", "02110"))),
							"currencyCode", "USD", "timeZoneIana", "America/New_York"),
					Map.of("businessDetails",
							List.of(Map.of("address",
									Map.of("addressLine1", "1 Main St", "businessName", "Contract Co", "city", "Boston",
											"countryCode", "US", "state", "MA", "zipCode", "ABC")))))))
			.send();
		assertThat(created.status()).isEqualTo(207);
		assertThat(created.json().get("error").get(0).get("index").asInt()).isEqualTo(1);
		assertValid(created);

		Exchange updated = this.sandbox.ads("na", "POST", "/adsApi/v1/update/advertiserAccounts")
			.json("application/json", Map.of("advertiserAccounts",
					List.of(Map.of("advertiserAccountId",
							created.json().at("/success/0/advertiserAccount/advertiserAccountId").stringValue(),
							"displayName", "Renamed"), Map.of("advertiserAccountId", "amzn1.ads-account.g.unknown"))))
			.send();
		assertThat(updated.status()).isEqualTo(207);
		assertValid(updated);

		Exchange query = this.sandbox.ads("na", "POST", "/adsApi/v1/query/advertiserAccounts")
			.json("application/json", Map.of("maxResults", 10))
			.send();
		assertThat(query.status()).isEqualTo(200);
		assertValid(query);

		Exchange empty = this.sandbox.ads("na", "POST", "/adsApi/v1/create/advertiserAccounts")
			.json("application/json", Map.of("advertiserAccounts", List.of()))
			.send();
		assertThat(empty.status()).isEqualTo(400);
		assertValidResponse(empty);
		Exchange badQuery = this.sandbox.ads("na", "POST", "/adsApi/v1/query/sellingAccounts")
			.json("application/json", Map.of("maxResults", 5))
			.send();
		assertThat(badQuery.status()).isEqualTo(400);
		assertValidResponse(badQuery);
		Exchange unauthorized = this.sandbox.ads("na", "POST", "/adsApi/v1/query/advertiserAccounts")
			.json("application/json", "{}")
			.withoutHeader("Amazon-Ads-ClientId")
			.send();
		assertThat(unauthorized.status()).isEqualTo(401);
		assertValidResponse(unauthorized);
	}

	@Test
	void contractCheckIsLiveAndItsWhitelistNarrow() {
		Exchange brokenProfile = new Exchange("GET", "/ads/na/v2/profiles/1", Map.of(), null, 200,
				Map.of("Content-Type", List.of("application/json")), "{\"profileId\":\"one\",\"countryCode\":\"GB\"}");
		assertThatThrownBy(() -> assertValidResponse(brokenProfile)).isInstanceOf(AssertionError.class)
			.hasMessageContaining("countryCode");

		String multiStatus = "{\"success\":[],\"error\":[{\"index\":7,\"errors\":[{\"code\":\"%s\",\"message\":\"m\"}]}]}";
		Exchange laterIndex = new Exchange("POST", "/ads/na/adsApi/v1/create/advertiserAccounts", Map.of(), null, 207,
				Map.of("Content-Type", List.of("application/json")), multiStatus.formatted("INVALID_ZIP_CODE"));
		assertValidResponse(laterIndex);
		Exchange unknownCode = new Exchange("POST", "/ads/na/adsApi/v1/create/advertiserAccounts", Map.of(), null, 207,
				Map.of("Content-Type", List.of("application/json")), multiStatus.formatted("ZIP_IS_WRONG"));
		assertThatThrownBy(() -> assertValidResponse(unknownCode)).isInstanceOf(AssertionError.class);
		Exchange undeclaredSuccess = new Exchange("GET", "/ads/na/v2/profiles", Map.of(), null, 202,
				Map.of("Content-Type", List.of("application/json")), "[]");
		assertThatThrownBy(() -> assertValidResponse(undeclaredSuccess)).isInstanceOf(AssertionError.class);
	}

}
