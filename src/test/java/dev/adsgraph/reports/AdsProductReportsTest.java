package dev.adsgraph.reports;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.adsgraph.reports.ReportFailure.Reason;
import dev.adsgraph.reports.ReportResult.Status;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.ReportFileServer;
import dev.adsgraph.upstream.ScriptedHttpServer;
import dev.adsgraph.upstream.ScriptedHttpServer.RecordedRequest;
import dev.adsgraph.upstream.ScriptedHttpServer.Reply;
import dev.adsgraph.upstream.UpstreamProperties;
import dev.adsgraph.upstream.ads.ReportConfiguration.TimeUnit;
import dev.adsgraph.upstream.ads.SpAdvertisedProductRow;
import dev.adsgraph.upstream.ads.WebClientAdsApiClient;
import dev.adsgraph.upstream.lwa.InMemoryLwaTokenCache;
import dev.adsgraph.upstream.lwa.LwaCredentials;
import dev.adsgraph.upstream.lwa.LwaTokenService;

import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sponsored products source end to end over real HTTP: the Ads client against a
 * scripted reporting API and a storage host, the engine on real time with millisecond
 * backoff.
 */
class AdsProductReportsTest {

	private static final String TOKEN_PATH = "/auth/o2/token";

	private static final String REPORTS = "/ads/na/reporting/reports";

	private static final long PROFILE_ID = 3456789012345678901L;

	private static final LocalDate START = LocalDate.of(2025, 12, 1);

	private static final LocalDate END = LocalDate.of(2025, 12, 31);

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final LwaCredentials CREDENTIALS = new LwaCredentials("amzn1.application-oa2-client.abc",
			"client-secret", "Atzr|refresh");

	private static final String ROWS = """
			[{"startDate": "2025-12-01", "endDate": "2025-12-31", "campaignId": 111, "campaignName": "Tents",
			  "adGroupId": 222, "adId": 333, "advertisedAsin": "B07N4M94X4", "advertisedSku": "GM-ZDPI-9B4E", "impressions": 1000, "clicks": 25,
			  "cost": 19.99, "sales7d": 149.95, "purchases7d": 5, "unitsSoldClicks7d": 6}]
			""";

	private ScriptedHttpServer server;

	private ReportFileServer files;

	private ReportEngine engine;

	private AdsProductReports reports;

	private final AtomicInteger created = new AtomicInteger();

	private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();

	/**
	 * The reporting API: by default every report is COMPLETED on its second status check.
	 */
	private Function<RecordedRequest, Reply> ads = this::simulatedReporting;

	private Duration createDelay = Duration.ZERO;

	@BeforeEach
	void start() {
		this.server = new ScriptedHttpServer();
		this.files = new ReportFileServer();
		this.server.script((request) -> request.path().equals(TOKEN_PATH)
				? Reply.json(200, "{\"access_token\":\"Atza|token\",\"token_type\":\"bearer\",\"expires_in\":3600}")
				: this.ads.apply(request));
		Clock clock = Clock.systemUTC();
		LwaTokenService tokens = new LwaTokenService(WebClient.builder(),
				new UpstreamProperties.Lwa(URI.create(this.server.url() + TOKEN_PATH), Duration.ofSeconds(60),
						Duration.ofSeconds(5)),
				new InMemoryLwaTokenCache(), clock);
		WebClientAdsApiClient client = new WebClientAdsApiClient(WebClient.builder(),
				new UpstreamProperties.Ads(Map.of(Region.NA, URI.create(this.server.url() + "/ads/na")),
						Duration.ofSeconds(2), Duration.ofSeconds(5), DataSize.ofMegabytes(16)),
				tokens, clock);
		ReportProperties properties = new ReportProperties(Duration.ofMillis(20), Duration.ofMillis(100), 0.2,
				Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofMinutes(10),
				Duration.ofMinutes(1), 1000, Duration.ofSeconds(30), Duration.ofSeconds(1));
		this.engine = new ReportEngine(new CaffeineReportStore(properties.maxEntries(), clock), properties, clock,
				Schedulers.parallel());
		this.reports = new AdsProductReports(this.engine, client);
	}

	@AfterEach
	void stop() {
		this.engine.close();
		this.server.close();
		this.files.close();
	}

	private Reply simulatedReporting(RecordedRequest request) {
		if (request.method().equals("POST") && request.path().equals(REPORTS)) {
			return report("rep-" + this.created.incrementAndGet(), "PENDING", null, null).delayedBy(this.createDelay);
		}
		if (request.method().equals("GET") && request.path().startsWith(REPORTS + "/")) {
			String reportId = request.path().substring(REPORTS.length() + 1);
			int poll = this.polls.computeIfAbsent(reportId, (id) -> new AtomicInteger()).incrementAndGet();
			return (poll < 2) ? report(reportId, "PROCESSING", null, null)
					: report(reportId, "COMPLETED",
							this.files.put("/files/" + reportId + ".json.gz", ReportFileServer.gzip(ROWS))
									+ "?X-Amz-Signature=abc",
							null);
		}
		return Reply.json(404, "{\"code\":\"404\",\"detail\":\"Not Found\"}");
	}

