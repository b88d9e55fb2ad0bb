package dev.adsgraph.e2e;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static dev.adsgraph.e2e.GatewayClient.AGENCY_KEY;
import static dev.adsgraph.e2e.GatewayClient.DEMO_KEY;
import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Relay and Apollo's normalised cache rely on, end to end: connections with edges,
 * nodes and a full PageInfo that page both ways where the gateway holds the list; paging
 * arguments refused with one BAD_USER_INPUT each; ids that differ wherever the fields do
 * (per date range, per seller), and none on what has no identity of its own.
 */
class RelayContractTest extends SandboxGatewayTest {

	private static final String SELLER = ProductsTest.SELLER;

	private static final String US = ProductsTest.US;

	private static final String PAGE = """
			query($id: ID!, $s: Date!, $e: Date!, $first: Int, $after: String, $last: Int, $before: String) {
			  profile(id: $id) {
			    id
			    products(dateRange: {start: $s, end: $e}, first: $first, after: $after, last: $last, before: $before) {
			      freshness { advertising { status } retail { status } }
			      edges { cursor node { id asin } }
			      nodes { id asin }
			      pageInfo { hasPreviousPage hasNextPage startCursor endCursor }
			    }
			  }
			}""";

	private final LocalDate end = LocalDate.now(ZoneOffset.UTC).minusDays(3);

	private final LocalDate start = this.end.minusDays(6);

	private String northwindUs() {
		List<Map<String, Object>> profiles = at(this.client.graphql("{ profiles(filter: {marketplaceIds: [\"" + US
				+ "\"], types: [SELLER]}) { id accountInfo { accountId } } }"), "data.profiles");
		return (String) profiles.stream()
			.filter((p) -> SELLER.equals(at(p, "accountInfo.accountId")))
			.findFirst()
			.orElseThrow()
			.get("id");
	}

	private Map<String, Object> page(String profileId, Map<String, Object> paging) {
		Map<String, Object> variables = new HashMap<>(paging);
		variables.put("id", profileId);
		variables.put("s", this.start.toString());
		variables.put("e", this.end.toString());
		return this.client.graphql(PAGE, variables);
	}

	/** A page once both reports are ready, without errors. */
	private Map<String, Object> readyPage(String profileId, Map<String, Object> paging) {
		Map<String, Object> answer = eventually(() -> page(profileId, paging),
				(a) -> "READY".equals(at(a, "data.profile.products.freshness.advertising.status"))
						&& "READY".equals(at(a, "data.profile.products.freshness.retail.status")));
		assertNoErrors(answer);
		return at(answer, "data.profile.products");
	}

	private static List<String> asins(Map<String, Object> page) {
		List<Map<String, Object>> nodes = at(page, "nodes");
		return nodes.stream().map((n) -> (String) n.get("asin")).toList();
	}

	@Test
	void aProfilesProductsPageForwardAndBackWithAFullPageInfo() {
		String profile = northwindUs();
		Map<String, Object> first = readyPage(profile, Map.of("first", 10));
		List<Map<String, Object>> edges = at(first, "edges");
		assertThat(edges).hasSize(10);
		assertThat(edges).extracting((e) -> at(e, "node.asin")).containsExactlyElementsOf(asins(first));
		assertThat((Object) at(first, "pageInfo.startCursor")).isEqualTo(edges.get(0).get("cursor"));
		assertThat((Object) at(first, "pageInfo.endCursor")).isEqualTo(edges.get(9).get("cursor"));
		assertThat((Object) at(first, "pageInfo.hasPreviousPage")).isEqualTo(false);
		assertThat((Object) at(first, "pageInfo.hasNextPage")).isEqualTo(true);

		Map<String, Object> second = readyPage(profile, Map.of("first", 10, "after", at(first, "pageInfo.endCursor")));
		assertThat(asins(second)).hasSize(10).doesNotContainAnyElementsOf(asins(first));
		assertThat((Object) at(second, "pageInfo.hasPreviousPage")).isEqualTo(true);

		Map<String, Object> back = readyPage(profile, Map.of("last", 10, "before", at(second, "pageInfo.startCursor")));
		assertThat(asins(back)).isEqualTo(asins(first));
		assertThat((Object) at(back, "pageInfo.hasPreviousPage")).isEqualTo(false);
		assertThat((Object) at(back, "pageInfo.hasNextPage")).isEqualTo(true);

		Map<String, Object> hundred = readyPage(profile, Map.of("first", 100));
		List<String> all = new ArrayList<>(asins(hundred));
		all.addAll(asins(readyPage(profile, Map.of("first", 100, "after", at(hundred, "pageInfo.endCursor")))));
		Map<String, Object> tail = readyPage(profile, Map.of("last", 3));
		assertThat(asins(tail)).isEqualTo(all.subList(all.size() - 3, all.size()));
		assertThat((Object) at(tail, "pageInfo.hasNextPage")).isEqualTo(false);
		assertThat((Object) at(tail, "pageInfo.hasPreviousPage")).isEqualTo(true);

		// Between two cursors: the items strictly after the one and before the other.
		List<Map<String, Object>> firstEdges = at(first, "edges");
		Map<String, Object> between = readyPage(profile,
				Map.of("after", firstEdges.get(2).get("cursor"), "before", firstEdges.get(6).get("cursor")));
		assertThat(asins(between)).isEqualTo(asins(first).subList(3, 6));
		assertThat((Object) at(between, "pageInfo.hasPreviousPage")).isEqualTo(true);
		assertThat((Object) at(between, "pageInfo.hasNextPage")).isEqualTo(true);
	}

