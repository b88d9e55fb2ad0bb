package dev.adsgraph.tenancy;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Where the request buckets of API keys live. In memory for one replica; replicas that
 * must share one budget per key will use a shared store (Redis), which is why taking a
 * token is one atomic, reactive step given the rate by the caller: a shared store needs
 * no configuration of its own, and a bucket seen for the first time (or again, after it
 * was dropped once full) starts full. The store reads its own clock, as Bucket4j's
 * buckets do.
 */
public interface RequestBucketStore {

	/**
	 * Takes one token from the tenant's bucket if there is one. A refusal takes nothing
	 * and says how long until the next token.
	 */
	Mono<Admission> take(String tenantId, RequestRate rate);

	/**
	 * @param admitted whether a token was taken
	 * @param retryAfter for a refusal, the time until a token is there again; zero
	 * otherwise
	 */
	record Admission(boolean admitted, Duration retryAfter) {

		private static final Admission ADMITTED = new Admission(true, Duration.ZERO);

		public static Admission now() {
			return ADMITTED;
		}

	}

}
