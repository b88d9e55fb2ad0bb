package dev.adsgraph.upstream.sp;

import dev.adsgraph.testing.VirtualClock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.UpstreamException;
import dev.adsgraph.upstream.UpstreamProperties;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The limiter alone, in virtual time: when each caller is let through, and why. */
class SpRateLimiterTest {

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();

	private final VirtualClock clock = new VirtualClock(START, this.scheduler);

	private final BucketKey sellerA = key("A1SELLER", SpOperation.SEARCH_CATALOG_ITEMS);

	private final BucketKey sellerB = key("B2SELLER", SpOperation.SEARCH_CATALOG_ITEMS);

	private static BucketKey key(String seller, SpOperation operation) {
		return new BucketKey(Region.NA, "amzn1.application-oa2-client.sp", seller, operation);
	}

	private SpRateLimiter limiter(Duration maxWait) {
		return new SpRateLimiter(new InMemoryTokenBucketStore(this.clock), SpOperation.usagePlans(), maxWait,
				this.scheduler);
	}

	/** Acquires and records the virtual time at which the caller was let through. */
	private Disposable acquire(SpRateLimiter limiter, BucketKey key, List<Duration> released,
			List<Throwable> failures) {
		return limiter.acquire(key)
			.subscribe(null, failures::add, () -> released.add(Duration.between(START, this.clock.instant())));
	}

	@Test
	void aBurstBeyondTheBucketWaitsAndIsReleasedAtTheConfiguredRate() {
		SpRateLimiter limiter = limiter(Duration.ofSeconds(30));
		List<Duration> released = new CopyOnWriteArrayList<>();
		List<Throwable> failures = new CopyOnWriteArrayList<>();

		for (int i = 0; i < 6; i++) {
			acquire(limiter, this.sellerA, released, failures);
		}
		this.scheduler.advanceTimeBy(Duration.ofSeconds(10));

		// searchCatalogItems: rate 2, burst 2 (catalogItems_2022-04-01.json usage plan)
		assertThat(failures).isEmpty();
		assertThat(released).containsExactly(Duration.ZERO, Duration.ZERO, Duration.ofMillis(500),
				Duration.ofMillis(1000), Duration.ofMillis(1500), Duration.ofMillis(2000));
		assertThat(limiter.stats().waits()).isEqualTo(4);
		assertThat(limiter.stats().totalWait()).isEqualTo(Duration.ofMillis(500 + 1000 + 1500 + 2000));
	}

	@Test
	void aStoreThatAsksForSpacingHasACallWaitForTheOneBeforeItWhenThatOneWentLate() {
		List<Duration> released = new CopyOnWriteArrayList<>();
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		// The second call's wait ends at 1.3 s (as a timer firing late would), the
		// third's
		// at 2 s as scheduled: spaced a second apart, the third goes at 2.3 s.
		SpRateLimiter spaced = new SpRateLimiter(
				new ScriptedStore(Duration.ofSeconds(1), Duration.ZERO, Duration.ofMillis(1300), Duration.ofSeconds(2)),
				SpOperation.usagePlans(), Duration.ofSeconds(30), this.scheduler);
		for (int i = 0; i < 3; i++) {
			acquire(spaced, this.sellerA, released, failures);
		}
		this.scheduler.advanceTimeBy(Duration.ofSeconds(5));
		assertThat(failures).isEmpty();
		assertThat(released).containsExactly(Duration.ZERO, Duration.ofMillis(1300), Duration.ofMillis(2300));

		// Without spacing the schedule is the store's alone.
		released.clear();
		SpRateLimiter unspaced = new SpRateLimiter(
				new ScriptedStore(Duration.ZERO, Duration.ZERO, Duration.ofMillis(1300), Duration.ofSeconds(2)),
				SpOperation.usagePlans(), Duration.ofSeconds(30), this.scheduler);
		for (int i = 0; i < 3; i++) {
			acquire(unspaced, this.sellerA, released, failures);
		}
		this.scheduler.advanceTimeBy(Duration.ofSeconds(5));
		assertThat(released).containsExactly(Duration.ofSeconds(5), Duration.ofMillis(6300), Duration.ofSeconds(7));
	}

	/** Grants each call with the next of its delays, and asks for a fixed spacing. */
	private static final class ScriptedStore implements TokenBucketStore {

		private final Duration spacing;

		private final Queue<Duration> delays;

		ScriptedStore(Duration spacing, Duration... delays) {
			this.spacing = spacing;
			this.delays = new ConcurrentLinkedQueue<>(List.of(delays));
		}

		@Override
		public Mono<Reservation> reserve(BucketKey key, SpRateLimit limit, Duration maxWait) {
			return Mono.just(new Reservation(true, this.delays.remove()));
		}

		@Override
		public Mono<Void> refund(BucketKey key, SpRateLimit limit) {
			return Mono.empty();
		}

		@Override
		public Mono<Void> updateRate(BucketKey key, SpRateLimit limit, double rate) {
			return Mono.empty();
		}

