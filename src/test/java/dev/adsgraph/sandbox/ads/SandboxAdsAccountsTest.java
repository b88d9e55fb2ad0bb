package dev.adsgraph.sandbox.ads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.SandboxCredentials;
import dev.adsgraph.sandbox.SandboxServer;
import dev.adsgraph.sandbox.SandboxSettings;
import dev.adsgraph.sandbox.SandboxTestClient;
import dev.adsgraph.sandbox.SandboxTestClient.Exchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Terms tokens, /adsAccounts registration and listing, as an integrator's onboarding flow
 * uses them.
 */
class SandboxAdsAccountsTest {

	private SandboxTestClient sandbox = SandboxTestClient.start();

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	@Test
	void termsTokenGoesFromCreatedToAcceptedToRedeemedAndIsSingleUse() {
		Exchange created = createTermsToken(SandboxServer.demoCredentials());
		String termsToken = created.json().get("termsToken").stringValue();
		assertThat(termsToken).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
		String termsUrl = created.json().get("termsUrl").stringValue();
		assertThat(termsUrl).isEqualTo(this.sandbox.server().baseUrl() + "/terms/agreement/" + termsToken);
		assertThat(termsStatus(termsToken)).isEqualTo("CREATED");

		Exchange page = this.sandbox.raw("GET", "/terms/agreement/" + termsToken).send();
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("<form method=\"post\">", "Accept and continue", "CREATED");
		Exchange clicked = this.sandbox.raw("POST", "/terms/agreement/" + termsToken)
			.body("application/x-www-form-urlencoded", "")
			.send();
		assertThat(clicked.body()).contains("ACCEPTED").doesNotContain("<form");
		assertThat(termsStatus(termsToken)).isEqualTo("ACCEPTED");

		Exchange registered = register(seller("A17CEDARLN4PTS"), termsToken);
		assertThat(registered.status()).isEqualTo(201);
		assertThat(termsStatus(termsToken)).isEqualTo("REDEEMED");

		Exchange reused = register(seller("A3MAPLETRL6CNQ"), termsToken);
		assertThat(reused.status()).isEqualTo(400);
		assertThat(reused.json().at("/errors/0/errorCode").stringValue()).isEqualTo("TERMS_TOKEN_ALREADY_REDEEMED");
	}

	@Test
	void anUnacceptedTermsTokenIsRejectedAndConsumesNothing() {
		String termsToken = createTermsToken(SandboxServer.demoCredentials()).json().get("termsToken").stringValue();

		Exchange rejected = register(seller("A17CEDARLN4PTS"), termsToken);

		assertThat(rejected.status()).isEqualTo(400);
		assertThat(rejected.json().at("/errors/0/errorCode").stringValue()).isEqualTo("TERMS_TOKEN_NOT_ACCEPTED");
		assertThat(termsStatus(termsToken)).isEqualTo("CREATED");
		assertThat(register(seller("A17CEDARLN4PTS"), null).status()).isEqualTo(201);
	}

	@Test
	void termsTokensAreVisibleOnlyToTheirUserAndMustBeUuids() {
		String agencyToken = createTermsToken(SandboxServer.agencyCredentials()).json().get("termsToken").stringValue();

		Exchange foreign = this.sandbox.ads("na", "GET", "/termsTokens/" + agencyToken).send();
		Exchange malformed = this.sandbox.ads("na", "GET", "/termsTokens/not-a-token").send();
		Exchange foreignInRegistration = register(seller("A17CEDARLN4PTS"), agencyToken);

		assertThat(foreign.status()).isEqualTo(400);
		assertThat(foreign.json().at("/errors/0/errorCode").stringValue()).isEqualTo("INVALID_TERMS_TOKEN");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(foreignInRegistration.status()).isEqualTo(400);
		assertThat(foreignInRegistration.json().at("/errors/0/errorCode").stringValue())
			.isEqualTo("INVALID_TERMS_TOKEN");
	}

