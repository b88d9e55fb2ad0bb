package dev.adsgraph.web;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import reactor.core.publisher.Mono;

import dev.adsgraph.tenancy.RequestRate;

/**
 * The request buckets of this replica, one per tenant; they are never evicted, since
 * tenants are configured, not created by callers.
 */
public final class InMemoryRequestBucketStore implements RequestBucketStore {

	private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

	@Override
	public Mono<Admission> take(String tenantId, RequestRate rate, Instant now) {
		return Mono.fromSupplier(
				() -> this.buckets.computeIfAbsent(tenantId, (id) -> new Bucket(rate.burst(), now)).take(rate, now));
	}

	private static final class Bucket {

		/**
		 * Refill arithmetic in doubles drifts by far less than this; a due token is not
		 * refused.
		 */
		private static final double EPSILON = 1e-9;

		private double tokens;

		private Instant updated;

		Bucket(int burst, Instant now) {
			this.tokens = burst;
			this.updated = now;
		}

		synchronized Admission take(RequestRate rate, Instant now) {
			if (now.isAfter(this.updated)) {
				double seconds = Duration.between(this.updated, now).toNanos() / 1_000_000_000d;
				this.tokens = Math.min(rate.burst(), this.tokens + seconds * rate.requestsPerSecond());
				this.updated = now;
			}
			if (this.tokens >= 1 - EPSILON) {
				this.tokens -= 1;
				return Admission.now();
			}
			double missing = 1 - this.tokens;
			return new Admission(false,
					Duration.ofNanos((long) Math.ceil(missing / rate.requestsPerSecond() * 1_000_000_000d)));
		}

	}

}
