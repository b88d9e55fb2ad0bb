package dev.adsgraph.upstream.ads;

import dev.adsgraph.testing.ClosedPort;
import dev.adsgraph.testing.MutableClock;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.ReportFileServer;
import dev.adsgraph.upstream.ScriptedHttpServer;
import dev.adsgraph.upstream.ScriptedHttpServer.RecordedRequest;
import dev.adsgraph.upstream.ScriptedHttpServer.Reply;
import dev.adsgraph.upstream.UpstreamException;
import dev.adsgraph.upstream.UpstreamProperties;
import dev.adsgraph.upstream.lwa.InMemoryLwaTokenCache;
import dev.adsgraph.upstream.lwa.LwaCredentials;
import dev.adsgraph.upstream.lwa.LwaTokenService;

import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Sponsored ads reporting v3 (OfflineReport_prod_3p.json) and the report file download.
 */
class AdsReportingClientTest {

	private static final String TOKEN_PATH = "/auth/o2/token";

	private static final String NA = "/ads/na";

	private static final long PROFILE_ID = 3456789012345678901L;

	private static final String REPORT_ID = "8adca409-98e1-442c-9e74-28147f9f7bc8";

	private static final LwaCredentials CREDENTIALS = new LwaCredentials("amzn1.application-oa2-client.abc",
			"client-secret", "Atzr|refresh");

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private ScriptedHttpServer server;

	private ReportFileServer files;

	private AdsApiClient client;

	private Function<RecordedRequest, Reply> ads = (request) -> Reply.status(500);

	@BeforeEach
	void start() {
		this.server = new ScriptedHttpServer();
		this.files = new ReportFileServer();
		this.server.script((request) -> request.path().equals(TOKEN_PATH)
				? Reply.json(200, "{\"access_token\":\"Atza|token\",\"token_type\":\"bearer\",\"expires_in\":3600}")
				: this.ads.apply(request));
		LwaTokenService tokens = new LwaTokenService(WebClient.builder(),
				new UpstreamProperties.Lwa(URI.create(this.server.url() + TOKEN_PATH), Duration.ofSeconds(60),
						Duration.ofSeconds(5)),
				new InMemoryLwaTokenCache(), this.clock);
		this.client = new WebClientAdsApiClient(WebClient.builder(),
				new UpstreamProperties.Ads(Map.of(Region.NA, URI.create(this.server.url() + NA)), Duration.ofSeconds(2),
						Duration.ofSeconds(5), DataSize.ofMegabytes(16)),
				tokens, this.clock);
	}

	@AfterEach
	void stop() {
		this.server.close();
		this.files.close();
	}

	private void answer(Reply reply) {
		this.ads = (request) -> reply;
	}