	private static Reply report(String reportId, String status, String url, String failureReason) {
		return Reply.of(200, "application/vnd.getasyncreportresponse.v3+json", """
				{"reportId": "%s", "status": "%s", "startDate": "2025-12-01", "endDate": "2025-12-31",
				 "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:01Z",
				 "generatedAt": %s, "url": %s, "failureReason": %s,
				 "configuration": {"adProduct": "SPONSORED_PRODUCTS", "reportTypeId": "spAdvertisedProduct",
				   "groupBy": ["advertiser"], "columns": ["cost"], "timeUnit": "SUMMARY", "format": "GZIP_JSON"}}
				""".formatted(reportId, status, (url != null) ? "\"2026-01-01T00:00:02Z\"" : "null",
				(url != null) ? "\"" + url + "\"" : "null",
				(failureReason != null) ? "\"" + failureReason + "\"" : "null"));
	}

	private List<RecordedRequest> creates() {
		return this.server.requests()
			.stream()
			.filter((request) -> request.method().equals("POST") && request.path().equals(REPORTS))
			.toList();
	}

	private ReportResult<List<SpAdvertisedProductRow>> daily(String tenantId) {
		return this.reports
			.advertisedProductsByDay(tenantId, "config:ads", CREDENTIALS, Region.NA, PROFILE_ID, START, END)
			.block(WAIT);
	}

	private static JsonNode json(String text) {
		return JsonMapper.shared().readTree(text);
	}

	@Test
	void aDailyReportIsRequestedInTheProfilesScopeAndComesBackAsTypedRows() {
		ReportResult<List<SpAdvertisedProductRow>> result = daily("tenant-a");

		assertThat(result.status()).isEqualTo(Status.READY);
		assertThat(result.asOf()).isEqualTo(Instant.parse("2026-01-01T00:00:02Z"));
		assertThat(result.reportId()).isEqualTo("rep-1");
		SpAdvertisedProductRow row = result.data().get(0);
		assertThat(row.advertisedAsin()).isEqualTo("B07N4M94X4");
		assertThat(row.cost().toPlainString()).isEqualTo("19.99");
		assertThat(row.sales7d().toPlainString()).isEqualTo("149.95");
		assertThat(row.unitsSoldClicks7d()).isEqualTo(6);
		assertThat(row.campaignName()).isEqualTo("Tents");
		assertThat(row.adId()).isEqualTo(333L);
		RecordedRequest create = creates().get(0);
		assertThat(create.header("Amazon-Advertising-API-Scope")).isEqualTo("3456789012345678901");
		assertThat(json(create.body())).isEqualTo(json("""
				{"name": "adsgraph spAdvertisedProduct DAILY 2025-12-01..2025-12-31",
				 "startDate": "2025-12-01", "endDate": "2025-12-31",
				 "configuration": {"adProduct": "SPONSORED_PRODUCTS", "reportTypeId": "spAdvertisedProduct",
				   "groupBy": ["advertiser"],
				   "columns": ["campaignId", "campaignName", "adGroupId", "adId", "advertisedAsin", "advertisedSku",
				               "impressions", "clicks", "cost", "sales7d", "purchases7d", "unitsSoldClicks7d", "date"],
				   "timeUnit": "DAILY", "format": "GZIP_JSON"}}
				"""));
		assertThat(this.polls.get("rep-1").get()).isEqualTo(2);
		assertThat(this.files.requests()).singleElement()
			.satisfies((request) -> assertThat(request.headers().get("Authorization")).isNull());
	}

	@Test
	void theSummaryVariantAsksForTheRangeColumnsAndIsAReportOfItsOwn() {
		ReportResult<List<SpAdvertisedProductRow>> summary = this.reports
			.watchAdvertisedProducts("tenant-a", "config:ads", CREDENTIALS, Region.NA, PROFILE_ID, START, END,
					TimeUnit.SUMMARY)
			.blockLast(WAIT);
		daily("tenant-a");

		assertThat(summary.status()).isEqualTo(Status.READY);
		assertThat(creates()).hasSize(2);
		JsonNode configuration = json(creates().get(0).body()).get("configuration");
		assertThat(configuration.get("timeUnit").asString()).isEqualTo("SUMMARY");
		assertThat(configuration.get("columns").values()).extracting(JsonNode::asString)
			.contains("startDate", "endDate")
			.doesNotContain("date");
	}

