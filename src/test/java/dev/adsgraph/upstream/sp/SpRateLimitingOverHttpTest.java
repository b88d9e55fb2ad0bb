package dev.adsgraph.upstream.sp;

import dev.adsgraph.testing.VirtualClock;

import dev.adsgraph.testing.MutableClock;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

import dev.adsgraph.upstream.Region;
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
import static org.awaitility.Awaitility.await;

/**
 * The limiter in front of real HTTP: the scripted server plays Amazon's token bucket
 * (published defaults, full at the start) and answers 429 to any request beyond it, while
 * the test moves the limiter's virtual time step by step and records, for each request,
 * the virtual instant at which it reached the server.
 */
class SpRateLimitingOverHttpTest {

	private static final String TOKEN_PATH = "/auth/o2/token";

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private static final LwaCredentials LWA = new LwaCredentials("amzn1.application-oa2-client.sp", "secret",
			"Atzr|refresh");

	private static final SpCredentials SELLER_A = new SpCredentials(LWA, "A1SELLER");

	private static final SpCredentials SELLER_B = new SpCredentials(
			new LwaCredentials(LWA.clientId(), LWA.clientSecret(), "Atzr|refresh-b"), "B2SELLER");

	private static final String ITEM = "{\"numberOfResults\":1,\"items\":[{\"asin\":\"B07N4M94X4\"}]}";

	private final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();

	private final VirtualClock virtualClock = new VirtualClock(START, this.scheduler);

	private final Map<String, AmazonBucket> amazon = new ConcurrentHashMap<>();

	private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();

	private volatile String rateLimitHeader;

	private ScriptedHttpServer server;

	private SpRateLimiter limiter;

	private SellingPartnerApiClient client;

	record Arrival(String seller, Duration at, int status) {
	}

	@BeforeEach
	void start() {
		this.server = new ScriptedHttpServer();
		this.server
			.script((
					request) -> request.path().equals(TOKEN_PATH)
							? Reply
								.json(200,
										"{\"access_token\":\"" + accessTokenFor(request)
												+ "\",\"token_type\":\"bearer\",\"expires_in\":3600}")
							: amazon(request));
		useMaxWait(Duration.ofSeconds(30));
	}

	private void useMaxWait(Duration maxWait) {
		MutableClock wallClock = new MutableClock(START);
		LwaTokenService tokens = new LwaTokenService(WebClient.builder(),
				new UpstreamProperties.Lwa(URI.create(this.server.url() + TOKEN_PATH), Duration.ofSeconds(60),
						Duration.ofSeconds(5)),
				new InMemoryLwaTokenCache(), wallClock);
		UpstreamProperties.Sp properties = new UpstreamProperties.Sp(
				Map.of(Region.NA, URI.create(this.server.url() + "/sp/na")), Duration.ofSeconds(2),
				Duration.ofSeconds(5), DataSize.ofMegabytes(16), null, Map.of(), maxWait, DataSize.ofMegabytes(1));
		this.limiter = new SpRateLimiter(new InMemoryTokenBucketStore(this.virtualClock),
				SpRateLimiter.limits(properties), maxWait, this.scheduler);
		this.client = new WebClientSellingPartnerApiClient(WebClient.builder(), properties, tokens, this.limiter,
				wallClock);
	}

	@AfterEach
	void stop() {
		this.server.close();
		this.scheduler.dispose();
	}

	/**
	 * One access token per seller grant, so that Amazon's side can tell sellers apart by
	 * token.
	 */
	private static String accessTokenFor(RecordedRequest tokenRequest) {
		Matcher refreshToken = Pattern.compile("refresh_token=([^&]*)").matcher(tokenRequest.body());
		refreshToken.find();
		return "Atza|for-" + URLDecoder.decode(refreshToken.group(1), StandardCharsets.UTF_8);
	}