		@Override
		public Mono<Void> drain(BucketKey key, SpRateLimit limit) {
			return Mono.empty();
		}

		@Override
		public Duration spacing(BucketKey key, SpRateLimit limit) {
			return this.spacing;
		}

	}

	@Test
	void bucketsRefillWhileIdleButNeverBeyondTheBurst() {
		SpRateLimiter limiter = limiter(Duration.ofSeconds(30));
		List<Duration> released = new CopyOnWriteArrayList<>();
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		acquire(limiter, this.sellerA, released, failures);
		acquire(limiter, this.sellerA, released, failures);

		this.scheduler.advanceTimeBy(Duration.ofMinutes(5));
		for (int i = 0; i < 3; i++) {
			acquire(limiter, this.sellerA, released, failures);
		}
		this.scheduler.advanceTimeBy(Duration.ofSeconds(1));

		assertThat(released).containsExactly(Duration.ZERO, Duration.ZERO, Duration.ofMinutes(5), Duration.ofMinutes(5),
				Duration.ofMinutes(5).plusMillis(500));
	}

	@Test
	void sellersDoNotShareBuckets() {
		SpRateLimiter limiter = limiter(Duration.ofSeconds(30));
		List<Duration> released = new CopyOnWriteArrayList<>();
		List<Throwable> failures = new CopyOnWriteArrayList<>();

		acquire(limiter, this.sellerA, released, failures);
		acquire(limiter, this.sellerA, released, failures);
		acquire(limiter, this.sellerB, released, failures);
		acquire(limiter, this.sellerB, released, failures);
		acquire(limiter, key("A1SELLER", SpOperation.SEARCH_LISTINGS_ITEMS), released, failures);
		acquire(limiter, new BucketKey(Region.EU, "amzn1.application-oa2-client.sp", "A1SELLER",
				SpOperation.SEARCH_CATALOG_ITEMS), released, failures);

		assertThat(released).hasSize(6).allMatch(Duration::isZero);
		assertThat(limiter.stats().waits()).isZero();
	}

	@Test
	void aWaitBeyondTheBoundFailsAtOnceWithATypedErrorAndTakesNoToken() {
		SpRateLimiter limiter = limiter(Duration.ofSeconds(1));
		List<Duration> released = new CopyOnWriteArrayList<>();
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 5; i++) {
			acquire(limiter, this.sellerA, released, failures);
		}

