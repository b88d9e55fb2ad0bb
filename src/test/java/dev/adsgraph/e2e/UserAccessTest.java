package dev.adsgraph.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * User access end to end: GraphQL over HTTP (and the WebSocket for the subscription), the
 * gateway, and the sandbox's user invitations. Each test invites its own e-mail
 * addresses, so the classes sharing the sandbox never see each other's invitations.
 */
class UserAccessTest extends SandboxGatewayTest {

	private static final String NORTHWIND = "Northwind Outdoor Co.";

	/** The demo user edits Acme's vendor account but is not its admin. */
	private static final String ACME = "Acme Brands Inc.";

	private static final String INVITE = """
			mutation($account: ID!, $invitations: [UserInvitationInput!]!, $key: String) {
			  inviteUsers(adsAccountId: $account, invitations: $invitations, idempotencyKey: $key) {
			    results { index invitation { id adsAccountId emailAddress userName role countryCodes status state
			                                 createdAt expiresAt }
			              userErrors { code message field } }
			    userErrors { code message field } } }""";

	private static final String UPDATE = """
			mutation($account: ID!, $ids: [ID!]!) {
			  %s(adsAccountId: $account, invitationIds: $ids) {
			    results { index invitationId invitation { id status state expiresAt } userErrors { code message field } }
			    userErrors { code message } } }""";

	private static final String ACCESS = """
			query($id: ID!) { adsAccount(id: $id) {
			  users { id emailAddress countryCodes roles { role type countryCodes } }
			  invitations { id emailAddress status } } }""";

	private static final String ONE = """
			query($id: ID!) { userInvitation(id: $id) { id status state emailAddress role } }""";

	private static final String STATUS = """
			subscription($id: ID!) { invitationStatus(invitationId: $id) {
			  invitationId status terminal invitation { id state } } }""";

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<WebSocketGraphQlClient> sockets = new ArrayList<>();

	@AfterEach
	void disconnect() {
		this.sockets.forEach((s) -> s.stop().block(Duration.ofSeconds(10)));
	}

	@Test
	void aColleagueIsInvitedAcceptsAndBecomesAUserWithTheLevelGiven() {
		String account = accountNamed(NORTHWIND);
		String email = unique("colleague");
		Map<String, Object> invited = invite(account, List.of(input(email, "editor", List.of("US"))), null);
		assertNoErrors(invited);
		assertThat((List<?>) at(invited, "data.inviteUsers.userErrors")).isEmpty();
		Map<String, Object> invitation = at(invited, "data.inviteUsers.results.0.invitation");
		assertThat(invitation).containsEntry("adsAccountId", account)
			.containsEntry("emailAddress", email)
			.containsEntry("role", "EDITOR")
			.containsEntry("status", "PENDING")
			.containsEntry("state", "PENDING")
			.containsEntry("countryCodes", List.of("US"));
		Duration lifetime = Duration.between(Instant.parse((String) invitation.get("createdAt")),
				Instant.parse((String) invitation.get("expiresAt")));
		assertThat(lifetime).isEqualTo(Duration.ofDays(14));
		String id = (String) invitation.get("id");
		assertThat(pendingEmails(account)).contains(email);

		sandbox("/sandbox/userInvitations/" + id + "/redeem");

		assertThat((Object) at(this.client.graphql(ONE, Map.of("id", id)), "data.userInvitation.status"))
			.isEqualTo("REDEEMED");
		Map<String, Object> access = this.client.graphql(ACCESS, Map.of("id", account));
		assertNoErrors(access);
		assertThat(pendingEmails(account)).doesNotContain(email);
		List<Map<String, Object>> users = at(access, "data.adsAccount.users");
		String masked = email.charAt(0) + "***" + email.substring(email.indexOf('@'));
		Map<String, Object> colleague = users.stream()
			.filter((u) -> masked.equals(u.get("emailAddress")))
			.findFirst()
			.orElseThrow();
		assertThat((Object) at(colleague, "roles.0.role")).isEqualTo("EDITOR");
		assertThat((Object) at(colleague, "roles.0.countryCodes")).isEqualTo(List.of("US"));
		// The owner is an admin in every country of the account.
		assertThat((Object) at(users.get(0), "roles.0.role")).isEqualTo("ADMIN");
		assertThat((Object) at(users.get(0), "roles.0.countryCodes")).isEqualTo(List.of("US", "CA", "MX"));
	}