	@Test
	void termsAcceptThemselvesWhenAnAcceptanceDelayIsConfigured() {
		this.sandbox.close();
		this.sandbox = SandboxTestClient
			.start(SandboxSettings.defaults().withTermsAcceptanceDelay(Duration.ofMillis(100)));
		String termsToken = createTermsToken(SandboxServer.demoCredentials()).json().get("termsToken").stringValue();

		assertThat(SandboxTestClient.await(() -> termsStatus(termsToken), "ACCEPTED"::equals)).isEqualTo("ACCEPTED");
	}

	@Test
	void aSellerRegistrationTurnsFromPendingToCreatedAndItsProfilesAppear() {
		String termsToken = acceptedTermsToken();
		Exchange registered = register(seller("A17CEDARLN4PTS"), termsToken);
		assertThat(registered.status()).isEqualTo(201);
		JsonNode adsAccount = registered.json().get("adsAccount");
		assertThat(adsAccount.get("status").stringValue()).isEqualTo("PENDING");
		assertThat(adsAccount.get("accountName").stringValue()).isEqualTo("Cedar Lane Pets LLC");
		String adsAccountId = adsAccount.get("adsAccountId").stringValue();
		assertThat(adsAccountId).matches("amzn1\\.ads-account\\.g\\.[0-9a-z]{25}");
		assertThat(sellerProfiles("na", "A17CEDARLN4PTS")).isEmpty();

		JsonNode account = awaitStatus(adsAccountId, "CREATED");

		assertThat(account.get("countryCodes")).extracting(JsonNode::stringValue).containsExactly("US", "CA");
		Map<String, Long> profileIds = new LinkedHashMap<>();
		Set<String> entityCountries = new HashSet<>();
		for (JsonNode alternateId : account.get("alternateIds")) {
			if (alternateId.has("profileId")) {
				profileIds.put(alternateId.get("countryCode").stringValue(), alternateId.get("profileId").asLong());
			}
			if (alternateId.has("entityId")) {
				assertThat(alternateId.get("entityId").stringValue()).startsWith("ENTITY");
				entityCountries.add(alternateId.get("countryCode").stringValue());
			}
		}
		assertThat(profileIds).containsOnlyKeys("US", "CA");
		assertThat(entityCountries).containsOnly("US", "CA");
		List<JsonNode> profiles = sellerProfiles("na", "A17CEDARLN4PTS");
		assertThat(profiles).extracting((p) -> p.get("profileId").asLong())
			.containsExactlyInAnyOrderElementsOf(profileIds.values());
		assertThat(profiles.get(0).get("dailyBudget").asDouble()).isEqualTo(999_999_999.0);
		assertThat(sellerProfiles("eu", "A17CEDARLN4PTS")).isEmpty();
	}

	@Test
	void countryCodesNarrowARegistrationToOneCountry() {
		Exchange registered = register(Map.of("amazonVendor", Map.of("vendorGroup", "7730002")), null, List.of("UK"));
		JsonNode account = awaitStatus(registered.json().at("/adsAccount/adsAccountId").stringValue(), "CREATED");

		assertThat(account.get("countryCodes")).extracting(JsonNode::stringValue).containsExactly("UK");
		assertThat(
				register(Map.of("amazonSeller", Map.of("sellerCentralAccount", "A3MAPLETRL6CNQ")), null, List.of("DE"))
					.json()
					.at("/errors/0/errorCode")
					.stringValue())
			.isEqualTo("UNSUPPORTED_COUNTRY");
	}

	@Test
	void documentedTriggersEndPartiallyCreatedOrDisabled() {
		String partialId = register(Map.of("amazonVendor", Map.of("vendorGroup", "7720415")), null).json()
			.at("/adsAccount/adsAccountId")
			.stringValue();
		String disabledId = register(seller("A2GREYMKT0QQ7Z"), null).json()
			.at("/adsAccount/adsAccountId")
			.stringValue();

		JsonNode partial = awaitStatus(partialId, "PARTIALLY_CREATED");
		JsonNode disabled = awaitStatus(disabledId, "DISABLED");

		assertThat(partial.get("alternateIds")).extracting((id) -> id.get("countryCode").stringValue())
			.containsOnly("US", "CA");
		assertThat(partial.at("/errors/MX/0/errorCode").stringValue()).isEqualTo("MARKETPLACE_NOT_ELIGIBLE");
		assertThat(disabled.get("alternateIds")).isEmpty();
		assertThat(disabled.at("/errors/US/0/errorCode").stringValue()).isEqualTo("ACCOUNT_NOT_ELIGIBLE");
		assertThat(sellerProfiles("na", "A2GREYMKT0QQ7Z")).isEmpty();
	}

