package dev.adsgraph.e2e;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ads API v1 advertiser and selling accounts through the gateway. Batches and filters
 * refused before any upstream call are tested on the schema in
 * {@code accounts.AdvertiserAccountControllerTest}.
 */
class AdvertiserAccountsTest extends SandboxGatewayTest {

	private static final String SELLING = """
			query($filter: SellingAccountFilter) { sellingAccounts(filter: $filter) {
			  sellingAccountLinkToken sellingProgram portals displayName countryCodes website
			  addresses { addressToken businessName city countryCode } } }""";

	private static final String CREATE = """
			mutation($input: [AdvertiserAccountCreateInput!]!) {
			  createAdvertiserAccounts(input: $input) {
			    succeeded failed
			    userErrors { code message }
			    results { index errors { code message field }
			      account { id displayName currencyCode status { code message }
			        sellingAccountLinks { sellingAccountLinkToken state } } }
			  }
			}""";

	private static final String UPDATE = """
			mutation($input: [AdvertiserAccountUpdateInput!]!) {
			  updateAdvertiserAccounts(input: $input) {
			    succeeded failed
			    results { index errors { code message field } account { id displayName } }
			  }
			}""";

	private static final String QUERY = """
			query($filter: AdvertiserAccountFilter, $first: Int, $after: String) {
			  advertiserAccounts(filter: $filter, first: $first, after: $after) {
			    nodes { id displayName status { code } alternateIds { countryCode region profileId } }
			    pageInfo { hasNextPage endCursor }
			  }
			}""";

	private Map<String, Object> literalAddress(String name) {
		return Map.of("address", Map.of("businessName", name, "addressLine1", "1 Test Way", "city", "Seattle", "state",
				"WA", "zipCode", "98101", "countryCode", "US"));
	}

	@Test
	void sellingAccountsCarryLinkAndAddressTokens() {
		Map<String, Object> answer = this.client.graphql(SELLING);
		assertNoErrors(answer);
		List<Map<String, Object>> accounts = at(answer, "data.sellingAccounts");
		assertThat(accounts).isNotEmpty()
			.allSatisfy((a) -> assertThat((String) a.get("sellingAccountLinkToken")).isNotBlank());
		assertThat(accounts).extracting((a) -> a.get("sellingProgram"))
			.contains("AMAZON_SELLER", "AMAZON_VENDOR", "AMAZON_AUTHOR");
		Map<String, Object> vendors = this.client.graphql(SELLING,
				Map.of("filter", Map.of("sellingProgram", "AMAZON_VENDOR")));
		List<Map<String, Object>> onlyVendors = at(vendors, "data.sellingAccounts");
		assertThat(onlyVendors).isNotEmpty()
			.allSatisfy((a) -> assertThat(a).containsEntry("sellingProgram", "AMAZON_VENDOR"));
	}

	@Test
	void aBatchOfThreeWithOneBadItemAnswersEachAtItsIndex() {
		Map<String, Object> good = Map.of("displayName", "Good One", "currencyCode", "USD", "timeZoneIana",
				"America/Los_Angeles", "businessDetails", literalAddress("Good One LLC"));
		Map<String, Object> bad = Map.of("displayName", "Bad One", "currencyCode", "USD", "timeZoneIana", "Not/AZone",
				"businessDetails", literalAddress("Bad One LLC"));
		Map<String, Object> alsoGood = Map.of("displayName", "Good Two", "currencyCode", "EUR", "timeZoneIana",
				"Europe/Paris", "businessDetails", literalAddress("Good Two GmbH"));
		Map<String, Object> answer = this.client.graphql(CREATE, Map.of("input", List.of(good, bad, alsoGood)));
		assertNoErrors(answer);
		Map<String, Object> payload = at(answer, "data.createAdvertiserAccounts");
		assertThat(payload).containsEntry("succeeded", 2).containsEntry("failed", 1);
		List<Map<String, Object>> results = at(payload, "results");
		assertThat(results).extracting((r) -> r.get("index")).containsExactly(0, 1, 2);
		assertThat((Object) at(results.get(0), "account.displayName")).isEqualTo("Good One");
		assertThat((Object) at(results.get(0), "account.status.code")).isEqualTo("REGISTRATION_IN_PROGRESS");
		assertThat((Object) at(results.get(2), "account.displayName")).isEqualTo("Good Two");
		assertThat((Object) results.get(1).get("account")).isNull();
		assertThat((List<?>) results.get(1).get("errors")).isNotEmpty();
		assertThat((String) at(results.get(1), "errors.0.code")).isEqualTo("FIELD_VALUE_IS_INVALID");
	}

