package dev.adsgraph.e2e;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code Performance.daily} end to end: a profile's figures day by day, from the same two
 * upstream reports as its totals. Reports take seconds here and the gateway never waits
 * for them, so a new range is PENDING first (the same configuration as
 * {@link DashboardReportPendingBrowserTest}, whose application this shares; the ranges
 * here end weeks before the dashboard's).
 */
@TestPropertySource(properties = { "adsgraph.sandbox.report-processing-time=3s", "adsgraph.reports.grace=0s" })
class DailyPerformanceTest extends SandboxGatewayTest {

	static final String DAILY = """
			query($s: Date!, $e: Date!) { profiles(filter: {marketplaceIds: ["ATVPDKIKX0DER"], types: [SELLER]}) {
			  id accountInfo { accountId }
			  performance(dateRange: {start: $s, end: $e}) {
			    freshness { advertising { status } retail { status message } }
			    advertising { spend { amount } attributedSales { amount } clicks }
			    sales { orderedProductSales { amount } unitsOrdered sessions }
			    daily { date
			      advertising { spend { amount currencyCode } attributedSales { amount } clicks }
			      sales { orderedProductSales { amount currencyCode } unitsOrdered sessions }
			      metrics { acos tacos organicSales { amount } organicShare } } } } }""";

	private Map<String, Object> ask(LocalDate start, LocalDate end) {
		return this.client.graphql(DAILY, Map.of("s", start.toString(), "e", end.toString()));
	}

	private static Map<String, Object> northwind(Map<String, Object> answer) {
		List<Map<String, Object>> profiles = at(answer, "data.profiles");
		return profiles.stream()
			.filter((p) -> ProductsTest.SELLER.equals(at(p, "accountInfo.accountId")))
			.findFirst()
			.orElseThrow();
	}

	private static BigDecimal decimal(Object value) {
		return new BigDecimal(String.valueOf(value));
	}

	private static BigDecimal sum(List<Map<String, Object>> days, String path) {
		return days.stream().map((d) -> decimal(at(d, path))).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	@Test
	void aNewRangeIsPendingWithEveryDayThenReadyWithDaysThatAddUpToTheTotalsAndTheSandboxsDays() {
		LocalDate end = LocalDate.now(ZoneOffset.UTC).minusDays(20);
		LocalDate start = end.minusDays(6);
		Map<String, Long> before = this.client.sandboxStats();

		Map<String, Object> first = ask(start, end);
		assertNoErrors(first);
		Map<String, Object> pending = northwind(first);
		assertThat((Object) at(pending, "performance.freshness.advertising.status")).isEqualTo("PENDING");
		List<Map<String, Object>> pendingDays = at(pending, "performance.daily");
		assertThat(pendingDays).as("every day of the range, figures unknown yet").hasSize(7).allSatisfy((day) -> {
			assertThat(day.get("advertising")).isNull();
			assertThat((Object) at(day, "metrics.acos")).isNull();
		});
		assertThat(pendingDays.get(0)).containsEntry("date", start.toString());

		Map<String, Object> answer = eventually(() -> ask(start, end), (a) -> {
			Map<String, Object> p = northwind(a);
			return "READY".equals(at(p, "performance.freshness.advertising.status"))
					&& "READY".equals(at(p, "performance.freshness.retail.status"));
		});
		assertNoErrors(answer);
		Map<String, Object> performance = at(northwind(answer), "performance");
		List<Map<String, Object>> days = at(performance, "daily");
		assertThat(days).extracting((d) -> d.get("date"))
			.containsExactlyElementsOf(start.datesUntil(end.plusDays(1)).map(LocalDate::toString).toList());

		// The days add up to the totals the same answer gives.
		assertThat(sum(days, "advertising.spend.amount")).isPositive()
			.isEqualByComparingTo(decimal(at(performance, "advertising.spend.amount")));
		assertThat(sum(days, "advertising.attributedSales.amount"))
			.isEqualByComparingTo(decimal(at(performance, "advertising.attributedSales.amount")));
		assertThat(sum(days, "advertising.clicks"))
			.isEqualByComparingTo(decimal(at(performance, "advertising.clicks")));
		assertThat(sum(days, "sales.orderedProductSales.amount")).isPositive()
			.isEqualByComparingTo(decimal(at(performance, "sales.orderedProductSales.amount")));
		assertThat(sum(days, "sales.unitsOrdered"))
			.isEqualByComparingTo(decimal(at(performance, "sales.unitsOrdered")));
		assertThat(sum(days, "sales.sessions")).isEqualByComparingTo(decimal(at(performance, "sales.sessions")));

		for (Map<String, Object> day : days) {
			// Each day is the sandbox's own sum for that day, computed without the
			// gateway.
			String date = (String) day.get("date");
			List<Map<String, Object>> truth = at(
					this.client.groundTruth(ProductsTest.SELLER, ProductsTest.US, date, date), "products");
			BigDecimal spend = truth.stream()
				.filter((p) -> p.get("ads") != null)
				.map((p) -> decimal(at(p, "ads.cost.amount")))
				.reduce(BigDecimal.ZERO, BigDecimal::add);
			BigDecimal attributed = truth.stream()
				.filter((p) -> p.get("ads") != null)
				.map((p) -> decimal(at(p, "ads.sales7d.amount")))
				.reduce(BigDecimal.ZERO, BigDecimal::add);
			BigDecimal sales = truth.stream()
				.filter((p) -> p.get("retail") != null)
				.map((p) -> decimal(at(p, "retail.orderedProductSales.amount")))
				.reduce(BigDecimal.ZERO, BigDecimal::add);
			assertThat(decimal(at(day, "advertising.spend.amount"))).as(date).isEqualByComparingTo(spend);
			assertThat(decimal(at(day, "sales.orderedProductSales.amount"))).as(date).isEqualByComparingTo(sales);
			assertThat((Object) at(day, "advertising.spend.currencyCode")).isEqualTo("USD");
			// The day's metrics, from the day's figures.
			assertThat(((Number) at(day, "metrics.acos")).doubleValue()).as(date)
				.isCloseTo(spend.doubleValue() / attributed.doubleValue(), within(1e-6));
			assertThat(((Number) at(day, "metrics.tacos")).doubleValue()).as(date)
				.isCloseTo(spend.doubleValue() / sales.doubleValue(), within(1e-6));
			assertThat(decimal(at(day, "metrics.organicSales.amount"))).as(date)
				.isEqualByComparingTo(sales.subtract(attributed).max(BigDecimal.ZERO));
		}

		// Totals, days and products of the range share one upstream report of each kind:
		// one ads report
		// per profile (Northwind's serves products too) and Northwind's one sales and
		// traffic report.
		int profiles = ((List<?>) at(answer, "data.profiles")).size();
		Map<String, Object> products = this.client.graphql(ProductsTest.PRODUCTS,
				Map.of("m", ProductsTest.US, "a", List.of("B0YR85KV4O"), "s", start.toString(), "e", end.toString()));
		assertThat((Object) at(products, "data.products.freshness.advertising.status")).isEqualTo("READY");
		assertThat((Object) at(products, "data.products.freshness.retail.status")).isEqualTo("READY");
		Map<String, Long> after = this.client.sandboxStats();
		assertThat(after.getOrDefault("ads.na.createAsyncReport", 0L)
				- before.getOrDefault("ads.na.createAsyncReport", 0L))
			.isEqualTo(profiles);
		assertThat(after.getOrDefault("sp.na.createReport", 0L) - before.getOrDefault("sp.na.createReport", 0L))
			.isEqualTo(1);
	}

	@Test
	void aProfileWithoutRetailFiguresHasItsAdvertisingDaysAndNullSales() {
		LocalDate end = LocalDate.now(ZoneOffset.UTC).minusDays(30);
		LocalDate start = end.minusDays(2);
		Map<String, Object> answer = eventually(() -> ask(start, end), (a) -> {
			List<Map<String, Object>> profiles = at(a, "data.profiles");
			return profiles.stream()
				.allMatch((p) -> !"PENDING".equals(at(p, "performance.freshness.advertising.status"))
						&& !"PENDING".equals(at(p, "performance.freshness.retail.status")));
		});
		assertNoErrors(answer);
		List<Map<String, Object>> others = at(answer, "data.profiles");
		others = others.stream().filter((p) -> !ProductsTest.SELLER.equals(at(p, "accountInfo.accountId"))).toList();
		assertThat(others).isNotEmpty().allSatisfy((profile) -> {
			assertThat((Object) at(profile, "performance.freshness.retail.status")).isEqualTo("FAILED");
			assertThat((String) at(profile, "performance.freshness.retail.message")).contains("SP-API authorization");
			List<Map<String, Object>> days = at(profile, "performance.daily");
			assertThat(days).hasSize(3).allSatisfy((day) -> {
				assertThat(day.get("sales")).isNull();
				assertThat((Object) at(day, "metrics.tacos")).isNull();
				assertThat((Object) at(day, "advertising.spend.amount")).isNotNull();
			});
		});
	}

	@Test
	void badRangesAreRefusedWithTheRangeRulesOfTheTotals() {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		assertBad(today.minusDays(10), today.minusDays(12), "is before dateRange.start");
		assertBad(today.minusDays(50), today.minusDays(10), "at most 31");
		assertBad(today.minusDays(3), today.plusDays(5), "in the future");
		assertBad(today.minusDays(120), today.minusDays(100), "within the last 95 days");
	}

	private void assertBad(LocalDate start, LocalDate end, String message) {
		Map<String, Object> answer = ask(start, end);
		assertThat(errors(answer)).as("%s..%s", start, end).singleElement().satisfies((error) -> {
			assertThat((Object) at(error, "extensions.code")).isEqualTo("BAD_USER_INPUT");
			assertThat((Object) at(error, "extensions.argument")).isEqualTo("dateRange");
			assertThat((String) error.get("message")).contains(message);
			assertThat(error.get("path")).isEqualTo(List.of("profiles", 0, "performance"));
		});
		List<Map<String, Object>> profiles = at(answer, "data.profiles");
		assertThat(profiles).isNotEmpty().allSatisfy((profile) -> assertThat(profile.get("performance")).isNull());
	}

	/**
	 * A dashboard's query with a refused range: the profiles and the other root fields
	 * answer, with one error for the range however many profiles there are, and no report
	 * is asked for.
	 */
	@Test
	void aRefusedRangeUnderProfilesIsOneErrorAndTheRestOfTheAnswerStays() {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		Map<String, Long> before = this.client.sandboxStats();
		Map<String, Object> answer = this.client.graphql("""
				query($s: Date!, $e: Date!) {
				  profiles { id countryCode performance(dateRange: {start: $s, end: $e}) { metrics { acos } } }
				  sellingPartner { id marketplaceParticipations { id } }
				}""", Map.of("s", today.minusDays(3).toString(), "e", today.minusDays(5).toString()));

		List<Map<String, Object>> profiles = at(answer, "data.profiles");
		assertThat(profiles).hasSizeGreaterThan(1).allSatisfy((profile) -> {
			assertThat((String) profile.get("id")).isNotBlank();
			assertThat(profile).containsEntry("performance", null);
		});
		assertThat((String) at(answer, "data.sellingPartner.id")).isEqualTo(ProductsTest.SELLER);
		assertThat(errors(answer)).singleElement().satisfies((error) -> {
			assertThat((Object) at(error, "extensions.code")).isEqualTo("BAD_USER_INPUT");
			assertThat((Object) at(error, "extensions.argument")).isEqualTo("dateRange");
			assertThat((String) error.get("message")).contains("is before dateRange.start");
			assertThat(error.get("path")).isEqualTo(List.of("profiles", 0, "performance"));
		});
		assertThat(reportsAskedFor(this.client.sandboxStats())).as("reports asked for")
			.isEqualTo(reportsAskedFor(before));
	}

	/**
	 * The same field selected directly and through a fragment under one alias is one
	 * field: one error; another alias of it with a valid range answers.
	 */
	@Test
	void aFieldReachedThroughAFragmentAndAnAliasIsCheckedOncePerResponseField() {
		LocalDate end = LocalDate.now(ZoneOffset.UTC).minusDays(45);
		Map<String, Object> bad = Map.of("start", end.toString(), "end", end.minusDays(2).toString());
		Map<String, Object> good = Map.of("start", end.minusDays(2).toString(), "end", end.toString());
		String query = """
				query($bad: DateRangeInput!, $good: DateRangeInput!) {
				  profiles(filter: {marketplaceIds: ["ATVPDKIKX0DER"]}) { id
				    refused: performance(dateRange: $bad) { metrics { acos } }
				    ...Figures
				    fine: performance(dateRange: $good) { daily { date } freshness { advertising { status } retail { status } } }
				  }
				}
				fragment Figures on Profile { refused: performance(dateRange: $bad) { freshness { retail { status } } } }
				""";
		// Until the valid range's reports are done, so that no other test counts them.
		Map<String, Object> answer = eventually(() -> this.client.graphql(query, Map.of("bad", bad, "good", good)),
				(a) -> ((List<Map<String, Object>>) at(a, "data.profiles")).stream()
					.noneMatch((p) -> "PENDING".equals(at(p, "fine.freshness.advertising.status"))
							|| "PENDING".equals(at(p, "fine.freshness.retail.status"))));

		assertThat(errors(answer)).singleElement().satisfies((error) -> {
			assertThat((Object) at(error, "extensions.argument")).isEqualTo("dateRange");
			assertThat(error.get("path")).isEqualTo(List.of("profiles", 0, "refused"));
			assertThat((Object) at(error, "locations.0.line")).isEqualTo(3);
		});
		List<Map<String, Object>> profiles = at(answer, "data.profiles");
		assertThat(profiles).hasSizeGreaterThan(1).allSatisfy((profile) -> {
			assertThat(profile).containsEntry("refused", null);
			assertThat((List<?>) at(profile, "fine.daily")).hasSize(3);
		});
	}

	private static long reportsAskedFor(Map<String, Long> stats) {
		return stats.entrySet()
			.stream()
			.filter((e) -> e.getKey().endsWith(".createAsyncReport") || e.getKey().endsWith(".createReport"))
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

}
