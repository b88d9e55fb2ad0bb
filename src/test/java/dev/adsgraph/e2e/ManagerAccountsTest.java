package dev.adsgraph.e2e;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Manager accounts end to end: listing (both directions of the link), creating, linking
 * and unlinking a newly registered account, the Admin rule, bad inputs that change
 * nothing, and a retried mutation that writes once upstream. Each test works on manager
 * accounts it creates, so the demo fixtures stay as other classes expect them.
 */
class ManagerAccountsTest extends SandboxGatewayTest {

	private static final String DEMO_MANAGER = "amzn1.ads1.ma1.adsgraphdemo0manager0acct";

	private static final String LIST = """
			{ managerAccounts { id name linkedAccounts { accountId name type countryCode marketplaceId profileId
			  adsAccount { id name } } } }""";

	private static final String CREATE = """
			mutation($input: CreateManagerAccountInput!, $key: String) {
			  createManagerAccount(input: $input, idempotencyKey: $key) {
			    managerAccount { id name linkedAccounts { accountId } }
			    userErrors { code message field }
			  }
			}""";

	private static final String LINK = """
			mutation($m: ID!, $a: [ID!]!, $key: String) {
			  linkAdsAccountsToManagerAccount(managerAccountId: $m, accounts: $a, idempotencyKey: $key) {
			    results { index adsAccountId done userErrors { code message field } }
			    managerAccount { id linkedAccounts { accountId countryCode adsAccount { id } } }
			    userErrors { code message field }
			  }
			}""";

	private static final String UNLINK = """
			mutation($m: ID!, $a: [ID!]!, $key: String) {
			  unlinkAdsAccountsFromManagerAccount(managerAccountId: $m, accounts: $a, idempotencyKey: $key) {
			    results { index adsAccountId done userErrors { code message field } }
			    managerAccount { id linkedAccounts { accountId } }
			    userErrors { code message field }
			  }
			}""";

	private static final String REGISTER = """
			mutation($input: RegisterAdsAccountInput!) {
			  registerAdsAccount(input: $input) { adsAccount { id status } userErrors { code message } }
			}""";

	private static final String ACCOUNT = """
			query($id: ID!) { adsAccount(id: $id) { id status managerAccounts { id name } } }""";

	private static final String READINESS = """
			query($id: ID!) { adsAccount(id: $id) { readiness { steps { kind done status nextAction } } } }""";

	private static final String ACCOUNTS = """
			{ adsAccounts(first: 20) { edges { node { id name managerAccounts { id } } } } }""";

	private static final String LINK_OPERATION = "ads.na.LinkAdvertisingAccountsToManagerAccountPublicAPI";

	@Test
	void theDemoManagerAccountListsItsLinkedAccountsJoinedToTheAdsAccountsBothWays() {
		Map<String, Object> answer = this.client.graphql(LIST);
		assertNoErrors(answer);
		Map<String, Object> demo = manager(answer, DEMO_MANAGER);
		assertThat(demo.get("name")).isEqualTo("Northwind Group");
		List<Map<String, Object>> linked = at(demo, "linkedAccounts");
		assertThat(linked).extracting((l) -> l.get("countryCode"))
			.containsExactlyInAnyOrder("US", "CA", "MX", "JP", "AU");
		assertThat(linked).allSatisfy((l) -> {
			assertThat(l.get("type")).isEqualTo("SELLER");
			assertThat((String) l.get("accountId")).startsWith("ENTITY");
			assertThat((Object) at(l, "adsAccount.id")).isNotNull();
		});
		assertThat(linked).extracting((l) -> at(l, "adsAccount.name"))
			.containsOnly("Northwind Outdoor Co.", "Sakura Home Goods K.K.");

		Map<String, Object> accounts = this.client.graphql(ACCOUNTS);
		assertNoErrors(accounts);
		List<Map<String, Object>> edges = at(accounts, "data.adsAccounts.edges");
		for (Map<String, Object> edge : edges) {
			List<Map<String, Object>> managers = at(edge, "node.managerAccounts");
			String name = at(edge, "node.name");
			if (name.startsWith("Northwind") || name.startsWith("Sakura")) {
				assertThat(managers).extracting((m) -> m.get("id")).contains(DEMO_MANAGER);
			}
			if (name.startsWith("Blue Harbor")) {
				assertThat(managers).isEmpty();
			}
		}
	}

