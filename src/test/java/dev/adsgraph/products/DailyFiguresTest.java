package dev.adsgraph.products;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.adsgraph.upstream.ads.SpAdvertisedProductRow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The daily figures: the ads report's daily rows summed by day and by ASIN, the sales and
 * traffic document's days, and the series of days that {@code Performance.daily} answers.
 */
class DailyFiguresTest {

	private static final LocalDate D1 = LocalDate.parse("2026-11-10");

	private static final LocalDate D2 = D1.plusDays(1);

	private static final LocalDate D3 = D1.plusDays(2);

	private static SpAdvertisedProductRow row(LocalDate date, String asin, long clicks, String cost, String sales) {
		return new SpAdvertisedProductRow(date, null, null, 1L, 2L, asin, "SKU-" + asin, clicks * 100, clicks,
				new BigDecimal(cost), new BigDecimal(sales), clicks / 10, clicks / 10);
	}

	private static Money usd(String amount) {
		return new Money(new BigDecimal(amount), "USD");
	}

	@Test
	void adRowsAddUpByDayAndByAsinToTheSameTotals() {
		List<SpAdvertisedProductRow> rows = List.of(row(D1, "B000000001", 20, "10.00", "40.00"),
				row(D1, "B000000002", 10, "5.50", "0"), row(D2, "B000000001", 30, "12.25", "60.00"),
				// the same ASIN in a second ad group on the same day
				row(D2, "B000000001", 10, "2.00", "0"), row(D2, null, 50, "99.00", "99.00"));
		AdFigures figures = AdFigures.of(rows, "USD");

		assertThat(figures.byDate()).containsOnlyKeys(D1, D2);
		assertThat(figures.byDate().get(D1).spend()).isEqualTo(usd("15.50"));
		assertThat(figures.byDate().get(D1).clicks()).isEqualTo(30);
		assertThat(figures.byDate().get(D2).spend()).isEqualTo(usd("14.25"));
		assertThat(figures.byDate().get(D2).attributedSales()).isEqualTo(usd("60.00"));
		assertThat(figures.byAsin().get("B000000001").spend()).isEqualTo(usd("24.25"));
		assertThat(figures.byAsin().get("B000000001").clicks()).isEqualTo(60);
		assertThat(figures.byAsin().get("B000000002").spend()).isEqualTo(usd("5.50"));

		// A row that joins no product is left out of the days too, so they add up to the
		// products.
		AdPerformance byDay = figures.byDate().values().stream().reduce(AdPerformance.none("USD"), AdPerformance::plus);
		AdPerformance byAsin = figures.byAsin()
			.values()
			.stream()
			.reduce(AdPerformance.none("USD"), AdPerformance::plus);
		assertThat(byDay.spend().amount()).isEqualByComparingTo(byAsin.spend().amount()).isEqualByComparingTo("29.75");
		assertThat(byDay.attributedSales().amount()).isEqualByComparingTo(byAsin.attributedSales().amount());
		assertThat(byDay.impressions()).isEqualTo(byAsin.impressions());
		assertThat(byDay.attributedOrders()).isEqualTo(byAsin.attributedOrders());
	}

	static final String DOCUMENT = """
			{"reportSpecification": {"reportType": "GET_SALES_AND_TRAFFIC_REPORT",
			   "reportOptions": {"dateGranularity": "DAY", "asinGranularity": "CHILD"},
			   "dataStartTime": "2026-11-10", "dataEndTime": "2026-11-12", "marketplaceIds": ["ATVPDKIKX0DER"]},
			 "salesAndTrafficByDate": [
			   {"date": "2026-11-12", "salesByDate": {"orderedProductSales": {"amount": 30.00, "currencyCode": "USD"},
			      "unitsOrdered": 3, "totalOrderItems": 3},
			    "trafficByDate": {"pageViews": 300, "sessions": 200, "buyBoxPercentage": 90.0}},
			   {"date": "2026-11-10", "salesByDate": {"orderedProductSales": {"amount": 100.50, "currencyCode": "USD"},
			      "unitsOrdered": 10, "totalOrderItems": 9},
			    "trafficByDate": {"pageViews": 100, "sessions": 80, "buyBoxPercentage": 80.0, "feedbackReceived": 1}}],
			 "salesAndTrafficByAsin": [
			   {"parentAsin": "B000000001", "childAsin": "B000000001",
			    "salesByAsin": {"unitsOrdered": 8, "orderedProductSales": {"amount": 90.50, "currencyCode": "USD"}},
			    "trafficByAsin": {"sessions": 150, "pageViews": 250, "buyBoxPercentage": 88.0}},
			   {"parentAsin": "B000000002", "childAsin": "B000000002",
			    "salesByAsin": {"unitsOrdered": 5, "orderedProductSales": {"amount": 40.00, "currencyCode": "USD"}},
			    "trafficByAsin": {"sessions": 130, "pageViews": 150, "buyBoxPercentage": 84.0}}]}""";

	@Test
	void theSalesAndTrafficDocumentGivesItsDaysInOrderAndItsAsins() {
		RetailFigures figures = SalesAndTrafficReports.parse(DOCUMENT.getBytes(StandardCharsets.UTF_8), "USD");
		assertThat(figures.byDate()).containsOnlyKeys(D1, D3);
		assertThat(figures.byDate().keySet()).containsExactly(D1, D3);
		RetailSales first = figures.byDate().get(D1);
		assertThat(first.unitsOrdered()).isEqualTo(10);
		assertThat(first.orderedProductSales()).isEqualTo(usd("100.50"));
		assertThat(first.sessions()).isEqualTo(80);
		assertThat(first.pageViews()).isEqualTo(100);
		assertThat(first.buyBoxPercentage()).isCloseTo(80.0, within(1e-9));
		assertThat(figures.byAsin()).containsOnlyKeys("B000000001", "B000000002");
		// The days and the ASINs of one document are two sums of the same sales.
		BigDecimal days = figures.byDate()
			.values()
			.stream()
			.map((s) -> s.orderedProductSales().amount())
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal asins = figures.byAsin()
			.values()
			.stream()
			.map((s) -> s.orderedProductSales().amount())
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		assertThat(days).isEqualByComparingTo(asins);
	}

