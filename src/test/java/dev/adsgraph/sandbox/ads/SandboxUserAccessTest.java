package dev.adsgraph.sandbox.ads;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.SandboxContracts;
import dev.adsgraph.sandbox.SandboxServer;
import dev.adsgraph.sandbox.SandboxTestClient;
import dev.adsgraph.sandbox.SandboxTestClient.Exchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * User invitations and the users of an account (AdvertisingInvitations_prod_3p.json,
 * AdvertisingUserPermissionsManagement_prod_3p.json): the lifecycle, the Admin check and
 * per-item refusals, every answer validated against Amazon's contract.
 */
class SandboxUserAccessTest {

	private static final String CREATE = "application/vnd.CreateUserInvitations.v1+json";

	private static final String UPDATE = "application/vnd.UpdateUserInvitations.v1+json";

	private static final String LIST = "application/vnd.ListUserInvitations.v1+json";

	private static final String USERS = "application/vnd.listusers.v1+json";

	private static final String ROLES = "application/vnd.queryuserroles.v1+json";

	private final SandboxTestClient sandbox = SandboxTestClient.start();

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	@Test
	void anInvitationIsPendingUntilTheInviteeRedeemsItThenTheInviteeIsAUserWithItsRole() {
		String account = accountNamed("Northwind Outdoor Co.");
		Exchange created = invite(account, "colleague@example.com", "EDITOR");
		SandboxContracts.assertValid(created);
		assertThat(created.status()).isEqualTo(200);
		JsonNode invitation = created.json().at("/successes/0");
		String id = invitation.get("invitationId").stringValue();
		assertThat(invitation.get("state").stringValue()).isEqualTo("PENDING");
		assertThat(invitation.get("targetId").stringValue()).isEqualTo(account);
		assertThat(invitation.at("/permissionSet/role/name").stringValue()).isEqualTo("EDITOR");
		assertThat(invitation.get("expiration").asLong() - invitation.get("createdAt").asLong())
			.isEqualTo(14L * 24 * 3600 * 1000);

		Exchange pending = list(account);
		SandboxContracts.assertValid(pending);
		assertThat(pending.json().get("invitations")).extracting((i) -> i.get("invitationId").stringValue())
			.containsExactly(id);

		assertThat(this.sandbox.raw("POST", "/sandbox/userInvitations/" + id + "/redeem").send().status())
			.isEqualTo(200);

		Exchange got = this.sandbox.ads("na", "GET", "/user-invitations/" + id).send();
		SandboxContracts.assertValid(got);
		assertThat(got.json().at("/invitation/state").stringValue()).isEqualTo("REDEEMED");
		assertThat(list(account).json().get("invitations")).isEmpty();

		Exchange users = this.sandbox.ads("na", "POST", "/users/list")
			.header(UserAccessHandler.ACCOUNT_HEADER, account)
			.json(USERS, Map.of())
			.send();
		SandboxContracts.assertValid(users);
		assertThat(users.json().get("users")).extracting((u) -> u.get("emailAddress").stringValue())
			.containsExactly("d***@adsgraph-sandbox.example", "c***@example.com");
		String colleague = users.json().at("/users/1/userId").stringValue();
		Exchange roles = this.sandbox.ads("na", "POST", "/userRoles/list")
			.header(UserAccessHandler.ACCOUNT_HEADER, account)
			.json(ROLES, Map.of("userId", colleague))
			.send();
		SandboxContracts.assertValid(roles);
		assertThat(roles.json().at("/roles/0/role").stringValue()).isEqualTo("EDITOR");
		assertThat(roles.json().at("/roles/0/countryCodes")).extracting(JsonNode::stringValue)
			.containsExactly("US", "CA", "MX");
	}

	@Test
	void revokingEndsAPendingInvitationAndAnEndedOneCannotBeResentOrRevokedAgain() {
		String account = accountNamed("Northwind Outdoor Co.");
		String id = invite(account, "temp@example.com", "VIEWER").json().at("/successes/0/invitationId").stringValue();

		Exchange revoked = update(account, id, "REVOKED");
		SandboxContracts.assertValid(revoked);
		assertThat(revoked.json().at("/successes/0/state").stringValue()).isEqualTo("REVOKED");

		Exchange again = update(account, id, "RESENT");
		SandboxContracts.assertValid(again);
		assertThat(again.json().at("/errors/0/errorCode").stringValue()).isEqualTo("INVITATION_NOT_PENDING");
		assertThat(again.json().at("/errors/0/identifier").stringValue()).isEqualTo(id);
	}