	private RecordedRequest onlyAdsRequest() {
		List<RecordedRequest> requests = this.server.requestsTo("/ads/");
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	private static JsonNode json(String text) {
		return JsonMapper.shared().readTree(text);
	}

	private static ReportRequest advertisedProductSummary(String name) {
		return new ReportRequest(name, LocalDate.of(2025, 12, 1), LocalDate.of(2025, 12, 31),
				new ReportConfiguration(ReportConfiguration.AdProduct.SPONSORED_PRODUCTS, "spAdvertisedProduct",
						List.of("advertiser"), List.of("advertisedAsin", "cost", "startDate", "endDate"), null,
						ReportConfiguration.TimeUnit.SUMMARY, ReportConfiguration.Format.GZIP_JSON));
	}

	private static final String PENDING_REPORT = """
			{"configuration": {"adProduct": "SPONSORED_PRODUCTS", "columns": ["advertisedAsin", "cost"],
			  "filters": null, "format": "GZIP_JSON", "groupBy": ["advertiser"],
			  "reportTypeId": "spAdvertisedProduct", "timeUnit": "SUMMARY"},
			 "createdAt": "2025-12-31T22:44:51.223Z", "endDate": "2025-12-31", "failureReason": null,
			 "fileSize": null, "generatedAt": null, "name": "ads", "reportId": "%s",
			 "startDate": "2025-12-01", "status": "PENDING", "updatedAt": "2025-12-31T22:44:51.223Z",
			 "url": null, "urlExpiresAt": null}
			""".formatted(REPORT_ID);

	// --- create, get, delete

	@Test
	void createAsyncReportSendsScopeVendorMediaTypesAndIsoDatesAndReadsThePendingReport() {
		answer(Reply.of(200, "application/vnd.createasyncreportresponse.v3+json", PENDING_REPORT));

		AdsReport report = this.client
			.createAsyncReport(CREDENTIALS, Region.NA, PROFILE_ID, advertisedProductSummary(null))
			.block();

		RecordedRequest request = onlyAdsRequest();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.uri()).isEqualTo(NA + "/reporting/reports");
		assertThat(request.header("Authorization")).isEqualTo("Bearer Atza|token");
		assertThat(request.header("Amazon-Advertising-API-ClientId")).isEqualTo(CREDENTIALS.clientId());
		assertThat(request.header("Amazon-Advertising-API-Scope")).isEqualTo("3456789012345678901");
		assertThat(request.header("Content-Type")).isEqualTo("application/vnd.createasyncreportrequest.v3+json");
		assertThat(request.header("Accept")).isEqualTo("application/vnd.createasyncreportresponse.v3+json");
		// No name and no filters: absent, not null, which Amazon might reject.
		assertThat(json(request.body())).isEqualTo(json("""
				{"startDate": "2025-12-01", "endDate": "2025-12-31",
				 "configuration": {"adProduct": "SPONSORED_PRODUCTS", "reportTypeId": "spAdvertisedProduct",
				   "groupBy": ["advertiser"], "columns": ["advertisedAsin", "cost", "startDate", "endDate"],
				   "timeUnit": "SUMMARY", "format": "GZIP_JSON"}}
				"""));
		assertThat(report.reportId()).isEqualTo(REPORT_ID);
		assertThat(report.status()).isEqualTo(AdsReport.Status.PENDING);
		assertThat(report.startDate()).isEqualTo(LocalDate.of(2025, 12, 1));
		assertThat(report.createdAt()).isEqualTo(Instant.parse("2025-12-31T22:44:51.223Z"));
		assertThat(report.configuration().timeUnit()).isEqualTo(ReportConfiguration.TimeUnit.SUMMARY);
		assertThat(report.configuration().groupBy()).containsExactly("advertiser");
		assertThat(report.url()).isNull();
	}

	@Test
	void createAsyncReportSendsTheNameWhenGiven() {
		answer(Reply.of(200, "application/vnd.createasyncreportresponse.v3+json", PENDING_REPORT));

		this.client.createAsyncReport(CREDENTIALS, Region.NA, PROFILE_ID, advertisedProductSummary("SP 12/2025"))
			.block();

		assertThat(json(onlyAdsRequest().body()).get("name").asString()).isEqualTo("SP 12/2025");
	}

	@Test
	void duplicateStillProcessingIsADuplicateReportErrorNamingTheExistingReport() {
		answer(Reply.json(425, "{\"code\":\"425\",\"detail\":\"The Request is a duplicate of : " + REPORT_ID + "\"}")
			.header("x-amzn-RequestId", "req-425"));

		DuplicateReportException error = catchThrowableOfType(DuplicateReportException.class,
				() -> this.client.createAsyncReport(CREDENTIALS, Region.NA, PROFILE_ID, advertisedProductSummary(null))
					.block());

		assertThat(error.duplicateOf()).isEqualTo(REPORT_ID);
		assertThat(error.code()).isEqualTo("DUPLICATE_REPORT");
		assertThat(error.httpStatus()).isEqualTo(425);
		assertThat(error.operation()).isEqualTo("createAsyncReport");
		assertThat(error.requestId()).isEqualTo("req-425");
		assertThat(error.retryable()).isTrue();
	}

