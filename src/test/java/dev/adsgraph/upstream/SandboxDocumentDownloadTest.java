package dev.adsgraph.upstream;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

import dev.adsgraph.sandbox.SandboxCredentials;
import dev.adsgraph.sandbox.SandboxServer;
import dev.adsgraph.sandbox.SandboxSettings;
import dev.adsgraph.testing.MutableClock;
import dev.adsgraph.upstream.ads.AdsApiClient;
import dev.adsgraph.upstream.ads.AdsReport;
import dev.adsgraph.upstream.ads.Profile;
import dev.adsgraph.upstream.ads.ProfileFilter;
import dev.adsgraph.upstream.ads.ReportConfiguration;
import dev.adsgraph.upstream.ads.ReportRequest;
import dev.adsgraph.upstream.ads.ReportRow;
import dev.adsgraph.upstream.ads.WebClientAdsApiClient;
import dev.adsgraph.upstream.lwa.InMemoryLwaTokenCache;
import dev.adsgraph.upstream.lwa.LwaCredentials;
import dev.adsgraph.upstream.lwa.LwaTokenService;
import dev.adsgraph.upstream.sp.CreateReportSpecification;
import dev.adsgraph.upstream.sp.InMemoryTokenBucketStore;
import dev.adsgraph.upstream.sp.Report;
import dev.adsgraph.upstream.sp.ReportDocument;
import dev.adsgraph.upstream.sp.SellingPartnerApiClient;
import dev.adsgraph.upstream.sp.SpCredentials;
import dev.adsgraph.upstream.sp.SpOperation;
import dev.adsgraph.upstream.sp.SpRateLimit;
import dev.adsgraph.upstream.sp.SpRateLimiter;
import dev.adsgraph.upstream.sp.WebClientSellingPartnerApiClient;

import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The gateway's own clients fetch report files from the sandbox's presigned URLs as they
 * would from S3: the sandbox refuses a download that carries an {@code Authorization} or
 * {@code x-amz-*} header (shown here with the same URL), so a successful download proves
 * the clients send neither; past the URL's lifetime they get S3's refusal as a typed
 * error.
 */
class SandboxDocumentDownloadTest {

