package dev.adsgraph.e2e;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code AdsAccount.readiness} over HTTP, for accounts registered through the gateway.
 * The application {@code RegistrationRecordsTest} uses: registrations stay pending until
 * a test settles them in the sandbox, so a test sees the waiting state for sure.
 */
@TestPropertySource(properties = { "adsgraph.sandbox.registration-delay=1h" })
class ReadinessTest extends SandboxGatewayTest {

	static final String CREATE_TOKEN = """
			mutation { createTermsToken { termsToken { token } userErrors { code message } } }""";

	static final String REGISTER = """
			mutation($input: RegisterAdsAccountInput!) {
			  registerAdsAccount(input: $input) {
			    adsAccount { id status readiness { state summary nextStep { kind } steps { kind done status nextAction link } } }
			    userErrors { code message }
			  }
			}""";

	static final String READINESS = """
			query($id: ID!) { adsAccount(id: $id) { id status
			  readiness { state summary nextStep { kind done status nextAction link } steps { kind done status nextAction link } } } }""";

	/** Registers the fixture seller in the US with an accepted terms token. */
	static String registerSeller(GatewayClient client, String sellerCentralAccount) {
		return register(client, Map.of("countryCode", "US", "association",
				Map.of("amazonSeller", Map.of("sellerCentralAccount", sellerCentralAccount))));
	}

	/** Registers an ads account with an accepted terms token; its id. */
	static String register(GatewayClient client, Map<String, Object> input) {
		Map<String, Object> token = client.graphql(CREATE_TOKEN);
		assertNoErrors(token);
		String termsToken = at(token, "data.createTermsToken.termsToken.token");
		client.acceptTerms(termsToken);
		Map<String, Object> withToken = new HashMap<>(input);
		withToken.put("termsToken", termsToken);
		Map<String, Object> answer = client.graphql(REGISTER, Map.of("input", withToken));
		assertNoErrors(answer);
		assertThat((List<?>) at(answer, "data.registerAdsAccount.userErrors")).isEmpty();
		assertThat((Object) at(answer, "data.registerAdsAccount.adsAccount.readiness.state")).isEqualTo("WAITING");
		return at(answer, "data.registerAdsAccount.adsAccount.id");
	}

	static Map<String, Object> readiness(GatewayClient client, String adsAccountId) {
		Map<String, Object> answer = client.graphql(READINESS, Map.of("id", adsAccountId));
		assertNoErrors(answer);
		return at(answer, "data.adsAccount.readiness");
	}

	static Map<String, Object> step(Map<String, Object> readiness, String kind) {
		List<Map<String, Object>> steps = at(readiness, "steps");
		return steps.stream().filter((s) -> kind.equals(s.get("kind"))).findFirst().orElseThrow();
	}

	@Test
	void aFreshlyRegisteredSellerWaitsForAmazonThenIsRegistered() {
		String id = registerSeller(this.client, "A3MAPLETRL6CNQ");

		Map<String, Object> pending = readiness(this.client, id);
		assertThat((Object) at(pending, "state")).isEqualTo("WAITING");
		assertThat((Object) at(pending, "summary")).isEqualTo("Wait for Amazon to create the account");
		assertThat((Object) at(pending, "nextStep.kind")).isEqualTo("REGISTRATION");
		assertThat(step(pending, "REGISTRATION")).containsEntry("done", false)
			.containsEntry("nextAction", "Wait for Amazon to create the account");
		assertThat((List<Map<String, Object>>) at(pending, "steps")).extracting((s) -> s.get("kind"))
			.containsExactly("REGISTRATION", "BILLING", "ACCESS");
		assertThat((List<Map<String, Object>>) at(pending, "steps")).allSatisfy(
				(s) -> assertThat(s.get("done")).as("no step of a pending account is done: %s", s).isEqualTo(false));

		this.client.settleRegistration(id);

		Map<String, Object> created = readiness(this.client, id);
		assertThat(step(created, "REGISTRATION")).containsEntry("done", true)
			.containsEntry("status", "Created")
			.containsEntry("nextAction", null);
		// Billing and access are not set up for a new account: it cannot advertise yet.
		assertThat((Object) at(created, "state")).isEqualTo("ACTION_NEEDED");
		assertThat((Object) at(created, "nextStep.kind")).isIn("BILLING", "ACCESS");
		assertThat(step(created, "BILLING")).containsEntry("done", false);
		assertThat(step(created, "ACCESS")).containsEntry("done", false);
	}

	@Test
	void aDisabledRegistrationNeedsActionAndSaysWhy() {
		String id = registerSeller(this.client, "A2GREYMKT0QQ7Z");
		this.client.settleRegistration(id);

		Map<String, Object> disabled = readiness(this.client, id);
		assertThat((Object) at(disabled, "state")).isEqualTo("ACTION_NEEDED");
		assertThat((Object) at(disabled, "nextStep.kind")).isEqualTo("REGISTRATION");
		assertThat((String) at(disabled, "nextStep.status")).startsWith("Disabled: US: ACCOUNT_NOT_ELIGIBLE");
		assertThat((String) at(disabled, "summary")).contains("US: ACCOUNT_NOT_ELIGIBLE");
	}

	@Test
	void theRegistrationPayloadCarriesTheReadinessOfThePendingAccount() {
		Map<String, Object> token = this.client.graphql(CREATE_TOKEN);
		String termsToken = at(token, "data.createTermsToken.termsToken.token");
		this.client.acceptTerms(termsToken);
		// A business: no selling partner backs it, so it can be registered again and
		// again.
		Map<String, Object> answer = this.client
			.graphql(REGISTER,
					Map.of("input", Map.of("termsToken", termsToken, "association",
							Map.of("business", Map.of("name", "Harborview Dental Group", "phone", "+1 206 555 0199",
									"addressLine1", "400 Pine St", "city", "Seattle", "state", "WA", "zipCode", "98101",
									"countryCode", "US", "websiteUrl", "https://www.harborview-dental.example")))));
		assertNoErrors(answer);
		Map<String, Object> readiness = at(answer, "data.registerAdsAccount.adsAccount.readiness");
		assertThat((Object) at(readiness, "state")).isEqualTo("WAITING");
		assertThat((Object) at(readiness, "nextStep.kind")).isEqualTo("REGISTRATION");
	}

	@Test
	void aPageOfAccountsHasTheReadinessOfEach() {
		Map<String, Object> answer = this.client
			.graphql("{ adsAccounts(first: 50) { nodes { id status readiness { state steps { kind done } } } } }");
		assertNoErrors(answer);
		List<Map<String, Object>> nodes = at(answer, "data.adsAccounts.nodes");
		assertThat(nodes).hasSize(50).allSatisfy((account) -> {
			List<Map<String, Object>> steps = at(account, "readiness.steps");
			assertThat(steps).hasSize(3);
			assertThat(steps.get(0).get("done")).isEqualTo("CREATED".equals(account.get("status")));
		});
	}

}
