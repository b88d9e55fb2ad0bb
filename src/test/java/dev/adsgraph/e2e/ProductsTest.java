package dev.adsgraph.e2e;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The ASIN join end to end: the gateway's figures are compared with the sandbox's own
 * sums for the same seller, marketplace and range, computed by the sandbox independently
 * of the gateway.
 */
class ProductsTest extends SandboxGatewayTest {

	static final String SELLER = "A3NWOUTDR82KQZ";

	static final String US = "ATVPDKIKX0DER";

	static final String PRODUCTS = """
			query($m: String!, $a: [String!]!, $s: Date!, $e: Date!) {
			  products(marketplaceId: $m, asins: $a, dateRange: {start: $s, end: $e}) {
			    freshness { advertising { status asOf message } retail { status asOf message } }
			    nodes { asin marketplaceId
			      catalog { title brand imageUrl salesRanks { title rank } }
			      listing { sku status price { amount currencyCode } }
			      inventory { fulfillable inboundWorking inboundShipped inboundReceiving reserved }
			      sales { unitsOrdered orderedProductSales { amount currencyCode } sessions pageViews buyBoxPercentage }
			      advertising { impressions clicks spend { amount currencyCode } attributedSales { amount } attributedOrders attributedUnits }
			      metrics { ctr cvr cpc { amount } acos roas tacos organicSales { amount } organicShare }
			    }
			  }
			}""";

	private final LocalDate end = LocalDate.now(ZoneOffset.UTC).minusDays(3);

	private final LocalDate start = this.end.minusDays(6);

	private Map<String, Object> query(List<String> asins, LocalDate from, LocalDate to) {
		return this.client.graphql(PRODUCTS, Map.of("m", US, "a", asins, "s", from.toString(), "e", to.toString()));
	}