		// Two pass, two queue (0.5 s and 1 s), the fifth would wait 1.5 s.
		assertThat(failures).singleElement().isInstanceOfSatisfying(UpstreamException.class, (ex) -> {
			assertThat(ex.upstream()).isEqualTo("sp");
			assertThat(ex.operation()).isEqualTo("searchCatalogItems");
			assertThat(ex.httpStatus()).isEqualTo(429);
			assertThat(ex.code()).isEqualTo("ClientRateLimited");
			assertThat(ex.retryable()).isTrue();
			assertThat(ex.retryAfter()).isEqualTo(Duration.ofMillis(1500));
		});
		this.scheduler.advanceTimeBy(Duration.ofSeconds(1));
		assertThat(released).hasSize(4);
		acquire(limiter, this.sellerA, released, failures);
		this.scheduler.advanceTimeBy(Duration.ofMillis(500));
		assertThat(released).hasSize(5).last().isEqualTo(Duration.ofMillis(1500));
		assertThat(limiter.stats().refusals()).isEqualTo(1);
	}

	@Test
	void theRateAmazonReportsReplacesTheDefault() {
		SpRateLimiter limiter = limiter(Duration.ofSeconds(30));
		List<Duration> released = new CopyOnWriteArrayList<>();
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		limiter.observe(this.sellerA, 200, "0.5").block();

		for (int i = 0; i < 4; i++) {
			acquire(limiter, this.sellerA, released, failures);
		}
		this.scheduler.advanceTimeBy(Duration.ofSeconds(10));

		assertThat(released).containsExactly(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(2),
				Duration.ofSeconds(4));
	}

	@Test
	void aBucketMadeAgainAfterItWasDroppedKeepsTheRateAmazonReported() {
		SpRateLimiter limiter = limiter(Duration.ofSeconds(30));
		List<Duration> released = new CopyOnWriteArrayList<>();
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		limiter.observe(this.sellerA, 200, "0.5").block();
		acquire(limiter, this.sellerA, released, failures);

		// Idle for an hour: the bucket is full again and dropped from memory.
		this.scheduler.advanceTimeBy(Duration.ofHours(1));
		for (int i = 0; i < 3; i++) {
			acquire(limiter, this.sellerA, released, failures);
		}
		this.scheduler.advanceTimeBy(Duration.ofSeconds(10));

		Duration anHour = Duration.ofHours(1);
		assertThat(released).containsExactly(Duration.ZERO, anHour, anHour, anHour.plusSeconds(2));
	}

	@Test
	void unreadableRateHeadersAreIgnored() {
		assertThat(SpRateLimiter.parseRate("0.0167")).isEqualTo(0.0167);
		assertThat(SpRateLimiter.parseRate(" 5 ")).isEqualTo(5.0);
		assertThat(SpRateLimiter.parseRate("fast")).isNull();
		assertThat(SpRateLimiter.parseRate("0")).isNull();
		assertThat(SpRateLimiter.parseRate("-1")).isNull();
		assertThat(SpRateLimiter.parseRate("NaN")).isNull();
		assertThat(SpRateLimiter.parseRate(null)).isNull();
	}

	@Test
	void a429FromAmazonEmptiesTheBucket() {
		SpRateLimiter limiter = limiter(Duration.ofSeconds(30));
		List<Duration> released = new CopyOnWriteArrayList<>();
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		acquire(limiter, this.sellerA, released, failures);

		limiter.observe(this.sellerA, 429, null).block();
		acquire(limiter, this.sellerA, released, failures);
		this.scheduler.advanceTimeBy(Duration.ofSeconds(1));

		assertThat(released).containsExactly(Duration.ZERO, Duration.ofMillis(500));
		assertThat(limiter.stats().throttled()).isEqualTo(1);
	}

	@Test
	void aCallerThatGivesUpWhileQueuedGivesItsTokenBack() {
		SpRateLimiter limiter = limiter(Duration.ofSeconds(30));
		List<Duration> released = new CopyOnWriteArrayList<>();
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		acquire(limiter, this.sellerA, released, failures);
		acquire(limiter, this.sellerA, released, failures);
		Disposable impatient = acquire(limiter, this.sellerA, released, failures);

		impatient.dispose();
		acquire(limiter, this.sellerA, released, failures);
		this.scheduler.advanceTimeBy(Duration.ofSeconds(2));

		// Without the refund the fourth caller would wait a whole second.
		assertThat(released).containsExactly(Duration.ZERO, Duration.ZERO, Duration.ofMillis(500));
	}

	@Test
	void aFailingStoreLetsCallsThroughRatherThanFailingThem() {
		SpRateLimiter limiter = new SpRateLimiter(new TokenBucketStore() {

			@Override
			public Mono<Reservation> reserve(BucketKey key, SpRateLimit limit, Duration maxWait) {
				return Mono.error(new IllegalStateException("store unreachable"));
			}

			@Override
			public Mono<Void> refund(BucketKey key, SpRateLimit limit) {
				return Mono.error(new IllegalStateException("store unreachable"));
			}

			@Override
			public Mono<Void> updateRate(BucketKey key, SpRateLimit limit, double rate) {
				return Mono.error(new IllegalStateException("store unreachable"));
			}

			@Override
			public Mono<Void> drain(BucketKey key, SpRateLimit limit) {
				return Mono.error(new IllegalStateException("store unreachable"));
			}

		}, SpOperation.usagePlans(), Duration.ofSeconds(30), this.scheduler);
		List<Duration> released = new CopyOnWriteArrayList<>();
		List<Throwable> failures = new CopyOnWriteArrayList<>();

		for (int i = 0; i < 3; i++) {
			acquire(limiter, this.sellerA, released, failures);
		}
		limiter.observe(this.sellerA, 429, "1").block();

		assertThat(failures).isEmpty();
		assertThat(released).hasSize(3).allMatch(Duration::isZero);
	}

	@Test
	void overridesMergeFieldByFieldOverThePublishedPlans() {
		UpstreamProperties.Sp properties = properties(
				Map.of("searchcatalogitems", new UpstreamProperties.Sp.RateLimit(10.0, null), "CREATEREPORT",
						new UpstreamProperties.Sp.RateLimit(null, 3)));

		Map<SpOperation, SpRateLimit> limits = SpRateLimiter.limits(properties);

		assertThat(limits.get(SpOperation.SEARCH_CATALOG_ITEMS)).isEqualTo(new SpRateLimit(10, 2));
		assertThat(limits.get(SpOperation.CREATE_REPORT)).isEqualTo(new SpRateLimit(0.0167, 3));
		assertThat(limits.get(SpOperation.SEARCH_LISTINGS_ITEMS)).isEqualTo(new SpRateLimit(5, 5));
		assertThat(limits.get(SpOperation.GET_MARKETPLACE_PARTICIPATIONS)).isEqualTo(new SpRateLimit(0.016, 15));
	}

	@Test
	void anOverrideOfAnUnknownOperationIsRefused() {
		UpstreamProperties.Sp properties = properties(
				Map.of("getCatalogItems", new UpstreamProperties.Sp.RateLimit(10.0, null)));

		assertThatThrownBy(() -> SpRateLimiter.limits(properties)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("adsgraph.upstream.sp.rate-limits.getcatalogitems");
	}

	private static UpstreamProperties.Sp properties(Map<String, UpstreamProperties.Sp.RateLimit> rateLimits) {
		return new UpstreamProperties.Sp(null, Duration.ofSeconds(5), Duration.ofSeconds(30), DataSize.ofMegabytes(16),
				null, rateLimits, Duration.ofSeconds(30), DataSize.ofMegabytes(256));
	}

}