	@Test
	void anAmazonPagedConnectionKnowsWhetherAPageComesBefore() {
		String query = """
				query($after: String) { adsAccounts(first: 5, after: $after) {
				  edges { cursor node { id } } pageInfo { hasPreviousPage hasNextPage startCursor endCursor } } }""";
		Map<String, Object> first = this.client.graphql(query, new HashMap<>());
		assertNoErrors(first);
		List<Map<String, Object>> edges = at(first, "data.adsAccounts.edges");
		assertThat((Object) at(first, "data.adsAccounts.pageInfo.hasPreviousPage")).isEqualTo(false);
		assertThat((Object) at(first, "data.adsAccounts.pageInfo.startCursor")).isEqualTo(edges.get(0).get("cursor"));
		Map<String, Object> second = this.client.graphql(query,
				Map.of("after", at(first, "data.adsAccounts.pageInfo.endCursor")));
		assertNoErrors(second);
		assertThat((Object) at(second, "data.adsAccounts.pageInfo.hasPreviousPage")).isEqualTo(true);
		List<Map<String, Object>> next = at(second, "data.adsAccounts.edges");
		assertThat((Object) at(second, "data.adsAccounts.pageInfo.startCursor")).isEqualTo(next.get(0).get("cursor"));
	}

	@Test
	void badPagingArgumentsAreOneClearBadUserInputEach() {
		String profile = northwindUs();
		Map<String, Object> first = readyPage(profile, Map.of("first", 2));
		String adsCursor = at(this.client.graphql("{ adsAccounts(first: 1) { pageInfo { endCursor } } }"),
				"data.adsAccounts.pageInfo.endCursor");
		String unknownAsin = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("k1:B000000000".getBytes(StandardCharsets.UTF_8));
		Map<Map<String, Object>, String> refused = Map.of(Map.of("first", -1), "first must be between 1 and 100",
				Map.of("last", 0), "last must be between 1 and 100", Map.of("first", 2, "last", 2),
				"Give first or last, not both", Map.of("after", "not a cursor"), "after must be a cursor",
				Map.of("before", adsCursor), "before must be a cursor", Map.of("after", unknownAsin),
				"after names an item that is not in this list");
		refused.forEach((paging, message) -> {
			Map<String, Object> answer = page(profile, paging);
			assertThat(errorCode(answer)).as("%s", paging).isEqualTo("BAD_USER_INPUT");
			assertThat((String) at(answer, "errors.0.message")).as("%s", paging).contains(message);
		});
		String productCursor = at(first, "pageInfo.endCursor");
		Map<String, Object> mixed = this.client.graphql("query($a: String) { adsAccounts(after: $a) { nodes { id } } }",
				Map.of("a", productCursor));
		assertThat(errorCode(mixed)).isEqualTo("BAD_USER_INPUT");
		assertThat((String) at(mixed, "errors.0.message")).contains("after must be a cursor");
	}

	/**
	 * Paging arguments are checked before the field fans out over the profiles: one error
	 * naming the argument, every profile still answered (its products page null).
	 */
	@Test
	void aPagingArgumentRefusedUnderProfilesIsOneError() {
		Map<String, Object> answer = this.client.graphql("""
				query($s: Date!, $e: Date!) {
				  profiles { id products(dateRange: {start: $s, end: $e}, first: 2, last: 2) { nodes { id } } }
				}""", Map.of("s", this.start.toString(), "e", this.end.toString()));
		List<Map<String, Object>> profiles = at(answer, "data.profiles");
		assertThat(profiles).hasSizeGreaterThan(1).allSatisfy((profile) -> {
			assertThat((String) profile.get("id")).isNotBlank();
			assertThat(profile).containsEntry("products", null);
		});
		assertThat(errors(answer)).singleElement().satisfies((error) -> {
			assertThat((Object) at(error, "extensions.code")).isEqualTo("BAD_USER_INPUT");
			assertThat((Object) at(error, "extensions.argument")).isEqualTo("last");
			assertThat((String) error.get("message")).contains("Give first or last, not both");
		});
	}

