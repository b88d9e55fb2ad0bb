package dev.adsgraph.upstream.resilience;

import java.net.ConnectException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.adsgraph.testing.MutableClock;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.ScriptedHttpServer;
import dev.adsgraph.upstream.ScriptedHttpServer.RecordedRequest;
import dev.adsgraph.upstream.ScriptedHttpServer.Reply;
import dev.adsgraph.upstream.UpstreamException;
import dev.adsgraph.upstream.UpstreamMetrics;
import dev.adsgraph.upstream.UpstreamOperation;
import dev.adsgraph.upstream.ads.AdsOperation;
import dev.adsgraph.upstream.UpstreamProperties;
import dev.adsgraph.upstream.ads.AdsApiClient;
import dev.adsgraph.upstream.ads.RegisterAdsAccountRequest;
import dev.adsgraph.upstream.ads.WebClientAdsApiClient;
import dev.adsgraph.upstream.lwa.InMemoryLwaTokenCache;
import dev.adsgraph.upstream.lwa.LwaCredentials;
import dev.adsgraph.upstream.lwa.LwaTokenService;

import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The resilience policy around real Ads and LWA clients talking to a scripted server. */
class UpstreamGuardTest {

	private static final String TOKEN_PATH = "/auth/o2/token";

	private static final LwaCredentials TENANT_A = new LwaCredentials("amzn1.application-oa2-client.a", "secret-a",
			"Atzr|refresh-a");

	private static final LwaCredentials TENANT_B = new LwaCredentials("amzn1.application-oa2-client.b", "secret-b",
			"Atzr|refresh-b");

	private static final String PROFILES = "[{\"profileId\": 1, \"countryCode\": \"US\", \"currencyCode\": \"USD\","
			+ " \"timezone\": \"America/Los_Angeles\", \"accountInfo\": {\"id\": \"A1\", \"type\": \"seller\","
			+ " \"marketplaceStringId\": \"ATVPDKIKX0DER\"}}]";

	private ScriptedHttpServer server;

	private Function<RecordedRequest, Reply> ads = (request) -> Reply.json(200, PROFILES);

	private Function<RecordedRequest, Reply> lwa = (request) -> Reply.json(200,
			"{\"access_token\":\"Atza|t\",\"token_type\":\"bearer\",\"expires_in\":3600}");

	private UpstreamGuard guard;

	/**
	 * What the guard and the clients reported, as {@code kind upstream operation detail}.
	 */
	private final List<String> reported = new CopyOnWriteArrayList<>();

	private final UpstreamMetrics metrics = new UpstreamMetrics() {

		@Override
		public void attempt(UpstreamOperation operation, String status, Duration duration) {
			UpstreamGuardTest.this.reported
				.add("attempt " + operation.upstream() + " " + operation.id() + " " + status);
		}

		@Override
		public void retry(UpstreamOperation operation, String reason) {
			UpstreamGuardTest.this.reported.add("retry " + operation.upstream() + " " + operation.id() + " " + reason);
		}

		@Override
		public void lwaRefresh(String outcome) {
			UpstreamGuardTest.this.reported.add("lwaRefresh " + outcome);
		}

	};