	private static final String US = "ATVPDKIKX0DER";

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));

	private final SandboxServer sandbox = SandboxServer
		.start(SandboxSettings.defaults().withClock(this.clock).withReportProcessingTime(Duration.ofMillis(200)));

	private final LwaTokenService tokens = new LwaTokenService(WebClient.builder(),
			new UpstreamProperties.Lwa(URI.create(this.sandbox.baseUrl() + "/auth/o2/token"), Duration.ofSeconds(60),
					Duration.ofSeconds(5)),
			new InMemoryLwaTokenCache(), this.clock);

	private final HttpClient http = HttpClient.newHttpClient();

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	@Test
	void theAdsClientDownloadsAReportFileWithoutItsCredentialsUntilTheUrlExpires() throws Exception {
		AdsApiClient ads = new WebClientAdsApiClient(WebClient.builder(),
				new UpstreamProperties.Ads(Map.of(Region.NA, URI.create(this.sandbox.baseUrl() + "/ads/na")),
						Duration.ofSeconds(2), Duration.ofSeconds(10), DataSize.ofMegabytes(16)),
				this.tokens, this.clock);
		LwaCredentials credentials = lwa(SandboxServer.demoCredentials());
		long profileId = ads.listProfiles(credentials, Region.NA, ProfileFilter.NONE)
			.block()
			.stream()
			.filter((profile) -> profile.accountInfo().id().equals(SandboxServer.DEMO_SELLING_PARTNER_ID)
					&& profile.countryCode().equals("US"))
			.mapToLong(Profile::profileId)
			.findFirst()
			.orElseThrow();
		AdsReport pending = ads
			.createAsyncReport(credentials, Region.NA, profileId, new ReportRequest("files", LocalDate.of(2026, 11, 1),
					LocalDate.of(2026, 11, 7),
					new ReportConfiguration(ReportConfiguration.AdProduct.SPONSORED_PRODUCTS, "spAdvertisedProduct",
							List.of("advertiser"), List.of("advertisedAsin", "clicks", "cost"), null,
							ReportConfiguration.TimeUnit.SUMMARY, ReportConfiguration.Format.GZIP_JSON)))
			.block();
		this.clock.advance(Duration.ofMillis(200));
		AdsReport completed = ads.getAsyncReport(credentials, Region.NA, profileId, pending.reportId()).block();
		assertThat(completed.status()).isEqualTo(AdsReport.Status.COMPLETED);

		assertThat(
				statusWith(completed.url(), "Authorization", "Bearer " + this.tokens.accessToken(credentials).block()))
			.isEqualTo(400);
		List<ReportRow> rows = ads.downloadReport(completed.url()).block();
		assertThat(rows).isNotEmpty().allSatisfy((row) -> assertThat(row.string("advertisedAsin")).isNotBlank());

		this.clock.advance(Duration.ofMinutes(61));
		UpstreamException expired = catchThrowableOfType(UpstreamException.class,
				() -> ads.downloadReport(completed.url()).block());
		assertThat(expired.httpStatus()).isEqualTo(403);
		assertThat(expired.code()).isEqualTo("url_expired");
		assertThat(expired.retryable()).isTrue();
	}

	@Test
	void theSpClientDownloadsADocumentWithoutItsCredentialsUntilTheUrlExpires() throws Exception {
		Map<SpOperation, SpRateLimit> generous = Arrays.stream(SpOperation.values())
			.collect(Collectors.toMap(Function.identity(), (operation) -> new SpRateLimit(1000, 1000)));
		SellingPartnerApiClient sp = new WebClientSellingPartnerApiClient(WebClient.builder(),
				new UpstreamProperties.Sp(Map.of(Region.NA, URI.create(this.sandbox.baseUrl() + "/sp/na")),
						Duration.ofSeconds(2), Duration.ofSeconds(10), DataSize.ofMegabytes(16), null, Map.of(),
						Duration.ofSeconds(30), DataSize.ofMegabytes(16)),
				this.tokens, new SpRateLimiter(new InMemoryTokenBucketStore(this.clock), generous,
						Duration.ofSeconds(30), Schedulers.parallel()),
				this.clock);
		SpCredentials credentials = new SpCredentials(lwa(SandboxServer.demoSpCredentials()),
				SandboxServer.DEMO_SELLING_PARTNER_ID);
		String reportId = sp
			.createReport(credentials, Region.NA,
					new CreateReportSpecification("GET_SALES_AND_TRAFFIC_REPORT", List.of(US), null, null, null))
			.block();
		this.clock.advance(Duration.ofMillis(200));
		Report done = sp.getReport(credentials, Region.NA, reportId).block();
		ReportDocument document = sp.getReportDocument(credentials, Region.NA, done.reportDocumentId()).block();

		assertThat(statusWith(document.url(), "x-amz-access-token", this.tokens.accessToken(credentials.lwa()).block()))
			.isEqualTo(403);
		byte[] report = sp.downloadReportDocument(document).block();
		assertThat(new String(report, StandardCharsets.UTF_8)).contains("\"salesAndTrafficByAsin\"");

		this.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
		UpstreamException expired = catchThrowableOfType(UpstreamException.class,
				() -> sp.downloadReportDocument(document).block());
		assertThat(expired.httpStatus()).isEqualTo(403);
		assertThat(expired.code()).isEqualTo("AccessDenied");
		assertThat(expired.upstreamMessage()).isEqualTo("Request has expired");
	}

	private static LwaCredentials lwa(SandboxCredentials credentials) {
		return new LwaCredentials(credentials.clientId(), credentials.clientSecret(), credentials.refreshToken());
	}

	/** The status of a download of {@code url} that forwards one API header. */
	private int statusWith(String url, String header, String value) throws IOException, InterruptedException {
		return this.http
			.send(HttpRequest.newBuilder(URI.create(url)).header(header, value).GET().build(),
					HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

}