	@Test
	void aUsBusinessRegistersAndGetsAUsProfile() {
		Exchange registered = register(Map.of("business", business("US", "https://www.havenhotel.example")), null,
				List.of("US"));
		assertThat(registered.status()).isEqualTo(201);

		JsonNode account = awaitStatus(registered.json().at("/adsAccount/adsAccountId").stringValue(), "CREATED");

		assertThat(account.get("accountName").stringValue()).isEqualTo("Haven Hotel Inc.");
		long profileId = account.get("alternateIds").get(0).get("profileId").asLong();
		Exchange profile = this.sandbox.ads("na", "GET", "/v2/profiles/" + profileId).send();
		assertThat(profile.json().get("countryCode").stringValue()).isEqualTo("US");
		assertThat(profile.json().at("/accountInfo/validPaymentMethod").booleanValue()).isFalse();
	}

	@Test
	void businessesOutsideTheUsOrOnPersonalDomainsAreRejected() {
		Exchange nonUs = register(Map.of("business", business("DE", "https://www.havenhotel.example")), null);
		Exchange gmail = register(Map.of("business", business("US", "https://gmail.com/havenhotel")), null);
		Exchange yahoo = register(Map.of("business", business("US", "www.yahoo.com")), null);
		Map<String, Object> noAddress = new LinkedHashMap<>(business("US", "https://www.havenhotel.example"));
		noAddress.remove("addressLine1");
		Exchange incomplete = register(Map.of("business", noAddress), null);

		assertThat(nonUs.status()).isEqualTo(400);
		assertThat(nonUs.json().at("/errors/0/errorCode").stringValue()).isEqualTo("UNSUPPORTED_COUNTRY");
		assertThat(gmail.json().at("/errors/0/errorCode").stringValue()).isEqualTo("UNPROFESSIONAL_DOMAIN");
		assertThat(yahoo.json().at("/errors/0/errorCode").stringValue()).isEqualTo("UNPROFESSIONAL_DOMAIN");
		assertThat(incomplete.status()).isEqualTo(400);
		assertThat(incomplete.json().at("/errors/0/errorMessage").stringValue()).contains("addressLine1");
	}

	@Test
	void anUnverifiableBusinessEndsDisabled() {
		Exchange registered = register(Map.of("business", business("US", "https://www.shellcompany.invalid")), null);

		JsonNode account = awaitStatus(registered.json().at("/adsAccount/adsAccountId").stringValue(), "DISABLED");

		assertThat(account.at("/errors/US/0/errorCode").stringValue()).isEqualTo("BUSINESS_VERIFICATION_FAILED");
	}

	@Test
	void authorsRegisterWithTheirKdpEmailButNotADisposableOne() {
		Exchange okafor = register(Map.of("amazonAuthor", Map.of("email", "m.okafor.books@gmail.com")), null);
		Exchange disposable = register(Map.of("amazonAuthor", Map.of("email", "someone@mailinator.com")), null);
		Exchange stranger = register(Map.of("amazonAuthor", Map.of("email", "stranger@example.com")), null);

		assertThat(okafor.status()).isEqualTo(201);
		assertThat(disposable.status()).isEqualTo(400);
		assertThat(disposable.json().at("/errors/0/errorCode").stringValue()).isEqualTo("UNPROFESSIONAL_EMAIL");
		assertThat(stranger.status()).isEqualTo(403);
	}