	/**
	 * Amazon's side: searchCatalogItems' published plan (rate 2, burst 2) per seller, 429
	 * beyond it.
	 */
	private Reply amazon(RecordedRequest request) {
		Duration at = Duration.between(START, this.virtualClock.instant());
		String seller = request.header("x-amz-access-token");
		boolean allowed = this.amazon.computeIfAbsent(seller, (s) -> new AmazonBucket(2, 2)).take(at);
		int status = allowed ? 200 : 429;
		this.arrivals.add(new Arrival(seller, at, status));
		Reply reply = allowed ? Reply.json(200, ITEM) : Reply.json(429,
				"{\"errors\":[{\"code\":\"QuotaExceeded\",\"message\":\"You exceeded your quota\"}]}");
		String header = this.rateLimitHeader;
		return (header != null) ? reply.header("x-amzn-RateLimit-Limit", header) : reply;
	}

	private CompletableFuture<CatalogItem.SearchResults> searchCatalogItems(SpCredentials credentials) {
		return this.client
			.searchCatalogItems(credentials, Region.NA,
					CatalogItemSearch.byIdentifiers("ASIN", List.of("B07N4M94X4"), "ATVPDKIKX0DER", null))
			.toFuture();
	}

	private void awaitArrivals(int count) {
		await().atMost(5, TimeUnit.SECONDS).until(() -> this.arrivals.size() >= count);
		assertThat(this.arrivals).hasSize(count);
	}

	private List<Duration> arrivalTimes() {
		return this.arrivals.stream().map(Arrival::at).toList();
	}

	@Test
	void aBurstBeyondTheBucketIsSpreadAtTheRateAndNeverDrawsA429() {
		List<CompletableFuture<CatalogItem.SearchResults>> calls = IntStream.range(0, 8)
			.mapToObj((i) -> searchCatalogItems(SELLER_A))
			.toList();

		awaitArrivals(2);
		for (int sent = 3; sent <= 8; sent++) {
			this.scheduler.advanceTimeBy(Duration.ofMillis(500));
			awaitArrivals(sent);
		}
		CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();

		assertThat(arrivalTimes()).containsExactly(Duration.ZERO, Duration.ZERO, Duration.ofMillis(500),
				Duration.ofMillis(1000), Duration.ofMillis(1500), Duration.ofMillis(2000), Duration.ofMillis(2500),
				Duration.ofMillis(3000));
		assertThat(this.arrivals).extracting(Arrival::status).containsOnly(200);
		assertThat(this.limiter.stats().waits()).isEqualTo(6);
		assertThat(this.limiter.stats().throttled()).isZero();
	}

	@Test
	void twoSellersDrawFromTheirOwnBuckets() {
		List<CompletableFuture<CatalogItem.SearchResults>> calls = List.of(searchCatalogItems(SELLER_A),
				searchCatalogItems(SELLER_A), searchCatalogItems(SELLER_B), searchCatalogItems(SELLER_B));

		awaitArrivals(4);
		CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();

		assertThat(arrivalTimes()).containsOnly(Duration.ZERO);
		assertThat(this.arrivals).extracting(Arrival::status).containsOnly(200);
		assertThat(this.limiter.stats().waits()).isZero();
	}