	@Test
	void inputsTheGatewayCanJudgeFailWithoutHidingTheOthers() {
		Map<String, Object> neither = Map.of("displayName", "No Address", "businessDetails", Map.of());
		Map<String, Object> good = Map.of("displayName", "Fine", "businessDetails", literalAddress("Fine Inc"));
		Map<String, Object> answer = this.client.graphql(CREATE, Map.of("input", List.of(neither, good)));
		assertNoErrors(answer);
		assertThat((Object) at(answer, "data.createAdvertiserAccounts.results.0.errors.0.code"))
			.isEqualTo("INVALID_BUSINESS_DETAILS");
		assertThat((Object) at(answer, "data.createAdvertiserAccounts.results.0.errors.0.field"))
			.isEqualTo(List.of("input", "0", "businessDetails"));
		assertThat((Object) at(answer, "data.createAdvertiserAccounts.results.1.account.displayName"))
			.isEqualTo("Fine");
	}

	@Test
	void anAccountCreatedWithSellingAccountTokensIsApprovedAndLinked() {
		// Lumen Electronics is a vendor with no advertiser account yet in the sandbox's
		// fixtures.
		List<Map<String, Object>> vendors = at(
				this.client.graphql(SELLING, Map.of("filter", Map.of("sellingProgram", "AMAZON_VENDOR"))),
				"data.sellingAccounts");
		Map<String, Object> seller = vendors.stream()
			.filter((v) -> "Lumen Electronics".equals(v.get("displayName")))
			.findFirst()
			.orElseThrow();
		String link = (String) seller.get("sellingAccountLinkToken");
		String address = at(seller, "addresses.0.addressToken");
		Map<String, Object> answer = this.client.graphql(CREATE,
				Map.of("input",
						List.of(Map.of("displayName", "Linked Brand", "currencyCode", "USD", "timeZoneIana",
								"America/Los_Angeles", "businessDetails", Map.of("addressToken", address),
								"sellingAccountLinkToken", link))));
		assertNoErrors(answer);
		String id = at(answer, "data.createAdvertiserAccounts.results.0.account.id");
		assertThat(id).isNotBlank();
		Map<String, Object> done = eventually(
				() -> this.client.graphql(QUERY, Map.of("filter", Map.of("ids", List.of(id)))),
				(a) -> "APPROVED".equals(at(a, "data.advertiserAccounts.nodes.0.status.code")));
		assertThat((List<?>) at(done, "data.advertiserAccounts.nodes")).hasSize(1);
	}

	/**
	 * Renames a fixture account (the first one, Northwind) and gives it its name back
	 * afterwards: the classes sharing this application find the demo accounts by name.
	 */
	@Test
	void anUpdateOfAnUnknownAccountFailsAtItsIndexOnly() {
		Map<String, Object> first = this.client.graphql(QUERY, Map.of("first", 1));
		String existing = at(first, "data.advertiserAccounts.nodes.0.id");
		String name = at(first, "data.advertiserAccounts.nodes.0.displayName");
		try {
			Map<String, Object> answer = this.client.graphql(UPDATE,
					Map.of("input", List.of(Map.of("id", "amzn1.ads-account.g.nosuchaccount", "displayName", "Ghost"),
							Map.of("id", existing, "displayName", "Renamed"))));
			assertNoErrors(answer);
			assertThat((Object) at(answer, "data.updateAdvertiserAccounts.results.0.account")).isNull();
			assertThat((List<?>) at(answer, "data.updateAdvertiserAccounts.results.0.errors")).isNotEmpty();
			assertThat((Object) at(answer, "data.updateAdvertiserAccounts.results.1.account.displayName"))
				.isEqualTo("Renamed");
		}
		finally {
			Map<String, Object> restored = this.client.graphql(UPDATE,
					Map.of("input", List.of(Map.of("id", existing, "displayName", name))));
			assertNoErrors(restored);
			assertThat((Object) at(restored, "data.updateAdvertiserAccounts.results.0.account.displayName"))
				.isEqualTo(name);
		}
	}

	@Test
	void advertiserAccountsPageAndFilter() {
		Map<String, Object> variables = new HashMap<>();
		variables.put("first", 2);
		Map<String, Object> first = this.client.graphql(QUERY, variables);
		assertNoErrors(first);
		List<Map<String, Object>> nodes = at(first, "data.advertiserAccounts.nodes");
		assertThat(nodes).hasSize(2);
	}

}
