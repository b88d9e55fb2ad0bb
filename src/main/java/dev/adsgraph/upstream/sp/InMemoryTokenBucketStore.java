package dev.adsgraph.upstream.sp;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import reactor.core.publisher.Mono;

/**
 * Token buckets of this replica. Entries are never evicted: there is one per selling
 * partner, operation and region in use, a few dozen per tenant.
 */
public final class InMemoryTokenBucketStore implements TokenBucketStore {

	private final ConcurrentMap<BucketKey, Bucket> buckets = new ConcurrentHashMap<>();

	@Override
	public Mono<Reservation> reserve(BucketKey key, SpRateLimit limit, Instant now, Duration maxWait) {
		return Mono.fromSupplier(() -> bucket(key, limit, now).reserve(now, maxWait));
	}

	@Override
	public Mono<Void> refund(BucketKey key, SpRateLimit limit, Instant now) {
		return Mono.fromRunnable(() -> bucket(key, limit, now).refund(now));
	}

	@Override
	public Mono<Void> updateRate(BucketKey key, SpRateLimit limit, double rate, Instant now) {
		return Mono.fromRunnable(() -> bucket(key, limit, now).updateRate(rate, now));
	}

	@Override
	public Mono<Void> drain(BucketKey key, SpRateLimit limit, Instant now) {
		return Mono.fromRunnable(() -> bucket(key, limit, now).drain(now));
	}

	private Bucket bucket(BucketKey key, SpRateLimit limit, Instant now) {
		return this.buckets.computeIfAbsent(key, (k) -> new Bucket(limit, now));
	}

	private static final class Bucket {

		/**
		 * Refill arithmetic in doubles drifts by far less than this; without it a token
		 * that is due "now" might be 0.9999999 and cost its caller a needless nanosecond
		 * wait.
		 */
		private static final double EPSILON = 1e-9;

		private final int burst;

		private double rate;

		/** Below zero while callers are queued for tokens not refilled yet. */
		private double tokens;

		private Instant updated;

		Bucket(SpRateLimit limit, Instant now) {
			this.burst = limit.burst();
			this.rate = limit.rate();
			this.tokens = limit.burst(); // Amazon does not say; starting full is what
											// callers expect
			this.updated = now;
		}

		synchronized TokenBucketStore.Reservation reserve(Instant now, Duration maxWait) {
			refill(now);
			if (this.tokens >= 1 - EPSILON) {
				this.tokens -= 1;
				return TokenBucketStore.Reservation.now();
			}
			Duration wait = Duration.ofNanos((long) Math.ceil((1 - this.tokens) / this.rate * 1_000_000_000d));
			if (wait.compareTo(maxWait) > 0) {
				return new TokenBucketStore.Reservation(false, wait);
			}
			this.tokens -= 1;
			return new TokenBucketStore.Reservation(true, wait);
		}

		synchronized void refund(Instant now) {
			refill(now);
			this.tokens = Math.min(this.burst, this.tokens + 1);
		}

		synchronized void updateRate(double rate, Instant now) {
			refill(now);
			this.rate = rate;
		}

		synchronized void drain(Instant now) {
			refill(now);
			this.tokens = Math.min(this.tokens, 0);
		}

		private void refill(Instant now) {
			if (now.isAfter(this.updated)) {
				double seconds = Duration.between(this.updated, now).toNanos() / 1_000_000_000d;
				this.tokens = Math.min(this.burst, this.tokens + seconds * this.rate);
				this.updated = now;
			}
		}

	}

}
