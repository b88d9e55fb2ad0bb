package dev.adsgraph.e2e;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Campaigns on the Ads API v1 common model end to end: campaigns to ad groups, ads and
 * their products and back, the upstream queries that costs (counted at the sandbox), the
 * pages, the figures against the sandbox's own sums, and refused inputs.
 */
class CampaignsTest extends SandboxGatewayTest {

	static final String DOWN_TO_PRODUCTS = """
			query($p: ID!, $s: Date!, $e: Date!) { profile(id: $p) {
			  campaigns(filter: {adProducts: [SPONSORED_PRODUCTS]}, first: 3) {
			    pageInfo { hasNextPage hasPreviousPage endCursor }
			    nodes { id campaignId name adProduct state deliveryStatus budget { amount currencyCode } startDate
			      adGroups(first: 4) { nodes { id adGroupId name state defaultBid { amount } campaign { campaignId }
			        ads(first: 12) { nodes { id adId state asin sku adGroup { adGroupId } campaign { campaignId }
			          product(dateRange: {start: $s, end: $e}) { asin marketplaceId
			            catalog { title } listing { sku } inventory { fulfillable } } } } } } } } } }""";

	static final String BACK_FROM_PRODUCTS = """
			query($p: ID!, $s: Date!, $e: Date!) { profile(id: $p) {
			  products(dateRange: {start: $s, end: $e}, first: 30) { nodes { asin
			    ads { adId asin adGroup { adGroupId name } campaign { campaignId name } } } } } }""";

	private final LocalDate end = LocalDate.now(ZoneOffset.UTC).minusDays(3);

	private final LocalDate start = this.end.minusDays(6);

	private String profileId() {
		Map<String, Object> answer = this.client.graphql(
				"""
						{ profiles(filter: {marketplaceIds: ["ATVPDKIKX0DER"], types: [SELLER]}) { id accountInfo { accountId } } }""");
		assertNoErrors(answer);
		List<Map<String, Object>> profiles = at(answer, "data.profiles");
		return profiles.stream()
			.filter((p) -> ProductsTest.SELLER.equals(at(p, "accountInfo.accountId")))
			.map((p) -> (String) p.get("id"))
			.findFirst()
			.orElseThrow();
	}

	private Map<String, Object> variables(String profileId) {
		return Map.of("p", profileId, "s", this.start.toString(), "e", this.end.toString());
	}

