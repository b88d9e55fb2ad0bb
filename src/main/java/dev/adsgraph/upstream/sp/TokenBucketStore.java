package dev.adsgraph.upstream.sp;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Where token buckets live. In memory for one replica; replicas in Redis mode share one
 * ({@code RedisConfiguration}: the same Bucket4j steps over Bucket4j's Lettuce proxy
 * manager), which is why every operation returns a {@link Mono} and takes the bucket's
 * limit from the caller: a shared store needs no table of its own, and a bucket seen for
 * the first time (or again, after it was dropped once full) starts full at {@code limit}.
 * The store reads its own clock, as Bucket4j's buckets do.
 */
public interface TokenBucketStore {

	/**
	 * Takes one token, possibly one not yet refilled: the answer says how long the caller
	 * must wait before sending. Reservations queue up (the balance goes below zero), so
	 * waiting callers are released one per refill interval in arrival order. When the
	 * wait would exceed {@code maxWait}, nothing is taken and the answer is a refusal
	 * carrying the wait it would have needed.
	 */
	Mono<Reservation> reserve(BucketKey key, SpRateLimit limit, Duration maxWait);

	/**
	 * Gives back a token whose caller gave up before sending (cancelled while waiting).
	 */
	Mono<Void> refund(BucketKey key, SpRateLimit limit);

	/**
	 * Refills at the bucket's current rate up to now, then continues at {@code rate},
	 * keeping the tokens (and any queue) it holds.
	 */
	Mono<Void> updateRate(BucketKey key, SpRateLimit limit, double rate);

	/**
	 * Empties the bucket of its whole tokens (keeping any queue), for when Amazon
	 * answered 429 anyway: its bucket is empty, whatever ours believed.
	 */
	Mono<Void> drain(BucketKey key, SpRateLimit limit);

	/**
	 * The least time between two calls of a key as they are actually sent, on top of the
	 * bucket's schedule; zero (the default) when the schedule is enough. A bucket that
	 * keeps none of the plan's burst back (a replica's share of it while Redis is down)
	 * needs it: its schedule is fixed when each call takes its token, so a wait that ends
	 * late brings the next call closer to it than the rate allows, and Amazon's bucket,
	 * with no call held back, answers 429.
	 */
	default Duration spacing(BucketKey key, SpRateLimit limit) {
		return Duration.ZERO;
	}

	/**
	 * @param granted whether a token was taken
	 * @param delay how long to wait before sending; for a refusal, how long it would have
	 * been
	 */
	record Reservation(boolean granted, Duration delay) {

		public static Reservation now() {
			return new Reservation(true, Duration.ZERO);
		}

	}

}
