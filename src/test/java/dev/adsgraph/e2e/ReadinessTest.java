package dev.adsgraph.e2e;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

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

	static final String INVITE = """
			mutation($id: ID!, $invitations: [UserInvitationInput!]!, $key: String) {
			  inviteUsers(adsAccountId: $id, invitations: $invitations, idempotencyKey: $key) {
			    results { invitation { id status } userErrors { code message } } userErrors { code message } } }""";

	static final String LINK = """
			mutation($manager: ID!, $accounts: [ID!]!, $key: String) {
			  linkAdsAccountsToManagerAccount(managerAccountId: $manager, accounts: $accounts, idempotencyKey: $key) {
			    results { index done userErrors { code message } } userErrors { code message } } }""";

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

	/**
	 * Issue 18's newcomer, over HTTP: registers a seller and waits for Amazon; follows
	 * the billing link and completes the sandbox's billing page, which the next readiness
	 * shows (past the billing cache); invites a colleague, which leaves ACCESS open while
	 * the invitation is pending, and the colleague accepts; the account is then ready to
	 * advertise.
	 */
	@Test
	void aNewcomerGoesFromRegistrationToReadyToAdvertise() {
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

		// Registered; billing is the next step, with the link to its page.
		Map<String, Object> created = readiness(this.client, id);
		assertThat(step(created, "REGISTRATION")).containsEntry("done", true)
			.containsEntry("status", "Created")
			.containsEntry("nextAction", null);
		assertThat((Object) at(created, "state")).isEqualTo("ACTION_NEEDED");
		assertThat((Object) at(created, "nextStep.kind")).isEqualTo("BILLING");
		assertThat((Object) at(created, "summary")).isEqualTo("Set up billing");
		String billingLink = (String) step(created, "BILLING").get("link");
		assertThat(billingLink).isEqualTo(this.sandboxUrl + "/sandbox/billing/setup?adsAccountId=" + id);

		GatewayClient.Raw page = this.client.get(billingLink);
		assertThat(page.status()).isEqualTo(200);
		assertThat(this.client.postForm(billingLink, Map.of()).status()).isEqualTo(200);

		// Billing done at once (the country the cache held as not set up is read again);
		// access is next: no manager account links the new account yet.
		Map<String, Object> billed = readiness(this.client, id);
		assertThat(step(billed, "BILLING")).containsEntry("done", true).containsEntry("link", null);
		assertThat((Object) at(billed, "nextStep.kind")).isEqualTo("ACCESS");
		assertThat(step(billed, "ACCESS")).containsEntry("done", false)
			.containsEntry("status", "Not linked to a manager account.")
			.containsEntry("nextAction", "Link the account to a manager account");
		assertThat((Object) at(billed, "summary")).isEqualTo("Link the account to a manager account");

		String manager = at(this.client.graphql("{ managerAccounts { id } }"), "data.managerAccounts.0.id");
		Map<String, Object> linked = this.client.graphql(LINK,
				Map.of("manager", manager, "accounts", List.of(id), "key", UUID.randomUUID().toString()));
		assertNoErrors(linked);
		assertThat((Object) at(linked, "data.linkAdsAccountsToManagerAccount.results.0.done")).isEqualTo(true);
		Map<String, Object> managed = readiness(this.client, id);
		assertThat((String) step(managed, "ACCESS").get("status")).doesNotContain("Not linked");
		assertThat((Object) at(managed, "state")).isEqualTo("READY_TO_ADVERTISE");
		// No invitation pending: the next readiness reuses that instead of asking Amazon.
		long listed = this.client.sandboxCount("ListUserInvitations");
		assertThat((Object) at(readiness(this.client, id), "state")).isEqualTo("READY_TO_ADVERTISE");
		assertThat(this.client.sandboxCount("ListUserInvitations")).isEqualTo(listed);

		// A colleague is invited: ACCESS waits for them to accept.
		Map<String, Object> invited = this.client
			.graphql(INVITE, Map.of("id", id, "key", UUID.randomUUID().toString(), "invitations", List
				.of(Map.of("emailAddress", "sam.colleague@mapletrail.example", "userName", "Sam", "role", "EDITOR"))));
		assertNoErrors(invited);
		assertThat((List<?>) at(invited, "data.inviteUsers.userErrors")).isEmpty();
		String invitationId = at(invited, "data.inviteUsers.results.0.invitation.id");
		Map<String, Object> inviting = readiness(this.client, id);
		assertThat(step(inviting, "ACCESS")).containsEntry("done", false);
		assertThat(step(inviting, "ACCESS")).containsEntry("status", "1 invitation is pending.")
			.containsEntry("nextAction",
					"Wait for the invited users to accept, or revoke the invitations they will not use.");
		assertThat((Object) at(inviting, "state")).isEqualTo("ACTION_NEEDED");

		GatewayClient.Raw accepted = this.client
			.postForm(this.sandboxUrl + "/sandbox/userInvitations/" + invitationId + "/redeem", Map.of());
		assertThat(accepted.status()).as(accepted.body()).isLessThan(300);

		Map<String, Object> ready = readiness(this.client, id);
		assertThat((List<Map<String, Object>>) at(ready, "steps"))
			.allSatisfy((s) -> assertThat(s.get("done")).as("every step done: %s", s).isEqualTo(true));
		assertThat((Object) at(ready, "state")).isEqualTo("READY_TO_ADVERTISE");
		assertThat((Object) at(ready, "summary")).isEqualTo("Ready to advertise");
		assertThat((Object) at(ready, "nextStep")).isNull();
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
	void theReadinessSubscriptionSendsTheCurrentStateThenEachChange() {
		String id = register(this.client,
				Map.of("association",
						Map.of("business",
								Map.of("name", "Harborview Dental Group", "phone", "+1 206 555 0199", "addressLine1",
										"400 Pine St", "city", "Seattle", "state", "WA", "zipCode", "98101",
										"countryCode", "US", "websiteUrl", "https://www.harborview-dental.example"))));
		WebSocketGraphQlClient socket = socket(this.port);
		try {
			List<Map<String, Object>> events = new java.util.concurrent.CopyOnWriteArrayList<>();
			reactor.core.Disposable subscription = socket.document("""
					subscription($id: ID!) { adsAccountReadiness(adsAccountId: $id) {
					  adsAccountId terminal readiness { state nextStep { kind } steps { kind done } } } }""")
				.variables(Map.of("id", id))
				.retrieveSubscription("adsAccountReadiness")
				.toEntity(new ParameterizedTypeReference<Map<String, Object>>() {
				})
				.subscribe(events::add);
			try {
				eventually(events::size, (size) -> size >= 1);
				assertThat(events.get(0)).containsEntry("adsAccountId", id).containsEntry("terminal", false);
				assertThat((Object) at(events.get(0), "readiness.state")).isEqualTo("WAITING");

				this.client.settleRegistration(id);
				eventually(events::size, (size) -> size >= 2);
				assertThat((Object) at(events.get(1), "readiness.steps.0.done")).isEqualTo(true);
				assertThat((Object) at(events.get(1), "readiness.state")).isEqualTo("ACTION_NEEDED");
				assertThat((Object) at(events.get(1), "terminal")).isEqualTo(false);
			}
			finally {
				subscription.dispose();
			}
		}
		finally {
			socket.stop().block(Duration.ofSeconds(10));
		}
	}

	@Test
	void aReadinessSubscriptionToAnUnknownAccountEndsWithNotFound() {
		WebSocketGraphQlClient socket = socket(this.port);
		try {
			Throwable error = socket
				.document("subscription($id: ID!) { adsAccountReadiness(adsAccountId: $id) { terminal } }")
				.variables(Map.of("id", "amzn1.ads-account.g.nosuchaccount0000000000000"))
				.executeSubscription()
				.then()
				.map((done) -> (Throwable) null)
				.onErrorResume((ex) -> reactor.core.publisher.Mono.just(ex))
				.block(Duration.ofSeconds(10));
			assertThat(error).isNotNull();
			assertThat(error.toString()).contains("NOT_FOUND");
		}
		finally {
			socket.stop().block(Duration.ofSeconds(10));
		}
	}

	static WebSocketGraphQlClient socket(int port) {
		return WebSocketGraphQlClient
			.builder("ws://127.0.0.1:" + port + "/graphql-ws", new ReactorNettyWebSocketClient())
			.header("X-Api-Key", GatewayClient.DEMO_KEY)
			.build();
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
