package dev.adsgraph.reports;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;
import tools.jackson.databind.JavaType;

import dev.adsgraph.upstream.UpstreamException;
import dev.adsgraph.upstream.resilience.Backoff;

/**
 * Runs upstream reports for callers that must not wait for them. The first request for a
 * {@link ReportKey} starts one upstream report in the background; every request for that
 * key while it runs, from any caller, follows the same report, and its result is then
 * reused for a time to live. A request answers at once (after a short grace period) with
 * READY, PENDING or FAILED.
 * <p>
 * A running report is polled with capped exponential backoff by the engine, not by
 * callers. It runs to its end (data, failure or the maximum wait) even when nobody waits
 * any more: the upstream is already doing the work, and whoever asks next (a client
 * retrying its query) gets the result from memory instead of starting over.
 * {@link #close()} stops every report.
 */
public final class ReportEngine implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ReportEngine.class);

	// The zone furthest behind UTC: until the day starts there, "today" is still
	// yesterday
	// somewhere, so a range ending on it may still change for some profile's time zone.
	private static final ZoneOffset LAST_TIME_ZONE = ZoneOffset.ofHours(-12);

	private final ReportStore store;

	private final ReportProperties properties;

	private final Clock clock;

	private final Scheduler scheduler;

	private final Backoff backoff;

	private final SharedReports shared;

	private final ConcurrentMap<ReportKey, Run<?>> running = new ConcurrentHashMap<>();

	/**
	 * @param scheduler times every wait (backoff, grace, maximum wait); a virtual-time
	 * scheduler in tests
	 */
	ReportEngine(ReportStore store, ReportProperties properties, Clock clock, Scheduler scheduler) {
		this(store, SharedReports.local(), properties, clock, scheduler);
	}

	/**
	 * @param shared one report per key across replicas (Redis mode), or
	 * {@link SharedReports#local()}
	 */
	ReportEngine(ReportStore store, SharedReports shared, ReportProperties properties, Clock clock,
			Scheduler scheduler) {
		this.store = store;
		this.shared = shared;
		this.properties = properties;
		this.clock = clock;
		this.scheduler = scheduler;
		this.backoff = new Backoff(properties.pollInitialDelay(), properties.pollMaxDelay(), properties.pollJitter(),
				() -> ThreadLocalRandom.current().nextDouble());
	}

	/**
	 * The report's current result: from memory, from the report already running for the
	 * key, or from a new upstream report that {@code flow} starts. When it is not ready,
	 * waits up to the configured grace for it before answering PENDING; cancelling stops
	 * only this wait.
	 */
	public <T> Mono<ReportResult<T>> get(ReportKey key, ReportFlow<T> flow) {
		return Mono.defer(() -> {
			Run<T> run = runFor(key);
			if (run != null) {
				return run.answer();
			}
			return this.<T>stored(key).switchIfEmpty(Mono.defer(() -> join(key, flow).answer()));
		});
	}

	/**
	 * Every change of the report's status, starting with the current one, until a
	 * terminal one (READY or FAILED), then completes. Cancelling stops only this
	 * subscriber's updates.
	 */
	public <T> Flux<ReportResult<T>> watch(ReportKey key, ReportFlow<T> flow) {
		return Flux.defer(() -> {
			Run<T> run = runFor(key);
			if (run != null) {
				return run.updates();
			}
			return this.<T>stored(key).flux().switchIfEmpty(Flux.defer(() -> join(key, flow).updates()));
		});
	}

	/** Stops every running report; their callers see them as still PENDING. */
	@Override
	public void close() {
		this.running.values().forEach(Run::stop);
		this.running.clear();
	}

	@SuppressWarnings("unchecked")
	private <T> Run<T> runFor(ReportKey key) {
		return (Run<T>) this.running.get(key);
	}

	@SuppressWarnings("unchecked")
	private <T> Mono<ReportResult<T>> stored(ReportKey key) {
		// A key's report type fixes T, so what was stored under the key is a result of T.
		return this.store.get(key).map((result) -> (ReportResult<T>) result).onErrorResume((ex) -> {
			logger.warn("Report store read failed for {}, asking the upstream instead: {}", key, ex.toString());
			return Mono.empty();
		});
	}

	@SuppressWarnings("unchecked")
	private <T> Run<T> join(ReportKey key, ReportFlow<T> flow) {
		Run<T> run = (Run<T>) this.running.computeIfAbsent(key, (k) -> new Run<>(k, flow, this.clock.instant()));
		// Started outside computeIfAbsent: a run that ends at once removes itself from
		// the map,
		// which the map does not allow from inside its own computation.
		run.startOnce();
		return run;
	}

	/**
	 * The whole life of one report. The store is asked again first: a run for the same
	 * key may have finished between this caller's store lookup and its joining the
	 * running map. Then, in Redis mode, the replicas' shared turn decides whether this
	 * replica creates (or adopts) the upstream report, reads another replica's result, or
	 * waits for it.
	 */
	private <T> Mono<ReportResult<T>> lifecycle(Run<T> run) {
		return this.<T>stored(run.key).switchIfEmpty(Mono.defer(() -> {
			JavaType dataType = run.flow.dataType();
			if (dataType == null || this.shared == SharedReports.local()) {
				run.looked();
				return follow(run, null, false);
			}
			// Bounds the waits for another replica; a report this replica follows has its
			// own bound from when it is created or adopted.
			return shared(run, dataType)
				.timeout(this.properties.maxWait(), Mono.fromSupplier(() -> timedOut(run)), this.scheduler)
				.onErrorResume((ex) -> Mono.just(failed(run, ex)));
		}));
	}

	/** One turn, and the next one after a wait while another replica has the claim. */
	@SuppressWarnings("unchecked")
	private <T> Mono<ReportResult<T>> shared(Run<T> run, JavaType dataType) {
		return this.shared.turn(run.key, dataType, run.owner).onErrorResume((ex) -> {
			logger.warn("Redis unavailable for report {}, following it on this replica alone: {}", run.key,
					ex.toString());
			return Mono.just(SharedReports.Turn.local());
		}).doOnNext((turn) -> {
			if (turn.kind() != SharedReports.Kind.RESULT) {
				run.looked();
			}
		}).flatMap((turn) -> switch (turn.kind()) {
			case RESULT -> {
				ReportResult<T> result = (ReportResult<T>) turn.result();
				logger.debug("Report {} read from another replica's result", run.key);
				yield saveLocally(run.key, result, turn.ttl());
			}
			case CLAIMED -> follow(run, turn.reportId(), true);
			case LOCAL -> follow(run, null, false);
			case WAITING -> {
				if (turn.reportId() != null && !turn.reportId().equals(run.reportId())) {
					run.publish(ReportResult.pending(turn.reportId(), run.requestedAt));
				}
				yield Mono.delay(this.shared.checkInterval(), this.scheduler)
					.then(Mono.defer(() -> shared(run, dataType)));
			}
		});
	}

	/**
	 * Creates the upstream report, or adopts {@code adopted} (recorded by a claimant that
	 * died), and follows it to its end; under a claim, records the report id and renews
	 * the claim meanwhile. The result is stored locally and shared (also after a local
	 * run: Redis may be back).
	 */
	private <T> Mono<ReportResult<T>> follow(Run<T> run, String adopted, boolean claimed) {
		return Mono.defer(() -> {
			Mono<String> reportId;
			if (adopted != null) {
				logger.info("Report {} adopted upstream report {}, whose claimant is gone", run.key, adopted);
				reportId = Mono.just(adopted);
			}
			else {
				reportId = create(run).flatMap((id) -> !claimed ? Mono.just(id)
						: this.shared.record(run.key, run.owner, id).onErrorResume((ex) -> {
							logger.warn("Could not record report {} ({}) in Redis: {}", run.key, id, ex.toString());
							return Mono.empty();
						}).thenReturn(id));
			}
			Disposable renewal = claimed ? renewal(run) : null;
			return reportId.flatMap((id) -> {
				run.publish(ReportResult.pending(id, run.requestedAt));
				return untilTerminal(run, id);
			})
				.timeout(this.properties.maxWait(), Mono.fromSupplier(() -> timedOut(run)), this.scheduler)
				.onErrorResume((ex) -> Mono.just(failed(run, ex)))
				.flatMap((result) -> save(run, result))
				.doFinally((signal) -> {
					if (renewal != null) {
						renewal.dispose();
					}
				});
		});
	}

	private Disposable renewal(Run<?> run) {
		Duration every = this.shared.renewInterval();
		return Flux.interval(every, every, this.scheduler)
			.concatMap((tick) -> this.shared.renew(run.key, run.owner).onErrorResume((ex) -> {
				logger.debug("Could not renew the claim on report {}: {}", run.key, ex.toString());
				return Mono.just(true);
			}))
			// A claim another replica holds now stays its own.
			.takeUntil((renewed) -> !renewed)
			.subscribe((renewed) -> {
				if (!renewed) {
					logger.warn("Report {}: another replica took over the claim; following the report anyway", run.key);
				}
			});
	}

	private <T> Mono<String> create(Run<T> run) {
		return Mono.defer(() -> run.flow.create(run.key))
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("the upstream answered no report id")))
			.retryWhen(retryIfRetryable("create"))
			.doOnNext((reportId) -> logger.info("Report {} requested upstream as {}", run.key, reportId));
	}

	/**
	 * Polls with backoff until the report is done and downloaded, or failed. A retryable
	 * error of a poll or of the download counts as "not yet" and waits the next, longer
	 * delay (at least the upstream's Retry-After); a download that fails that way is
	 * fetched again from a fresh poll, since links expire.
	 */
	private <T> Mono<ReportResult<T>> untilTerminal(Run<T> run, String reportId) {
		AtomicInteger attempt = new AtomicInteger();
		AtomicReference<Duration> retryAfter = new AtomicReference<>();
		Mono<ReportResult<T>> step = Mono
			.defer(() -> Mono.delay(this.backoff.delay(attempt.getAndIncrement(), retryAfter.getAndSet(null)),
					this.scheduler))
			.then(Mono.defer(() -> pollOnce(run, reportId)))
			.onErrorResume(ReportEngine::isRetryable, (ex) -> {
				logger.debug("Report {} ({}): retryable upstream error, backing off: {}", run.key, reportId,
						ex.toString());
				retryAfter.set(((UpstreamException) ex).retryAfter());
				return Mono.empty();
			});
		return step.repeatWhenEmpty((emptyRounds) -> emptyRounds);
	}

	private <T> Mono<ReportResult<T>> pollOnce(Run<T> run, String reportId) {
		return run.flow.poll(reportId).flatMap((status) -> switch (status.state()) {
			case IN_PROGRESS -> Mono.empty();
			case FAILED -> Mono.just(ReportResult.<T>failed(
					new ReportFailure(ReportFailure.Reason.REPORT_FAILED, status.failure(), true, 0, null), reportId,
					run.requestedAt));
			case DONE -> run.flow.download(status.documentRef())
				.map((data) -> ReportResult.ready(data,
						(status.generatedAt() != null) ? status.generatedAt() : this.clock.instant(), reportId,
						run.requestedAt))
				.switchIfEmpty(Mono.error(() -> new IllegalStateException("the report document was empty")));
		});
	}

	private Retry retryIfRetryable(String step) {
		return Retry.from((signals) -> signals.map(Retry.RetrySignal::copy).concatMap((signal) -> {
			Throwable failure = signal.failure();
			if (!isRetryable(failure)) {
				return Mono.error(failure);
			}
			Duration delay = this.backoff.delay(signal.totalRetries(), ((UpstreamException) failure).retryAfter());
			logger.debug("Report {} failed with a retryable error, next try in {}: {}", step, delay,
					failure.toString());
			return Mono.delay(delay, this.scheduler);
		}));
	}

	private static boolean isRetryable(Throwable ex) {
		return ex instanceof UpstreamException upstream && upstream.retryable();
	}

	private <T> ReportResult<T> timedOut(Run<T> run) {
		logger.warn("Report {} ({}) not ready after {}, giving up", run.key, run.reportId(), this.properties.maxWait());
		return ReportResult.failed(new ReportFailure(ReportFailure.Reason.TIMED_OUT,
				"not ready after " + this.properties.maxWait(), true, 0, null), run.reportId(), run.requestedAt);
	}

	private <T> ReportResult<T> failed(Run<T> run, Throwable ex) {
		ReportFailure failure;
		if (ex instanceof UpstreamException upstream) {
			failure = new ReportFailure(ReportFailure.Reason.REJECTED, upstream.upstreamMessage(), false,
					upstream.httpStatus(), upstream.code());
		}
		else {
			failure = new ReportFailure(ReportFailure.Reason.ERROR, ex.getMessage(), false, 0, null);
		}
		logger.warn("Report {} ({}) failed: {}", run.key, run.reportId(), ex.toString());
		return ReportResult.failed(failure, run.reportId(), run.requestedAt);
	}

	private <T> Mono<ReportResult<T>> save(Run<T> run, ReportResult<T> result) {
		Duration ttl = ttl(run.key, result);
		if (result.status() == ReportResult.Status.FAILED) {
			logger.info("Report {} failed ({}), kept for {}", run.key, result.failure().reason(), ttl);
		}
		Mono<Void> share = (run.flow.dataType() == null) ? Mono.empty()
				: this.shared.finish(run.key, run.owner, result, ttl).onErrorResume((ex) -> {
					logger.warn("Could not share report {} through Redis: {}", run.key, ex.toString());
					return Mono.empty();
				});
		return saveLocally(run.key, result, ttl).flatMap((saved) -> share.thenReturn(saved));
	}

	private <T> Mono<ReportResult<T>> saveLocally(ReportKey key, ReportResult<T> result, Duration ttl) {
		// Callers get the result even when the store cannot keep it; only reuse is lost.
		return this.store.put(key, result, ttl).onErrorResume((ex) -> {
			logger.warn("Report store write failed for {}: {}", key, ex.toString());
			return Mono.empty();
		}).thenReturn(result);
	}

	private Duration ttl(ReportKey key, ReportResult<?> result) {
		if (result.status() != ReportResult.Status.READY) {
			return this.properties.failedTtl();
		}
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), LAST_TIME_ZONE);
		return key.reaches(today) ? this.properties.ttlIncludingToday() : this.properties.ttl();
	}

	/** One report in progress and everyone following it. */
	private final class Run<T> {

		final ReportKey key;

		final ReportFlow<T> flow;

		final Instant requestedAt;

		// This run's claim token in Redis mode.
		final String owner = UUID.randomUUID().toString();

		// The latest state for newcomers, then every later one; completes after the
		// terminal one.
		private final Sinks.Many<ReportResult<T>> states = Sinks.many().replay().latest();

		private final AtomicReference<ReportResult<T>> latest = new AtomicReference<>();

		private final AtomicBoolean started = new AtomicBoolean();

		// Completes once the run knows where it stands: a stored result, its own report,
		// or another replica's. Until then (one Redis round trip at most) answers wait,
		// so a result another replica stored is answered at once even without grace.
		private final Sinks.Empty<Void> looked = Sinks.empty();

		private volatile Disposable job;

		Run(ReportKey key, ReportFlow<T> flow, Instant requestedAt) {
			this.key = key;
			this.flow = flow;
			this.requestedAt = requestedAt;
			publish(ReportResult.pending(null, requestedAt));
		}

		void startOnce() {
			if (this.started.compareAndSet(false, true)) {
				this.job = lifecycle(this).subscribe(this::finish, (ex) -> finish(failed(this, ex)));
			}
		}

		String reportId() {
			return this.latest.get().reportId();
		}

		// Emissions never overlap: the constructor's, then the lifecycle's, one step
		// after the other.
		void publish(ReportResult<T> result) {
			this.latest.set(result);
			this.states.tryEmitNext(result);
		}

		void looked() {
			this.looked.tryEmitEmpty();
		}

		private void finish(ReportResult<T> result) {
			publish(result);
			this.states.tryEmitComplete();
			looked();
			// After the result is stored (lifecycle saved it) and published, so a request
			// that
			// no longer finds this run finds the stored result.
			ReportEngine.this.running.remove(this.key, this);
		}

		void stop() {
			Disposable job = this.job;
			if (job != null) {
				job.dispose();
			}
			// Watchers would otherwise wait forever for a terminal state that will not
			// come.
			this.states.tryEmitComplete();
			looked();
		}

		Mono<ReportResult<T>> answer() {
			return this.looked.asMono().then(Mono.defer(this::answerNow));
		}

		private Mono<ReportResult<T>> answerNow() {
			ReportResult<T> now = this.latest.get();
			Duration grace = ReportEngine.this.properties.grace();
			if (now.status().isTerminal() || grace.isZero()) {
				return Mono.just(now);
			}
			return this.states.asFlux()
				.filter((result) -> result.status().isTerminal())
				.next()
				.timeout(grace, Mono.fromSupplier(this.latest::get), ReportEngine.this.scheduler);
		}

		Flux<ReportResult<T>> updates() {
			return this.states.asFlux()
				.distinctUntilChanged(ReportResult::status)
				.takeUntil((result) -> result.status().isTerminal());
		}

	}

}