	private Map<String, Object> ready(List<String> asins, LocalDate from, LocalDate to) {
		Map<String, Object> answer = eventually(() -> query(asins, from, to),
				(a) -> "READY".equals(at(a, "data.products.freshness.advertising.status"))
						&& "READY".equals(at(a, "data.products.freshness.retail.status")));
		assertNoErrors(answer);
		return answer;
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> truth(LocalDate from, LocalDate to) {
		return (List<Map<String, Object>>) this.client.groundTruth(SELLER, US, from.toString(), to.toString())
			.get("products");
	}

	/** The values of every {@code amount} field under {@code value}. */
	private static List<Object> amounts(Object value, List<Object> found) {
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, child) -> {
				if ("amount".equals(key) && child != null) {
					found.add(child);
				}
				else {
					amounts(child, found);
				}
			});
		}
		else if (value instanceof List<?> list) {
			list.forEach((child) -> amounts(child, found));
		}
		return found;
	}

	private static BigDecimal decimal(Object value) {
		return new BigDecimal(value.toString());
	}

	@Test
	void aDashboardQueryOverAHundredAsinsEqualsTheFixturesSums() {
		List<Map<String, Object>> truth = truth(this.start, this.end);
		List<Map<String, Object>> hundred = truth.subList(0, 100);
		List<String> asins = hundred.stream().map((p) -> (String) p.get("asin")).toList();
		ready(asins, this.start, this.end);

		this.client.resetSandboxStats();
		Map<String, Object> answer = query(asins, this.start, this.end);
		assertNoErrors(answer);
		// Every amount of money travels as an exact decimal string, never as a JSON
		// number.
		List<Object> amounts = amounts(answer.get("data"), new ArrayList<>());
		assertThat(amounts).hasSizeGreaterThan(100)
			.allSatisfy((amount) -> assertThat(amount).isInstanceOf(String.class)
				.asString()
				.matches("-?[0-9]+(\\.[0-9]+)?"));
		List<Map<String, Object>> nodes = at(answer, "data.products.nodes");
		assertThat(nodes).extracting((n) -> n.get("asin")).containsExactlyElementsOf(asins);
		int checkedBoth = 0;
		for (int i = 0; i < nodes.size(); i++) {
			Map<String, Object> node = nodes.get(i);
			Map<String, Object> expected = hundred.get(i);
			String kind = (String) expected.get("kind");
			if (Boolean.TRUE.equals(expected.get("inCatalog"))) {
				assertThat((Object) at(node, "catalog.title")).isEqualTo(expected.get("title"));
				assertThat((Object) at(node, "listing.sku")).isEqualTo(expected.get("sku"));
				assertThat(((Number) at(node, "inventory.fulfillable")).intValue())
					.isEqualTo(((Number) at(expected, "inventory.fulfillable")).intValue());
			}
			else {
				assertThat(node.get("catalog")).as("catalog of deleted %s", node.get("asin")).isNull();
			}
			Map<String, Object> retail = at(expected, "retail");
			long units = (retail != null) ? ((Number) retail.get("unitsOrdered")).longValue() : 0;
			BigDecimal sales = (retail != null) ? decimal(at(retail, "orderedProductSales.amount")) : BigDecimal.ZERO;
			assertThat(((Number) at(node, "sales.unitsOrdered")).longValue()).isEqualTo(units);
			assertThat(decimal(at(node, "sales.orderedProductSales.amount"))).isEqualByComparingTo(sales);
			Map<String, Object> ads = at(expected, "ads");
			BigDecimal spend = (ads != null) ? decimal(at(ads, "cost.amount")) : BigDecimal.ZERO;
			BigDecimal attributed = (ads != null) ? decimal(at(ads, "sales7d.amount")) : BigDecimal.ZERO;
			assertThat(decimal(at(node, "advertising.spend.amount"))).isEqualByComparingTo(spend);
			assertThat(decimal(at(node, "advertising.attributedSales.amount"))).isEqualByComparingTo(attributed);
			if (ads != null) {
				assertThat(((Number) at(node, "advertising.clicks")).longValue())
					.isEqualTo(((Number) ads.get("clicks")).longValue());
			}
			if (sales.signum() > 0) {
				assertThat(((Number) at(node, "metrics.tacos")).doubleValue())
					.isCloseTo(spend.doubleValue() / sales.doubleValue(), within(1e-6));
				assertThat(decimal(at(node, "metrics.organicSales.amount")))
					.isEqualByComparingTo(sales.subtract(attributed).max(BigDecimal.ZERO));
			}
			else {
				assertThat((Object) at(node, "metrics.tacos")).isNull();
			}
			if ("BOTH".equals(kind)) {
				checkedBoth++;
			}
		}
		assertThat(checkedBoth).isGreaterThan(50);
		// Everything came from caches and reports already made: no catalog, listing or
		// report call.
		Map<String, Long> stats = this.client.sandboxStats();
		assertThat(stats.getOrDefault("sp.na.searchCatalogItems", 0L)).isZero();
		assertThat(stats.getOrDefault("sp.na.createReport", 0L)).isZero();
		assertThat(stats.getOrDefault("ads.na.createAsyncReport", 0L)).isZero();
	}

	@Test
	void asinsWithAdsButNoSalesAndTheReverseGetZerosAndNullRatios() {
		List<Map<String, Object>> truth = truth(this.start, this.end);
		String adsOnly = truth.stream()
			.filter((p) -> "ADS_ONLY".equals(p.get("kind")))
			.map((p) -> (String) p.get("asin"))
			.findFirst()
			.orElseThrow();
		String retailOnly = truth.stream()
			.filter((p) -> "RETAIL_ONLY".equals(p.get("kind")))
			.map((p) -> (String) p.get("asin"))
			.findFirst()
			.orElseThrow();
		String deleted = truth.stream()
			.filter((p) -> "DELETED".equals(p.get("kind")))
			.map((p) -> (String) p.get("asin"))
			.findFirst()
			.orElseThrow();
		Map<String, Object> answer = ready(List.of(adsOnly, retailOnly, deleted), this.start, this.end);
		Map<String, Object> ads = at(answer, "data.products.nodes.0");
		assertThat(((Number) at(ads, "sales.unitsOrdered")).longValue()).isZero();
		assertThat(decimal(at(ads, "advertising.spend.amount"))).isPositive();
		assertThat((Object) at(ads, "metrics.tacos")).isNull();
		assertThat(decimal(at(ads, "metrics.organicSales.amount"))).isEqualByComparingTo(BigDecimal.ZERO);
		Map<String, Object> retail = at(answer, "data.products.nodes.1");
		assertThat(((Number) at(retail, "advertising.impressions")).longValue()).isZero();
		assertThat((Object) at(retail, "metrics.acos")).isNull();
		assertThat((Object) at(retail, "metrics.ctr")).isNull();
		assertThat(((Number) at(retail, "metrics.organicShare")).doubleValue()).isEqualTo(1.0);
		assertThat(((Number) at(retail, "metrics.tacos")).doubleValue()).isEqualTo(0.0);
		Map<String, Object> gone = at(answer, "data.products.nodes.2");
		assertThat(gone.get("catalog")).isNull();
		assertThat(gone.get("listing")).isNull();
		assertThat(decimal(at(gone, "advertising.spend.amount"))).isPositive();
	}

	@Test
	void tenConcurrentQueriesForANewRangeShareOneReportPerUpstream() throws Exception {
		LocalDate to = this.end.minusDays(10);
		LocalDate from = to.minusDays(2);
		String asin = (String) truth(from, to).get(0).get("asin");
		Map<String, Long> before = this.client.sandboxStats();
		ExecutorService pool = Executors.newFixedThreadPool(10);
		try {
			List<CompletableFuture<Map<String, Object>>> answers = IntStream.range(0, 10)
				.mapToObj((i) -> CompletableFuture.supplyAsync(() -> query(List.of(asin), from, to), pool))
				.toList();
			for (CompletableFuture<Map<String, Object>> answer : answers) {
				assertNoErrors(answer.get());
				assertThat((String) at(answer.get(), "data.products.freshness.advertising.status")).isIn("READY",
						"PENDING");
			}
		}
		finally {
			pool.shutdownNow();
		}
		ready(List.of(asin), from, to);
		Map<String, Long> after = this.client.sandboxStats();
		assertThat(after.getOrDefault("ads.na.createAsyncReport", 0L)
				- before.getOrDefault("ads.na.createAsyncReport", 0L))
			.isEqualTo(1);
		assertThat(after.getOrDefault("sp.na.createReport", 0L) - before.getOrDefault("sp.na.createReport", 0L))
			.isEqualTo(1);
	}

	@Test
	void aBurstOfHundredAsinQueriesCausesNoUpstreamThrottlingAndAtMostFiveCatalogCalls() throws Exception {
		// Other ASINs than the other tests', so the catalog is cold for them.
		List<Map<String, Object>> truth = truth(this.start, this.end);
		List<String> asins = new ArrayList<>(truth.stream().map((p) -> (String) p.get("asin")).toList());
		Collections.reverse(asins);
		List<String> hundred = asins.subList(0, 100);
		Map<String, Long> before = this.client.sandboxStats();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<CompletableFuture<Map<String, Object>>> answers = IntStream.range(0, 8)
				.mapToObj((i) -> CompletableFuture.supplyAsync(() -> query(hundred, this.start, this.end), pool))
				.toList();
			for (CompletableFuture<Map<String, Object>> answer : answers) {
				assertNoErrors(answer.get());
			}
		}
		finally {
			pool.shutdownNow();
		}
		Map<String, Long> after = this.client.sandboxStats();
		long catalogCalls = after.getOrDefault("sp.na.searchCatalogItems", 0L)
				- before.getOrDefault("sp.na.searchCatalogItems", 0L);
		assertThat(catalogCalls).isBetween(1L, 5L);
		assertThat(after.entrySet()
			.stream()
			.filter((e) -> e.getKey().endsWith(".throttled"))
			.mapToLong(Map.Entry::getValue)
			.sum()).isZero();
	}

	@Test
	void aMarketplaceTheSellerDoesNotSellInIsAClearError() {
		Map<String, Object> answer = this.client.graphql(PRODUCTS, Map.of("m", "A1PA6795UKMFR9", "a",
				List.of("B0YR85KV4O"), "s", this.start.toString(), "e", this.end.toString()));
		assertThat(errorCode(answer)).isEqualTo("BAD_USER_INPUT");
		assertThat((String) at(answer, "errors.0.message")).contains("does not sell in marketplace A1PA6795UKMFR9");
	}

	@Test
	void aProfilesProductsAndPerformanceAddUp() {
		String query = """
				query($s: Date!, $e: Date!) { profiles(filter: {marketplaceIds: ["ATVPDKIKX0DER"], types: [SELLER]}) {
				  id accountInfo { accountId } marketplaceParticipation { id storeName marketplace { id } }
				  performance(dateRange: {start: $s, end: $e}) { freshness { advertising { status } retail { status } }
				    advertising { spend { amount } } sales { orderedProductSales { amount } } metrics { tacos } }
				  products(dateRange: {start: $s, end: $e}, first: 100) { nodes { asin advertising { spend { amount } } }
				    pageInfo { hasNextPage endCursor } } } }""";
		Map<String, Object> vars = Map.of("s", this.start.toString(), "e", this.end.toString());
		Map<String, Object> answer = eventually(() -> this.client.graphql(query, vars), (a) -> {
			List<Map<String, Object>> ps = at(a, "data.profiles");
			return ps.stream()
				.filter((p) -> SELLER.equals(at(p, "accountInfo.accountId")))
				.allMatch((p) -> "READY".equals(at(p, "performance.freshness.advertising.status"))
						&& "READY".equals(at(p, "performance.freshness.retail.status")));
		});
		assertNoErrors(answer);
		List<Map<String, Object>> profiles = at(answer, "data.profiles");
		Map<String, Object> northwind = profiles.stream()
			.filter((p) -> SELLER.equals(at(p, "accountInfo.accountId")))
			.findFirst()
			.orElseThrow();
		assertThat((Object) at(northwind, "marketplaceParticipation.marketplace.id")).isEqualTo(US);
		profiles.stream()
			.filter((p) -> !SELLER.equals(at(p, "accountInfo.accountId")))
			.forEach((p) -> assertThat(p.get("marketplaceParticipation")).isNull());
		List<Map<String, Object>> truth = truth(this.start, this.end);
		BigDecimal spend = truth.stream()
			.filter((p) -> p.get("ads") != null)
			.map((p) -> decimal(at(p, "ads.cost.amount")))
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal sales = truth.stream()
			.filter((p) -> p.get("retail") != null)
			.map((p) -> decimal(at(p, "retail.orderedProductSales.amount")))
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		assertThat(decimal(at(northwind, "performance.advertising.spend.amount"))).isEqualByComparingTo(spend);
		assertThat(decimal(at(northwind, "performance.sales.orderedProductSales.amount"))).isEqualByComparingTo(sales);
		List<Map<String, Object>> first = at(northwind, "products.nodes");
		assertThat(first).hasSize(100);
		assertThat((Object) at(northwind, "products.pageInfo.hasNextPage")).isEqualTo(true);
		List<BigDecimal> spends = first.stream().map((n) -> decimal(at(n, "advertising.spend.amount"))).toList();
		assertThat(spends).isSortedAccordingTo(java.util.Comparator.reverseOrder());
	}

}