	@Test
	void badInputsAreUserErrorsAndNothingIsSent() {
		String account = accountNamed(NORTHWIND);
		long creates = upstreamCount("CreateUserInvitations");
		String good = unique("good");

		Map<String, Object> answer = invite(account,
				List.of(input(good, "VIEWER", null), input("not-an-email", "VIEWER", null),
						input(unique("owner"), "OWNER", null), input(unique("far"), "ADMIN", List.of("JP"))),
				null);

		assertNoErrors(answer);
		assertThat((Object) at(answer, "data.inviteUsers.results.0.userErrors")).isEqualTo(List.of());
		assertThat((Object) at(answer, "data.inviteUsers.results.0.invitation")).isNull();
		assertThat((Object) at(answer, "data.inviteUsers.results.1.userErrors.0.code")).isEqualTo("INVALID_EMAIL");
		assertThat((Object) at(answer, "data.inviteUsers.results.1.userErrors.0.field"))
			.isEqualTo(List.of("invitations", "1", "emailAddress"));
		assertThat((Object) at(answer, "data.inviteUsers.results.2.userErrors.0.code")).isEqualTo("UNKNOWN_LEVEL");
		assertThat((String) at(answer, "data.inviteUsers.results.2.userErrors.0.message")).contains("OWNER",
				"ADMIN, EDITOR, VIEWER");
		assertThat((Object) at(answer, "data.inviteUsers.results.3.userErrors.0.code")).isEqualTo("UNKNOWN_COUNTRY");
		assertThat((Object) at(answer, "data.inviteUsers.userErrors.0.code")).isEqualTo("NOTHING_SENT");
		assertThat(upstreamCount("CreateUserInvitations")).isEqualTo(creates);
		assertThat(pendingEmails(account)).doesNotContain(good);

		Map<String, Object> unknown = invite("amzn1.ads-account.g.nosuchaccount", List.of(input(good, "VIEWER", null)),
				null);
		assertThat((Object) at(unknown, "data.inviteUsers.userErrors.0.code")).isEqualTo("UNKNOWN_ACCOUNT");
		assertThat(upstreamCount("CreateUserInvitations")).isEqualTo(creates);

		Map<String, Object> noSuchInvitation = this.client.graphql(ONE, Map.of("id", "no-such-invitation"));
		assertNoErrors(noSuchInvitation);
		assertThat((Object) at(noSuchInvitation, "data.userInvitation")).isNull();
		assertThat(errorCode(this.client.graphql(ONE, Map.of("id", "../../users/list")))).isEqualTo("BAD_USER_INPUT");
	}

	@Test
	void aNonAdminIsRefusedAndNothingChanges() {
		String account = accountNamed(ACME);
		List<String> before = pendingEmails(account);
		String email = unique("refused");

		Map<String, Object> answer = invite(account, List.of(input(email, "VIEWER", null)), null);

		assertNoErrors(answer);
		assertThat((Object) at(answer, "data.inviteUsers.userErrors.0.code")).isEqualTo("NOT_ADMIN");
		assertThat((String) at(answer, "data.inviteUsers.userErrors.0.message")).contains("Admin");
		assertThat((List<?>) at(answer, "data.inviteUsers.results")).isEmpty();
		assertThat(pendingEmails(account)).isEqualTo(before).doesNotContain(email);
	}