	@Test
	void anExpiredInvitationIsNoLongerPendingAndResendingAPendingOneRestartsItsLifetime() {
		String account = accountNamed("Northwind Outdoor Co.");
		String expiring = invite(account, "late@example.com", "VIEWER").json()
			.at("/successes/0/invitationId")
			.stringValue();
		String resent = invite(account, "again@example.com", "VIEWER").json()
			.at("/successes/0/invitationId")
			.stringValue();

		assertThat(this.sandbox.raw("POST", "/sandbox/userInvitations/" + expiring + "/expire")
			.send()
			.json()
			.get("state")
			.stringValue()).isEqualTo("EXPIRED");
		Exchange resend = update(account, resent, "RESENT");
		assertThat(resend.json().at("/successes/0/state").stringValue()).isEqualTo("RESENT");

		assertThat(list(account).json().get("invitations")).extracting((i) -> i.get("invitationId").stringValue())
			.containsExactly(resent);
		assertThat(update(account, expiring, "RESENT").json().at("/errors/0/errorCode").stringValue())
			.isEqualTo("INVITATION_NOT_PENDING");
	}

	@Test
	void aNonAdminIsRefusedWith403AndNothingIsCreated() {
		// The demo user edits Acme's vendor account but its billing is someone else's:
		// EDITOR, not ADMIN.
		String account = accountNamed("Acme Brands Inc.");
		Exchange refused = invite(account, "colleague@example.com", "VIEWER");
		SandboxContracts.assertValid(refused);
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.json().get("message").stringValue()).contains("Admin");
		assertThat(list(account).json().get("invitations")).isEmpty();
	}

	@Test
	void badItemsAreRefusedOneByOneWithTheirIdentifier() {
		String account = accountNamed("Northwind Outdoor Co.");
		Exchange mixed = this.sandbox.ads("na", "POST", "/user-invitations")
			.header(UserAccessHandler.ACCOUNT_HEADER, account)
			.json(CREATE,
					Map.of("userInvitationRequests", List.of(request("not-an-email", "ROLE", "EDITOR"),
							request("ok@example.com", "ROLE", "OWNER"), request("fine@example.com", "ROLE", "viewer"))))
			.send();
		SandboxContracts.assertValid(mixed);
		assertThat(mixed.json().get("errors")).extracting((e) -> e.get("errorCode").stringValue())
			.containsExactly("INVALID_EMAIL_ADDRESS", "INVALID_ROLE");
		assertThat(mixed.json().get("errors")).extracting((e) -> e.get("identifier").stringValue())
			.containsExactly("not-an-email", "ok@example.com");
		assertThat(mixed.json().at("/successes/0/permissionSet/role/name").stringValue()).isEqualTo("VIEWER");
	}

	@Test
	void anotherUsersAccountIsForbiddenAndAnUnknownInvitationIsNotFound() {
		String agencyAccount = this.sandbox.ads("na", "POST", "/adsAccounts/list")
			.as(SandboxServer.agencyCredentials())
			.json(SandboxTestClient.LIST_ACCOUNTS, Map.of())
			.send()
			.json()
			.at("/adsAccounts/0/adsAccountId")
			.stringValue();
		Exchange foreign = invite(agencyAccount, "x@example.com", "VIEWER");
		SandboxContracts.assertValid(foreign);
		assertThat(foreign.status()).isEqualTo(403);

		Exchange unknown = this.sandbox.ads("na", "GET", "/user-invitations/no-such-invitation").send();
		SandboxContracts.assertValid(unknown);
		assertThat(unknown.status()).isEqualTo(404);
	}

	private Exchange invite(String account, String email, String role) {
		return this.sandbox.ads("na", "POST", "/user-invitations")
			.header(UserAccessHandler.ACCOUNT_HEADER, account)
			.json(CREATE, Map.of("userInvitationRequests", List.of(request(email, "ROLE", role))))
			.send();
	}

	private static Map<String, Object> request(String email, String type, String role) {
		return Map.of("user", Map.of("emailAddress", email, "userName", "Colleague"), "permissionSet",
				Map.of("type", type, "role", Map.of("name", role)));
	}

	private Exchange update(String account, String id, String state) {
		return this.sandbox.ads("na", "PUT", "/user-invitations")
			.header(UserAccessHandler.ACCOUNT_HEADER, account)
			.json(UPDATE, Map.of("updates", List.of(Map.of("invitationId", id, "state", state))))
			.send();
	}

	private Exchange list(String account) {
		return this.sandbox.ads("na", "POST", "/user-invitations/list")
			.header(UserAccessHandler.ACCOUNT_HEADER, account)
			.json(LIST, Map.of())
			.send();
	}

	private String accountNamed(String name) {
		String nextToken = null;
		do {
			Map<String, Object> body = (nextToken != null) ? Map.of("nextToken", nextToken) : Map.of();
			JsonNode page = this.sandbox.ads("na", "POST", "/adsAccounts/list")
				.json(SandboxTestClient.LIST_ACCOUNTS, body)
				.send()
				.json();
			for (JsonNode account : page.get("adsAccounts")) {
				if (name.equals(account.get("accountName").stringValue())) {
					return account.get("adsAccountId").stringValue();
				}
			}
			nextToken = page.has("nextToken") ? page.get("nextToken").stringValue() : null;
		}
		while (nextToken != null);
		throw new AssertionError("No account named " + name);
	}

}
