package dev.adsgraph.sandbox.sp;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

/**
 * SP-API usage plans: one token bucket per (selling partner, application, region,
 * operation) that refills at the operation's rate up to its burst, continuously (a token
 * due in 0.7 s is 30% there). Buckets start full (Amazon does not document the initial
 * state; full is what a fresh client observes). The buckets are Bucket4j's, which count
 * in whole nanoseconds and are safe under concurrent callers (no two spend the same
 * token); their time is the sandbox's {@link Clock}, read to the millisecond, so tests
 * move it instead of waiting.
 */
public final class RateLimits {

	private static final double NANOS_PER_SECOND = 1_000_000_000d;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final TimeMeter time;

	private final boolean enforced;

	public RateLimits(Clock clock, boolean enforced) {
		this.time = new ClockTime(clock);
		this.enforced = enforced;
	}

	/**
	 * Takes one token; false when the bucket is empty and limits are enforced. A key's
	 * rate and burst are those of its operation, the same on every call.
	 */
	boolean tryAcquire(String key, double rate, int burst) {
		if (!this.enforced) {
			return true;
		}
		return this.buckets.computeIfAbsent(key, (k) -> bucket(rate, burst)).tryConsume(1);
	}

	public void reset() {
		this.buckets.clear();
	}

	private Bucket bucket(double rate, int burst) {
		long nanosPerToken = Math.max(1, Math.round(NANOS_PER_SECOND / rate));
		return Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(burst).refillGreedy(1, Duration.ofNanos(nanosPerToken)).build())
			.withCustomTimePrecision(this.time)
			.build();
	}

	/** The sandbox's clock as Bucket4j's time, in whole milliseconds. */
	private record ClockTime(Clock clock) implements TimeMeter {

		@Override
		public long currentTimeNanos() {
			return Math.multiplyExact(this.clock.millis(), 1_000_000L);
		}

		@Override
		public boolean isWallClockBased() {
			return true;
		}

	}

}
