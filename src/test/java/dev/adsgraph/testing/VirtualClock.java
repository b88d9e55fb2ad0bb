package dev.adsgraph.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A clock that reads a {@link VirtualTimeScheduler}, so that whatever reads the clock
 * (token buckets, timestamps, cache expiry) and whatever waits on the scheduler move
 * together when a test advances time.
 */
public final class VirtualClock extends Clock {

	private final Instant start;

	private final VirtualTimeScheduler scheduler;

	public VirtualClock(Instant start, VirtualTimeScheduler scheduler) {
		this.start = start;
		this.scheduler = scheduler;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return this.start.plusNanos(this.scheduler.now(TimeUnit.NANOSECONDS));
	}

}
