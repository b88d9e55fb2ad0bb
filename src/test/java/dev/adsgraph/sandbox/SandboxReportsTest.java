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

import dev.adsgraph.sandbox.SandboxTestClient.Download;
import dev.adsgraph.sandbox.SandboxTestClient.Exchange;
import dev.adsgraph.sandbox.fixtures.Fixtures;
import dev.adsgraph.testing.MutableClock;

import static dev.adsgraph.sandbox.SandboxContracts.assertValid;
import static dev.adsgraph.sandbox.SandboxContracts.assertValidResponse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both asynchronous report flows end to end, with a test clock: SP-API sales and traffic
 * reports and Ads sponsored-products reports, their files, and their agreement with the
 * ground truth.
 */
class SandboxReportsTest {

	private static final String US = "ATVPDKIKX0DER";

	private final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-24T12:00:00Z"));

	private final SandboxTestClient sandbox = SandboxTestClient
		.start(SandboxSettings.defaults().withClock(this.clock).withReportProcessingTime(Duration.ofMillis(200)));

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	@Test
	void salesAndTrafficReportsQueueRunAndDeliverASchemaValidGzipDocument() throws Exception {
		Exchange created = this.sandbox.sp("na", "POST", "/reports/2021-06-30/reports")
			.json("application/json",
					Map.of("reportType", "GET_SALES_AND_TRAFFIC_REPORT", "marketplaceIds", List.of(US), "dataStartTime",
							"2026-11-01T00:00:00-08:00", "dataEndTime", "2026-11-07T23:59:59-08:00", "reportOptions",
							Map.of("dateGranularity", "DAY", "asinGranularity", "SKU")))
			.send();
		assertThat(created.status()).as(created.body()).isEqualTo(202);
		assertValid(created);
		String reportId = created.json().get("reportId").stringValue();

		assertThat(status(reportId)).isEqualTo("IN_QUEUE");
		this.clock.advance(Duration.ofMillis(100));
		assertThat(status(reportId)).isEqualTo("IN_PROGRESS");
		this.clock.advance(Duration.ofMillis(100));
		Exchange done = this.sandbox.sp("na", "GET", "/reports/2021-06-30/reports/" + reportId).send();
		assertThat(done.json().get("processingStatus").stringValue()).isEqualTo("DONE");
		assertValid(done);

		Exchange document = this.sandbox
			.sp("na", "GET", "/reports/2021-06-30/documents/" + done.json().get("reportDocumentId").stringValue())
			.send();
		assertThat(document.status()).isEqualTo(200);
		assertThat(document.json().get("compressionAlgorithm").stringValue()).isEqualTo("GZIP");
		assertValid(document);
		Download file = this.sandbox.download(document.json().get("url").stringValue());
		assertThat(file.status()).isEqualTo(200);
		JsonNode report = file.json();
		assertSchemaValid(report);
		assertThat(report.get("salesAndTrafficByDate")).hasSize(7);

		JsonNode truth = this.sandbox.truth(Fixtures.NORTHWIND, US, "2026-11-01", "2026-11-07");
		Map<String, JsonNode> bySku = new HashMap<>();
		truth.get("products").forEach((product) -> bySku.put(product.get("sku").stringValue(), product));
		assertThat(report.get("salesAndTrafficByAsin")).hasSize(130);
		for (JsonNode row : report.get("salesAndTrafficByAsin")) {
			JsonNode product = bySku.get(row.get("sku").stringValue());
			assertThat(row.get("childAsin").stringValue()).isEqualTo(product.get("asin").stringValue());
			assertThat(row.at("/salesByAsin/unitsOrdered").asLong())
				.isEqualTo(product.at("/retail/unitsOrdered").asLong());
			assertThat(row.at("/salesByAsin/orderedProductSales/amount").decimalValue())
				.isEqualByComparingTo(new BigDecimal(product.at("/retail/orderedProductSales/amount").stringValue()));
			assertThat(row.at("/trafficByAsin/sessions").asLong()).isEqualTo(product.at("/retail/sessions").asLong());
			assertThat(row.at("/trafficByAsin/buyBoxPercentage").asDouble())
				.isEqualTo(product.at("/retail/buyBoxPercentage").asDouble());
		}

		// The link is a pre-signed URL: five minutes, then S3's 403.
		this.clock.advance(Duration.ofMinutes(6));
		assertThat(this.sandbox.download(document.json().get("url").stringValue()).status()).isEqualTo(403);
	}

