package dev.adsgraph.reports;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A clock that reads a virtual-time scheduler, so advancing the scheduler moves timestamps and
 * cache expiry together with every delay.
 */
final class VirtualClock extends Clock {

	private final Instant start;

	private final VirtualTimeScheduler scheduler;

	VirtualClock(Instant start, VirtualTimeScheduler scheduler) {
		this.start = start;
		this.scheduler = scheduler;
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