	@Test
	void tenConcurrentRequestsMakeOneUpstreamReportAndLaterOnesReuseIt() {
		this.createDelay = Duration.ofMillis(300);

		List<ReportResult<List<SpAdvertisedProductRow>>> results = Flux.range(0, 10)
			.flatMap((i) -> this.reports
				.advertisedProductsByDay("tenant-a", "config:ads", CREDENTIALS, Region.NA, PROFILE_ID, START, END)
				.subscribeOn(Schedulers.parallel()))
			.collectList()
			.block(WAIT);
		ReportResult<List<SpAdvertisedProductRow>> later = daily("tenant-a");

		assertThat(results).hasSize(10).allSatisfy((result) -> {
			assertThat(result.status()).isEqualTo(Status.READY);
			assertThat(result.reportId()).isEqualTo("rep-1");
		});
		assertThat(later.reportId()).isEqualTo("rep-1");
		assertThat(creates()).hasSize(1);
		assertThat(this.files.requests()).hasSize(1);
	}

	@Test
	void anotherTenantGetsItsOwnReportForTheSameProfile() {
		daily("tenant-a");
		ReportResult<List<SpAdvertisedProductRow>> other = daily("tenant-b");

		assertThat(other.reportId()).isEqualTo("rep-2");
		assertThat(creates()).hasSize(2);
	}

	@Test
	void aDuplicateStillProcessingIsFollowedInsteadOfFailing() {
		String existing = "5b0e8f4c-3a4e-4c8e-9d7b-2f1e0c9a8b7d";
		this.ads = (request) -> (request.method().equals("POST"))
				? Reply.json(425, "{\"code\":\"425\",\"detail\":\"The Request is a duplicate of : " + existing + "\"}")
				: simulatedReporting(request);

		ReportResult<List<SpAdvertisedProductRow>> result = daily("tenant-a");

		assertThat(result.status()).isEqualTo(Status.READY);
		assertThat(result.reportId()).isEqualTo(existing);
		assertThat(creates()).hasSize(1);
		assertThat(this.polls).containsOnlyKeys(existing);
	}

	@Test
	void aRefusedRequestFailsWithTheUpstreamsStatusAndReason() {
		this.ads = (request) -> Reply.json(400,
				"{\"code\":\"400\",\"detail\":\"Invalid Advertiser or Marketplace ID.\"}");

		ReportResult<List<SpAdvertisedProductRow>> result = daily("tenant-a");

		assertThat(result.status()).isEqualTo(Status.FAILED);
		assertThat(result.failure())
			.isEqualTo(new ReportFailure(Reason.REJECTED, "Invalid Advertiser or Marketplace ID.", false, 400, "400"));
	}

	@Test
	void aReportAmazonFailedIsFailedWithItsFailureReason() {
		this.ads = (request) -> request.method().equals("POST") ? simulatedReporting(request)
				: report("rep-1", "FAILED", null, "Report generation failed.");

		ReportResult<List<SpAdvertisedProductRow>> result = daily("tenant-a");

		assertThat(result.status()).isEqualTo(Status.FAILED);
		assertThat(result.failure().reason()).isEqualTo(Reason.REPORT_FAILED);
		assertThat(result.failure().message()).isEqualTo("Report generation failed.");
	}

	@Test
	void anExpiredDownloadLinkIsReplacedByTheNextStatusCheck() {
		AtomicInteger completedAnswers = new AtomicInteger();
		this.ads = (request) -> {
			if (request.method().equals("GET") && completedAnswers.getAndIncrement() == 0) {
				return report("rep-1", "COMPLETED", this.files.url() + "/expired.json.gz?X-Amz-Signature=old", null);
			}
			return request.method().equals("GET")
					? report("rep-1", "COMPLETED", this.files.put("/fresh.json.gz", ReportFileServer.gzip(ROWS)), null)
					: simulatedReporting(request);
		};

		ReportResult<List<SpAdvertisedProductRow>> result = daily("tenant-a");

		assertThat(result.status()).isEqualTo(Status.READY);
		assertThat(this.files.requests()).extracting(ReportFileServer.Request::uri)
			.containsExactly("/expired.json.gz?X-Amz-Signature=old", "/fresh.json.gz");
	}

	@Test
	void watchingFollowsTheReportUntilItIsReady() {
		List<ReportResult<List<SpAdvertisedProductRow>>> states = this.reports
			.watchAdvertisedProducts("tenant-a", "config:ads", CREDENTIALS, Region.NA, PROFILE_ID, START, END,
					TimeUnit.SUMMARY)
			.collectList()
			.block(WAIT);

		assertThat(states).extracting(ReportResult::status).containsExactly(Status.PENDING, Status.READY);
	}

	@Test
	void aRangeEndingBeforeItStartsIsRefusedWithoutACall() {
		StepVerifier
			.create(this.reports.advertisedProductsByDay("tenant-a", "config:ads", CREDENTIALS, Region.NA, PROFILE_ID,
					END, START))
			.expectError(IllegalArgumentException.class)
			.verify(WAIT);

		assertThat(creates()).isEmpty();
	}

}
