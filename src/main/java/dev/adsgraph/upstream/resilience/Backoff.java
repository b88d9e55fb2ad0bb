package dev.adsgraph.upstream.resilience;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with a cap and downward jitter: attempt 0 waits {@code initial},
 * each later attempt twice as long, never more than {@code max}. A server's
 * {@code Retry-After} raises one wait, it never shortens it. One schedule for every wait
 * of the gateway: report polling, upstream retries, subscription pollers (jitter 0).
 */
public final class Backoff {

	private final Duration initial;

	private final Duration max;

	private final double jitter;

	private final DoubleSupplier random;

	public Backoff(Duration initial, Duration max, double jitter, DoubleSupplier random) {
		this.initial = initial;
		this.max = max;
		this.jitter = jitter;
		this.random = random;
	}

	public Duration delay(long attempt, Duration retryAfter) {
		// Doubling past 2^30 would overflow long before reaching any sensible cap.
		long factor = 1L << Math.min(Math.max(attempt, 0), 30);
		Duration exponential = (this.initial.toMillis() > this.max.toMillis() / factor) ? this.max
				: this.initial.multipliedBy(factor);
		long millis = Math.min(exponential.toMillis(), this.max.toMillis());
		long jittered = Math.round(millis * (1 - this.jitter * this.random.getAsDouble()));
		Duration delay = Duration.ofMillis(Math.max(jittered, 1));
		return (retryAfter != null && retryAfter.compareTo(delay) > 0) ? retryAfter : delay;
	}

}