	@Test
	void aPendingInvitationIsResentOrRevokedButAnExpiredOneIsAUserErrorAndStaysAsItWas() {
		String account = accountNamed(NORTHWIND);
		String resent = invitationId(invite(account, List.of(input(unique("resent"), "VIEWER", null)), null));
		String expired = invitationId(invite(account, List.of(input(unique("expired"), "VIEWER", null)), null));
		sandbox("/sandbox/userInvitations/" + expired + "/expire");
		long updates = upstreamCount("UpdateUserInvitations");

		Map<String, Object> both = update("resendInvitations", account, List.of(resent, expired));
		assertNoErrors(both);
		assertThat((Object) at(both, "data.resendInvitations.results.0.userErrors")).isEqualTo(List.of());
		assertThat((Object) at(both, "data.resendInvitations.results.1.userErrors.0.code"))
			.isEqualTo("INVITATION_EXPIRED");
		assertThat((Object) at(both, "data.resendInvitations.userErrors.0.code")).isEqualTo("NOTHING_CHANGED");
		assertThat(upstreamCount("UpdateUserInvitations")).isEqualTo(updates);
		assertThat((Object) at(this.client.graphql(ONE, Map.of("id", resent)), "data.userInvitation.state"))
			.isEqualTo("PENDING");

		Map<String, Object> resend = update("resendInvitations", account, List.of(resent));
		assertThat((Object) at(resend, "data.resendInvitations.results.0.invitation.state")).isEqualTo("RESENT");
		assertThat((Object) at(resend, "data.resendInvitations.results.0.invitation.status")).isEqualTo("PENDING");

		Map<String, Object> revoke = update("revokeInvitations", account, List.of(resent));
		assertThat((Object) at(revoke, "data.revokeInvitations.results.0.invitation.status")).isEqualTo("REVOKED");
		Map<String, Object> again = update("revokeInvitations", account, List.of(resent));
		assertThat((Object) at(again, "data.revokeInvitations.results.0.userErrors.0.code"))
			.isEqualTo("INVITATION_REVOKED");

		Map<String, Object> foreign = update("revokeInvitations", accountNamed(ACME), List.of(expired));
		assertThat((Object) at(foreign, "data.revokeInvitations.results.0.userErrors.0.code"))
			.isEqualTo("UNKNOWN_INVITATION");
	}

	@Test
	void theSameIdempotencyKeyInvitesOnce() {
		String account = accountNamed(NORTHWIND);
		String key = UUID.randomUUID().toString();
		List<Map<String, Object>> inputs = List.of(input(unique("once"), "VIEWER", null));
		long creates = upstreamCount("CreateUserInvitations");

		String first = invitationId(invite(account, inputs, key));
		String second = invitationId(invite(account, inputs, key));

		assertThat(second).isEqualTo(first);
		assertThat(upstreamCount("CreateUserInvitations")).isEqualTo(creates + 1);
	}

	@Test
	void theStatusSubscriptionFollowsAnInvitationUntilTheInviteeAcceptsIt() {
		String account = accountNamed(NORTHWIND);
		String id = invitationId(invite(account, List.of(input(unique("follow"), "VIEWER", null)), null));
		WebSocketGraphQlClient socket = WebSocketGraphQlClient
			.builder("ws://127.0.0.1:" + this.port + "/graphql-ws", new ReactorNettyWebSocketClient())
			.header("X-Api-Key", GatewayClient.DEMO_KEY)
			.build();
		this.sockets.add(socket);
		List<ClientGraphQlResponse> received = new CopyOnWriteArrayList<>();
		AtomicReference<Throwable> error = new AtomicReference<>();
		AtomicBoolean completed = new AtomicBoolean();
		socket.document(STATUS)
			.variables(Map.of("id", id))
			.executeSubscription()
			.subscribe(received::add, error::set, () -> completed.set(true));

		SubscriptionsTest.eventuallyWithin(Duration.ofSeconds(60), () -> received, (r) -> !r.isEmpty());
		assertThat(completed.get()).isFalse();
		sandbox("/sandbox/userInvitations/" + id + "/redeem");
		SubscriptionsTest.eventuallyWithin(Duration.ofSeconds(60), completed::get, (done) -> done);

		assertThat(error.get()).isNull();
		List<Map<String, Object>> events = received.stream()
			.map((r) -> r.<Map<String, Object>>getData())
			.map((d) -> (Map<String, Object>) at(d, "invitationStatus"))
			.toList();
		assertThat(events).extracting((e) -> e.get("status")).containsExactly("PENDING", "REDEEMED");
		assertThat(events).extracting((e) -> e.get("terminal")).containsExactly(false, true);
		assertThat((Object) at(events.get(1), "invitation.state")).isEqualTo("REDEEMED");
	}

