package dev.adsgraph.upstream.sp;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A clock that reads a {@link VirtualTimeScheduler}, so that the rate limiter's buckets (which
 * read the clock) and its waits (which run on the scheduler) move together when a test advances
 * time.
 */
final class VirtualClock extends Clock {

	private final VirtualTimeScheduler scheduler;

	private final Instant start;

	VirtualClock(VirtualTimeScheduler scheduler, Instant start) {
		this.scheduler = scheduler;
		this.start = start;
	}

	@Override
	public Instant instant() {
		return this.start.plusNanos(this.scheduler.now(TimeUnit.NANOSECONDS));
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
