package dev.adsgraph.sandbox;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.fge.jsonschema.core.report.ProcessingReport;
import com.github.fge.jsonschema.main.JsonSchema;
import com.github.fge.jsonschema.main.JsonSchemaFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.SandboxTestClient.Exchange;
import dev.adsgraph.sandbox.fixtures.Fixtures;
import dev.adsgraph.testing.MutableClock;

import static dev.adsgraph.sandbox.SandboxContracts.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vendor retail analytics reports of the Acme Brands vendor, with a test clock: their
 * documents against Amazon's schemas (vendorSalesReport.json, vendorTrafficReport.json)
 * and the ground truth, and the report options and date rules.
 */
class SandboxVendorReportsTest {

	private static final String US = "ATVPDKIKX0DER";

	/** A Tuesday. */
	private final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-24T12:00:00Z"));

	private final SandboxTestClient sandbox = SandboxTestClient
		.start(SandboxSettings.defaults().withClock(this.clock).withReportProcessingTime(Duration.ofMillis(200)));

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	@Test
	void dailySalesAndTrafficDocumentsAreSchemaValidAndAgreeWithTheGroundTruth() throws Exception {
		Map<String, String> salesOptions = Map.of("reportPeriod", "DAY", "distributorView", "MANUFACTURING",
				"sellingProgram", "RETAIL");
		JsonNode sales = document(create("GET_VENDOR_SALES_REPORT", "2026-11-02", "2026-11-08", salesOptions));
		assertSchemaValid(sales, "vendorSalesReport.json");
		JsonNode traffic = document(
				create("GET_VENDOR_TRAFFIC_REPORT", "2026-11-02", "2026-11-08", Map.of("reportPeriod", "DAY")));
		assertSchemaValid(traffic, "vendorTrafficReport.json");
		assertThat(sales.get("salesAggregate")).hasSize(7);
		assertThat(traffic.get("trafficAggregate")).hasSize(7);

		Map<String, BigDecimal> revenue = new HashMap<>();
		Map<String, Long> units = new HashMap<>();
		Map<String, Long> glanceViews = new HashMap<>();
		for (JsonNode row : sales.get("salesByAsin")) {
			revenue.merge(row.get("asin").stringValue(), row.at("/orderedRevenue/amount").decimalValue(),
					BigDecimal::add);
			units.merge(row.get("asin").stringValue(), row.get("orderedUnits").asLong(), Long::sum);
		}
		for (JsonNode row : traffic.get("trafficByAsin")) {
			glanceViews.merge(row.get("asin").stringValue(), row.get("glanceViews").asLong(), Long::sum);
		}
		JsonNode truth = this.sandbox.truth("4815162", US, "2026-11-02", "2026-11-08");
		int checked = 0;
		for (JsonNode product : truth.get("products")) {
			if (!product.get("inCatalog").asBoolean()) {
				continue;
			}
			String asin = product.get("asin").stringValue();
			assertThat(revenue.get(asin)).as(asin)
				.isEqualByComparingTo(new BigDecimal(product.at("/retail/orderedProductSales/amount").stringValue()));
			assertThat(units.get(asin)).isEqualTo(product.at("/retail/unitsOrdered").asLong());
			assertThat(glanceViews.get(asin)).isEqualTo(product.at("/retail/pageViews").asLong());
			checked++;
		}
		assertThat(checked).isEqualTo(revenue.size()).isGreaterThan(20);
	}

	@Test
	void weeksRunSundayToSaturdayAndOtherRangesEndFatalWithTheirReason() throws Exception {
		Map<String, String> week = Map.of("reportPeriod", "WEEK", "distributorView", "MANUFACTURING", "sellingProgram",
				"RETAIL");
		JsonNode twoWeeks = document(create("GET_VENDOR_SALES_REPORT", "2026-11-01", "2026-11-14", week));
		assertSchemaValid(twoWeeks, "vendorSalesReport.json");
		assertThat(twoWeeks.get("salesAggregate")).extracting((row) -> row.get("startDate").stringValue())
			.containsExactly("2026-11-01", "2026-11-08");

		// A Monday start, a missing option, a week too recent for the delay.
		assertThat(fatal(create("GET_VENDOR_SALES_REPORT", "2026-11-02", "2026-11-14", week)))
			.contains("first and last days of a WEEK");
		assertThat(fatal(create("GET_VENDOR_SALES_REPORT", "2026-11-01", "2026-11-07",
				Map.of("reportPeriod", "WEEK", "sellingProgram", "RETAIL"))))
			.contains("requires the reportPeriod, distributorView, sellingProgram reportOption");
		assertThat(
				fatal(create("GET_VENDOR_TRAFFIC_REPORT", "2026-11-15", "2026-11-21", Map.of("reportPeriod", "WEEK"))))
			.contains("not available yet");
	}

