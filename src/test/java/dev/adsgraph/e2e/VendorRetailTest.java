package dev.adsgraph.e2e;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.adsgraph.connections.ConnectionKind;
import dev.adsgraph.connections.ConnectionStore;
import dev.adsgraph.connections.Grant;
import dev.adsgraph.sandbox.fixtures.Fixtures;
import dev.adsgraph.upstream.Region;

import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A vendor profile's retail side end to end: the Acme Brands vendor's SP-API
 * authorization, saved into the demo workspace, gives its US vendor profile retail
 * figures from the vendor sales and traffic reports (reportPeriod DAY, the default), and
 * its TACoS, organic sales and glance views agree with the sandbox's own sums for the
 * vendor group. Ranges the vendor reports cannot answer are refused before any report is
 * requested.
 */
class VendorRetailTest extends SandboxGatewayTest {

	static final String US = "ATVPDKIKX0DER";

	/** The vendor group whose products the sandbox's ground truth sums. */
	static final String ACME_VENDOR_GROUP = "4815162";

	static final String VENDOR_PROFILES = """
			{ profiles(filter: {marketplaceIds: ["ATVPDKIKX0DER"], types: [VENDOR]}) { id accountInfo { accountId } } }""";

	static final String PERFORMANCE = """
			query($id: ID!, $s: Date!, $e: Date!) { profile(id: $id) {
			  performance(dateRange: {start: $s, end: $e}) {
			    freshness { advertising { status } retail { status message } }
			    advertising { spend { amount } attributedSales { amount } }
			    sales { orderedProductSales { amount currencyCode } unitsOrdered pageViews sessions }
			    metrics { tacos organicSales { amount } }
			    daily { date sales { orderedProductSales { amount } pageViews } } }
			  products(dateRange: {start: $s, end: $e}, first: 100) {
			    freshness { retail { status } }
			    nodes { asin sales { orderedProductSales { amount } unitsOrdered pageViews }
			      advertising { spend { amount } } metrics { tacos } } } } }""";

	@Autowired
	ConnectionStore store;

	private java.util.UUID connectionId;

	@BeforeEach
	void authorizeTheVendor() {
		this.connectionId = this.store
			.save(new Grant("demo", ConnectionKind.SELLING_PARTNER, Fixtures.ACME_VENDOR_ENTITY, "Acme Brands Inc.",
					List.of(Region.NA, Region.EU), List.of(), Fixtures.ACME_VENDOR_SP.credentials().clientId(),
					Fixtures.ACME_VENDOR_SP.credentials().refreshToken()))
			.block()
			.id();
	}

	@AfterEach
	void disconnect() {
		this.store.disconnect("demo", this.connectionId).block();
	}

	private String acmeUsProfile() {
		Map<String, Object> answer = this.client.graphql(VENDOR_PROFILES);
		assertNoErrors(answer);
		List<Map<String, Object>> profiles = at(answer, "data.profiles");
		return profiles.stream()
			.filter((p) -> Fixtures.ACME_VENDOR_ENTITY.equals(at(p, "accountInfo.accountId")))
			.map((p) -> (String) p.get("id"))
			.findFirst()
			.orElseThrow();
	}

	private Map<String, Object> ask(String profileId, LocalDate start, LocalDate end) {
		return this.client.graphql(PERFORMANCE, Map.of("id", profileId, "s", start.toString(), "e", end.toString()));
	}

	private static BigDecimal decimal(Object value) {
		return new BigDecimal(String.valueOf(value));
	}