	@Test
	void aDayListedTwiceIsSummedAndADayWithoutADateMakesTheDocumentUnreadable() {
		String twice = """
				{"salesAndTrafficByDate": [
				  {"date": "2026-11-10", "salesByDate": {"orderedProductSales": {"amount": 1.25, "currencyCode": "USD"}, "unitsOrdered": 1},
				   "trafficByDate": {"pageViews": 100, "sessions": 50, "buyBoxPercentage": 100.0}},
				  {"date": "2026-11-10", "salesByDate": {"orderedProductSales": {"amount": 2.50, "currencyCode": "USD"}, "unitsOrdered": 2},
				   "trafficByDate": {"pageViews": 300, "sessions": 100, "buyBoxPercentage": 60.0}}],
				 "salesAndTrafficByAsin": []}""";
		RetailSales day = SalesAndTrafficReports.parse(twice.getBytes(StandardCharsets.UTF_8), "USD").byDate().get(D1);
		assertThat(day.unitsOrdered()).isEqualTo(3);
		assertThat(day.orderedProductSales().amount()).isEqualByComparingTo("3.75");
		assertThat(day.buyBoxPercentage()).as("weighted by page views").isCloseTo(70.0, within(1e-9));

		String undated = "{\"salesAndTrafficByDate\": [{\"salesByDate\": {\"unitsOrdered\": 1}}], \"salesAndTrafficByAsin\": []}";
		assertThatThrownBy(() -> SalesAndTrafficReports.parse(undated.getBytes(StandardCharsets.UTF_8), "USD"))
			.isInstanceOf(UncheckedIOException.class)
			.hasMessageContaining("no date");
		String badDate = "{\"salesAndTrafficByDate\": [{\"date\": \"11/10/2026\"}], \"salesAndTrafficByAsin\": []}";
		assertThatThrownBy(() -> SalesAndTrafficReports.parse(badDate.getBytes(StandardCharsets.UTF_8), "USD"))
			.isInstanceOf(UncheckedIOException.class)
			.hasMessageContaining("11/10/2026");
	}

	@Test
	void everyDayOfTheRangeIsThereAndADayMissingFromOneSourceIsZeroThere() {
		Map<LocalDate, AdPerformance> ads = Map.of(D1, new AdPerformance(1000, 20, usd("10.00"), usd("40.00"), 2, 2),
				D3, new AdPerformance(1000, 20, usd("8.00"), usd("0"), 0, 0));
		Map<LocalDate, RetailSales> retail = Map.of(D1, new RetailSales(10, usd("200.00"), 80, 100, 90.0), D2,
				new RetailSales(5, usd("50.00"), 40, 60, 95.0));
		List<DailyPerformance> days = DailyPerformance.series(D1, D3, ads, retail, "USD", LocalDate::toString);

		assertThat(days).extracting(DailyPerformance::date).containsExactly(D1, D2, D3);
		DailyPerformance first = days.get(0);
		assertThat(first.metrics().acos()).isCloseTo(0.25, within(1e-12));
		assertThat(first.metrics().tacos()).isCloseTo(0.05, within(1e-12));
		assertThat(first.metrics().organicSales()).isEqualTo(usd("160.00"));
		assertThat(first.metrics().organicShare()).isCloseTo(0.8, within(1e-12));
		// The metrics are the same code as a product's and the totals'.
		assertThat(first.metrics()).isEqualTo(Metrics.of(first.advertising(), first.sales()));

		// Nothing advertised on D2: zero spend, so ACOS and TACoS have nothing to divide
		// and are zero or null.
		DailyPerformance second = days.get(1);
		assertThat(second.advertising()).isEqualTo(AdPerformance.none("USD"));
		assertThat(second.metrics().acos()).isNull();
		assertThat(second.metrics().tacos()).isEqualTo(0.0);
		assertThat(second.metrics().organicShare()).isEqualTo(1.0);
		// Nothing sold on D3: zero sales, no TACoS, spend still shown.
		DailyPerformance third = days.get(2);
		assertThat(third.sales()).isEqualTo(RetailSales.none("USD"));
		assertThat(third.advertising().spend()).isEqualTo(usd("8.00"));
		assertThat(third.metrics().tacos()).isNull();
		assertThat(third.metrics().acos()).as("spend without attributed sales").isNull();
	}

	@Test
	void aSourceThatIsNotReadyIsNullOnEveryDay() {
		Map<LocalDate, RetailSales> retail = Map.of(D1, new RetailSales(10, usd("200.00"), 80, 100, 90.0));
		List<DailyPerformance> days = DailyPerformance.series(D1, D2, null, retail, "USD", LocalDate::toString);
		assertThat(days).hasSize(2).allSatisfy((day) -> {
			assertThat(day.advertising()).isNull();
			assertThat(day.metrics().acos()).isNull();
			assertThat(day.metrics().tacos()).isNull();
			assertThat(day.metrics().organicSales()).isNull();
		});
		assertThat(days.get(0).sales().orderedProductSales()).isEqualTo(usd("200.00"));
		assertThat(DailyPerformance.series(D1, D1, null, null, "USD", LocalDate::toString)).singleElement()
			.satisfies((day) -> assertThat(day.metrics()).isEqualTo(Metrics.NONE));
	}

}