	@Test
	void aNewlyRegisteredAccountIsLinkedSeenBothWaysThenUnlinked() {
		String manager = createManager("Onboarding " + UUID.randomUUID(), "ADVERTISER");
		String account = createdBusinessAccount("Linkable Dental " + UUID.randomUUID());

		assertThat(accessStep(account)).containsEntry("done", false)
			.containsEntry("nextAction", "Link the account to a manager account");

		Map<String, Object> linked = payload(this.client.graphql(LINK, Map.of("m", manager, "a", List.of(account))),
				"linkAdsAccountsToManagerAccount");
		assertThat((List<?>) linked.get("userErrors")).isEmpty();
		assertThat((Object) at(linked, "results.0.done")).isEqualTo(true);
		assertThat((Object) at(linked, "results.0.index")).isEqualTo(0);
		assertThat((Object) at(linked, "managerAccount.linkedAccounts.0.adsAccount.id")).isEqualTo(account);

		Map<String, Object> read = this.client.graphql(ACCOUNT, Map.of("id", account));
		assertNoErrors(read);
		assertThat((List<Map<String, Object>>) at(read, "data.adsAccount.managerAccounts"))
			.extracting((m) -> m.get("id"))
			.containsExactly(manager);
		assertThat(linkedAccountIds(manager)).hasSize(1);
		assertThat(accessStep(account)).containsEntry("done", true);
		assertThat((String) accessStep(account).get("status")).contains("Onboarding");

		Map<String, Object> unlinked = payload(this.client.graphql(UNLINK, Map.of("m", manager, "a", List.of(account))),
				"unlinkAdsAccountsFromManagerAccount");
		assertThat((Object) at(unlinked, "results.0.done")).isEqualTo(true);
		assertThat((List<?>) at(unlinked, "managerAccount.linkedAccounts")).isEmpty();
		assertThat((List<?>) at(this.client.graphql(ACCOUNT, Map.of("id", account)), "data.adsAccount.managerAccounts"))
			.isEmpty();

		Map<String, Object> again = payload(this.client.graphql(UNLINK, Map.of("m", manager, "a", List.of(account))),
				"unlinkAdsAccountsFromManagerAccount");
		assertThat((Object) at(again, "results.0.done")).isEqualTo(false);
		assertThat((Object) at(again, "results.0.userErrors.0.code")).isEqualTo("NOT_LINKED");
	}

	@Test
	void linkingAnAccountTheUserIsNotAdminOfIsAClearUserErrorAndLinksNothing() {
		String manager = createManager("Shared " + UUID.randomUUID(), "AGENCY");
		String blueHarbor = accountNamed("Blue Harbor");
		String northwind = accountNamed("Northwind");
		Map<String, Object> answer = payload(
				this.client.graphql(LINK, Map.of("m", manager, "a", List.of(blueHarbor, northwind))),
				"linkAdsAccountsToManagerAccount");
		assertThat((Object) at(answer, "results.0.done")).isEqualTo(false);
		assertThat((Object) at(answer, "results.0.userErrors.0.code")).isEqualTo("NOT_ADMIN");
		assertThat((String) at(answer, "results.0.userErrors.0.message")).contains("Admin");
		assertThat((Object) at(answer, "results.0.userErrors.0.field")).isEqualTo(List.of("accounts", "0"));
		assertThat((Object) at(answer, "results.1.done")).isEqualTo(true);
		List<Map<String, Object>> after = at(answer, "managerAccount.linkedAccounts");
		assertThat(after).extracting((l) -> at(l, "adsAccount.id")).containsOnly(northwind);
		assertThat(this.client.graphql(ACCOUNT, Map.of("id", blueHarbor)).toString()).doesNotContain(manager);
	}

	@Test
	void badInputsAreUserErrorsThatChangeNothing() {
		String manager = createManager("Strict " + UUID.randomUUID(), "ADVERTISER");
		String northwind = accountNamed("Northwind");
		List<String> before = managerIds();

		Map<String, Object> unknownManager = payload(
				this.client.graphql(LINK,
						Map.of("m", "amzn1.ads1.ma1.nosuchmanager000000000", "a", List.of(northwind))),
				"linkAdsAccountsToManagerAccount");
		assertThat((Object) at(unknownManager, "userErrors.0.code")).isEqualTo("UNKNOWN_MANAGER_ACCOUNT");
		assertThat((List<?>) unknownManager.get("results")).isEmpty();

		Map<String, Object> unknownAccount = payload(
				this.client.graphql(LINK,
						Map.of("m", manager, "a", List.of("amzn1.ads-account.g.nosuchaccount000000000000"))),
				"linkAdsAccountsToManagerAccount");
		assertThat((Object) at(unknownAccount, "results.0.userErrors.0.code")).isEqualTo("UNKNOWN_ADS_ACCOUNT");

		List<String> many = java.util.Collections.nCopies(21, northwind);
		Map<String, Object> tooMany = payload(this.client.graphql(LINK, Map.of("m", manager, "a", many)),
				"linkAdsAccountsToManagerAccount");
		assertThat((Object) at(tooMany, "userErrors.0.code")).isEqualTo("INVALID_BATCH_SIZE");
		assertThat(linkedAccountIds(manager)).isEmpty();

		Map<String, Object> blank = payload(
				this.client.graphql(CREATE, Map.of("input", Map.of("name", "  ", "type", "AGENCY"))),
				"createManagerAccount");
		assertThat((Object) at(blank, "userErrors.0.code")).isEqualTo("BLANK_NAME");
		assertThat((Object) at(blank, "userErrors.0.field")).isEqualTo(List.of("input", "name"));
		assertThat(blank.get("managerAccount")).isNull();

		// The type is an enum: an unknown one is refused by validation, before anything
		// runs.
		GatewayClient.Raw badType = this.client.post("/graphql", GatewayClient.DEMO_KEY,
				"{\"query\":\"mutation { createManagerAccount(input: {name: \\\"Typed\\\", type: RESELLER}) { managerAccount { id } } }\"}");
		assertThat(badType.status()).isIn(200, 400);
		assertThat(badType.body()).contains("RESELLER", "ManagerAccountType");
		assertThat(managerIds()).isEqualTo(before);
	}

