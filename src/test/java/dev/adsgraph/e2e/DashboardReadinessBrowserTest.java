package dev.adsgraph.e2e;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.adsgraph.testing.HeadlessChromium;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's accounts view in a real headless Chromium: after registration, the
 * account's checklist (registered, billing, users and access) as its
 * {@code readiness.steps} say, asked again by the page itself until the account is ready.
 * The application of {@code ReadinessTest}: registrations stay pending until the test
 * settles them. The screenshot {@code target/dashboard-browser/readiness.png} is kept as
 * a test artifact.
 */
@TestPropertySource(properties = { "adsgraph.sandbox.registration-delay=1h" })
class DashboardReadinessBrowserTest extends SandboxGatewayTest {

	@RegisterExtension
	final HeadlessChromium browser = HeadlessChromium.perTest(DashboardBrowserTest.ARTIFACTS).window(1400, 1000);

	private DashboardScreen screen;

	private String origin;

	@BeforeEach
	void prepare() {
		this.screen = new DashboardScreen(this.browser);
		this.origin = "http://127.0.0.1:" + this.port;
	}

	@Test
	void aNewAccountsChecklistFollowsItsRegistrationWithoutAReload() {
		String id = ReadinessTest.register(this.client,
				Map.of("association", Map.of("amazonAuthor", Map.of("email", "m.okafor.books@gmail.com"))));

		this.browser.open(this.origin + "/dashboard?view=accounts&adsAccount=" + id);
		this.browser.waitFor("the new account's checklist", () -> this.screen.checklist(id) != null);
		Map<String, Object> pending = this.screen.checklist(id);
		assertThat(pending).containsEntry("state", "WAITING")
			.containsEntry("summary", "Wait for Amazon to create the account");
		assertThat(step(pending, "REGISTRATION")).containsEntry("done", false)
			.containsEntry("waiting", true)
			.containsEntry("name", "Registered")
			.containsEntry("action", "Wait for Amazon to create the account");
		assertThat(step(pending, "BILLING")).containsEntry("done", false).containsEntry("name", "Billing set up");
		assertThat(step(pending, "ACCESS")).containsEntry("done", false).containsEntry("name", "Users and access");
		assertThat(this.screen.accountIds()).containsExactly(id);

		this.client.settleRegistration(id);
		this.browser.waitFor("the registration step done, asked again by the page",
				() -> Boolean.TRUE.equals(step(this.screen.checklist(id), "REGISTRATION").get("done")));
		Map<String, Object> created = this.screen.checklist(id);
		assertThat(step(created, "REGISTRATION")).containsEntry("status", "Created").containsEntry("action", null);
		// The page shows what the gateway answers, over plain HTTP too.
		Map<String, Object> readiness = ReadinessTest.readiness(this.client, id);
		assertThat(created).containsEntry("state", readiness.get("state"))
			.containsEntry("summary", readiness.get("summary"));
		for (String kind : new String[] { "REGISTRATION", "BILLING", "ACCESS" }) {
			Map<String, Object> expected = ReadinessTest.step(readiness, kind);
			assertThat(step(created, kind)).as(kind)
				.containsEntry("done", expected.get("done"))
				.containsEntry("status", expected.get("status"))
				.containsEntry("action", expected.get("nextAction"))
				.containsEntry("link", expected.get("link"));
		}
		assertThat((String) step(created, "BILLING").get("link"))
			.isEqualTo(this.sandboxUrl + "/sandbox/billing/setup?adsAccountId=" + id);
		assertThat(step(created, "ACCESS")).containsEntry("buttons", List.of("link-manager", "invite"));

		// Access from the page: a colleague's invitation, then a manager account link.
		this.screen.fillStepField(id, "ACCESS", "emailAddress", "ada.colleague@okaforbooks.example");
		this.screen.fillStepField(id, "ACCESS", "userName", "Ada");
		this.screen.clickStepAction(id, "ACCESS", "invite");
		this.browser.waitFor("the pending invitation shown",
				() -> String.valueOf(step(this.screen.checklist(id), "ACCESS").get("status"))
					.contains("1 invitation is pending."));
		assertThat((String) step(this.screen.checklist(id), "ACCESS").get("result"))
			.isEqualTo("Invited ada.colleague@okaforbooks.example (pending).");
		this.screen.clickStepAction(id, "ACCESS", "link-manager");
		this.browser.waitFor("the manager link shown",
				() -> "1 invitation is pending.".equals(step(this.screen.checklist(id), "ACCESS").get("status")));
		assertThat((String) step(this.screen.checklist(id), "ACCESS").get("result")).startsWith("Linked to ");
		assertThat(step(this.screen.checklist(id), "ACCESS")).containsEntry("buttons", List.of("invite"));
		List<Map<String, Object>> invitations = GatewayClient.at(this.client
			.graphql("query($id: ID!) { adsAccount(id: $id) { invitations { id emailAddress } } }", Map.of("id", id)),
				"data.adsAccount.invitations");
		assertThat(invitations).singleElement()
			.satisfies((i) -> assertThat(i).containsEntry("emailAddress", "ada.colleague@okaforbooks.example"));

		// The colleague accepts and billing is completed elsewhere: the page turns ready
		// by itself on its next poll.
		assertThat(this.client
			.postForm(this.sandboxUrl + "/sandbox/userInvitations/" + invitations.get(0).get("id") + "/redeem",
					Map.of())
			.status()).isLessThan(300);
		String billingLink = (String) step(created, "BILLING").get("link");
		assertThat(this.client.postForm(billingLink, Map.of()).status()).isEqualTo(200);
		this.browser.waitFor("the account ready to advertise",
				() -> "READY_TO_ADVERTISE".equals(this.screen.checklist(id).get("state")));
		Map<String, Object> ready = this.screen.checklist(id);
		assertThat(ready).containsEntry("summary", "Ready to advertise");
		for (String kind : new String[] { "REGISTRATION", "BILLING", "ACCESS" }) {
			assertThat(step(ready, kind)).as(kind).containsEntry("done", true).containsEntry("buttons", List.of());
		}
		this.browser.screenshot("readiness");
		this.browser.assertNoConsoleErrors();
		this.browser.assertEveryRequestStayedOn(this.origin, this.origin + "/graphql");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> step(Map<String, Object> checklist, String kind) {
		return (Map<String, Object>) checklist.get(kind);
	}

}
