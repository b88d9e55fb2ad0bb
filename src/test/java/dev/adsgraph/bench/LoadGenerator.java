package dev.adsgraph.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Mono;

/**
 * Drives one operation (a GraphQL request, or the direct upstream calls it stands for) in
 * either of the two load models gateway benchmarks publish:
 *
 * <ul>
 * <li><b>closed</b>: a fixed number of clients, each sending its next request when its
 * last one answered; the throughput is what the target sustains at that concurrency;</li>
 * <li><b>open</b>: requests start at a fixed arrival rate whatever the target does; each
 * latency is measured from the moment the request was due, not from when it was sent, so
 * a stalled target is charged for the requests queued behind the stall (no coordinated
 * omission).</li>
 * </ul>
 *
 * <p>
 * An operation is a {@code Supplier<Mono<Boolean>>}: it completes with {@code true} when
 * the answer was right (HTTP 2xx, and for GraphQL no {@code errors}), {@code false} or an
 * error otherwise. Latencies go into an HdrHistogram (1 µs to 2 min, three significant
 * digits).
 */
final class LoadGenerator {

	/**
	 * Requests the open model lets wait for an answer at once before it counts new ones
	 * as errors.
	 */
	static final int OPEN_MAX_OUTSTANDING = 4_000;

	private LoadGenerator() {
	}

	/** What one run measured. */
	record Measured(Histogram latencies, long ok, long errors, Duration elapsed, String firstError) {

		double throughput() {
			return this.ok / (this.elapsed.toNanos() / 1e9);
		}

		double percentileMillis(double percentile) {
			return (this.latencies.getTotalCount() == 0) ? Double.NaN
					: this.latencies.getValueAtPercentile(percentile) / 1000.0;
		}

		double maxMillis() {
			return (this.latencies.getTotalCount() == 0) ? Double.NaN : this.latencies.getMaxValue() / 1000.0;
		}

	}

	/** {@code clients} clients send back to back for {@code duration}. */
	static Measured closed(Supplier<Mono<Boolean>> operation, int clients, Duration duration)
			throws InterruptedException {
		Tally tally = new Tally();
		long start = System.nanoTime();
		long deadline = start + duration.toNanos();
		CountDownLatch done = new CountDownLatch(clients);
		for (int i = 0; i < clients; i++) {
			new Client(operation, tally, deadline, done).next();
		}
		if (!done.await(duration.toSeconds() + 180, TimeUnit.SECONDS)) {
			tally.error("clients still waiting for answers 3 minutes after the end of the run");
		}
		return tally.measured(System.nanoTime() - start);
	}

	/**
	 * Starts {@code ratePerSecond} requests a second for {@code duration}, then waits for
	 * their answers.
	 */
	static Measured open(Supplier<Mono<Boolean>> operation, double ratePerSecond, Duration duration)
			throws InterruptedException {
		Tally tally = new Tally();
		AtomicInteger outstanding = new AtomicInteger();
		long total = Math.round(ratePerSecond * duration.toNanos() / 1e9);
		double interval = 1e9 / ratePerSecond;
		long start = System.nanoTime();
		CountDownLatch done = new CountDownLatch((int) total);
		for (long i = 0; i < total; i++) {
			long due = start + (long) (i * interval);
			long wait;
			while ((wait = due - System.nanoTime()) > 0) {
				LockSupport.parkNanos(wait);
			}
			if (outstanding.get() >= OPEN_MAX_OUTSTANDING) {
				tally.error("more than " + OPEN_MAX_OUTSTANDING + " requests outstanding");
				done.countDown();
				continue;
			}
			outstanding.incrementAndGet();
			send(operation).subscribe((ok) -> {
				tally.record(due, ok, null);
				outstanding.decrementAndGet();
				done.countDown();
			}, (ex) -> {
				tally.record(due, false, describe(ex));
				outstanding.decrementAndGet();
				done.countDown();
			});
		}
		if (!done.await(180, TimeUnit.SECONDS)) {
			tally.error("requests still unanswered 3 minutes after the last one was sent");
		}
		return tally.measured(System.nanoTime() - start);
	}

	private static Mono<Boolean> send(Supplier<Mono<Boolean>> operation) {
		return Mono.defer(operation).defaultIfEmpty(false);
	}

	static String describe(Throwable ex) {
		return ex.getClass().getSimpleName() + ": " + ex.getMessage();
	}

	/**
	 * One client of the closed model: the next request leaves when the last one answered.
	 */
	private static final class Client {

		private final Supplier<Mono<Boolean>> operation;

		private final Tally tally;

		private final long deadline;

		private final CountDownLatch done;

		Client(Supplier<Mono<Boolean>> operation, Tally tally, long deadline, CountDownLatch done) {
			this.operation = operation;
			this.tally = tally;
			this.deadline = deadline;
			this.done = done;
		}

		void next() {
			long sent = System.nanoTime();
			if (sent >= this.deadline) {
				this.done.countDown();
				return;
			}
			send(this.operation).subscribe((ok) -> {
				this.tally.record(sent, ok, null);
				next();
			}, (ex) -> {
				this.tally.record(sent, false, describe(ex));
				next();
			});
		}

	}

	/** Latencies and counts, recorded from many threads. */
	private static final class Tally {

		private final ConcurrentHistogram latencies = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(2), 3);

		private final AtomicLong ok = new AtomicLong();

		private final AtomicLong errors = new AtomicLong();

		private volatile String firstError;

		void record(long startNanos, boolean success, String error) {
			long micros = Math.max(1, (System.nanoTime() - startNanos) / 1000);
			this.latencies.recordValue(Math.min(micros, this.latencies.getHighestTrackableValue()));
			if (success) {
				this.ok.incrementAndGet();
			}
			else {
				error((error != null) ? error : "wrong answer");
			}
		}

		void error(String error) {
			this.errors.incrementAndGet();
			if (this.firstError == null) {
				this.firstError = error;
			}
		}

		Measured measured(long elapsedNanos) {
			return new Measured(this.latencies.copy(), this.ok.get(), this.errors.get(), Duration.ofNanos(elapsedNanos),
					this.firstError);
		}

	}

}