	@Test
	void wrongOptionValuesAndReportsOfTheOtherKindOfPartnerAreRefused() {
		Exchange badPeriod = request("GET_VENDOR_TRAFFIC_REPORT", "2026-11-01", "2026-11-07",
				Map.of("reportPeriod", "FORTNIGHT"))
			.send();
		assertThat(badPeriod.status()).isEqualTo(400);
		assertValid(badPeriod);
		assertThat(badPeriod.body()).contains("reportPeriod must be one of DAY, WEEK, MONTH, QUARTER, YEAR");
		Exchange unknown = request("GET_VENDOR_TRAFFIC_REPORT", "2026-11-01", "2026-11-07",
				Map.of("reportPeriod", "WEEK", "distributorView", "MANUFACTURING"))
			.send();
		assertThat(unknown.status()).isEqualTo(400);
		assertValid(unknown);

		// A seller asks for a vendor report; the vendor for the sellers' one.
		Exchange seller = this.sandbox.sp("na", "POST", "/reports/2021-06-30/reports")
			.json("application/json",
					Map.of("reportType", "GET_VENDOR_TRAFFIC_REPORT", "marketplaceIds", List.of(US), "reportOptions",
							Map.of("reportPeriod", "DAY")))
			.send();
		assertThat(seller.status()).isEqualTo(400);
		assertValid(seller);
		Exchange vendor = this.sandbox.sp("na", "POST", "/reports/2021-06-30/reports")
			.asSp(Fixtures.ACME_VENDOR_SP.credentials())
			.json("application/json",
					Map.of("reportType", "GET_SALES_AND_TRAFFIC_REPORT", "marketplaceIds", List.of(US)))
			.send();
		assertThat(vendor.status()).isEqualTo(400);
	}

	private SandboxTestClient.Request request(String reportType, String start, String end,
			Map<String, String> options) {
		return this.sandbox.sp("na", "POST", "/reports/2021-06-30/reports")
			.asSp(Fixtures.ACME_VENDOR_SP.credentials())
			.json("application/json", Map.of("reportType", reportType, "marketplaceIds", List.of(US), "dataStartTime",
					start + "T00:00:00Z", "dataEndTime", end + "T23:59:59Z", "reportOptions", options));
	}

	private String create(String reportType, String start, String end, Map<String, String> options) {
		Exchange created = request(reportType, start, end, options).send();
		assertThat(created.status()).as(created.body()).isEqualTo(202);
		assertValid(created);
		return created.json().get("reportId").stringValue();
	}

	private Exchange finished(String reportId) {
		this.clock.advance(Duration.ofMillis(250));
		Exchange report = this.sandbox.sp("na", "GET", "/reports/2021-06-30/reports/" + reportId)
			.asSp(Fixtures.ACME_VENDOR_SP.credentials())
			.send();
		assertValid(report);
		return report;
	}

	private JsonNode download(Exchange report) {
		Exchange document = this.sandbox
			.sp("na", "GET", "/reports/2021-06-30/documents/" + report.json().get("reportDocumentId").stringValue())
			.asSp(Fixtures.ACME_VENDOR_SP.credentials())
			.send();
		assertThat(document.status()).as(document.body()).isEqualTo(200);
		assertValid(document);
		return this.sandbox.download(document.json().get("url").stringValue()).json();
	}

	private JsonNode document(String reportId) {
		Exchange report = finished(reportId);
		assertThat(report.json().get("processingStatus").stringValue()).as(report.body()).isEqualTo("DONE");
		return download(report);
	}

	private String fatal(String reportId) {
		Exchange report = finished(reportId);
		assertThat(report.json().get("processingStatus").stringValue()).isEqualTo("FATAL");
		return download(report).get("errorDetails").stringValue();
	}

	// The schemas are draft-07 in name but use draft-04 keywords only, which the
	// validator reads.
	private static void assertSchemaValid(JsonNode report, String schemaFile) throws Exception {
		ObjectMapper mapper = new ObjectMapper();
		ObjectNode schemaNode;
		try (InputStream in = SandboxVendorReportsTest.class.getClassLoader()
			.getResourceAsStream("contracts/sp-api/" + schemaFile)) {
			schemaNode = (ObjectNode) mapper.readTree(in);
		}
		schemaNode.remove("$schema");
		JsonSchema schema = JsonSchemaFactory.byDefault().getJsonSchema(schemaNode);
		ProcessingReport result = schema.validate(mapper.readTree(report.toString()));
		assertThat(result.isSuccess()).as(result.toString()).isTrue();
	}

}
