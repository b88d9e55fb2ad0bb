package dev.adsgraph.upstream.sp;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import dev.adsgraph.upstream.UpstreamException;
import dev.adsgraph.upstream.UpstreamProperties;

/**
 * Client-side SP-API rate limiting, so that the gateway itself never draws a 429: every
 * call takes a token from its bucket (per region, application, selling partner and
 * operation) and waits, without blocking a thread, until one is due. A call that would
 * wait longer than {@code maxWait} fails at once as {@code ClientRateLimited}, with the
 * wait it would have needed as {@code retryAfter}.
 * <p>
 * Buckets start from the published usage plans, with configured overrides on top, and
 * follow what Amazon reports: {@code x-amzn-RateLimit-Limit} sets the bucket's rate, and
 * a 429 empties it. A retry made through the client therefore waits in the same queue.
 */
public final class SpRateLimiter {

	static final String RATE_LIMIT_HEADER = "x-amzn-RateLimit-Limit";

	private static final Logger logger = LoggerFactory.getLogger(SpRateLimiter.class);

	private final TokenBucketStore store;

	private final Map<SpOperation, SpRateLimit> limits;

	private final Duration maxWait;

	private final Scheduler scheduler;

	/**
	 * The rate Amazon last reported per bucket, so an unchanged header costs no store
	 * call and a bucket made again after it was dropped (once full) starts at that rate.
	 * Kept a day after the bucket's last use: the slowest published plan refills from
	 * empty in under 20 minutes, so the bucket goes first.
	 */
	private final Cache<BucketKey, Double> reportedRates = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofDays(1))
		.build();

	/**
	 * When the last call of each key was let through, for stores that ask calls to be
	 * spaced ({@link TokenBucketStore#spacing}); kept an hour after its last use.
	 */
	private final Cache<BucketKey, AtomicLong> lastSent = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofHours(1))
		.build();

	private final LongAdder waits = new LongAdder();

	private final LongAdder waitedNanos = new LongAdder();

	private final LongAdder refusals = new LongAdder();

	private final LongAdder throttled = new LongAdder();

	/**
	 * @param limits usage plans that replace the published ones
	 * ({@link SpOperation#usagePlan()}); operations left out keep theirs
	 * @param scheduler where waits are timed; tests pass a virtual-time scheduler
	 * together with a store whose clock reads it
	 */
	public SpRateLimiter(TokenBucketStore store, Map<SpOperation, SpRateLimit> limits, Duration maxWait,
			Scheduler scheduler) {
		this(store, limits, maxWait, scheduler, 1.0, 0);
	}

	/**
	 * @param safety the share of each plan's rate our buckets run at
	 * @param burstHeldBack how many calls of each plan's burst our buckets keep back (at
	 * least one call always remains)
	 */
	public SpRateLimiter(TokenBucketStore store, Map<SpOperation, SpRateLimit> limits, Duration maxWait,
			Scheduler scheduler, double safety, int burstHeldBack) {
		if (!(safety > 0 && safety <= 1) || burstHeldBack < 0) {
			throw new IllegalArgumentException("safety must be in (0, 1] and burstHeldBack not negative");
		}
		this.safety = safety;
		this.burstHeldBack = burstHeldBack;
		this.store = Objects.requireNonNull(store, "store");
		Map<SpOperation, SpRateLimit> plans = SpOperation.usagePlans();
		plans.putAll(limits);
		this.limits = plans;
		this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
		this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
	}

	/**
	 * The published usage plans with the overrides of
	 * {@code adsgraph.upstream.sp.rate-limits} merged field by field; an override naming
	 * an operation this client does not call stops start-up, since it would otherwise
	 * silently do nothing.
	 */
	public static Map<SpOperation, SpRateLimit> limits(UpstreamProperties.Sp properties) {
		Map<SpOperation, SpRateLimit> limits = SpOperation.usagePlans();
		List<String> known = Arrays.stream(SpOperation.values()).map(SpOperation::id).toList();
		properties.rateLimits().keySet().forEach((operation) -> {
			if (known.stream().noneMatch(operation::equalsIgnoreCase)) {
				throw new IllegalArgumentException("adsgraph.upstream.sp.rate-limits." + operation
						+ " names no operation of the SP-API client; known: " + known);
			}
		});
		for (SpOperation operation : SpOperation.values()) {
			SpRateLimit published = operation.usagePlan();
			UpstreamProperties.Sp.RateLimit override = properties.rateLimit(operation.id());
			if (override != null) {
				limits.put(operation, new SpRateLimit((override.rate() != null) ? override.rate() : published.rate(),
						(override.burst() != null) ? override.burst() : published.burst()));
			}
		}
		return limits;
	}

	/**
	 * What our side of the bucket runs at, as a share of the rate Amazon applies: our
	 * bucket and Amazon's do not start at the same instant and calls do not arrive
	 * exactly as sent, so a bucket run at Amazon's own rate and burst would now and then
	 * be one call ahead of Amazon's.
	 */
	private final double safety;

	private final int burstHeldBack;

	/** The longest a call may wait for its turn. */
	Duration maxWait() {
		return this.maxWait;
	}

	/** Where waits are timed. */
	Scheduler scheduler() {
		return this.scheduler;
	}

	/**
	 * The usage plan of this operation: Amazon's published one with the configured
	 * overrides.
	 */
	public SpRateLimit limit(SpOperation operation) {
		return this.limits.get(operation);
	}

	/**
	 * The bucket a call of this operation is metered by: the usage plan less the safety
	 * margin.
	 */
	SpRateLimit metered(SpOperation operation) {
		SpRateLimit plan = limit(operation);
		return new SpRateLimit(plan.rate() * this.safety, Math.max(1, plan.burst() - this.burstHeldBack));
	}

	/**
	 * The bucket of this key: its operation's, at the rate Amazon last reported for it if
	 * it did.
	 */
	SpRateLimit metered(BucketKey key) {
		SpRateLimit metered = metered(key.operation());
		Double reported = this.reportedRates.getIfPresent(key);
		return (reported != null) ? new SpRateLimit(reported * this.safety, metered.burst()) : metered;
	}

	/**
	 * Completes when the call may be sent; fails with {@code ClientRateLimited} instead
	 * of waiting too long.
	 */
	public Mono<Void> acquire(BucketKey key) {
		SpRateLimit limit = metered(key);
		return Mono.defer(() -> this.store.reserve(key, limit, this.maxWait))
			// A store that cannot answer (a shared one being unreachable) lets the call
			// through:
			// Amazon's own bucket still protects Amazon, and a 429 beats an outage.
			.onErrorResume((ex) -> {
				logger.warn("SP-API rate-limit store failed for {}; sending unmetered: {}", key.operation().id(),
						ex.toString());
				return Mono.just(TokenBucketStore.Reservation.now());
			})
			.flatMap((reservation) -> {
				if (!reservation.granted()) {
					this.refusals.increment();
					return Mono.error(refusal(key, reservation.delay()));
				}
				Duration spacing = this.store.spacing(key, limit);
				if (reservation.delay().isZero() && spacing.isZero()) {
					return Mono.empty();
				}
				Mono<Void> wait = Mono.empty();
				if (!reservation.delay().isZero()) {
					this.waits.increment();
					this.waitedNanos.add(reservation.delay().toNanos());
					wait = Mono.delay(reservation.delay(), this.scheduler).then();
				}
				if (!spacing.isZero()) {
					wait = wait.then(Mono.defer(() -> spaced(key, spacing)));
				}
				// A caller that gives up while queued hands its token back: at 0.0167
				// requests
				// a second, one wasted token costs everyone else a minute.
				return wait.doOnCancel(() -> this.store.refund(key, limit)
					.subscribe(null, (ex) -> logger.warn("Could not refund an SP-API token: {}", ex.toString())));
			});
	}

	/**
	 * Holds a call until {@code spacing} after the previous call of its key was let
	 * through here, whenever that was (a late one pushes the next back), and claims its
	 * own moment.
	 */
	private Mono<Void> spaced(BucketKey key, Duration spacing) {
		AtomicLong last = this.lastSent.get(key, (k) -> new AtomicLong(Long.MIN_VALUE));
		long now = this.scheduler.now(TimeUnit.NANOSECONDS);
		long at;
		long previous;
		do {
			previous = last.get();
			at = (previous == Long.MIN_VALUE) ? now : Math.max(now, previous + spacing.toNanos());
		}
		while (!last.compareAndSet(previous, at));
		return (at == now) ? Mono.empty() : Mono.delay(Duration.ofNanos(at - now), this.scheduler).then();
	}

	/**
	 * Learns from an answer: the rate Amazon says it applied, and whether it throttled
	 * us. Never fails: the answer itself matters more than our bookkeeping.
	 */
	public Mono<Void> observe(BucketKey key, int status, String rateLimitHeader) {
		SpRateLimit limit = metered(key);
		Mono<Void> adapt = Mono.empty();
		Double reported = parseRate(rateLimitHeader);
		if (reported != null && !reported.equals(this.reportedRates.asMap().put(key, reported))) {
			adapt = Mono.defer(() -> this.store.updateRate(key, limit, reported * this.safety));
		}
		Mono<Void> drain = Mono.empty();
		if (status == 429) {
			this.throttled.increment();
			drain = Mono.defer(() -> this.store.drain(key, limit));
		}
		return adapt.then(drain).onErrorResume((ex) -> {
			logger.warn("Could not update the SP-API bucket of {}: {}", key.operation().id(), ex.toString());
			return Mono.empty();
		});
	}

	/**
	 * {@code x-amzn-RateLimit-Limit} is a plain decimal of requests per second, such as
	 * {@code 0.0167}.
	 */
	static Double parseRate(String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		try {
			double rate = Double.parseDouble(header.trim());
			return (rate > 0 && Double.isFinite(rate)) ? rate : null;
		}
		catch (NumberFormatException ex) {
			return null; // an unreadable hint is no hint; the bucket keeps its rate
		}
	}

	UpstreamException refusal(BucketKey key, Duration wait) {
		return new UpstreamException(SpErrorDecoder.UPSTREAM, key.operation().id(), 429, "ClientRateLimited",
				"the " + key.operation().id() + " rate limit would delay this call by " + wait + ", more than the "
						+ this.maxWait + " allowed",
				null, true, wait);
	}

	/** Counters since start, for metrics and tests. */
	public Stats stats() {
		return new Stats(this.waits.sum(), Duration.ofNanos(this.waitedNanos.sum()), this.refusals.sum(),
				this.throttled.sum());
	}

	/**
	 * @param waits calls that had to wait for a token
	 * @param totalWait the sum of those waits
	 * @param refusals calls failed as ClientRateLimited
	 * @param throttled 429 answers from Amazon despite the buckets
	 */
	public record Stats(long waits, Duration totalWait, long refusals, long throttled) {
	}

}