	@Test
	void aRetriedLinkWithTheSameKeyWritesOnceUpstream() {
		String manager = createManager("Retried " + UUID.randomUUID(), "ADVERTISER");
		String account = accountNamed("Jane");
		String key = UUID.randomUUID().toString();
		long before = this.client.sandboxCount(LINK_OPERATION);
		Map<String, Object> first = this.client.graphql(LINK, Map.of("m", manager, "a", List.of(account), "key", key));
		Map<String, Object> second = this.client.graphql(LINK, Map.of("m", manager, "a", List.of(account), "key", key));
		assertNoErrors(first);
		assertThat(second).isEqualTo(first);
		assertThat(this.client.sandboxCount(LINK_OPERATION) - before).isEqualTo(1);
		assertThat(linkedAccountIds(manager)).isNotEmpty();

		String createKey = UUID.randomUUID().toString();
		Map<String, Object> input = Map.of("name", "Once " + createKey, "type", "AGENCY");
		Map<String, Object> created = this.client.graphql(CREATE, Map.of("input", input, "key", createKey));
		assertThat(this.client.graphql(CREATE, Map.of("input", input, "key", createKey))).isEqualTo(created);
		assertThat(managerIds().stream()
			.filter((id) -> id.equals(at(created, "data.createManagerAccount.managerAccount.id")))).hasSize(1);
	}

	/** The ACCESS step of the account's readiness (its manager-account part). */
	private Map<String, Object> accessStep(String adsAccountId) {
		Map<String, Object> answer = this.client.graphql(READINESS, Map.of("id", adsAccountId));
		assertNoErrors(answer);
		List<Map<String, Object>> steps = at(answer, "data.adsAccount.readiness.steps");
		return steps.stream()
			.filter((step) -> "ACCESS".equals(step.get("kind")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no ACCESS step in " + answer));
	}

	private String createManager(String name, String type) {
		Map<String, Object> created = payload(
				this.client.graphql(CREATE, Map.of("input", Map.of("name", name, "type", type))),
				"createManagerAccount");
		assertThat((List<?>) created.get("userErrors")).isEmpty();
		assertThat((List<?>) at(created, "managerAccount.linkedAccounts")).isEmpty();
		return at(created, "managerAccount.id");
	}

	private String createdBusinessAccount(String name) {
		Map<String, Object> input = Map.of("association",
				Map.of("business",
						Map.of("name", name, "phone", "+1 206 555 0199", "addressLine1", "400 Pine St", "city",
								"Seattle", "state", "WA", "zipCode", "98101", "countryCode", "US", "websiteUrl",
								"https://www.linkable-dental.example")));
		Map<String, Object> registered = this.client.graphql(REGISTER, Map.of("input", input));
		assertNoErrors(registered);
		String id = at(registered, "data.registerAdsAccount.adsAccount.id");
		this.client.settleRegistration(id);
		eventually(() -> this.client.graphql(ACCOUNT, Map.of("id", id)),
				(a) -> "CREATED".equals(at(a, "data.adsAccount.status")));
		return id;
	}

	private String accountNamed(String prefix) {
		Map<String, Object> accounts = this.client.graphql(ACCOUNTS);
		assertNoErrors(accounts);
		List<Map<String, Object>> edges = at(accounts, "data.adsAccounts.edges");
		return edges.stream()
			.filter((edge) -> ((String) at(edge, "node.name")).startsWith(prefix))
			.map((edge) -> (String) at(edge, "node.id"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no ads account named " + prefix + "… in " + accounts));
	}

	private List<String> managerIds() {
		Map<String, Object> answer = this.client.graphql(LIST);
		assertNoErrors(answer);
		List<Map<String, Object>> managers = at(answer, "data.managerAccounts");
		return managers.stream().map((m) -> (String) m.get("id")).toList();
	}

	private List<String> linkedAccountIds(String managerId) {
		Map<String, Object> answer = this.client.graphql(LIST);
		assertNoErrors(answer);
		List<Map<String, Object>> linked = at(manager(answer, managerId), "linkedAccounts");
		return linked.stream().map((l) -> (String) l.get("accountId")).toList();
	}

	private static Map<String, Object> manager(Map<String, Object> answer, String id) {
		List<Map<String, Object>> managers = at(answer, "data.managerAccounts");
		return managers.stream()
			.filter((m) -> id.equals(m.get("id")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no manager account " + id + " in " + answer));
	}

	private static Map<String, Object> payload(Map<String, Object> answer, String mutation) {
		assertNoErrors(answer);
		return at(answer, "data." + mutation);
	}

}