	@Test
	void onlyQueuedReportsCanBeCancelledAndNonParticipatingMarketplacesEndFatal() {
		String queued = create(US);
		Exchange cancelled = this.sandbox.sp("na", "DELETE", "/reports/2021-06-30/reports/" + queued).send();
		assertThat(cancelled.status()).isEqualTo(200);
		assertValid(cancelled);
		assertThat(status(queued)).isEqualTo("CANCELLED");

		String done = create(US);
		this.clock.advance(Duration.ofSeconds(1));
		Exchange late = this.sandbox.sp("na", "DELETE", "/reports/2021-06-30/reports/" + done).send();
		assertThat(late.status()).isEqualTo(400);
		assertValid(late);

		// Riverstone sells in the US and the UK only: a CA report has no data and ends
		// FATAL.
		Exchange canada = this.sandbox.sp("na", "POST", "/reports/2021-06-30/reports")
			.asSp(SandboxServer.agencySpCredentials())
			.json("application/json",
					Map.of("reportType", "GET_SALES_AND_TRAFFIC_REPORT", "marketplaceIds", List.of("A2EUQ1WTGCTBG2")))
			.send();
		String fatal = canada.json().get("reportId").stringValue();
		this.clock.advance(Duration.ofSeconds(1));
		Exchange failed = this.sandbox.sp("na", "GET", "/reports/2021-06-30/reports/" + fatal)
			.asSp(SandboxServer.agencySpCredentials())
			.send();
		assertThat(failed.json().get("processingStatus").stringValue()).isEqualTo("FATAL");
		assertThat(failed.json().has("reportDocumentId")).isFalse();
		// Northwind cannot see Riverstone's report.
		assertThat(this.sandbox.sp("na", "GET", "/reports/2021-06-30/reports/" + fatal).send().status()).isEqualTo(404);

		Exchange list = this.sandbox
			.sp("na", "GET", "/reports/2021-06-30/reports?reportTypes=GET_SALES_AND_TRAFFIC_REPORT&pageSize=1")
			.send();
		assertThat(list.status()).isEqualTo(200);
		assertValid(list);
		String nextToken = list.json().get("nextToken").stringValue();
		Exchange mixed = this.sandbox.sp("na", "GET", "/reports/2021-06-30/reports?pageSize=1&nextToken=" + nextToken)
			.send();
		assertThat(mixed.status()).isEqualTo(400);
		Exchange next = this.sandbox.sp("na", "GET", "/reports/2021-06-30/reports?nextToken=" + nextToken).send();
		assertThat(next.json().get("reports")).hasSize(1);
		assertThat(next.json().at("/reports/0/reportId").stringValue())
			.isNotEqualTo(list.json().at("/reports/0/reportId").stringValue());

		Exchange unsupported = this.sandbox.sp("na", "POST", "/reports/2021-06-30/reports")
			.json("application/json",
					Map.of("reportType", "GET_FLAT_FILE_OPEN_LISTINGS_DATA", "marketplaceIds", List.of(US)))
			.send();
		assertThat(unsupported.status()).isEqualTo(400);
		assertValidResponse(unsupported);
		Exchange badOption = this.sandbox.sp("na", "POST", "/reports/2021-06-30/reports")
			.json("application/json",
					Map.of("reportType", "GET_SALES_AND_TRAFFIC_REPORT", "marketplaceIds", List.of(US), "reportOptions",
							Map.of("dateGranularity", "HOUR")))
			.send();
		assertThat(badOption.status()).isEqualTo(400);
	}