	@Test
	void duplicateWhoseTextNamesNoReportIsStillTypedButWithoutAnId() {
		answer(Reply.json(425, "{\"code\":\"425\",\"detail\":\"Too Early\"}"));

		DuplicateReportException error = catchThrowableOfType(DuplicateReportException.class,
				() -> this.client.createAsyncReport(CREDENTIALS, Region.NA, PROFILE_ID, advertisedProductSummary(null))
					.block());

		assertThat(error.duplicateOf()).isNull();
		assertThat(error.retryable()).isTrue();
	}

	@Test
	void duplicateTextsOfOtherShapesStillYieldTheId() {
		assertThat(DuplicateReportException.reportIdIn("The Request is a duplicate of : r-42.")).isEqualTo("r-42");
		assertThat(DuplicateReportException.reportIdIn("duplicate of " + REPORT_ID.toUpperCase()))
			.isEqualTo(REPORT_ID.toUpperCase());
		assertThat(DuplicateReportException.reportIdIn(null)).isNull();
	}

	@Test
	void reportingErrorShapeIsDecodedWithItsStatusCodeAndDetail() {
		answer(Reply.json(400, "{\"code\": 400, \"detail\": \"Invalid Advertiser or Marketplace ID.\"}"));

		UpstreamException error = catchThrowableOfType(UpstreamException.class,
				() -> this.client.createAsyncReport(CREDENTIALS, Region.NA, PROFILE_ID, advertisedProductSummary(null))
					.block());

		assertThat(error).isNotInstanceOf(DuplicateReportException.class);
		assertThat(error.code()).isEqualTo("400");
		assertThat(error.upstreamMessage()).isEqualTo("Invalid Advertiser or Marketplace ID.");
		assertThat(error.retryable()).isFalse();
	}

