package dev.adsgraph.e2e;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Terms tokens and ads account registration, end to end through the sandbox's state
 * machines. Input the gateway refuses before calling Amazon is tested on the schema in
 * {@code accounts.AdsAccountRegistrationInputTest}.
 */
class RegistrationTest extends SandboxGatewayTest {

	private static final String CREATE_TOKEN = """
			mutation { createTermsToken { termsToken { token status termsType acceptanceUrl } userErrors { code message } } }""";

	private static final String TOKEN_STATUS = "query($t: ID!) { termsToken(token: $t) { token status termsType } }";

	private static final String REGISTER = """
			mutation($input: RegisterAdsAccountInput!) {
			  registerAdsAccount(input: $input) {
			    adsAccount { id name status }
			    userErrors { code message field }
			  }
			}""";

	private static final String ACCOUNT = """
			query($id: ID!) { adsAccount(id: $id) { id status countryCodes alternateIds { countryCode profileId }
			  profiles { id countryCode accountInfo { accountId type } } errors { countryCode code message } } }""";

	private String acceptedToken() {
		String token = createdToken();
		this.client.acceptTerms(token);
		return token;
	}

	private String createdToken() {
		Map<String, Object> answer = this.client.graphql(CREATE_TOKEN);
		assertNoErrors(answer);
		return at(answer, "data.createTermsToken.termsToken.token");
	}

	private Map<String, Object> register(Map<String, Object> input) {
		Map<String, Object> answer = this.client.graphql(REGISTER, Map.of("input", input));
		assertNoErrors(answer);
		return at(answer, "data.registerAdsAccount");
	}

	private static Map<String, Object> seller(String token, String seller) {
		return Map.of("termsToken", token, "countryCode", "US", "association",
				Map.of("amazonSeller", Map.of("sellerCentralAccount", seller)));
	}

	@Test
	void aTermsTokenGoesFromCreatedToAccepted() {
		Map<String, Object> created = this.client.graphql(CREATE_TOKEN);
		Map<String, Object> token = at(created, "data.createTermsToken.termsToken");
		assertThat(token).containsEntry("status", "CREATED").containsEntry("termsType", "ADVERTISING");
		assertThat((String) token.get("acceptanceUrl")).startsWith("http").contains((String) token.get("token"));
		assertThat((String) at(this.client.graphql(TOKEN_STATUS, Map.of("t", token.get("token"))),
				"data.termsToken.status"))
			.isEqualTo("CREATED");
		this.client.acceptTerms((String) token.get("token"));
		assertThat((String) at(this.client.graphql(TOKEN_STATUS, Map.of("t", token.get("token"))),
				"data.termsToken.status"))
			.isEqualTo("ACCEPTED");
	}

	@Test
	void aSellerRegistrationReachesCreatedAndItsProfilesAppear() {
		String token = acceptedToken();
		Map<String, Object> payload = register(seller(token, "A17CEDARLN4PTS"));
		assertThat((List<?>) payload.get("userErrors")).isEmpty();
		assertThat((Object) at(payload, "adsAccount.status")).isEqualTo("PENDING");
		String id = at(payload, "adsAccount.id");

		Map<String, Object> done = eventually(() -> this.client.graphql(ACCOUNT, Map.of("id", id)),
				(a) -> !"PENDING".equals(at(a, "data.adsAccount.status")));
		assertNoErrors(done);
		assertThat((Object) at(done, "data.adsAccount.status")).isEqualTo("CREATED");
		List<Map<String, Object>> profiles = at(done, "data.adsAccount.profiles");
		assertThat(profiles).isNotEmpty()
			.allSatisfy((p) -> assertThat((Object) at(p, "accountInfo.accountId")).isEqualTo("A17CEDARLN4PTS"));

		List<Map<String, Object>> listed = at(this.client.graphql("{ profiles { id } }"), "data.profiles");
		assertThat(listed).extracting((p) -> p.get("id"))
			.containsAll(profiles.stream().map((p) -> p.get("id")).toList());
		assertThat((String) at(this.client.graphql(TOKEN_STATUS, Map.of("t", token)), "data.termsToken.status"))
			.isEqualTo("REDEEMED");
	}

	@Test
	void aRedeemedTokenCannotBeUsedAgain() {
		String token = acceptedToken();
		assertThat((List<?>) register(seller(token, "A3MAPLETRL6CNQ")).get("userErrors")).isEmpty();
		Map<String, Object> again = register(seller(token, "A3MAPLETRL6CNQ"));
		assertThat((Object) again.get("adsAccount")).isNull();
		assertThat((List<?>) again.get("userErrors")).hasSize(1);
	}

	@Test
	void aTokenTheUserHasNotAcceptedIsRefused() {
		Map<String, Object> payload = register(seller(createdToken(), "A2GREYMKT0QQ7Z"));
		assertThat((Object) payload.get("adsAccount")).isNull();
		assertThat((String) at(payload, "userErrors.0.message")).containsIgnoringCase("accept");
	}

	@Test
	void aVendorWithAnIneligibleCountryEndsPartiallyCreated() {
		Map<String, Object> payload = register(Map.of("termsToken", acceptedToken(), "association",
				Map.of("amazonVendor", Map.of("vendorGroup", "7720415"))));
		assertThat((List<?>) payload.get("userErrors")).isEmpty();
		String id = at(payload, "adsAccount.id");
		Map<String, Object> done = eventually(() -> this.client.graphql(ACCOUNT, Map.of("id", id)),
				(a) -> !"PENDING".equals(at(a, "data.adsAccount.status")));
		assertThat((Object) at(done, "data.adsAccount.status")).isEqualTo("PARTIALLY_CREATED");
		assertThat((Object) at(done, "data.adsAccount.errors.0.countryCode")).isEqualTo("MX");
	}

	@Test
	void anAuthorIsRegisteredWithTheirKdpEmail() {
		Map<String, Object> payload = register(Map.of("termsToken", acceptedToken(), "association",
				Map.of("amazonAuthor", Map.of("email", "m.okafor.books@gmail.com"))));
		assertThat((List<?>) payload.get("userErrors")).isEmpty();
		assertThat((Object) at(payload, "adsAccount.status")).isEqualTo("PENDING");
	}

	@Test
	void aUsBusinessOnItsOwnDomainIsRegistered() {
		Map<String, Object> payload = register(Map.of("termsToken", acceptedToken(), "association",
				Map.of("business",
						Map.of("name", "Harborview Dental Group", "phone", "+1 206 555 0199", "addressLine1",
								"400 Pine St", "city", "Seattle", "state", "WA", "zipCode", "98101", "countryCode",
								"US", "websiteUrl", "https://www.harborview-dental.example"))));
		assertThat((List<?>) payload.get("userErrors")).isEmpty();
		assertThat((Object) at(payload, "adsAccount.status")).isEqualTo("PENDING");
	}

	@Test
	void anUnknownTermsTokenIsNotFound() {
		Map<String, Object> unknown = this.client.graphql(TOKEN_STATUS,
				Map.of("t", "3f1d1a52-9c1e-4e4b-8f4e-2d5f6a7b8c9d"));
		assertThat(errorCode(unknown)).isEqualTo("NOT_FOUND");
	}

}
