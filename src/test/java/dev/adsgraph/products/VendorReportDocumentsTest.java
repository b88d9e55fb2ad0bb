package dev.adsgraph.products;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vendor reports' documents as the products graph reads them (the shapes of Amazon's
 * schema examples), and the freshness of the two reports as one retail source.
 */
class VendorReportDocumentsTest {

	private static final String SALES = """
			{"reportSpecification": {"reportType": "GET_VENDOR_SALES_REPORT",
			  "reportOptions": {"distributorView": "MANUFACTURING", "reportPeriod": "DAY", "sellingProgram": "RETAIL"},
			  "lastUpdatedDate": "2021-06-20", "dataStartTime": "2021-06-06", "dataEndTime": "2021-06-07",
			  "marketplaceIds": ["ATVPDKIKX0DER"]},
			 "salesAggregate": [
			  {"startDate": "2021-06-06", "endDate": "2021-06-06", "orderedRevenue": {"amount": 1500.00, "currencyCode": "USD"},
			   "orderedUnits": 75, "shippedCogs": {"amount": 90.0, "currencyCode": "USD"},
			   "shippedRevenue": {"amount": 200.0, "currencyCode": "USD"}, "shippedUnits": 10},
			  {"startDate": "2021-06-07", "endDate": "2021-06-07", "orderedRevenue": {"amount": 0.10, "currencyCode": "USD"},
			   "orderedUnits": 1, "shippedCogs": {"amount": 0, "currencyCode": "USD"},
			   "shippedRevenue": {"amount": 0, "currencyCode": "USD"}, "shippedUnits": 0}],
			 "salesByAsin": [
			  {"startDate": "2021-06-06", "endDate": "2021-06-06", "asin": "B123456789",
			   "orderedRevenue": {"amount": 1000.00, "currencyCode": "USD"}, "orderedUnits": 25,
			   "shippedCogs": {"amount": 50.0, "currencyCode": "USD"}, "shippedRevenue": {"amount": 150.0, "currencyCode": "USD"}, "shippedUnits": 5},
			  {"startDate": "2021-06-07", "endDate": "2021-06-07", "asin": "B123456789",
			   "orderedRevenue": {"amount": 0.10, "currencyCode": "USD"}, "orderedUnits": 1,
			   "shippedCogs": {"amount": 0, "currencyCode": "USD"}, "shippedRevenue": {"amount": 0, "currencyCode": "USD"}, "shippedUnits": 0},
			  {"startDate": "2021-06-06", "endDate": "2021-06-06", "asin": "B987654321",
			   "orderedRevenue": {"amount": 500, "currencyCode": "USD"}, "orderedUnits": 50,
			   "shippedCogs": {"amount": 40.0, "currencyCode": "USD"}, "shippedRevenue": {"amount": 50.0, "currencyCode": "USD"}, "shippedUnits": 5}]}
			""";

	private static final String TRAFFIC = """
			{"reportSpecification": {"reportType": "GET_VENDOR_TRAFFIC_REPORT", "reportOptions": {"reportPeriod": "DAY"},
			  "lastUpdatedDate": "2021-06-20", "dataStartTime": "2021-06-06", "dataEndTime": "2021-06-07",
			  "marketplaceIds": ["ATVPDKIKX0DER"]},
			 "trafficAggregate": [{"startDate": "2021-06-06", "endDate": "2021-06-06", "glanceViews": 100},
			  {"startDate": "2021-06-07", "endDate": "2021-06-07", "glanceViews": 250}],
			 "trafficByAsin": [{"startDate": "2021-06-06", "endDate": "2021-06-06", "asin": "B123456789", "glanceViews": 100},
			  {"startDate": "2021-06-07", "endDate": "2021-06-07", "asin": "B123456789", "glanceViews": 250}]}
			""";

	private static byte[] bytes(String json) {
		return json.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void salesAndGlanceViewsAddUpPerAsinAndPerDay() {
		RetailFigures figures = VendorReportDocuments.combine(VendorReportDocuments.sales(bytes(SALES), "USD", true),
				VendorReportDocuments.traffic(bytes(TRAFFIC), "USD", true));
		RetailSales speaker = figures.byAsin().get("B123456789");
		assertThat(speaker.orderedProductSales().amount()).isEqualByComparingTo(new BigDecimal("1000.10"));
		assertThat(speaker.unitsOrdered()).isEqualTo(26);
		assertThat(speaker.pageViews()).isEqualTo(350);
		assertThat(speaker.sessions()).isZero();
		RetailSales other = figures.byAsin().get("B987654321");
		assertThat(other.orderedProductSales().amount()).isEqualByComparingTo("500");
		assertThat(other.pageViews()).isZero();
		assertThat(figures.byDate()).containsOnlyKeys(LocalDate.parse("2021-06-06"), LocalDate.parse("2021-06-07"));
		assertThat(figures.byDate().get(LocalDate.parse("2021-06-07")).pageViews()).isEqualTo(250);
		assertThat(figures.byDate().get(LocalDate.parse("2021-06-06")).orderedProductSales().amount())
			.isEqualByComparingTo("1500");
	}

	@Test
	void periodsLongerThanADayGiveNoDays() {
		RetailFigures figures = VendorReportDocuments.combine(VendorReportDocuments.sales(bytes(SALES), "USD", false),
				VendorReportDocuments.traffic(bytes(TRAFFIC), "USD", false));
		assertThat(figures.byDate()).isNull();
		assertThat(figures.byAsin()).hasSize(2);
	}

	@Test
	void theRetailSourceIsReadyWhenBothReportsAreAsOfTheOlderAndFailedWhenEitherFailed() {
		RetailFigures sales = VendorReportDocuments.sales(bytes(SALES), "USD", true);
		RetailFigures traffic = VendorReportDocuments.traffic(bytes(TRAFFIC), "USD", true);
		Sourced<RetailFigures> older = new Sourced<>(Freshness.ready(Instant.parse("2026-12-01T10:00:00Z")), sales);
		Sourced<RetailFigures> newer = new Sourced<>(Freshness.ready(Instant.parse("2026-12-01T11:00:00Z")), traffic);
		Sourced<RetailFigures> both = VendorRetailReports.combine(older, newer);
		assertThat(both.freshness().status()).isEqualTo("READY");
		assertThat(both.freshness().asOf().toInstant()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
		assertThat(both.data().byAsin().get("B123456789").pageViews()).isEqualTo(350);

		Sourced<RetailFigures> pending = new Sourced<>(Freshness.pending(), null);
		assertThat(VendorRetailReports.combine(older, pending).freshness().status()).isEqualTo("PENDING");
		assertThat(VendorRetailReports.combine(older, pending).data()).isNull();
		Sourced<RetailFigures> failed = new Sourced<>(Freshness.failed("The upstream report failed (FATAL)."), null);
		Freshness failure = VendorRetailReports.combine(pending, failed).freshness();
		assertThat(failure.status()).isEqualTo("FAILED");
		assertThat(failure.message()).startsWith("GET_VENDOR_TRAFFIC_REPORT: ");
		assertThat(Map.of("s", VendorRetailReports.combine(failed, newer).freshness().message()))
			.hasEntrySatisfying("s", (m) -> assertThat(m).startsWith("GET_VENDOR_SALES_REPORT: "));
	}

}