	@Test
	void getAsyncReportReadsACompletedReportWithOffsetTimestamps() {
		answer(Reply.of(200, "application/vnd.getasyncreportresponse.v3+json", """
				{"configuration": {"adProduct": "SPONSORED_PRODUCTS", "columns": ["cost"], "format": "GZIP_JSON",
				   "groupBy": ["advertiser"], "reportTypeId": "spAdvertisedProduct", "timeUnit": "SUMMARY"},
				 "createdAt": "2021-02-23T09:00:00.000-07:00", "endDate": "2021-02-23", "fileSize": 532,
				 "generatedAt": "2021-02-23T09:05:00.000-07:00", "reportId": "r-1", "startDate": "2021-02-20",
				 "status": "COMPLETED", "updatedAt": "2021-02-23T09:05:00.000-07:00",
				 "url": "https://offline-report-storage.s3.amazonaws.com/r-1.json.gz?X-Amz-Signature=abc",
				 "urlExpiresAt": "2021-02-23T10:05:00.000-07:00", "aNewField": true}
				"""));

		AdsReport report = this.client.getAsyncReport(CREDENTIALS, Region.NA, PROFILE_ID, "r-1").block();

		RecordedRequest request = onlyAdsRequest();
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.uri()).isEqualTo(NA + "/reporting/reports/r-1");
		assertThat(request.header("Accept")).isEqualTo("application/vnd.getasyncreportresponse.v3+json");
		assertThat(request.header("Amazon-Advertising-API-Scope")).isEqualTo("3456789012345678901");
		assertThat(report.status()).isEqualTo(AdsReport.Status.COMPLETED);
		assertThat(report.generatedAt()).isEqualTo(Instant.parse("2021-02-23T16:05:00Z"));
		assertThat(report.urlExpiresAt()).isEqualTo(Instant.parse("2021-02-23T17:05:00Z"));
		assertThat(report.fileSize()).isEqualTo(532L);
		assertThat(report.url()).startsWith("https://offline-report-storage");
		assertThat(report.toString()).doesNotContain("X-Amz-Signature").contains("url=***");
	}

	@Test
	void unknownStatusAndConfigurationValuesDoNotFailTheRead() {
		answer(Reply.json(200, """
				{"reportId": "r-1", "status": "QUEUED", "startDate": "2021-02-20", "endDate": "2021-02-23",
				 "configuration": {"adProduct": "SPONSORED_SOMETHING", "timeUnit": "HOURLY", "format": "GZIP_CSV"}}
				"""));

		AdsReport report = this.client.getAsyncReport(CREDENTIALS, Region.NA, PROFILE_ID, "r-1").block();

		assertThat(report.status()).isEqualTo(AdsReport.Status.UNKNOWN);
		assertThat(report.status().isTerminal()).isFalse();
		assertThat(report.configuration().adProduct()).isNull();
		assertThat(report.configuration().timeUnit()).isNull();
	}

	@Test
	void getAsyncReportOfAnUnknownIdIsANotFoundError() {
		answer(Reply.json(404, "{\"code\":\"404\",\"detail\":\"Not Found\"}"));

		UpstreamException error = catchThrowableOfType(UpstreamException.class,
				() -> this.client.getAsyncReport(CREDENTIALS, Region.NA, PROFILE_ID, "nope").block());

		assertThat(error.isNotFound()).isTrue();
		assertThat(error.operation()).isEqualTo("getAsyncReport");
	}

	// --- download

	private static final String ROWS = """
			[{"startDate": "2025-12-01", "endDate": "2025-12-31", "campaignId": 123456789012345,
			  "adGroupId": 987654321, "advertisedAsin": "B07N4M94X4", "advertisedSku": "GM-ZDPI-9B4E",
			  "impressions": 12000, "clicks": 345, "cost": 0.1, "sales7d": 12345678901.23,
			  "purchases7d": 12, "unitsSoldClicks7d": 14},
			 {"startDate": "2025-12-01", "endDate": "2025-12-31", "campaignId": 123456789012345,
			  "adGroupId": 987654322, "advertisedAsin": "B071VG5N9D", "advertisedSku": null,
			  "impressions": 10, "clicks": 0, "cost": 0, "sales7d": null,
			  "purchases7d": null, "unitsSoldClicks7d": 0}]
			""";

	@Test
	void downloadReportFetchesThePresignedLinkWithoutOurCredentialsAndKeepsItsEncoding() {
		String url = this.files.put("/reports/r-1.json.gz", ReportFileServer.gzip(ROWS))
				+ "?X-Amz-Credential=AKIA%2F20251231%2Fus-east-1&X-Amz-Signature=abc%3D";

		List<ReportRow> rows = this.client.downloadReport(url).block();

		assertThat(this.files.requests()).singleElement().satisfies((request) -> {
			assertThat(request.uri())
				.isEqualTo("/reports/r-1.json.gz?X-Amz-Credential=AKIA%2F20251231%2Fus-east-1&X-Amz-Signature=abc%3D");
			assertThat(request.headers().get("Authorization")).isNull();
			assertThat(request.headers().get("Amazon-Advertising-API-ClientId")).isNull();
		});
		assertThat(this.server.requestsTo("/ads/")).isEmpty();
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0).string("advertisedAsin")).isEqualTo("B07N4M94X4");
		assertThat(rows.get(0).values()).containsKey("sales7d");
		assertThat(rows.get(1).get("advertisedSku")).isNull();
	}

	@Test
	void moneyKeepsItsExactDecimalValueAndTypedRowsReadEveryColumn() {
		String url = this.files.put("/r.json.gz", ReportFileServer.gzip(ROWS));

		List<SpAdvertisedProductRow> rows = this.client.downloadReport(url)
			.map((list) -> list.stream().map(SpAdvertisedProductRow::from).toList())
			.block();

		SpAdvertisedProductRow first = rows.get(0);
		assertThat(first.cost()).isEqualByComparingTo("0.1");
		assertThat(first.cost().toPlainString()).isEqualTo("0.1");
		assertThat(first.sales7d().toPlainString()).isEqualTo("12345678901.23");
		assertThat(first.campaignId()).isEqualTo(123456789012345L);
		assertThat(first.adGroupId()).isEqualTo(987654321L);
		assertThat(first.advertisedSku()).isEqualTo("GM-ZDPI-9B4E");
		assertThat(first.impressions()).isEqualTo(12000L);
		assertThat(first.clicks()).isEqualTo(345L);
		assertThat(first.purchases7d()).isEqualTo(12L);
		assertThat(first.unitsSoldClicks7d()).isEqualTo(14L);
		assertThat(first.startDate()).isEqualTo(LocalDate.of(2025, 12, 1));
		assertThat(first.endDate()).isEqualTo(LocalDate.of(2025, 12, 31));
		assertThat(first.date()).isNull();
		SpAdvertisedProductRow second = rows.get(1);
		assertThat(second.sales7d()).isEqualTo(BigDecimal.ZERO);
		assertThat(second.purchases7d()).isZero();
		assertThat(second.advertisedSku()).isNull();
	}

	@Test
	void aFileThatIsNotGzipIsReadAsPlainJson() {
		String url = this.files.put("/plain.json",
				"[{\"date\": \"2025-12-02\", \"cost\": \"1.10\"}]".getBytes(StandardCharsets.UTF_8));

		List<ReportRow> rows = this.client.downloadReport(url).block();

		assertThat(rows.get(0).date("date")).isEqualTo(LocalDate.of(2025, 12, 2));
		assertThat(rows.get(0).decimal("cost").toPlainString()).isEqualTo("1.10");
	}

	@Test
	void anExpiredLinkIsRetryableAndTheErrorNeverShowsTheLink() {
		String url = this.files.url() + "/gone.json.gz?X-Amz-Signature=secret-signature";

		UpstreamException error = catchThrowableOfType(UpstreamException.class,
				() -> this.client.downloadReport(url).block());

		assertThat(error.httpStatus()).isEqualTo(403);
		assertThat(error.code()).isEqualTo("url_expired");
		assertThat(error.retryable()).isTrue();
		assertThat(error.operation()).isEqualTo("downloadReport");
		assertThat(error.getMessage()).doesNotContain("secret-signature");
	}

	@Test
	void aFileThatIsNotAnArrayOfRowsIsAnInvalidFileThatIsNotRetried() {
		String url = this.files.put("/bad.json.gz", ReportFileServer.gzip("{\"rows\": []}"));

		UpstreamException error = catchThrowableOfType(UpstreamException.class,
				() -> this.client.downloadReport(url).block());

		assertThat(error.code()).isEqualTo("invalid_report_file");
		assertThat(error.retryable()).isFalse();
	}

	@Test
	void anUnreachableStorageHostIsStatusZeroRetryableAndKeepsTheLinkOutOfTheMessage() throws Exception {
		try (ClosedPort closed = new ClosedPort()) {
			String url = closed.url() + "/r.json.gz?X-Amz-Signature=secret-signature";

			UpstreamException error = catchThrowableOfType(UpstreamException.class,
					() -> this.client.downloadReport(url).block());

			assertThat(error.httpStatus()).isZero();
			assertThat(error.retryable()).isTrue();
			assertThat(error.getMessage()).doesNotContain("secret-signature");
			assertThat(String.valueOf(error.getCause())).doesNotContain("secret-signature");
		}
	}

	@Test
	void aLinkThatIsNotAnHttpUrlFailsWithoutARequest() {
		UpstreamException error = catchThrowableOfType(UpstreamException.class,
				() -> this.client.downloadReport("file:///etc/passwd").block());

		assertThat(error.code()).isEqualTo("invalid_url");
		assertThat(error.retryable()).isFalse();
		assertThat(this.files.requests()).isEmpty();
	}

	// --- rows and requests

	@Test
	void typedAccessorsRefuseLossyConversions() {
		ReportRow row = new ReportRow(Map.of("clicks", new BigDecimal("1.5"), "asin", "B0", "count", "12"));

		assertThat(row.longValue("count")).isEqualTo(12L);
		assertThatIllegalArgumentException().isThrownBy(() -> row.longValue("clicks"));
		assertThatIllegalArgumentException().isThrownBy(() -> row.decimal("asin"));
		assertThat(row.longValue("absent")).isNull();
	}

	@Test
	void aRequestEndingBeforeItStartsIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ReportRequest(null, LocalDate.of(2025, 12, 2),
				LocalDate.of(2025, 12, 1), advertisedProductSummary(null).configuration()));
	}

}