	@Test
	void aVendorProfilesTacosOrganicSalesAndGlanceViewsEqualTheSandboxsGroundTruth() {
		String profile = acmeUsProfile();
		LocalDate end = LocalDate.now(ZoneOffset.UTC).minusDays(5);
		LocalDate start = end.minusDays(6);
		Map<String, Long> before = this.client.sandboxStats();
		Map<String, Object> answer = eventually(() -> ask(profile, start, end),
				(a) -> "READY".equals(at(a, "data.profile.performance.freshness.advertising.status"))
						&& "READY".equals(at(a, "data.profile.performance.freshness.retail.status")));
		assertNoErrors(answer);
		Map<String, Long> after = this.client.sandboxStats();
		// One sales and one traffic report, whatever number of fields and polls asked.
		assertThat(after.getOrDefault("sp.na.createReport", 0L) - before.getOrDefault("sp.na.createReport", 0L))
			.isEqualTo(2);

		@SuppressWarnings("unchecked")
		List<Map<String, Object>> truth = (List<Map<String, Object>>) this.client
			.groundTruth(ACME_VENDOR_GROUP, US, start.toString(), end.toString())
			.get("products");
		BigDecimal sales = BigDecimal.ZERO;
		BigDecimal spend = BigDecimal.ZERO;
		BigDecimal attributed = BigDecimal.ZERO;
		long views = 0;
		Map<String, Map<String, Object>> byAsin = new HashMap<>();
		for (Map<String, Object> product : truth) {
			byAsin.put((String) product.get("asin"), product);
			sales = sales.add(decimal(at(product, "retail.orderedProductSales.amount")));
			views += ((Number) at(product, "retail.pageViews")).longValue();
			if (product.get("ads") != null) {
				spend = spend.add(decimal(at(product, "ads.cost.amount")));
				attributed = attributed.add(decimal(at(product, "ads.sales7d.amount")));
			}
		}
		assertThat(sales.signum()).isPositive();
		assertThat(spend.signum()).isPositive();

		Map<String, Object> performance = at(answer, "data.profile.performance");
		assertThat(decimal(at(performance, "sales.orderedProductSales.amount"))).isEqualByComparingTo(sales);
		assertThat((Object) at(performance, "sales.orderedProductSales.currencyCode")).isEqualTo("USD");
		assertThat(((Number) at(performance, "sales.pageViews")).longValue()).isEqualTo(views);
		assertThat(((Number) at(performance, "sales.sessions")).longValue()).isZero();
		assertThat(decimal(at(performance, "advertising.spend.amount"))).isEqualByComparingTo(spend);
		assertThat(((Number) at(performance, "metrics.tacos")).doubleValue())
			.isCloseTo(spend.divide(sales, MathContext.DECIMAL64).doubleValue(), within(1e-9));
		assertThat(decimal(at(performance, "metrics.organicSales.amount")))
			.isEqualByComparingTo(sales.subtract(attributed).max(BigDecimal.ZERO));
		List<Map<String, Object>> daily = at(performance, "daily");
		assertThat(daily).hasSize(7);
		assertThat(daily.stream()
			.map((d) -> decimal(at(d, "sales.orderedProductSales.amount")))
			.reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(sales);

		List<Map<String, Object>> nodes = at(answer, "data.profile.products.nodes");
		assertThat(nodes).isNotEmpty();
		for (Map<String, Object> node : nodes) {
			Map<String, Object> expected = byAsin.get((String) node.get("asin"));
			assertThat(expected).as("%s in the ground truth", node.get("asin")).isNotNull();
			BigDecimal productSales = decimal(at(expected, "retail.orderedProductSales.amount"));
			assertThat(decimal(at(node, "sales.orderedProductSales.amount"))).isEqualByComparingTo(productSales);
			assertThat(((Number) at(node, "sales.unitsOrdered")).longValue())
				.isEqualTo(((Number) at(expected, "retail.unitsOrdered")).longValue());
			assertThat(((Number) at(node, "sales.pageViews")).longValue())
				.isEqualTo(((Number) at(expected, "retail.pageViews")).longValue());
			if (productSales.signum() > 0 && expected.get("ads") != null) {
				assertThat(((Number) at(node, "metrics.tacos")).doubleValue())
					.isCloseTo(decimal(at(expected, "ads.cost.amount")).divide(productSales, MathContext.DECIMAL64)
						.doubleValue(), within(1e-9));
			}
		}
	}

	@Test
	void aRangeTooRecentForTheVendorReportsIsRefusedByItsRuleAndNoReportIsRequested() {
		String profile = acmeUsProfile();
		LocalDate end = LocalDate.now(ZoneOffset.UTC).minusDays(1);
		Map<String, Long> before = this.client.sandboxStats();
		Map<String, Object> answer = ask(profile, end.minusDays(6), end);
		List<Map<String, Object>> errors = errors(answer);
		assertThat(errors).as("one error per field: %s", answer).hasSize(2).allSatisfy((error) -> {
			assertThat((Object) at(error, "extensions.code")).isEqualTo("VENDOR_REPORT_RANGE");
			assertThat((Object) at(error, "extensions.rule")).isEqualTo("AVAILABILITY_DELAY");
			assertThat((String) error.get("message")).contains("72 hours after it closes")
				.contains("dateRange.end must be");
		});
		assertThat((Object) at(answer, "data.profile.performance")).isNull();
		assertThat((Object) at(answer, "data.profile.products")).isNull();
		Map<String, Long> after = this.client.sandboxStats();
		assertThat(after.getOrDefault("sp.na.createReport", 0L))
			.isEqualTo(before.getOrDefault("sp.na.createReport", 0L));
		assertThat(after.getOrDefault("ads.na.createAsyncReport", 0L))
			.isEqualTo(before.getOrDefault("ads.na.createAsyncReport", 0L));
	}

	@Test
	void aRangeOlderThanTheReportsKeepIsRefusedBeforeAnythingIsSent() {
		String profile = acmeUsProfile();
		LocalDate start = LocalDate.now(ZoneOffset.UTC).minusDays(120);
		Map<String, Long> before = this.client.sandboxStats();
		Map<String, Object> answer = ask(profile, start, start.plusDays(6));
		assertThat(errors(answer)).isNotEmpty()
			.allSatisfy((error) -> assertThat((Object) at(error, "extensions.code")).isEqualTo("BAD_USER_INPUT"));
		Map<String, Long> after = this.client.sandboxStats();
		assertThat(after.getOrDefault("sp.na.createReport", 0L))
			.isEqualTo(before.getOrDefault("sp.na.createReport", 0L));
		assertThat(after.getOrDefault("ads.na.createAsyncReport", 0L))
			.isEqualTo(before.getOrDefault("ads.na.createAsyncReport", 0L));
	}

}
