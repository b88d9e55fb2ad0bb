package dev.adsgraph.sandbox.sp;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SP-API usage plans: one token bucket per (selling partner, application, region,
 * operation) that refills at the operation's rate up to its burst. Buckets start full
 * (Amazon does not document the initial state; full is what a fresh client observes).
 * Each bucket changes inside {@code compute}, so concurrent callers never spend the same
 * token.
 */
public final class RateLimits {

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final Clock clock;

	private final boolean enforced;

	public RateLimits(Clock clock, boolean enforced) {
		this.clock = clock;
		this.enforced = enforced;
	}

	/** Takes one token; false when the bucket is empty and limits are enforced. */
	boolean tryAcquire(String key, double rate, int burst) {
		if (!this.enforced) {
			return true;
		}
		Instant now = this.clock.instant();
		boolean[] granted = { false };
		this.buckets.compute(key, (k, bucket) -> {
			double tokens = (bucket == null) ? burst : Math.min(burst,
					bucket.tokens() + rate * Math.max(0, now.toEpochMilli() - bucket.at().toEpochMilli()) / 1000.0);
			if (tokens >= 1.0) {
				granted[0] = true;
				tokens -= 1.0;
			}
			return new Bucket(tokens, now);
		});
		return granted[0];
	}

	public void reset() {
		this.buckets.clear();
	}

	private record Bucket(double tokens, Instant at) {
	}

}