	@Test
	void figuresOfAnotherDateRangeAreAnotherObject() {
		String profile = northwindUs();
		String query = """
				query($id: ID!, $s: Date!, $e: Date!) { profile(id: $id) {
				  performance(dateRange: {start: $s, end: $e}) {
				    id daily { id date } freshness { advertising { status } retail { status } } }
				  products(dateRange: {start: $s, end: $e}, first: 3) { nodes { id asin } } } }""";
		LocalDate otherStart = this.start.minusDays(1);
		Map<String, Object> one = ready(query,
				Map.of("id", profile, "s", this.start.toString(), "e", this.end.toString()));
		Map<String, Object> again = ready(query,
				Map.of("id", profile, "s", this.start.toString(), "e", this.end.toString()));
		Map<String, Object> other = ready(query,
				Map.of("id", profile, "s", otherStart.toString(), "e", this.end.toString()));
		assertThat((String) at(again, "data.profile.performance.id")).isEqualTo(at(one, "data.profile.performance.id"));
		assertThat((String) at(other, "data.profile.performance.id"))
			.isNotEqualTo(at(one, "data.profile.performance.id"));

		List<Map<String, Object>> days = at(one, "data.profile.performance.daily");
		List<Map<String, Object>> otherDays = at(other, "data.profile.performance.daily");
		Set<Object> ids = new HashSet<>();
		days.forEach((d) -> ids.add(d.get("id")));
		assertThat(ids).as("one id per day").hasSize(days.size());
		otherDays
			.forEach((d) -> assertThat(ids).as("day %s of the other range", d.get("date")).doesNotContain(d.get("id")));

		List<Map<String, Object>> products = at(one, "data.profile.products.nodes");
		List<Map<String, Object>> sameRange = at(this.client.graphql("""
				query($m: String!, $a: [String!]!, $s: Date!, $e: Date!) {
				  products(marketplaceId: $m, asins: $a, dateRange: {start: $s, end: $e}) { nodes { id asin } } }""",
				Map.of("m", US, "a", products.stream().map((p) -> p.get("asin")).toList(), "s", this.start.toString(),
						"e", this.end.toString())),
				"data.products.nodes");
		// The ASIN join and the profile's page read the same figures: one object each.
		assertThat(sameRange).extracting((p) -> p.get("id"))
			.containsExactlyElementsOf(products.stream().map((p) -> p.get("id")).toList());
		Set<Object> productIds = new HashSet<>();
		products.forEach((p) -> productIds.add(p.get("id")));
		List<Map<String, Object>> otherProducts = at(other, "data.profile.products.nodes");
		otherProducts.forEach((p) -> assertThat(productIds).doesNotContain(p.get("id")));
	}

	private Map<String, Object> ready(String query, Map<String, Object> variables) {
		Map<String, Object> answer = eventually(() -> this.client.graphql(query, variables),
				(a) -> "READY".equals(at(a, "data.profile.performance.freshness.advertising.status"))
						&& "READY".equals(at(a, "data.profile.performance.freshness.retail.status")));
		assertNoErrors(answer);
		return answer;
	}

	@Test
	void twoSellersInOneMarketplaceShareTheMarketplaceAndNotTheirParticipations() {
		String query = """
				{ sellingPartner { id marketplaceParticipations { id storeName marketplace { id name countryCode } } } }""";
		Map<String, Object> demo = participationIn(DEMO_KEY, query);
		Map<String, Object> agency = participationIn(AGENCY_KEY, query);
		assertThat((Object) at(demo, "marketplace.id")).isEqualTo(US);
		assertThat((Object) at(agency, "marketplace.id")).isEqualTo(US);
		assertThat((Object) at(agency, "marketplace")).isEqualTo(at(demo, "marketplace"));
		assertThat((Object) at(agency, "storeName")).isNotEqualTo(at(demo, "storeName"));
		assertThat((Object) at(agency, "id")).isNotEqualTo(at(demo, "id")).isNotEqualTo(US);

		List<Map<String, Object>> marketplaceFields = at(
				this.client.graphql("{ __type(name: \"Marketplace\") { fields { name } } }"), "data.__type.fields");
		assertThat(marketplaceFields).extracting((f) -> f.get("name"))
			.doesNotContain("storeName", "isParticipating", "hasSuspendedListings");
		List<Map<String, Object>> accountFields = at(
				this.client.graphql("{ __type(name: \"AccountInfo\") { fields { name } } }"), "data.__type.fields");
		assertThat(accountFields).extracting((f) -> f.get("name")).contains("accountId").doesNotContain("id");
	}

	private Map<String, Object> participationIn(String apiKey, String query) {
		Map<String, Object> answer = this.client.graphql(apiKey, query, Map.of());
		assertNoErrors(answer);
		List<Map<String, Object>> participations = at(answer, "data.sellingPartner.marketplaceParticipations");
		return participations.stream().filter((p) -> US.equals(at(p, "marketplace.id"))).findFirst().orElseThrow();
	}

}