	/**
	 * The ACCESS step waits while an invitation is pending; once the invitee accepts, no
	 * pending invitation holds it open (a manager-account check of the same step may
	 * still do).
	 */
	@Test
	void aPendingInvitationHoldsTheAccessStepOpenUntilItIsAccepted() {
		String account = accountNamed("Sakura Home Goods K.K.");
		assertThat(accessStep(account).get("status")).asString()
			.doesNotContain("invitation is pending")
			.doesNotContain("invitations are pending");

		String id = invitationId(invite(account, List.of(input(unique("ready"), "VIEWER", null)), null));
		Map<String, Object> waiting = accessStep(account);
		assertThat(waiting).containsEntry("done", false);
		assertThat(waiting.get("status")).asString().contains("1 invitation is pending.");
		assertThat(waiting.get("nextAction")).isNotNull();

		sandbox("/sandbox/userInvitations/" + id + "/redeem");
		assertThat(accessStep(account).get("status")).asString()
			.doesNotContain("invitation is pending")
			.doesNotContain("invitations are pending");
	}

	private Map<String, Object> accessStep(String account) {
		Map<String, Object> answer = this.client.graphql("""
				query($id: ID!) { adsAccount(id: $id) { readiness { steps { kind done status nextAction } } } }""",
				Map.of("id", account));
		assertNoErrors(answer);
		List<Map<String, Object>> steps = at(answer, "data.adsAccount.readiness.steps");
		return steps.stream().filter((s) -> "ACCESS".equals(s.get("kind"))).findFirst().orElseThrow();
	}

	private Map<String, Object> invite(String account, List<Map<String, Object>> invitations, String key) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("account", account);
		variables.put("invitations", invitations);
		variables.put("key", key);
		return this.client.graphql(INVITE, variables);
	}

	private Map<String, Object> update(String mutation, String account, List<String> ids) {
		Map<String, Object> answer = this.client.graphql(UPDATE.formatted(mutation),
				Map.of("account", account, "ids", ids));
		assertNoErrors(answer);
		return answer;
	}

	private static Map<String, Object> input(String email, String role, List<String> countries) {
		Map<String, Object> input = new HashMap<>();
		input.put("emailAddress", email);
		input.put("userName", "Colleague");
		input.put("role", role);
		input.put("countryCodes", countries);
		return input;
	}

	private static String invitationId(Map<String, Object> answer) {
		assertNoErrors(answer);
		String id = at(answer, "data.inviteUsers.results.0.invitation.id");
		assertThat(id).as("invitation created in %s", answer).isNotNull();
		return id;
	}

	private List<String> pendingEmails(String account) {
		Map<String, Object> answer = this.client.graphql(ACCESS, Map.of("id", account));
		assertNoErrors(answer);
		List<Map<String, Object>> invitations = at(answer, "data.adsAccount.invitations");
		return invitations.stream().map((i) -> (String) i.get("emailAddress")).toList();
	}

	private static String unique(String name) {
		return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
	}

	private long upstreamCount(String operation) {
		return this.client.sandboxStats()
			.entrySet()
			.stream()
			.filter((e) -> e.getKey().endsWith("." + operation))
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

	private void sandbox(String path) {
		try {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(this.sandboxUrl + path))
				.timeout(Duration.ofSeconds(10))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
		}
		catch (java.io.IOException ex) {
			throw new AssertionError(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	private String accountNamed(String name) {
		String after = null;
		for (int page = 0; page < 10; page++) {
			Map<String, Object> variables = new HashMap<>();
			variables.put("after", after);
			Map<String, Object> answer = this.client.graphql("""
					query($after: String) { adsAccounts(first: 50, after: $after) {
					  nodes { id name } pageInfo { hasNextPage endCursor } } }""", variables);
			assertNoErrors(answer);
			List<Map<String, Object>> nodes = at(answer, "data.adsAccounts.nodes");
			for (Map<String, Object> node : nodes) {
				if (name.equals(node.get("name"))) {
					return (String) node.get("id");
				}
			}
			if (!Boolean.TRUE.equals(at(answer, "data.adsAccounts.pageInfo.hasNextPage"))) {
				break;
			}
			after = at(answer, "data.adsAccounts.pageInfo.endCursor");
		}
		throw new AssertionError("No account named " + name);
	}

}
