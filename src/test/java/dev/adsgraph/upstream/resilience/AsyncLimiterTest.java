package dev.adsgraph.upstream.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AsyncLimiterTest {

	@Test
	void slotsAreHandedOutInArrivalOrderAndPassedOnOnRelease() {
		AsyncLimiter limiter = new AsyncLimiter(2);
		List<String> granted = new ArrayList<>();
		limiter.acquire().subscribe((ok) -> granted.add("a"));
		limiter.acquire().subscribe((ok) -> granted.add("b"));
		limiter.acquire().subscribe((ok) -> granted.add("c"));
		limiter.acquire().subscribe((ok) -> granted.add("d"));
		assertThat(granted).containsExactly("a", "b");
		assertThat(limiter.waiting()).isEqualTo(2);

		limiter.release();
		assertThat(granted).containsExactly("a", "b", "c");
		limiter.release();
		limiter.release();
		limiter.release();
		assertThat(granted).containsExactly("a", "b", "c", "d");
		assertThat(limiter.inUse()).isZero();
	}

	@Test
	void aCancelledWaiterLeavesTheQueueAndNeverHoldsASlot() {
		AsyncLimiter limiter = new AsyncLimiter(1);
		limiter.acquire().block();
		List<String> granted = new ArrayList<>();
		Disposable gone = limiter.acquire().subscribe((ok) -> granted.add("gone"));
		limiter.acquire().subscribe((ok) -> granted.add("next"));
		gone.dispose();
		assertThat(limiter.waiting()).isEqualTo(1);

		limiter.release();
		assertThat(granted).containsExactly("next");
		limiter.release();
		assertThat(limiter.inUse()).isZero();
	}

	@Test
	void aWaiterThatTimesOutIsForgotten() {
		AsyncLimiter limiter = new AsyncLimiter(1);
		limiter.acquire().block();
		assertThatThrownBy(() -> limiter.acquire().timeout(Duration.ofMillis(50)).block())
			.hasCauseInstanceOf(TimeoutException.class);
		assertThat(limiter.waiting()).isZero();
		limiter.release();
		assertThat(limiter.inUse()).isZero();
		assertThat(limiter.acquire().block()).isTrue();
	}

	@Test
	void aSlotFreeAtOnceIsGrantedWithoutATimerAndOnlyAQueuedCallerGetsOne() {
		CountingScheduler timers = new CountingScheduler();
		AsyncLimiter limiter = new AsyncLimiter(1);
		List<String> granted = new ArrayList<>();
		limiter.acquire(Duration.ofMillis(50), timers).subscribe((ok) -> granted.add("a"));
		assertThat(granted).containsExactly("a");
		assertThat(timers.scheduled).hasValue(0);

		limiter.acquire(Duration.ofMillis(50), timers).subscribe((ok) -> granted.add("b"));
		assertThat(timers.scheduled).hasValue(1);
		assertThat(limiter.waiting()).isEqualTo(1);
	}

	@Test
	void aQueuedCallerFailsAfterMaxWaitAndLeavesTheQueue() {
		CountingScheduler timers = new CountingScheduler();
		QueuedCaller queued = QueuedCaller.behindOneHolder(timers);

		timers.time.advanceTimeBy(Duration.ofMillis(49));
		assertThat(queued.failed).isEmpty();
		assertThat(queued.limiter.waiting()).isEqualTo(1);
		timers.time.advanceTimeBy(Duration.ofMillis(1));
		assertThat(queued.failed).singleElement().isInstanceOf(TimeoutException.class);
		assertThat(queued.limiter.waiting()).isZero();

		queued.limiter.release();
		assertThat(queued.grants).as("a caller that timed out is never handed a slot").isZero();
		assertThat(queued.limiter.inUse()).isZero();
	}

	@Test
	void aQueuedCallerHandedASlotInTimeKeepsItWhenMaxWaitPasses() {
		CountingScheduler timers = new CountingScheduler();
		QueuedCaller queued = QueuedCaller.behindOneHolder(timers);

		timers.time.advanceTimeBy(Duration.ofMillis(20));
		queued.limiter.release();
		timers.time.advanceTimeBy(Duration.ofMillis(100));
		assertThat(queued.grants).isEqualTo(1);
		assertThat(queued.failed).isEmpty();
		assertThat(queued.limiter.inUse()).isEqualTo(1);
	}

	/**
	 * A limiter of one slot, held by a first caller, and a second caller queued behind it
	 * with a maximum wait of 50 ms: how often it was granted a slot, and how it failed.
	 */
	private static final class QueuedCaller {

		final AsyncLimiter limiter = new AsyncLimiter(1);

		final List<Throwable> failed = new ArrayList<>();

		int grants;

		static QueuedCaller behindOneHolder(CountingScheduler timers) {
			QueuedCaller queued = new QueuedCaller();
			queued.limiter.acquire(Duration.ofMillis(50), timers).subscribe();
			queued.limiter.acquire(Duration.ofMillis(50), timers)
				.subscribe((ok) -> queued.grants++, queued.failed::add);
			return queued;
		}

	}

	@Test
	void aHigherLimitLetsWaitersInAtOnce() {
		AsyncLimiter limiter = new AsyncLimiter(1);
		List<String> granted = new ArrayList<>();
		limiter.acquire().subscribe((ok) -> granted.add("a"));
		limiter.acquire().subscribe((ok) -> granted.add("b"));
		limiter.acquire().subscribe((ok) -> granted.add("c"));
		assertThat(granted).containsExactly("a");

		limiter.limit(3);
		assertThat(granted).containsExactly("a", "b", "c");
		assertThat(limiter.inUse()).isEqualTo(3);
		assertThat(limiter.waiting()).isZero();
	}

	@Test
	void aLowerLimitRetiresSlotsAsTheyAreReleased() {
		AsyncLimiter limiter = new AsyncLimiter(3);
		List<String> granted = new ArrayList<>();
		limiter.acquire().subscribe((ok) -> granted.add("a"));
		limiter.acquire().subscribe((ok) -> granted.add("b"));
		limiter.acquire().subscribe((ok) -> granted.add("c"));
		limiter.acquire().subscribe((ok) -> granted.add("d"));

		limiter.limit(1);
		limiter.release();
		limiter.release();
		assertThat(granted).as("two slots retired, none passed on").containsExactly("a", "b", "c");
		assertThat(limiter.inUse()).isEqualTo(1);
		limiter.release();
		assertThat(granted).containsExactly("a", "b", "c", "d");
		limiter.release();
		assertThat(limiter.inUse()).isZero();
	}

	/** Virtual time that counts what is scheduled on it. */
	private static final class CountingScheduler implements Scheduler {

		final VirtualTimeScheduler time = VirtualTimeScheduler.create();

		final AtomicInteger scheduled = new AtomicInteger();

		@Override
		public Disposable schedule(Runnable task) {
			this.scheduled.incrementAndGet();
			return this.time.schedule(task);
		}

		@Override
		public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
			this.scheduled.incrementAndGet();
			return this.time.schedule(task, delay, unit);
		}

		@Override
		public Worker createWorker() {
			return this.time.createWorker();
		}

	}

}
