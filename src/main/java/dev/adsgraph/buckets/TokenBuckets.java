package dev.adsgraph.buckets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;

/** What the gateway's token buckets share: their shape and their clock. */
public final class TokenBuckets {

	private static final double NANOS_PER_SECOND = 1_000_000_000d;

	private TokenBuckets() {
	}

	/**
	 * A bucket holding {@code burst} tokens that refills one token every
	 * {@code 1 / perSecond} seconds, continuously (a token due in 0.7 s is 30% there),
	 * and starts full. Bucket4j counts in whole nanoseconds, so a rate such as
	 * {@code 0.0167} per second is exact to the nanosecond per token.
	 */
	public static BucketConfiguration configuration(double perSecond, int burst) {
		long nanosPerToken = Math.max(1, Math.round(NANOS_PER_SECOND / perSecond));
		return BucketConfiguration.builder()
			.addLimit(Bandwidth.builder().capacity(burst).refillGreedy(1, Duration.ofNanos(nanosPerToken)).build())
			.build();
	}

	/**
	 * Bucket4j's time from a {@link Clock}, so that tests drive buckets with their own
	 * clocks (MutableClock, VirtualClock) instead of waiting.
	 */
	public static TimeMeter timeMeter(Clock clock) {
		return new TimeMeter() {

			@Override
			public long currentTimeNanos() {
				Instant now = clock.instant();
				return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
			}

			@Override
			public boolean isWallClockBased() {
				return true;
			}

		};
	}

}