	@Test
	void aSellingPartnerBacksOnlyOneAdsAccount() {
		Exchange fixture = register(seller("A3NWOUTDR82KQZ"), null);
		assertThat(register(seller("A17CEDARLN4PTS"), null).status()).isEqualTo(201);
		Exchange again = register(seller("A17CEDARLN4PTS"), null);

		for (Exchange duplicate : new Exchange[] { fixture, again }) {
			assertThat(duplicate.status()).isEqualTo(400);
			assertThat(duplicate.json().at("/errors/0/errorCode").stringValue())
				.isEqualTo("ADS_ACCOUNT_ALREADY_EXISTS");
		}
	}

	@Test
	void onlyPartnersTheUserHasRightsOnCanBeRegistered() {
		Exchange othersSeller = register(seller("A1HILLCRST3VXZ"), null);
		Exchange unknownVendor = register(Map.of("amazonVendor", Map.of("vendorGroup", "1234567")), null);

		for (Exchange denied : new Exchange[] { othersSeller, unknownVendor }) {
			assertThat(denied.status()).isEqualTo(403);
			assertThat(denied.json().at("/errors/0/errorCode").stringValue()).isEqualTo("ACCESS_DENIED");
		}
	}

	@Test
	void anAssociationMustNameExactlyOnePartner() {
		Exchange two = register(Map.of("amazonSeller", Map.of("sellerCentralAccount", "A17CEDARLN4PTS"), "amazonVendor",
				Map.of("vendorGroup", "7730002")), null);
		Exchange none = this.sandbox.ads("na", "POST", "/adsAccounts")
			.json(SandboxTestClient.ACCOUNTS_V2, Map.of())
			.send();
		Exchange twoCountries = register(seller("A17CEDARLN4PTS"), null, List.of("US", "CA"));
		Exchange badSellerId = register(seller("a17-cedar"), null);

		for (Exchange invalid : new Exchange[] { two, none, twoCountries, badSellerId }) {
			assertThat(invalid.status()).as(invalid.toString()).isEqualTo(400);
			assertThat(invalid.json().at("/errors/0/errorCode").stringValue()).isEqualTo("INVALID_ARGUMENT");
		}
	}

	@Test
	void listingPagesThroughAllSixtyThreeAccounts() {
		Exchange first = list(Map.of("maxResults", 50));
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.json().get("adsAccounts").size()).isEqualTo(50);
		String nextToken = first.json().get("nextToken").stringValue();

		Exchange second = list(Map.of("maxResults", 50, "nextToken", nextToken));
		assertThat(second.json().get("adsAccounts").size()).isEqualTo(13);
		assertThat(second.json().has("nextToken")).isFalse();