	@Test
	void theBucketFollowsTheRateAmazonReports() {
		this.rateLimitHeader = "1.0";
		CompletableFuture.allOf(searchCatalogItems(SELLER_A), searchCatalogItems(SELLER_A)).join();

		List<CompletableFuture<CatalogItem.SearchResults>> later = List.of(searchCatalogItems(SELLER_A),
				searchCatalogItems(SELLER_A));
		this.scheduler.advanceTimeBy(Duration.ofMillis(500));
		assertThat(this.arrivals).hasSize(2);
		this.scheduler.advanceTimeBy(Duration.ofMillis(500));
		awaitArrivals(3);
		this.scheduler.advanceTimeBy(Duration.ofSeconds(1));
		awaitArrivals(4);
		CompletableFuture.allOf(later.toArray(CompletableFuture[]::new)).join();

		// At the published 2 per second these would have gone at 0.5 s and 1 s.
		assertThat(arrivalTimes()).containsExactly(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1),
				Duration.ofSeconds(2));
	}

	@Test
	void aWaitBeyondTheBoundFailsAsClientRateLimitedWithoutARequest() throws Exception {
		useMaxWait(Duration.ofMillis(200));
		List<CompletableFuture<CatalogItem.SearchResults>> calls = IntStream.range(0, 4)
			.mapToObj((i) -> searchCatalogItems(SELLER_A))
			.toList();

		// The burst of two goes; the next two would wait 500 ms for a token, over the 200
		// ms bound:
		// both fail at once, without a request. Which two go is the order in which the
		// calls get
		// their LWA token and reach the limiter, not the order they were made in.
		CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
			.handle((ignored, ex) -> null)
			.get(5, TimeUnit.SECONDS);
		List<CompletableFuture<CatalogItem.SearchResults>> refused = calls.stream()
			.filter(CompletableFuture::isCompletedExceptionally)
			.toList();
		assertThat(refused).hasSize(2);
		for (CompletableFuture<CatalogItem.SearchResults> call : refused) {
			assertThat(call).failsWithin(Duration.ofSeconds(5))
				.withThrowableOfType(ExecutionException.class)
				.havingCause()
				.isInstanceOfSatisfying(UpstreamException.class, (ex) -> {
					assertThat(ex.code()).isEqualTo("ClientRateLimited");
					assertThat(ex.httpStatus()).isEqualTo(429);
					assertThat(ex.operation()).isEqualTo("searchCatalogItems");
					assertThat(ex.retryable()).isTrue();
					assertThat(ex.retryAfter()).isEqualTo(Duration.ofMillis(500));
				});
		}
		awaitArrivals(2);
		for (CompletableFuture<CatalogItem.SearchResults> call : calls) {
			if (!refused.contains(call)) {
				assertThat(call.join().items().get(0).asin()).isEqualTo("B07N4M94X4");
			}
		}
		assertThat(this.arrivals).hasSize(2).extracting(Arrival::status).containsOnly(200);
	}

	@Test
	void a429FromAmazonEmptiesOurBucketSoTheNextCallWaits() {
		// Another replica (or a previous process) spent Amazon's tokens: Amazon's bucket
		// is empty.
		this.amazon.put("Atza|for-" + LWA.refreshToken(), new AmazonBucket(2, 0));
		CompletableFuture<CatalogItem.SearchResults> throttled = searchCatalogItems(SELLER_A);
		assertThat(throttled).failsWithin(Duration.ofSeconds(5));
		assertThat(this.arrivals).singleElement().extracting(Arrival::status).isEqualTo(429);

		CompletableFuture<CatalogItem.SearchResults> next = searchCatalogItems(SELLER_A);
		this.scheduler.advanceTimeBy(Duration.ofMillis(499));
		assertThat(this.arrivals).hasSize(1);
		this.scheduler.advanceTimeBy(Duration.ofMillis(1));
		awaitArrivals(2);

		assertThat(next.join().items().get(0).asin()).isEqualTo("B07N4M94X4");
		assertThat(this.arrivals.get(1).status()).isEqualTo(200);
		assertThat(this.limiter.stats().throttled()).isEqualTo(1);
	}

	/** Amazon's documented algorithm, as the simulator of this test plays it. */
	static final class AmazonBucket {

		private final double rate;

		private double tokens;

		private Duration updated = Duration.ZERO;

		AmazonBucket(double rate, double tokens) {
			this.rate = rate;
			this.tokens = tokens;
		}

		synchronized boolean take(Duration at) {
			double seconds = at.minus(this.updated).toNanos() / 1e9;
			this.tokens = Math.min(2, this.tokens + seconds * this.rate);
			this.updated = at;
			if (this.tokens < 1 - 1e-9) {
				return false;
			}
			this.tokens -= 1;
			return true;
		}

	}

}