	private long v1Queries(String operation) {
		return this.client.sandboxStats()
			.entrySet()
			.stream()
			.filter((e) -> e.getKey().startsWith("ads.") && e.getKey().endsWith("." + operation))
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> truth() {
		return (List<Map<String, Object>>) this.client
			.groundTruth(ProductsTest.SELLER, ProductsTest.US, this.start.toString(), this.end.toString())
			.get("products");
	}

	@Test
	void campaignsToAdGroupsToAdsToProductsIsOneV1QueryPerPagePerEntityKind() {
		String profile = profileId();
		// Warm: LWA, profiles, catalog, and the report behind the products' figures.
		assertNoErrors(this.client.graphql(DOWN_TO_PRODUCTS, variables(profile)));

		this.client.resetSandboxStats();
		Map<String, Object> answer = this.client.graphql(DOWN_TO_PRODUCTS, variables(profile));
		assertNoErrors(answer);

		assertThat(v1Queries("QueryCampaign")).isEqualTo(1);
		assertThat(v1Queries("QueryAdGroup")).isEqualTo(1);
		assertThat(v1Queries("QueryAd")).isEqualTo(1);
		assertThat(v1Queries("QueryTarget")).isZero();
		List<Map<String, Object>> campaigns = at(answer, "data.profile.campaigns.nodes");
		assertThat(campaigns).hasSize(3);
		assertThat((Boolean) at(answer, "data.profile.campaigns.pageInfo.hasPreviousPage")).isFalse();
		Map<String, Map<String, Object>> truthByAsin = new HashMap<>();
		truth().forEach((p) -> truthByAsin.put((String) p.get("asin"), p));
		int ads = 0;
		for (Map<String, Object> campaign : campaigns) {
			assertThat(campaign.get("adProduct")).isEqualTo("SPONSORED_PRODUCTS");
			assertThat((String) at(campaign, "budget.currencyCode")).isEqualTo("USD");
			List<Map<String, Object>> groups = at(campaign, "adGroups.nodes");
			assertThat(groups).isNotEmpty();
			for (Map<String, Object> group : groups) {
				assertThat((Object) at(group, "campaign.campaignId")).isEqualTo(campaign.get("campaignId"));
				List<Map<String, Object>> groupAds = at(group, "ads.nodes");
				for (Map<String, Object> ad : groupAds) {
					ads++;
					assertThat((Object) at(ad, "adGroup.adGroupId")).isEqualTo(group.get("adGroupId"));
					assertThat((Object) at(ad, "campaign.campaignId")).isEqualTo(campaign.get("campaignId"));
					String asin = (String) ad.get("asin");
					assertThat((Object) at(ad, "product.asin")).isEqualTo(asin);
					Map<String, Object> expected = truthByAsin.get(asin);
					assertThat(expected).as("the sandbox's product %s", asin).isNotNull();
					// The sandbox's report rows name the same campaign and ad group.
					assertThat(String.valueOf((Object) at(expected, "ads.campaignId")))
						.isEqualTo(campaign.get("campaignId"));
					assertThat(String.valueOf((Object) at(expected, "ads.adGroupId")))
						.isEqualTo(group.get("adGroupId"));
					if (Boolean.TRUE.equals(expected.get("inCatalog"))) {
						assertThat((Object) at(ad, "product.catalog.title")).isEqualTo(expected.get("title"));
						assertThat((Object) at(ad, "product.listing.sku")).isEqualTo(expected.get("sku"));
					}
				}
			}
		}
		assertThat(ads).isPositive();
	}

	@Test
	void productsLeadBackToTheirAdsAdGroupsAndCampaignsInOneWalkOfTheProfilesAds() {
		String profile = profileId();
		Map<String, Object> answer = eventually(() -> this.client.graphql(BACK_FROM_PRODUCTS, variables(profile)),
				(a) -> a.get("errors") == null && !((List<?>) at(a, "data.profile.products.nodes")).isEmpty());
		this.client.resetSandboxStats();
		answer = this.client.graphql(BACK_FROM_PRODUCTS, variables(profile));
		assertNoErrors(answer);
		// One walk of the profile's ads for every product on the page, then their ad
		// groups and campaigns by id, one query each.
		assertThat(v1Queries("QueryAd")).isEqualTo(1);
		assertThat(v1Queries("QueryAdGroup")).isEqualTo(1);
		assertThat(v1Queries("QueryCampaign")).isEqualTo(1);
		Map<String, Map<String, Object>> truthByAsin = new HashMap<>();
		truth().forEach((p) -> truthByAsin.put((String) p.get("asin"), p));
		List<Map<String, Object>> products = at(answer, "data.profile.products.nodes");
		int advertised = 0;
		for (Map<String, Object> product : products) {
			Map<String, Object> expected = truthByAsin.get(product.get("asin"));
			List<Map<String, Object>> productAds = at(product, "ads");
			if (expected == null || expected.get("ads") == null) {
				assertThat(productAds).as("ads of %s", product.get("asin")).isEmpty();
				continue;
			}
			advertised++;
			assertThat(productAds).as("ads of %s", product.get("asin")).singleElement().satisfies((ad) -> {
				assertThat(ad.get("asin")).isEqualTo(product.get("asin"));
				assertThat(String.valueOf((Object) at(ad, "campaign.campaignId")))
					.isEqualTo(String.valueOf((Object) at(expected, "ads.campaignId")));
				assertThat(String.valueOf((Object) at(ad, "adGroup.adGroupId")))
					.isEqualTo(String.valueOf((Object) at(expected, "ads.adGroupId")));
				assertThat((String) at(ad, "campaign.name")).isNotBlank();
			});
		}
		assertThat(advertised).isPositive();
	}

	@Test
	void pagesFollowTheUpstreamNextTokenOneQueryAPageAndAddUpToTheWholeList() {
		String profile = profileId();
		String page = """
				query($p: ID!, $a: String) { profile(id: $p) {
				  campaigns(filter: {adProducts: [SPONSORED_PRODUCTS]}, first: 3, after: $a) {
				    edges { cursor node { campaignId } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }""";
		Map<String, Object> whole = this.client.graphql(
				"""
						query($p: ID!) { profile(id: $p) {
						  campaigns(filter: {adProducts: [SPONSORED_PRODUCTS]}, first: 100) { nodes { campaignId } pageInfo { hasNextPage } } } }""",
				Map.of("p", profile));
		assertNoErrors(whole);
		List<Map<String, Object>> all = at(whole, "data.profile.campaigns.nodes");
		assertThat(all.size()).isGreaterThan(3);
		assertThat((Boolean) at(whole, "data.profile.campaigns.pageInfo.hasNextPage")).isFalse();

		List<Object> paged = new ArrayList<>();
		String after = null;
		int pages = 0;
		this.client.resetSandboxStats();
		while (true) {
			Map<String, Object> variables = new HashMap<>();
			variables.put("p", profile);
			variables.put("a", after);
			Map<String, Object> answer = this.client.graphql(page, variables);
			assertNoErrors(answer);
			pages++;
			List<Map<String, Object>> edges = at(answer, "data.profile.campaigns.edges");
			edges.forEach((edge) -> paged.add(at(edge, "node.campaignId")));
			assertThat((Boolean) at(answer, "data.profile.campaigns.pageInfo.hasPreviousPage"))
				.isEqualTo(after != null);
			if (!(Boolean) at(answer, "data.profile.campaigns.pageInfo.hasNextPage")) {
				break;
			}
			after = at(answer, "data.profile.campaigns.pageInfo.endCursor");
			assertThat(pages).isLessThan(50);
		}
		assertThat(paged).containsExactlyElementsOf(all.stream().map((c) -> c.get("campaignId")).toList());
		assertThat(v1Queries("QueryCampaign")).isEqualTo(pages);

		// A cursor in the middle of a page resumes right after its campaign.
		Map<String, Object> first = this.client.graphql(page, Map.of("p", profile));
		List<Map<String, Object>> edges = at(first, "data.profile.campaigns.edges");
		Map<String, Object> resumed = this.client.graphql(page, Map.of("p", profile, "a", edges.get(0).get("cursor")));
		assertNoErrors(resumed);
		List<Map<String, Object>> next = at(resumed, "data.profile.campaigns.edges");
		assertThat(next).extracting((edge) -> at(edge, "node.campaignId"))
			.containsExactlyElementsOf(paged.subList(1, 4));
	}

	@Test
	void performanceIsTheSandboxsOwnSumsByCampaignFromTheSameReport() {
		String profile = profileId();
		String query = """
				query($p: ID!, $s: Date!, $e: Date!) { profile(id: $p) {
				  campaigns(filter: {adProducts: [SPONSORED_PRODUCTS]}, first: 100) { nodes { campaignId
				    performance(dateRange: {start: $s, end: $e}) { spend { amount currencyCode } sales { amount }
				      impressions clicks purchases acos roas freshness { status asOf message } } } } } }""";
		Map<String, Object> answer = eventually(() -> this.client.graphql(query, variables(profile)), (a) -> {
			List<Map<String, Object>> nodes = at(a, "data.profile.campaigns.nodes");
			return nodes != null && !nodes.isEmpty()
					&& nodes.stream().allMatch((n) -> "READY".equals(at(n, "performance.freshness.status")));
		});
		assertNoErrors(answer);
		Map<String, BigDecimal[]> expected = new HashMap<>();
		for (Map<String, Object> product : truth()) {
			Map<String, Object> ads = at(product, "ads");
			if (ads == null) {
				continue;
			}
			BigDecimal[] sums = expected.computeIfAbsent(String.valueOf(ads.get("campaignId")),
					(id) -> new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
							BigDecimal.ZERO });
			sums[0] = sums[0].add(new BigDecimal(String.valueOf((Object) at(ads, "cost.amount"))));
			sums[1] = sums[1].add(new BigDecimal(String.valueOf((Object) at(ads, "sales7d.amount"))));
			sums[2] = sums[2].add(new BigDecimal(String.valueOf(ads.get("impressions"))));
			sums[3] = sums[3].add(new BigDecimal(String.valueOf(ads.get("clicks"))));
			sums[4] = sums[4].add(new BigDecimal(String.valueOf(ads.get("purchases7d"))));
		}
		List<Map<String, Object>> campaigns = at(answer, "data.profile.campaigns.nodes");
		Set<String> seen = new LinkedHashSet<>();
		for (Map<String, Object> campaign : campaigns) {
			String id = (String) campaign.get("campaignId");
			seen.add(id);
			BigDecimal[] sums = expected.getOrDefault(id, new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO,
					BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO });
			Map<String, Object> performance = at(campaign, "performance");
			assertThat(new BigDecimal((String) at(performance, "spend.amount"))).as("spend of %s", id)
				.isEqualByComparingTo(sums[0]);
			assertThat((Object) at(performance, "spend.currencyCode")).isEqualTo("USD");
			assertThat(new BigDecimal((String) at(performance, "sales.amount"))).as("sales of %s", id)
				.isEqualByComparingTo(sums[1]);
			assertThat(((Number) performance.get("impressions")).longValue()).isEqualTo(sums[2].longValue());
			assertThat(((Number) performance.get("clicks")).longValue()).isEqualTo(sums[3].longValue());
			assertThat(((Number) performance.get("purchases")).longValue()).isEqualTo(sums[4].longValue());
			if (sums[1].signum() > 0) {
				assertThat(((Number) performance.get("acos")).doubleValue())
					.isCloseTo(sums[0].doubleValue() / sums[1].doubleValue(), within(1e-6));
			}
			else {
				assertThat(performance.get("acos")).isNull();
			}
			if (sums[0].signum() > 0) {
				assertThat(((Number) performance.get("roas")).doubleValue())
					.isCloseTo(sums[1].doubleValue() / sums[0].doubleValue(), within(1e-6));
			}
		}
		// Every advertised campaign of the sandbox is among the profile's campaigns.
		assertThat(seen).containsAll(expected.keySet());
	}

	@Test
	void badInputsAreClearErrorsAndNothingIsSentUpstream() {
		String profile = profileId();
		String query = """
				query($p: ID!, $f: CampaignFilter, $n: Int, $a: String) { profile(id: $p) {
				  campaigns(filter: $f, first: $n, after: $a) { nodes { campaignId } } } }""";
		Map<String, Object> good = this.client.graphql(query,
				Map.of("p", profile, "f", Map.of("adProducts", List.of("SPONSORED_PRODUCTS")), "n", 1));
		assertNoErrors(good);
		String otherFiltersCursor = at(this.client.graphql(
				"""
						query($p: ID!) { profile(id: $p) { campaigns(filter: {adProducts: [SPONSORED_PRODUCTS], states: [ENABLED]}, first: 1) {
						  pageInfo { endCursor } } } }""",
				Map.of("p", profile)), "data.profile.campaigns.pageInfo.endCursor");
		this.client.resetSandboxStats();

		List<Map<String, Object>> refused = List
			.of(Map.of("p", profile, "n", 0), Map.of("p", profile, "n", 101), Map.of("p", profile, "a", "not-a-cursor"),
					Map.of("p", profile, "f", Map.of("adProducts", List.of("SPONSORED_PRODUCTS")), "a",
							otherFiltersCursor),
					Map.of("p", profile, "f", Map.of("adProducts", List.of("AMAZON_DSP"))),
					Map.of("p", profile, "f", Map.of("adProducts", List.of())),
					Map.of("p", profile, "f", Map.of("name", " ")));
		for (Map<String, Object> variables : refused) {
			Map<String, Object> answer = this.client.graphql(query, variables);
			assertThat(errorCode(answer)).as("%s", variables).isEqualTo("BAD_USER_INPUT");
			Map<String, Object> error = errors(answer).get(0);
			assertThat((String) error.get("message")).as("%s", variables).isNotBlank();
			assertThat((Object) at(answer, "data.profile.campaigns")).isNull();
		}
		// An ad product the schema does not know never runs.
		GatewayClient.Raw unknown = this.client.post("/graphql", GatewayClient.DEMO_KEY,
				"{\"query\": \"{ profile(id: \\\"" + profile
						+ "\\\") { campaigns(filter: {adProducts: [SPONSORED_RADIO]}) { nodes { campaignId } } } }\"}");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.body()).contains("GRAPHQL_VALIDATION_FAILED").contains("SPONSORED_RADIO");
		// A profile the tenant does not have.
		Map<String, Object> noProfile = this.client.graphql(query, Map.of("p", "1234567"));
		assertThat(errorCode(noProfile)).isEqualTo("NOT_FOUND");
		assertThat(v1Queries("QueryCampaign") + v1Queries("QueryAdGroup") + v1Queries("QueryAd")
				+ v1Queries("QueryTarget"))
			.isZero();
		// A nested cursor that names no ad group: refused before the ad groups are asked
		// for (the campaigns above them were).
		Map<String, Object> nested = this.client.graphql("""
				query($p: ID!) { profile(id: $p) { campaigns(filter: {adProducts: [SPONSORED_PRODUCTS]}, first: 1) {
				  nodes { adGroups(after: "bm90LWEtY3Vyc29y") { nodes { adGroupId } } } } } }""", Map.of("p", profile));
		assertThat(errorCode(nested)).isEqualTo("BAD_USER_INPUT");
		assertThat((String) at(errors(nested).get(0), "extensions.argument")).isEqualTo("after");
		assertThat(v1Queries("QueryAdGroup")).isZero();
	}

}