	@BeforeEach
	void start() {
		this.server = new ScriptedHttpServer();
		this.server
			.script((request) -> request.path().equals(TOKEN_PATH) ? this.lwa.apply(request) : this.ads.apply(request));
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	private static ResilienceProperties properties(int maxAttempts, Duration maxRetryAfter,
			ResilienceProperties.CircuitBreaker breaker, ResilienceProperties.Bulkhead bulkhead,
			ResilienceProperties.TenantBackoff backoff) {
		return new ResilienceProperties(
				new ResilienceProperties.Retry(maxAttempts, Duration.ofMillis(20), Duration.ofMillis(100), 0.5,
						maxRetryAfter, Duration.ofSeconds(20)),
				breaker, bulkhead, backoff, Map.of(), ResilienceProperties.ConcurrencyLimit.disabled());
	}

	private static ResilienceProperties.CircuitBreaker noBreaker() {
		return new ResilienceProperties.CircuitBreaker(false, 50, 10, 10, Duration.ofSeconds(1), 1);
	}

	private static ResilienceProperties.Bulkhead wideBulkhead() {
		return new ResilienceProperties.Bulkhead(32, 32, 4, Duration.ofSeconds(5));
	}

	private static ResilienceProperties.TenantBackoff backoff() {
		return new ResilienceProperties.TenantBackoff(Duration.ofSeconds(1), Duration.ofSeconds(5));
	}

	private AdsApiClient client(ResilienceProperties properties) {
		return client(properties, Clock.systemUTC());
	}

	private AdsApiClient client(ResilienceProperties properties, Clock guardClock) {
		this.guard = new UpstreamGuard(properties, new InMemoryThrottleStore(), guardClock, Schedulers.parallel(),
				this.metrics);
		return clientOf(this.guard);
	}

	private AdsApiClient clientOf(UpstreamGuard guard) {
		LwaTokenService tokens = new LwaTokenService(
				WebClient.builder(), new UpstreamProperties.Lwa(URI.create(this.server.url() + TOKEN_PATH),
						Duration.ofSeconds(60), Duration.ofSeconds(5)),
				new InMemoryLwaTokenCache(), Clock.systemUTC(), guard);
		return new WebClientAdsApiClient(WebClient.builder(),
				new UpstreamProperties.Ads(Map.of(Region.NA, URI.create(this.server.url() + "/ads/na")),
						Duration.ofSeconds(2), Duration.ofSeconds(5), DataSize.ofMegabytes(1)),
				tokens, Clock.systemUTC(), guard);
	}

	private AdsApiClient defaultClient() {
		return client(properties(5, Duration.ofSeconds(5), noBreaker(), wideBulkhead(), backoff()));
	}

	/** Answers the given replies in turn, then the last one forever. */
	private static Function<RecordedRequest, Reply> sequence(Reply... replies) {
		AtomicInteger next = new AtomicInteger();
		return (request) -> replies[Math.min(next.getAndIncrement(), replies.length - 1)];
	}

	private int adsRequests() {
		return this.server.requestsTo("/ads/").size();
	}

	private static RegisterAdsAccountRequest registration() {
		return new RegisterAdsAccountRequest("Shop", List.of("US"), List.of(new RegisterAdsAccountRequest.Association(
				new RegisterAdsAccountRequest.AmazonSeller("A2SELLER"), null, null, null)), null);
	}

	@Test
	void readsAreRetriedAfterServerErrorsUnreadableBodiesAndThrottling() {
		AdsApiClient client = defaultClient();
		this.ads = sequence(Reply.json(500, "{\"code\":\"INTERNAL_ERROR\"}"), Reply.json(200, "[{\"cut"),
				Reply.json(429, "{\"code\":\"TOO_MANY_REQUESTS\"}"), Reply.json(200, PROFILES));

		assertThat(client.listProfiles(TENANT_A, Region.NA, null).block()).hasSize(1);
		assertThat(adsRequests()).isEqualTo(4);
	}

	@Test
	void retriesStopAfterMaxAttemptsWithTheLastFailure() {
		AdsApiClient client = client(properties(3, Duration.ofSeconds(5), noBreaker(), wideBulkhead(), backoff()));
		this.ads = (request) -> Reply.json(503, "{\"code\":\"SERVICE_UNAVAILABLE\"}");

		assertThatThrownBy(() -> client.listProfiles(TENANT_A, Region.NA, null).block())
			.isInstanceOfSatisfying(UpstreamException.class, (ex) -> assertThat(ex.httpStatus()).isEqualTo(503));
		assertThat(adsRequests()).isEqualTo(3);
	}

	@Test
	void clientErrorsAreNeverRetried() {
		AdsApiClient client = defaultClient();
		this.ads = (request) -> Reply.json(400, "{\"code\":\"BAD_REQUEST\",\"details\":\"no\"}");

		assertThatThrownBy(() -> client.listProfiles(TENANT_A, Region.NA, null).block())
			.isInstanceOf(UpstreamException.class);
		assertThat(adsRequests()).isEqualTo(1);
	}

	@Test
	void retryAfterIsWaitedOutWhenShortAndReportedWhenLong() {
		AdsApiClient client = client(properties(5, Duration.ofSeconds(2), noBreaker(), wideBulkhead(), backoff()));
		this.ads = sequence(Reply.json(429, "{}").header("Retry-After", "1"), Reply.json(200, PROFILES));
		long started = System.nanoTime();
		assertThat(client.listProfiles(TENANT_A, Region.NA, null).block()).hasSize(1);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
		assertThat(adsRequests()).isEqualTo(2);

		this.ads = (request) -> Reply.json(429, "{}").header("Retry-After", "30");
		assertThatThrownBy(() -> client.listProfiles(TENANT_B, Region.NA, null).block()).isInstanceOfSatisfying(
				UpstreamException.class, (ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
		assertThat(adsRequests()).isEqualTo(3);
	}

	@Test
	void writesAreRetriedOnlyWhenAmazonCertainlyDidNotActOnThem() {
		AdsApiClient client = defaultClient();
		String created = "{\"adsAccount\": {\"adsAccountId\": \"amzn1.ads-account.g.1\", \"status\": \"PENDING\"}}";
		this.ads = sequence(Reply.json(429, "{}"), Reply.json(201, created));
		assertThat(client.registerAdsAccount(TENANT_A, Region.NA, registration()).block().adsAccountId())
			.isEqualTo("amzn1.ads-account.g.1");
		assertThat(adsRequests()).isEqualTo(2);

		this.ads = sequence(Reply.json(500, "{}"), Reply.json(201, created));
		assertThatThrownBy(() -> client.registerAdsAccount(TENANT_B, Region.NA, registration()).block())
			.isInstanceOfSatisfying(UpstreamException.class, (ex) -> assertThat(ex.httpStatus()).isEqualTo(500));
		assertThat(adsRequests()).isEqualTo(3);
	}

	@Test
	void aWriteThatNeverLeftIsRetriedAndOneWithoutAnAnswerIsNot() {
		UpstreamGuard guard = new UpstreamGuard(
				properties(5, Duration.ofSeconds(5), noBreaker(), wideBulkhead(), backoff()),
				new InMemoryThrottleStore(), Clock.systemUTC(), Schedulers.parallel());
		UpstreamCall write = new UpstreamCall(AdsOperation.REGISTER_ADS_ACCOUNT, "na", null);
		UpstreamException refused = new UpstreamException("ads", "RegisterAdsAccount", 0, null, "refused", null, true,
				null);
		refused.initCause(new ConnectException("Connection refused"));
		UpstreamException timedOut = new UpstreamException("ads", "RegisterAdsAccount", 0, null, "timeout", null, true,
				null);

		assertThat(guard.nextDelay(write, refused, 1, Instant.now())).isNotNull();
		assertThat(guard.nextDelay(write, timedOut, 1, Instant.now())).isNull();
		assertThat(
				guard.nextDelay(new UpstreamCall(AdsOperation.LIST_PROFILES, "na", null), timedOut, 1, Instant.now()))
			.isNotNull();
	}

	@Test
	void aThrottledTenantBacksOffWhileOthersGoOn() {
		// A back-off longer than a call may wait makes the waiting call fail at once,
		// which shows
		// the back-off without timing anything.
		AdsApiClient client = client(properties(1, Duration.ofSeconds(60), noBreaker(), wideBulkhead(),
				new ResilienceProperties.TenantBackoff(Duration.ofSeconds(1), Duration.ZERO)));
		this.ads = sequence(Reply.json(429, "{}").header("Retry-After", "20"), Reply.json(200, PROFILES));
		assertThatThrownBy(() -> client.listProfiles(TENANT_A, Region.NA, null).block())
			.isInstanceOf(UpstreamException.class);
		assertThat(adsRequests()).isEqualTo(1);

		assertThatThrownBy(() -> client.listProfiles(TENANT_A, Region.NA, null).block())
			.isInstanceOfSatisfying(UpstreamException.class, (ex) -> {
				assertThat(ex.httpStatus()).isEqualTo(429);
				assertThat(ex.code()).isEqualTo(UpstreamGuard.TENANT_BACKOFF);
				assertThat(ex.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(20));
			});
		assertThat(adsRequests()).as("the throttled tenant did not call again").isEqualTo(1);

		assertThat(client.listProfiles(TENANT_B, Region.NA, null).block()).hasSize(1);
		assertThat(adsRequests()).isEqualTo(2);
	}

	@Test
	void theCircuitOpensOnRepeatedOutagesFailsFastAndRecovers() {
		// The open state lasts by the guard's clock, moved here by hand: with real time,
		// a
		// slow machine could reach the fail-fast call after the circuit half-opened.
		MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
		AdsApiClient client = client(properties(1, Duration.ofSeconds(5),
				new ResilienceProperties.CircuitBreaker(true, 50, 4, 4, Duration.ofMillis(300), 2), wideBulkhead(),
				backoff()), clock);
		this.ads = (request) -> Reply.json(500, "{}");
		for (int i = 0; i < 4; i++) {
			assertThatThrownBy(() -> client.listProfiles(TENANT_A, Region.NA, null).block())
				.isInstanceOf(UpstreamException.class);
		}
		CircuitBreaker breaker = this.guard.breaker("ads", "na");
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

		assertThatThrownBy(() -> client.listProfiles(TENANT_A, Region.NA, null).block())
			.isInstanceOfSatisfying(UpstreamException.class, (ex) -> {
				assertThat(ex.code()).isEqualTo(UpstreamGuard.CIRCUIT_OPEN);
				assertThat(ex.retryable()).isTrue();
			});
		assertThat(adsRequests()).as("an open circuit does not call").isEqualTo(4);

		this.ads = (request) -> Reply.json(200, PROFILES);
		clock.advance(Duration.ofMillis(299));
		assertThatThrownBy(() -> client.listProfiles(TENANT_A, Region.NA, null).block()).isInstanceOfSatisfying(
				UpstreamException.class, (ex) -> assertThat(ex.code()).isEqualTo(UpstreamGuard.CIRCUIT_OPEN));
		clock.advance(Duration.ofMillis(2));
		assertThat(client.listProfiles(TENANT_A, Region.NA, null).block()).hasSize(1);
		assertThat(client.listProfiles(TENANT_A, Region.NA, null).block()).hasSize(1);
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void everyAttemptRetryAndRefusalIsReportedToTheMetrics() {
		AdsApiClient client = client(properties(5, Duration.ofSeconds(5),
				new ResilienceProperties.CircuitBreaker(true, 50, 4, 4, Duration.ofSeconds(30), 2), wideBulkhead(),
				backoff()));
		this.ads = sequence(Reply.json(500, "{\"code\":\"INTERNAL_ERROR\"}"), Reply.json(200, PROFILES));
		assertThat(client.listProfiles(TENANT_A, Region.NA, null).block()).hasSize(1);
		assertThat(this.reported).containsExactly("attempt lwa token 200", "lwaRefresh success",
				"attempt ads listProfiles 500", "retry ads listProfiles server_error", "attempt ads listProfiles 200");

		this.reported.clear();
		this.guard.breaker("ads", "na").transitionToOpenState();
		assertThatThrownBy(() -> client.listProfiles(TENANT_A, Region.NA, null).block())
			.isInstanceOf(UpstreamException.class);
		assertThat(this.reported).as("an open circuit is a refusal that is not retried")
			.containsExactly("attempt ads listProfiles circuit_open");
	}

	@Test
	void clientErrorsDoNotOpenTheCircuit() {
		AdsApiClient client = client(properties(1, Duration.ofSeconds(5),
				new ResilienceProperties.CircuitBreaker(true, 50, 4, 4, Duration.ofSeconds(30), 2), wideBulkhead(),
				backoff()));
		this.ads = (request) -> Reply.json(429, "{}").header("Retry-After", "60");
		for (int i = 0; i < 6; i++) {
			LwaCredentials tenant = new LwaCredentials("client-" + i, "s", "r-" + i);
			assertThatThrownBy(() -> client.listProfiles(tenant, Region.NA, null).block())
				.isInstanceOf(UpstreamException.class);
		}
		assertThat(this.guard.breaker("ads", "na").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void callsInFlightAreBoundedPerUpstream() {
		AdsApiClient client = client(properties(1, Duration.ofSeconds(5), noBreaker(),
				new ResilienceProperties.Bulkhead(1, 32, 4, Duration.ofMillis(200)), backoff()));
		client.listProfiles(TENANT_A, Region.NA, null).block(); // token fetched, so LWA
																// is out of the way
		this.ads = (request) -> Reply.json(200, PROFILES).delayedBy(Duration.ofSeconds(2));

		Mono<Object> slow = client.listProfiles(TENANT_A, Region.NA, null)
			.map(Object.class::cast)
			.onErrorResume((ex) -> Mono.just(ex));
		Mono<Object> queued = Mono.delay(Duration.ofMillis(300))
			.then(client.listProfiles(TENANT_B, Region.NA, null))
			.map(Object.class::cast)
			.onErrorResume((ex) -> Mono.just(ex));
		List<Object> outcomes = Mono.zip(slow, queued).map((both) -> List.of(both.getT1(), both.getT2())).block();

		assertThat(outcomes.get(0)).isInstanceOf(List.class);
		assertThat(outcomes.get(1)).isInstanceOfSatisfying(UpstreamException.class,
				(ex) -> assertThat(ex.code()).isEqualTo(UpstreamGuard.BULKHEAD_FULL));
		assertThat(this.guard.inFlight("ads")).isZero();
	}

	@Test
	void theAdaptiveBoundOfARegionShrinksWhenAmazonThrottlesIt() {
		// Every reading of the guard's nanosecond clock is 4 ms after the previous one: a
		// call takes 4 ms and a window of 100 ms holds a dozen calls, enough to count.
		AtomicLong nanos = new AtomicLong();
		ResilienceProperties properties = new ResilienceProperties(
				new ResilienceProperties.Retry(1, Duration.ofMillis(20), Duration.ofMillis(100), 0.5,
						Duration.ofSeconds(5), Duration.ofSeconds(20)),
				noBreaker(), wideBulkhead(), backoff(), Map.of(),
				new ResilienceProperties.ConcurrencyLimit(true, 20, 5, 100, Duration.ofMillis(100), 10, 1, 30));
		this.guard = new UpstreamGuard(properties, new InMemoryThrottleStore(), Clock.systemUTC(),
				Schedulers.parallel(), this.metrics, () -> nanos.addAndGet(Duration.ofMillis(4).toNanos()));
		AdsApiClient client = clientOf(this.guard);
		for (int i = 0; i < 30; i++) {
			assertThat(client.listProfiles(TENANT_A, Region.NA, null).block()).hasSize(1);
		}
		assertThat(this.guard.concurrencyLimits()).containsKeys("ads.na", "ads.eu", "ads.fe", "lwa.global");
		assertThat(this.guard.concurrencyLimits().get("ads.na").getAsInt())
			.as("one call at a time: too few in flight to grow")
			.isEqualTo(20);

		this.ads = (request) -> Reply.json(429, "{}");
		for (int i = 0; i < 40; i++) {
			LwaCredentials tenant = new LwaCredentials("client-" + i, "s", "r-" + i);
			assertThatThrownBy(() -> client.listProfiles(tenant, Region.NA, null).block())
				.isInstanceOfSatisfying(UpstreamException.class, (ex) -> assertThat(ex.httpStatus()).isEqualTo(429));
		}
		assertThat(this.guard.concurrencyLimits().get("ads.na").getAsInt()).isLessThan(20);
		assertThat(this.guard.concurrencyLimits().get("ads.eu").getAsInt()).as("other regions keep theirs")
			.isEqualTo(20);
		assertThat(this.guard.concurrencyLimits().get("lwa.global").getAsInt()).as("LWA's bound is fixed").isEqualTo(4);
		assertThat(this.guard.inFlight("ads")).isZero();
	}

	@Test
	void anLwaFailureIsRetriedByLwaOnlyNotAgainByTheAdsCall() {
		AdsApiClient client = client(properties(3, Duration.ofSeconds(5), noBreaker(), wideBulkhead(), backoff()));
		this.lwa = (request) -> Reply.json(500, "{\"error\":\"server_error\"}");

		assertThatThrownBy(() -> client.listProfiles(TENANT_A, Region.NA, null).block())
			.isInstanceOfSatisfying(UpstreamException.class, (ex) -> assertThat(ex.upstream()).isEqualTo("lwa"));
		assertThat(this.server.requestsTo(TOKEN_PATH)).hasSize(3);
		assertThat(adsRequests()).isZero();
	}

}