	@Test
	void adsReportsRunDeduplicateAndAgreeWithTheGroundTruth() {
		long profileId = northwindUsProfile();
		Map<String, Object> request = Map.of("name", "SP advertised product", "startDate", "2026-11-01", "endDate",
				"2026-11-07", "configuration",
				Map.of("adProduct", "SPONSORED_PRODUCTS", "reportTypeId", "spAdvertisedProduct", "groupBy",
						List.of("advertiser"), "columns",
						List.of("campaignId", "adGroupId", "advertisedAsin", "advertisedSku", "impressions", "clicks",
								"cost", "sales7d", "purchases7d", "unitsSoldClicks7d", "startDate", "endDate"),
						"timeUnit", "SUMMARY", "format", "GZIP_JSON"));
		Exchange created = reporting("POST", "", profileId).json(SandboxTestClient.REPORT_REQUEST, request).send();
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		// As Amazon's captured answers: JSON, with the vendor type remapped into a
		// header.
		assertThat(created.header("Content-Type")).isEqualTo("application/json");
		assertThat(created.header("x-amzn-Remapped-x-amzn-Remapped-Content-Type"))
			.isEqualTo("application/vnd.createasyncreportresponse.v3+json");
		assertThat(created.json().get("status").stringValue()).isEqualTo("PENDING");
		assertValid(created);
		String reportId = created.json().get("reportId").stringValue();

		Exchange duplicate = reporting("POST", "", profileId).json(SandboxTestClient.REPORT_REQUEST, request).send();
		assertThat(duplicate.status()).isEqualTo(425);
		assertThat(duplicate.json().get("code").stringValue()).isEqualTo("425");
		assertThat(duplicate.json().get("detail").stringValue()).endsWith(reportId);
		assertValid(duplicate);

		this.clock.advance(Duration.ofMillis(100));
		assertThat(reporting("GET", "/" + reportId, profileId).send().json().get("status").stringValue())
			.isEqualTo("PROCESSING");
		assertThat(reporting("DELETE", "/" + reportId, profileId).send().status()).isEqualTo(400);
		this.clock.advance(Duration.ofMillis(100));
		Exchange completed = reporting("GET", "/" + reportId, profileId).send();
		assertThat(completed.json().get("status").stringValue()).isEqualTo("COMPLETED");
		assertThat(completed.json().get("fileSize").asInt()).isPositive();
		assertValid(completed);

		JsonNode rows = this.sandbox.download(completed.json().get("url").stringValue()).json();
		JsonNode truth = this.sandbox.truth(Fixtures.NORTHWIND, US, "2026-11-01", "2026-11-07");
		Map<String, JsonNode> byAsin = new HashMap<>();
		truth.get("products").forEach((product) -> byAsin.put(product.get("asin").stringValue(), product));
		long advertised = 0;
		for (JsonNode product : truth.get("products")) {
			if (!product.get("ads").isNull()) {
				advertised++;
			}
		}
		assertThat(rows).hasSize((int) advertised);
		int deleted = 0;
		for (JsonNode row : rows) {
			assertThat(row.propertyNames()).containsExactly("campaignId", "adGroupId", "advertisedAsin",
					"advertisedSku", "impressions", "clicks", "cost", "sales7d", "purchases7d", "unitsSoldClicks7d",
					"startDate", "endDate");
			JsonNode product = byAsin.get(row.get("advertisedAsin").stringValue());
			assertThat(row.get("impressions").asLong()).isEqualTo(product.at("/ads/impressions").asLong());
			assertThat(row.get("clicks").asLong()).isEqualTo(product.at("/ads/clicks").asLong());
			assertThat(row.get("cost").decimalValue())
				.isEqualByComparingTo(new BigDecimal(product.at("/ads/cost/amount").stringValue()));
			assertThat(row.get("purchases7d").asLong()).isEqualTo(product.at("/ads/purchases7d").asLong());
			BigDecimal attributed = row.get("sales7d").decimalValue();
			assertThat(attributed)
				.isEqualByComparingTo(new BigDecimal(product.at("/ads/sales7d/amount").stringValue()));
			if (product.get("inCatalog").booleanValue()) {
				assertThat(attributed).isLessThanOrEqualTo(
						new BigDecimal(product.at("/retail/orderedProductSales/amount").stringValue()));
			}
			else {
				deleted++;
			}
		}
		assertThat(deleted).isEqualTo(2);

		// Once completed, the same request makes a new report.
		assertThat(reporting("POST", "", profileId).json(SandboxTestClient.REPORT_REQUEST, request).send().status())
			.isEqualTo(200);
	}

