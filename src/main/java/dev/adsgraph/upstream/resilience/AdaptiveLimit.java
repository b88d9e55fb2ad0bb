package dev.adsgraph.upstream.resilience;

import java.util.concurrent.TimeUnit;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.VegasLimit;
import com.netflix.concurrency.limits.limit.WindowedLimit;

/**
 * How many calls of one upstream and region may be in flight, adapted to what the
 * upstream shows: <b>TCP Vegas</b> congestion avoidance (L. Brakmo and L. Peterson, "TCP
 * Vegas: End to End Congestion Avoidance on a Global Internet", IEEE JSAC 13(8), 1995)
 * applied to a concurrency limit instead of a congestion window, as Netflix's
 * {@code concurrency-limits} library implements it ({@link VegasLimit}).
 * <p>
 * Vegas compares the latency of recent calls with the lowest it has seen (the latency
 * without queueing) and estimates how many of the calls in flight are only queueing
 * upstream: {@code queue = limit × (1 − rttNoLoad / rtt)}. While that stays small the
 * limit grows (by {@code 6·log10(limit)} at no queueing, by {@code log10(limit)} at a
 * little); when it grows past {@code 6·log10(limit)}, or a call was throttled (HTTP 429)
 * or got no answer, the limit shrinks by {@code log10(limit)}. It does not grow while
 * fewer than half the slots are used, so an idle upstream keeps its limit. Samples are
 * gathered into windows ({@link WindowedLimit}: at least {@code windowSamples} calls and
 * {@code window} of time, the window's average latency), so one slow call moves nothing.
 * <p>
 * The limit never leaves {@code [min, max]}: Vegas bounds it above; the floor is applied
 * here, since Vegas only keeps it at one or more.
 */
final class AdaptiveLimit {

	private final Limit algorithm;

	private final int min;

	private final int max;

	AdaptiveLimit(ResilienceProperties.ConcurrencyLimit config) {
		this.min = config.min();
		this.max = config.max();
		VegasLimit vegas = VegasLimit.newBuilder()
			.initialLimit(config.initial())
			.maxConcurrency(config.max())
			.smoothing(config.smoothing())
			.probeMultiplier(config.probeMultiplier())
			.build();
		long window = config.window().toNanos();
		this.algorithm = WindowedLimit.newBuilder()
			.minWindowTime(window, TimeUnit.NANOSECONDS)
			.maxWindowTime(window, TimeUnit.NANOSECONDS)
			.windowSize(config.windowSamples())
			.build(vegas);
	}

	/**
	 * One call's outcome.
	 * @param startNanos when it was sent, on the {@link System#nanoTime()} scale (or a
	 * test's)
	 * @param rttNanos how long until its answer's headers, or until it gave up
	 * @param inFlight calls in flight when it was sent, itself included
	 * @param dropped whether the upstream throttled it (429) or did not answer
	 */
	void sample(long startNanos, long rttNanos, int inFlight, boolean dropped) {
		this.algorithm.onSample(startNanos, Math.max(1, rttNanos), inFlight, dropped);
	}

	/** The current limit, within {@code [min, max]}. */
	int limit() {
		return Math.max(this.min, Math.min(this.max, this.algorithm.getLimit()));
	}

}
