package dev.adsgraph.upstream.resilience;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

/**
 * A semaphore for reactive code: {@link #acquire()} completes when a slot is free,
 * without blocking a thread; callers queue in arrival order. A waiter that is cancelled
 * (its timeout fired, its caller went away) leaves the queue and is never handed a slot.
 * The limit may change while calls are in flight ({@link #limit(int)}): a higher one lets
 * waiters in at once, a lower one retires slots as they are released.
 */
final class AsyncLimiter {

	private static final int WAITING = 0;

	private static final int GRANTED = 1;

	private static final int CANCELLED = 2;

	private record Waiter(MonoSink<Boolean> sink, AtomicInteger state) {
	}

	private int limit;

	private final Deque<Waiter> waiters = new ArrayDeque<>();

	private int inUse;

	AsyncLimiter(int limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be at least 1, was " + limit);
		}
		this.limit = limit;
	}

	/**
	 * Completes with {@code true} once the caller holds a slot, which it must
	 * {@link #release()}.
	 */
	Mono<Boolean> acquire() {
		return acquire(null, null);
	}

	/**
	 * As {@link #acquire()}, but fails with a {@link TimeoutException} when no slot is
	 * handed to the caller within {@code maxWait}. Only a caller that has to queue gets a
	 * timer (on {@code timers}); a slot free at once costs no scheduled task.
	 */
	Mono<Boolean> acquire(Duration maxWait, Scheduler timers) {
		return Mono.create((sink) -> {
			Waiter waiter = new Waiter(sink, new AtomicInteger(WAITING));
			boolean granted;
			synchronized (this) {
				granted = this.inUse < this.limit && this.waiters.isEmpty();
				if (granted) {
					this.inUse++;
				}
				else {
					this.waiters.addLast(waiter);
				}
			}
			if (granted) {
				sink.success(Boolean.TRUE);
				return;
			}
			if (maxWait != null) {
				Disposable timer = timers.schedule(() -> {
					if (leave(waiter)) {
						sink.error(new TimeoutException("no free slot within " + maxWait));
					}
				}, maxWait.toNanos(), TimeUnit.NANOSECONDS);
				sink.onDispose(timer);
			}
			sink.onCancel(() -> leave(waiter));
		});
	}

	/** Takes a waiter still waiting out of the queue; false when it was handed a slot. */
	private boolean leave(Waiter waiter) {
		if (!waiter.state().compareAndSet(WAITING, CANCELLED)) {
			return false;
		}
		synchronized (this) {
			this.waiters.remove(waiter);
		}
		return true;
	}

	/** Hands the slot to the next live waiter, or frees it. */
	void release() {
		while (true) {
			Waiter next;
			synchronized (this) {
				// Above a lowered limit, a released slot is retired rather than passed
				// on.
				next = (this.inUse > this.limit) ? null : this.waiters.pollFirst();
				if (next == null) {
					this.inUse--;
					return;
				}
			}
			if (next.state().compareAndSet(WAITING, GRANTED)) {
				next.sink().success(Boolean.TRUE);
				return;
			}
		}
	}

	/**
	 * Sets a new limit; when it is higher, as many waiters as it allows get their slots
	 * now.
	 */
	void limit(int limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be at least 1, was " + limit);
		}
		synchronized (this) {
			this.limit = limit;
		}
		while (true) {
			Waiter next;
			synchronized (this) {
				if (this.inUse >= this.limit) {
					return;
				}
				next = this.waiters.pollFirst();
				if (next == null) {
					return;
				}
				this.inUse++;
			}
			if (!next.state().compareAndSet(WAITING, GRANTED)) {
				synchronized (this) {
					this.inUse--;
				}
			}
			else {
				next.sink().success(Boolean.TRUE);
			}
		}
	}

	synchronized int limit() {
		return this.limit;
	}

	synchronized int inUse() {
		return this.inUse;
	}

	synchronized int waiting() {
		return this.waiters.size();
	}

}