	@Test
	void dailyReportsGiveEachDayOfTheRangeAndTheDaysAddUpToTheRangeTotals() throws Exception {
		long profileId = northwindUsProfile();
		Map<String, Object> request = Map.of("startDate", "2026-11-01", "endDate", "2026-11-07", "configuration",
				Map.of("adProduct", "SPONSORED_PRODUCTS", "reportTypeId", "spAdvertisedProduct", "groupBy",
						List.of("advertiser"), "columns",
						List.of("date", "advertisedAsin", "clicks", "cost", "sales7d"), "timeUnit", "DAILY", "format",
						"GZIP_JSON"));
		Exchange created = reporting("POST", "", profileId).json(SandboxTestClient.REPORT_REQUEST, request).send();
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		assertValid(created);
		Exchange sp = this.sandbox.sp("na", "POST", "/reports/2021-06-30/reports")
			.json("application/json",
					Map.of("reportType", "GET_SALES_AND_TRAFFIC_REPORT", "marketplaceIds", List.of(US), "dataStartTime",
							"2026-11-01T00:00:00Z", "dataEndTime", "2026-11-07T23:59:59Z", "reportOptions",
							Map.of("dateGranularity", "DAY", "asinGranularity", "CHILD")))
			.send();
		assertThat(sp.status()).as(sp.body()).isEqualTo(202);
		this.clock.advance(Duration.ofMillis(250));

		Exchange completed = reporting("GET", "/" + created.json().get("reportId").stringValue(), profileId).send();
		assertThat(completed.json().get("status").stringValue()).isEqualTo("COMPLETED");
		JsonNode rows = this.sandbox.download(completed.json().get("url").stringValue()).json();
		JsonNode truth = this.sandbox.truth(Fixtures.NORTHWIND, US, "2026-11-01", "2026-11-07");
		Map<String, BigDecimal> costByAsin = new HashMap<>();
		Map<String, Long> clicksByAsin = new HashMap<>();
		Map<String, Integer> rowsByDate = new java.util.TreeMap<>();
		for (JsonNode row : rows) {
			assertThat(row.propertyNames()).containsExactly("date", "advertisedAsin", "clicks", "cost", "sales7d");
			rowsByDate.merge(row.get("date").stringValue(), 1, Integer::sum);
			costByAsin.merge(row.get("advertisedAsin").stringValue(), row.get("cost").decimalValue(), BigDecimal::add);
			clicksByAsin.merge(row.get("advertisedAsin").stringValue(), row.get("clicks").asLong(), Long::sum);
		}
		long advertised = 0;
		for (JsonNode product : truth.get("products")) {
			if (product.get("ads").isNull()) {
				continue;
			}
			advertised++;
			String asin = product.get("asin").stringValue();
			assertThat(costByAsin.get(asin)).as(asin)
				.isEqualByComparingTo(new BigDecimal(product.at("/ads/cost/amount").stringValue()));
			assertThat(clicksByAsin.get(asin)).as(asin).isEqualTo(product.at("/ads/clicks").asLong());
		}
		assertThat(rowsByDate.keySet()).containsExactly("2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04",
				"2026-11-05", "2026-11-06", "2026-11-07");
		assertThat(rowsByDate.values()).as("one row per advertised product and day").containsOnly((int) advertised);

		Exchange done = this.sandbox
			.sp("na", "GET", "/reports/2021-06-30/reports/" + sp.json().get("reportId").stringValue())
			.send();
		Exchange document = this.sandbox
			.sp("na", "GET", "/reports/2021-06-30/documents/" + done.json().get("reportDocumentId").stringValue())
			.send();
		JsonNode report = this.sandbox.download(document.json().get("url").stringValue()).json();
		assertSchemaValid(report);
		List<String> dates = new java.util.ArrayList<>();
		BigDecimal salesByDate = BigDecimal.ZERO;
		long unitsByDate = 0;
		for (JsonNode day : report.get("salesAndTrafficByDate")) {
			dates.add(day.get("date").stringValue());
			salesByDate = salesByDate.add(day.at("/salesByDate/orderedProductSales/amount").decimalValue());
			unitsByDate += day.at("/salesByDate/unitsOrdered").asLong();
		}
		assertThat(dates).containsExactly("2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05",
				"2026-11-06", "2026-11-07");
		BigDecimal salesByAsin = BigDecimal.ZERO;
		long unitsByAsin = 0;
		for (JsonNode product : report.get("salesAndTrafficByAsin")) {
			salesByAsin = salesByAsin.add(product.at("/salesByAsin/orderedProductSales/amount").decimalValue());
			unitsByAsin += product.at("/salesByAsin/unitsOrdered").asLong();
		}
		assertThat(salesByDate).isPositive().isEqualByComparingTo(salesByAsin);
		assertThat(unitsByDate).isEqualTo(unitsByAsin);
		// The same days, asked again, are the same figures: they depend on the product
		// and the day only.
		assertThat(this.sandbox.truth(Fixtures.NORTHWIND, US, "2026-11-01", "2026-11-07")).isEqualTo(truth);
	}

