package dev.adsgraph.sandbox.ads;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.SandboxServer;
import dev.adsgraph.sandbox.SandboxTestClient;
import dev.adsgraph.sandbox.SandboxTestClient.Exchange;

import static dev.adsgraph.sandbox.SandboxContracts.assertValid;
import static dev.adsgraph.sandbox.SandboxContracts.assertValidResponse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Manager accounts in the sandbox: the fixtures, create, link and unlink with a result
 * per account, the Admin rule, the family's error shape; every answer checked against the
 * contract facts (ManagerAccount.facts.json).
 */
class SandboxManagerAccountsTest {

	private static final String CREATE = "application/vnd.createmanageraccountrequest.v1+json";

	private static final String UPDATE = "application/vnd.updateadvertisingaccountsinmanageraccountrequest.v1+json";

	private static final String DEMO_MANAGER = ManagerAccounts.DEMO_MANAGER_ACCOUNT;

	private static final SandboxTestClient sandbox = SandboxTestClient.start();

	@AfterAll
	static void stop() {
		sandbox.close();
	}

	@BeforeEach
	void reset() {
		assertThat(sandbox.raw("POST", "/sandbox/reset").send().status()).isEqualTo(204);
	}

	@Test
	void theDemoUsersManagerAccountListsItsLinkedAccountsOfTheHostsRegionOnly() {
		Exchange na = list("na");
		assertThat(na.status()).isEqualTo(200);
		assertThat(na.header("Content-Type")).isEqualTo("application/vnd.getmanageraccountsresponse.v1+json");
		assertValid(na);
		JsonNode manager = na.json().at("/managerAccounts/0");
		assertThat(manager.get("managerAccountId").stringValue()).isEqualTo(DEMO_MANAGER);
		assertThat(marketplaces(manager)).containsExactly("ATVPDKIKX0DER", "A2EUQ1WTGCTBG2", "A1AM78C64UM0Y8");
		assertThat(manager.at("/linkedAccounts/0/accountType").stringValue()).isEqualTo("SELLER");
		assertThat(manager.at("/linkedAccounts/0/accountName").stringValue()).isEqualTo("Northwind Outdoor Co.");
		assertThat(manager.at("/linkedAccounts/0/accountId").stringValue()).startsWith("ENTITY");

		JsonNode fe = list("fe").json().at("/managerAccounts/0");
		assertThat(marketplaces(fe)).containsExactly("A1VC38T7YXB528", "A39IBJ37TRP1C6");
		assertThat(list("eu").json().at("/managerAccounts/0/linkedAccounts").size()).isZero();
	}

	@Test
	void aCreatedManagerAccountHasNoLinkedAccountsAndIsListed() {
		Exchange created = sandbox.ads("na", "POST", "/managerAccounts")
			.json(CREATE, Map.of("managerAccountName", "Brand team", "managerAccountType", "Agency"))
			.send();
		assertThat(created.status()).isEqualTo(200);
		assertThat(created.header("Content-Type")).isEqualTo("application/vnd.manageraccount.v1+json");
		assertValid(created);
		String id = created.json().get("managerAccountId").stringValue();
		assertThat(id).startsWith("amzn1.ads1.ma1.");
		assertThat(created.json().get("linkedAccounts").size()).isZero();
		assertThat(list("eu").json().get("managerAccounts").findValuesAsString("managerAccountId"))
			.containsExactly(DEMO_MANAGER, id);
	}

	@Test
	void createRefusesABlankNameAndAnUnknownTypeInTheFamilysErrorShape() {
		Exchange blank = sandbox.ads("na", "POST", "/managerAccounts")
			.json(CREATE, Map.of("managerAccountName", " ", "managerAccountType", "Advertiser"))
			.send();
		assertThat(blank.status()).isEqualTo(400);
		assertThat(blank.json().get("code").stringValue()).isEqualTo("BAD_REQUEST");
		assertValid(blank);
		Exchange badType = sandbox.ads("na", "POST", "/managerAccounts")
			.json(CREATE, Map.of("managerAccountName", "X", "managerAccountType", "Reseller"))
			.send();
		assertThat(badType.status()).isEqualTo(400);
		assertValidResponse(badType);
		assertThat(list("na").json().get("managerAccounts").size()).isEqualTo(1);
	}