		Set<String> ids = new HashSet<>();
		first.json().get("adsAccounts").forEach((a) -> ids.add(a.get("adsAccountId").stringValue()));
		second.json().get("adsAccounts").forEach((a) -> ids.add(a.get("adsAccountId").stringValue()));
		assertThat(ids).hasSize(63);
		assertThat(list(Map.of()).json().get("adsAccounts").size()).isEqualTo(63);
		JsonNode any = first.json().get("adsAccounts").get(0);
		assertThat(any.get("status").stringValue()).isEqualTo("CREATED");
		assertThat(any.get("alternateIds").size()).isEqualTo(2 * any.get("countryCodes").size());
	}

	@Test
	void invalidPagingInputIs400AndTokensDoNotCrossUsers() {
		String agencyToken = this.sandbox.ads("na", "POST", "/adsAccounts/list")
			.json(SandboxTestClient.LIST_ACCOUNTS, Map.of("maxResults", 1))
			.as(SandboxServer.agencyCredentials())
			.send()
			.json()
			.get("nextToken")
			.stringValue();

		for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("maxResults", 0), Map.of("maxResults", 101),
				Map.of("maxResults", 2.5), Map.of("nextToken", "garbage"), Map.of("nextToken", agencyToken))) {
			Exchange answer = list(body);
			assertThat(answer.status()).as(body.toString()).isEqualTo(400);
			assertThat(answer.json().at("/errors/0/errorCode").stringValue()).isEqualTo("INVALID_ARGUMENT");
		}
	}

	@Test
	void gettingAnotherUsersOrAnUnknownAccountIs404WithAMessage() {
		String agencyAccount = this.sandbox.ads("na", "POST", "/adsAccounts/list")
			.json(SandboxTestClient.LIST_ACCOUNTS, Map.of("maxResults", 1))
			.as(SandboxServer.agencyCredentials())
			.send()
			.json()
			.at("/adsAccounts/0/adsAccountId")
			.stringValue();

		Exchange foreign = this.sandbox.ads("na", "GET", "/adsAccounts/" + agencyAccount).send();

		assertThat(foreign.status()).isEqualTo(404);
		assertThat(foreign.json().get("message").stringValue()).contains(agencyAccount);
	}

	private Exchange createTermsToken(SandboxCredentials credentials) {
		Exchange created = this.sandbox.ads("na", "POST", "/termsTokens")
			.json(SandboxTestClient.TERMS_REQUEST, "{}")
			.as(credentials)
			.send();
		assertThat(created.status()).isEqualTo(201);
		return created;
	}

	private String acceptedTermsToken() {
		String termsToken = createTermsToken(SandboxServer.demoCredentials()).json().get("termsToken").stringValue();
		assertThat(this.sandbox.raw("POST", "/sandbox/termsTokens/" + termsToken + "/accept").send().status())
			.isEqualTo(200);
		return termsToken;
	}

	private String termsStatus(String termsToken) {
		Exchange status = this.sandbox.ads("eu", "GET", "/termsTokens/" + termsToken).send();
		assertThat(status.status()).isEqualTo(200);
		return status.json().get("termsTokenStatus").stringValue();
	}

	private static Map<String, Object> seller(String sellerCentralAccount) {
		return Map.of("amazonSeller", Map.of("sellerCentralAccount", sellerCentralAccount));
	}

	private static Map<String, Object> business(String countryCode, String websiteUrl) {
		Map<String, Object> business = new LinkedHashMap<>();
		business.put("name", "Haven Hotel Inc.");
		business.put("phone", "555-555-5555");
		business.put("websiteUrl", websiteUrl);
		business.put("addressLine1", "450 W 33rd St.");
		business.put("addressLine2", "7th Floor");
		business.put("city", "New York");
		business.put("state", "New York");
		business.put("zipCode", "10001");
		business.put("countryCode", countryCode);
		return business;
	}

	private Exchange register(Map<String, Object> association, String termsToken) {
		return register(association, termsToken, null);
	}

	private Exchange register(Map<String, Object> association, String termsToken, List<String> countryCodes) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("associations", List.of(association));
		if (termsToken != null) {
			body.put("termsToken", termsToken);
		}
		if (countryCodes != null) {
			body.put("countryCodes", countryCodes);
		}
		return this.sandbox.ads("na", "POST", "/adsAccounts").json(SandboxTestClient.ACCOUNTS_V2, body).send();
	}

	private Exchange list(Map<String, Object> body) {
		return this.sandbox.ads("fe", "POST", "/adsAccounts/list").json(SandboxTestClient.LIST_ACCOUNTS, body).send();
	}

	private JsonNode awaitStatus(String adsAccountId, String status) {
		JsonNode account = SandboxTestClient.await(
				() -> this.sandbox.ads("eu", "GET", "/adsAccounts/" + adsAccountId).send().json().get("adsAccount"),
				(current) -> !current.get("status").stringValue().equals("PENDING"));
		assertThat(account.get("status").stringValue()).isEqualTo(status);
		return account;
	}

	private List<JsonNode> sellerProfiles(String region, String sellerId) {
		List<JsonNode> profiles = new ArrayList<>();
		this.sandbox.ads(region, "GET", "/v2/profiles").send().json().forEach((profile) -> {
			if (profile.at("/accountInfo/id").stringValue().equals(sellerId)) {
				profiles.add(profile);
			}
		});
		return profiles;
	}

}