	@Test
	void amazonsPostmanCampaignReportWithEveryAttributionWindowIsAccepted() {
		long profileId = northwindUsProfile();
		Exchange amazonsExample = reporting("POST", "", profileId).json(SandboxTestClient.REPORT_REQUEST,
				Map.of("startDate", "2026-11-03", "endDate", "2026-11-08", "configuration",
						Map.of("adProduct", "SPONSORED_PRODUCTS", "reportTypeId", "spCampaigns", "groupBy",
								List.of("campaign", "adGroup"), "columns",
								List.of("adGroupId", "campaignId", "impressions", "clicks", "cost", "purchases1d",
										"purchases7d", "purchases14d", "purchases30d", "date"),
								"timeUnit", "DAILY", "format", "GZIP_JSON")))
			.send();
		assertThat(amazonsExample.status()).as(amazonsExample.body()).isEqualTo(200);
	}

	@Test
	void adsReportRequestsAreValidatedInTheReportingErrorShape() {
		long profileId = northwindUsProfile();
		Map<String, Object> campaigns = Map.of("adProduct", "SPONSORED_PRODUCTS", "reportTypeId", "spCampaigns",
				"groupBy", List.of("campaign"), "columns",
				List.of("date", "campaignId", "impressions", "clicks", "cost"), "timeUnit", "DAILY", "format",
				"GZIP_JSON");
		Exchange daily = reporting("POST", "", profileId)
			.json(SandboxTestClient.REPORT_REQUEST,
					Map.of("startDate", "2026-11-10", "endDate", "2026-11-11", "configuration", campaigns))
			.send();
		assertThat(daily.status()).isEqualTo(200);
		String reportId = daily.json().get("reportId").stringValue();
		Exchange deleted = reporting("DELETE", "/" + reportId, profileId).send();
		assertThat(deleted.status()).isEqualTo(200);
		assertValid(deleted);
		Exchange gone = reporting("GET", "/" + reportId, profileId).send();
		assertThat(gone.status()).isEqualTo(404);
		assertThat(gone.json().get("detail").stringValue()).isEqualTo("Not Found");
		assertValid(gone);

		List<Map<String, Object>> invalid = List.of(
				Map.of("startDate", "2026-11-12", "endDate", "2026-11-11", "configuration", campaigns),
				Map.of("startDate", "2026-08-01", "endDate", "2026-08-02", "configuration", campaigns),
				Map.of("startDate", "2026-10-01", "endDate", "2026-11-10", "configuration", campaigns),
				Map.of("startDate", "2026-11-01", "endDate", "2026-11-02", "configuration",
						Map.of("adProduct", "SPONSORED_PRODUCTS", "reportTypeId", "spCampaigns", "groupBy",
								List.of("advertiser"), "columns", List.of("impressions"), "timeUnit", "DAILY", "format",
								"GZIP_JSON")),
				Map.of("startDate", "2026-11-01", "endDate", "2026-11-02", "configuration",
						Map.of("adProduct", "SPONSORED_PRODUCTS", "reportTypeId", "spCampaigns", "groupBy",
								List.of("campaign"), "columns", List.of("startDate", "impressions"), "timeUnit",
								"DAILY", "format", "GZIP_JSON")),
				Map.of("startDate", "2026-11-01", "endDate", "2026-11-02", "configuration",
						Map.of("adProduct", "SPONSORED_PRODUCTS", "reportTypeId", "spSearchTerm", "groupBy",
								List.of("searchTerm"), "columns", List.of("impressions"), "timeUnit", "DAILY", "format",
								"GZIP_JSON")));
		for (Map<String, Object> body : invalid) {
			Exchange rejected = reporting("POST", "", profileId).json(SandboxTestClient.REPORT_REQUEST, body).send();
			assertThat(rejected.status()).as(rejected.toString()).isEqualTo(400);
			assertThat(rejected.json().get("code").stringValue()).isEqualTo("400");
			assertValidResponse(rejected);
		}
		Exchange noScope = reporting("POST", "", profileId).withoutHeader("Amazon-Advertising-API-Scope")
			.json(SandboxTestClient.REPORT_REQUEST,
					Map.of("startDate", "2026-11-10", "endDate", "2026-11-11", "configuration", campaigns))
			.send();
		assertThat(noScope.status()).isEqualTo(401);
		assertValidResponse(noScope);
		Exchange foreignScope = reporting("GET", "/" + reportId, 1L).send();
		assertThat(foreignScope.status()).isEqualTo(401);
		assertThat(this.sandbox.raw("GET", "/sandbox/stats").send().json().get("ads.na.createAsyncReport").asInt())
			.isEqualTo(8);
	}