	@Test
	void linkingNeedsAdminOnTheAccountAndAnswersPerAccount() {
		String blueHarborUk = entityOf("Blue Harbor", "UK");
		String acmeUs = entityOf("Acme Brands", "US");
		Exchange linked = update("associate", DEMO_MANAGER, List.of(account(acmeUs), account(blueHarborUk),
				account("ENTITYNOSUCHTHING1"), Map.of("id", "123", "type", "DSP_ADVERTISER_ID")));
		assertThat(linked.status()).isEqualTo(207);
		assertValid(linked);
		assertThat(linked.json().get("succeedAccounts").findValuesAsString("id")).containsExactly(acmeUs);
		assertThat(linked.json().at("/succeedAccounts/0/roles/0").stringValue()).isEqualTo("ENTITY_USER");
		JsonNode failed = linked.json().get("failedAccounts");
		assertThat(failed.findValuesAsString("id")).containsExactly(blueHarborUk, "ENTITYNOSUCHTHING1", "123");
		assertThat(failed.at("/0/error/code").stringValue()).isEqualTo("FORBIDDEN");
		assertThat(failed.at("/0/error/message").stringValue()).contains("Admin");
		assertThat(failed.at("/1/error/code").stringValue()).isEqualTo("BAD_REQUEST");

		JsonNode na = list("na").json().at("/managerAccounts/0");
		assertThat(na.get("linkedAccounts").findValuesAsString("accountId")).contains(acmeUs);
		// Acme's vendor entity spans its four marketplaces: UK and DE are listed on the
		// EU
		// host.
		assertThat(marketplaces(list("eu").json().at("/managerAccounts/0"))).containsExactly("A1F83G8C2ARO7P",
				"A1PA6795UKMFR9");

		Exchange unlinked = update("disassociate", DEMO_MANAGER, List.of(account(acmeUs), account(blueHarborUk)));
		assertThat(unlinked.status()).isEqualTo(207);
		assertValid(unlinked);
		assertThat(unlinked.json().get("succeedAccounts").findValuesAsString("id")).containsExactly(acmeUs);
		assertThat(unlinked.json().at("/failedAccounts/0/error/code").stringValue()).isEqualTo("BAD_REQUEST");
		assertThat(list("na").json().at("/managerAccounts/0/linkedAccounts").findValuesAsString("accountId"))
			.doesNotContain(acmeUs);
	}

	@Test
	void anUnknownManagerAccountOrMoreThanTwentyAccountsIsRefusedWhole() {
		Exchange unknown = update("associate", "amzn1.ads1.ma1.nosuchmanager000000000",
				List.of(account(entityOf("Acme Brands", "US"))));
		assertThat(unknown.status()).isEqualTo(403);
		assertThat(unknown.json().get("code").stringValue()).isEqualTo("FORBIDDEN");
		assertValid(unknown);

		Exchange agencys = sandbox.ads("na", "POST", "/managerAccounts/" + DEMO_MANAGER + "/associate")
			.as(SandboxServer.agencyCredentials())
			.json(UPDATE, Map.of("accounts", List.of(account("ENTITYX"))))
			.send();
		assertThat(agencys.status()).isEqualTo(403);

		List<Map<String, Object>> many = new java.util.ArrayList<>();
		for (int i = 0; i < 21; i++) {
			many.add(account("ENTITY" + i));
		}
		Exchange tooMany = update("associate", DEMO_MANAGER, many);
		assertThat(tooMany.status()).isEqualTo(400);
		assertValidResponse(tooMany);
		assertThat(sandbox.raw("GET", "/sandbox/stats").send().json().toString())
			.contains("LinkAdvertisingAccountsToManagerAccountPublicAPI");
	}

	private static Exchange list(String region) {
		return sandbox.ads(region, "GET", "/managerAccounts")
			.header("Accept", "application/vnd.getmanageraccountsresponse.v1+json")
			.send();
	}

	private static Exchange update(String action, String managerAccountId, List<Map<String, Object>> accounts) {
		return sandbox.ads("na", "POST", "/managerAccounts/" + managerAccountId + "/" + action)
			.header("Accept", "application/vnd.updateadvertisingaccountsinmanageraccountresponse.v1+json")
			.json(UPDATE, Map.of("accounts", accounts))
			.send();
	}

	private static Map<String, Object> account(String id) {
		return Map.of("id", id, "type", "ACCOUNT_ID");
	}

	private static List<String> marketplaces(JsonNode manager) {
		return manager.get("linkedAccounts").findValuesAsString("marketplaceId");
	}

	/** A country's entity id, as /adsAccounts/list gives it in alternateIds. */
	private static String entityOf(String namePrefix, String countryCode) {
		Exchange accounts = sandbox.ads("na", "POST", "/adsAccounts/list")
			.json(SandboxTestClient.LIST_ACCOUNTS, Map.of("maxResults", 100))
			.header("Accept", SandboxTestClient.LIST_ACCOUNTS)
			.send();
		for (JsonNode account : accounts.json().get("adsAccounts")) {
			if (account.get("accountName").stringValue().startsWith(namePrefix)) {
				for (JsonNode id : account.get("alternateIds")) {
					if (id.has("entityId") && id.get("countryCode").stringValue().equals(countryCode)) {
						return id.get("entityId").stringValue();
					}
				}
			}
		}
		throw new AssertionError("no " + namePrefix + " " + countryCode + " in " + accounts.body());
	}

}
