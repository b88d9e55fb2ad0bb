package dev.adsgraph.sandbox.core;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds Ads and SP-API reports back from completing until released
 * ({@code PUT}/{@code DELETE /sandbox/reports/hold}), so a test sees a report in progress
 * for as long as it needs, whatever the processing time and however slow the machine. A
 * report that was ready before the hold stays ready; the others stay in their last state
 * before ready (Ads PROCESSING, SP-API IN_PROGRESS) while held, and once released finish
 * on their usual schedule (at once, if it has passed).
 */
public final class ReportHold {

	private final AtomicReference<Instant> since = new AtomicReference<>();

	/** Holds reports not ready at {@code now}; holding again keeps the first moment. */
	public void hold(Instant now) {
		this.since.updateAndGet((held) -> (held != null) ? held : now);
	}

	public void release() {
		this.since.set(null);
	}

	public boolean held() {
		return this.since.get() != null;
	}

	/** Whether a report that would be ready at {@code readyAt} is held back. */
	public boolean holds(Instant readyAt) {
		Instant held = this.since.get();
		return held != null && readyAt.isAfter(held);
	}

}