	private SandboxTestClient.Request reporting(String method, String suffix, long profileId) {
		return this.sandbox.ads("na", method, "/reporting/reports" + suffix)
			.header("Amazon-Advertising-API-Scope", Long.toString(profileId));
	}

	private long northwindUsProfile() {
		for (JsonNode profile : this.sandbox.ads("na", "GET", "/v2/profiles").send().json()) {
			if (profile.at("/accountInfo/id").stringValue().equals(Fixtures.NORTHWIND)
					&& profile.get("countryCode").stringValue().equals("US")) {
				return profile.get("profileId").asLong();
			}
		}
		throw new AssertionError("Northwind US profile missing");
	}

	private String create(String marketplaceId) {
		Exchange created = this.sandbox.sp("na", "POST", "/reports/2021-06-30/reports")
			.json("application/json",
					Map.of("reportType", "GET_SALES_AND_TRAFFIC_REPORT", "marketplaceIds", List.of(marketplaceId)))
			.send();
		assertThat(created.status()).as(created.body()).isEqualTo(202);
		return created.json().get("reportId").stringValue();
	}

	private String status(String reportId) {
		return this.sandbox.sp("na", "GET", "/reports/2021-06-30/reports/" + reportId)
			.send()
			.json()
			.get("processingStatus")
			.stringValue();
	}

	// The document schema is draft-07 in name but uses draft-04 keywords only, which the
	// validator reads.
	private static void assertSchemaValid(JsonNode report) throws Exception {
		ObjectMapper mapper = new ObjectMapper();
		ObjectNode schemaNode;
		try (InputStream in = SandboxReportsTest.class.getClassLoader()
			.getResourceAsStream("contracts/sp-api/sellerSalesAndTrafficReport.json")) {
			schemaNode = (ObjectNode) mapper.readTree(in);
		}
		schemaNode.remove("$schema");
		JsonSchema schema = JsonSchemaFactory.byDefault().getJsonSchema(schemaNode);
		ProcessingReport result = schema.validate(mapper.readTree(report.toString()));
		assertThat(result.isSuccess()).as(result.toString()).isTrue();
	}

}
