package dev.adsgraph.reports;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import dev.adsgraph.reports.ReportFailure.Reason;
import dev.adsgraph.reports.ReportResult.Status;
import dev.adsgraph.testing.VirtualClock;
import dev.adsgraph.upstream.UpstreamException;
import dev.adsgraph.upstream.resilience.Backoff;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine against a scripted in-memory flow, on virtual time: every wait (backoff,
 * grace, maximum wait, time to live) is crossed by moving the scheduler, never by
 * sleeping.
 */
class ReportEngineTest {

	// 12:00 UTC on 10 January: "today" is the 10th even in the zone furthest behind.
	private static final Instant START = Instant.parse("2026-01-10T12:00:00Z");

	private static final LocalDate TODAY = LocalDate.of(2026, 1, 10);

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final VirtualClock clock = new VirtualClock(START, this.time);

	private ReportEngine engine = engine(properties(Duration.ofHours(3)));

	@AfterEach
	void stop() {
		this.engine.close();
		this.time.dispose();
	}

	private static ReportProperties properties(Duration maxWait) {
		return new ReportProperties(Duration.ofSeconds(1), Duration.ofSeconds(30), 0, maxWait, Duration.ofSeconds(2),
				Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofMinutes(1), 1000, Duration.ofSeconds(30),
				Duration.ofSeconds(1));
	}

	private ReportEngine engine(ReportProperties properties) {
		return new ReportEngine(new CaffeineReportStore(properties.maxEntries(), this.clock), properties, this.clock,
				this.time);
	}

	private static ReportKey key(String tenantId, LocalDate start, LocalDate end) {
		return new ReportKey(tenantId, "ads", "3456789012345678901", "spAdvertisedProduct", start, end,
				Map.of("region", "NA", "timeUnit", "SUMMARY"));
	}

	private static final ReportKey LAST_MONTH = key("tenant-a", LocalDate.of(2025, 12, 1), LocalDate.of(2025, 12, 31));

	private <T> AtomicReference<ReportResult<T>> request(Mono<ReportResult<T>> answer) {
		AtomicReference<ReportResult<T>> result = new AtomicReference<>();
		answer.subscribe(result::set);
		return result;
	}

	private void advance(Duration duration) {
		this.time.advanceTimeBy(duration);
	}

	private static UpstreamException upstreamError(int status, boolean retryable, Duration retryAfter) {
		return new UpstreamException("ads", "getAsyncReport", status, String.valueOf(status), "HTTP " + status, null,
				retryable, retryAfter);
	}

	// --- answering without waiting

	@Test
	void answersPendingAfterTheGraceThenReadyOncePollingFindsTheReportDone() {
		FakeFlow flow = new FakeFlow(this.time).doneAtPoll(4);

		AtomicReference<ReportResult<List<String>>> first = request(this.engine.get(LAST_MONTH, flow));
		advance(Duration.ofMillis(1999));
		assertThat(first.get()).isNull();
		advance(Duration.ofMillis(1));

		assertThat(first.get().status()).isEqualTo(Status.PENDING);
		assertThat(first.get().reportId()).isEqualTo("report-1");
		assertThat(first.get().requestedAt()).isEqualTo(START);
		assertThat(first.get().data()).isNull();

		advance(Duration.ofSeconds(40));
		AtomicReference<ReportResult<List<String>>> later = request(this.engine.get(LAST_MONTH, flow));

		assertThat(later.get().status()).isEqualTo(Status.READY);
		assertThat(later.get().data()).containsExactly("row of report-1");
		assertThat(later.get().asOf()).isEqualTo(FakeFlow.GENERATED_AT);
		assertThat(flow.creates.get()).isEqualTo(1);
		// 1 s, then 2, 4, 8 and 16 s between polls: five polls in 31 s, none after the
		// end.
		assertThat(flow.pollTimes).containsExactly(seconds(1), seconds(3), seconds(7), seconds(15), seconds(31));
	}

	@Test
	void aReportDoneWithinTheGraceComesBackReadyInOneRequest() {
		FakeFlow flow = new FakeFlow(this.time).doneAtPoll(0);

		AtomicReference<ReportResult<List<String>>> result = request(this.engine.get(LAST_MONTH, flow));
		advance(Duration.ofSeconds(1));

		assertThat(result.get().status()).isEqualTo(Status.READY);
		assertThat(result.get().data()).containsExactly("row of report-1");
	}

	@Test
	void pollingDelaysDoubleUpToTheCap() {
		FakeFlow flow = new FakeFlow(this.time);

		request(this.engine.get(LAST_MONTH, flow));
		advance(Duration.ofSeconds(200));

		assertThat(flow.pollTimes).containsExactly(seconds(1), seconds(3), seconds(7), seconds(15), seconds(31),
				seconds(61), seconds(91), seconds(121), seconds(151), seconds(181));
	}

	@Test
	void jitterOnlyShortensADelayAndRetryAfterOnlyLengthensIt() {
		Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.5, () -> 1.0);

		assertThat(backoff.delay(0, null)).isEqualTo(Duration.ofMillis(500));
		assertThat(backoff.delay(10, null)).isEqualTo(Duration.ofSeconds(15));
		assertThat(backoff.delay(0, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
		assertThat(backoff.delay(100, Duration.ofMillis(1))).isEqualTo(Duration.ofSeconds(15));
	}

	// --- one upstream report per key

	@Test
	void tenConcurrentRequestsForOneKeyMakeExactlyOneUpstreamReport() throws Exception {
		FakeFlow flow = new FakeFlow(this.time).doneAtPoll(0);
		List<AtomicReference<ReportResult<List<String>>>> results = new CopyOnWriteArrayList<>();
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(10);
		try {
			for (int i = 0; i < 10; i++) {
				threads.submit(() -> {
					go.await();
					results.add(request(this.engine.get(LAST_MONTH, flow)));
					return null;
				});
			}
			go.countDown();
			threads.shutdown();
			assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			threads.shutdownNow();
		}
		advance(Duration.ofSeconds(1));

		assertThat(flow.creates.get()).isEqualTo(1);
		assertThat(flow.pollTimes).hasSize(1);
		assertThat(results).hasSize(10)
			.allSatisfy((result) -> assertThat(result.get().data()).containsExactly("row of report-1"));
	}

	@Test
	void distinctKeysMakeDistinctReports() {
		FakeFlow flow = new FakeFlow(this.time).doneAtPoll(0);

		request(this.engine.get(LAST_MONTH, flow));
		request(this.engine.get(key("tenant-a", LocalDate.of(2025, 12, 1), LocalDate.of(2025, 12, 30)), flow));
		request(this.engine.get(new ReportKey("tenant-a", "ads", "3456789012345678901", "spAdvertisedProduct",
				LAST_MONTH.startDate(), LAST_MONTH.endDate(), Map.of("region", "NA", "timeUnit", "DAILY")), flow));
		advance(Duration.ofSeconds(1));

		assertThat(flow.creates.get()).isEqualTo(3);
	}

	@Test
	void tenantsNeverShareAReportOrAResult() {
		FakeFlow tenantA = new FakeFlow(this.time).doneAtPoll(0);
		FakeFlow tenantB = new FakeFlow(this.time).doneAtPoll(0);
		ReportKey sameReportForB = key("tenant-b", LAST_MONTH.startDate(), LAST_MONTH.endDate());

		request(this.engine.get(LAST_MONTH, tenantA));
		advance(Duration.ofSeconds(5));
		AtomicReference<ReportResult<List<String>>> b = request(this.engine.get(sameReportForB, tenantB));

		assertThat(tenantB.creates.get()).isEqualTo(1);
		advance(Duration.ofSeconds(1));
		assertThat(b.get().data()).containsExactly("row of report-1");
		assertThat(tenantA.creates.get()).isEqualTo(1);
	}

	@Test
	void optionsInAnotherOrderAreTheSameKey() {
		ReportKey a = new ReportKey("t", "ads", "1", "r", TODAY, TODAY, Map.of("x", "1", "y", "2"));
		ReportKey b = new ReportKey("t", "ads", "1", "r", TODAY, TODAY,
				new java.util.LinkedHashMap<>(Map.of("y", "2", "x", "1")));

		assertThat(a).isEqualTo(b);
		assertThat(a.toString()).isEqualTo(b.toString());
	}

	// --- failures

	@Test
	void anUpstreamFailedReportIsFailedWithItsReasonAndKeptOnlyBriefly() {
		FakeFlow flow = new FakeFlow(this.time);
		flow.polls = (n) -> Mono.just(ReportFlow.Status.failed("Report generation failed: internal error"));

		AtomicReference<ReportResult<List<String>>> result = request(this.engine.get(LAST_MONTH, flow));
		advance(Duration.ofSeconds(1));

		assertThat(result.get().status()).isEqualTo(Status.FAILED);
		assertThat(result.get().failure().reason()).isEqualTo(Reason.REPORT_FAILED);
		assertThat(result.get().failure().message()).isEqualTo("Report generation failed: internal error");
		assertThat(result.get().failure().retryable()).isTrue();

		advance(Duration.ofSeconds(58));
		assertThat(request(this.engine.get(LAST_MONTH, flow)).get().status()).isEqualTo(Status.FAILED);
		assertThat(flow.creates.get()).isEqualTo(1);

		advance(Duration.ofSeconds(3));
		request(this.engine.get(LAST_MONTH, flow));
		assertThat(flow.creates.get()).isEqualTo(2);
	}

	@Test
	void retryablePollErrorsBackOffHonourRetryAfterAndRecover() {
		FakeFlow flow = new FakeFlow(this.time);
		flow.polls = (n) -> switch (n) {
			case 0 -> Mono.error(upstreamError(503, true, null));
			case 1 -> Mono.error(upstreamError(429, true, Duration.ofSeconds(20)));
			default -> Mono.just(ReportFlow.Status.done("doc-x", FakeFlow.GENERATED_AT));
		};

		AtomicReference<ReportResult<List<String>>> result = request(this.engine.get(LAST_MONTH, flow));
		advance(Duration.ofSeconds(30));

		// 1 s; 2 s later; then the 20 s the 429 asked for instead of 4 s.
		assertThat(flow.pollTimes).containsExactly(seconds(1), seconds(3), seconds(23));
		assertThat(request(this.engine.get(LAST_MONTH, flow)).get().status()).isEqualTo(Status.READY);
		assertThat(result.get().status()).isEqualTo(Status.PENDING);
	}

	@Test
	void aClientErrorWhilePollingFailsTheReportWithTheUpstreamStatus() {
		FakeFlow flow = new FakeFlow(this.time);
		flow.polls = (n) -> Mono.error(upstreamError(403, false, null));

		AtomicReference<ReportResult<List<String>>> result = request(this.engine.get(LAST_MONTH, flow));
		advance(Duration.ofSeconds(10));

		assertThat(result.get().status()).isEqualTo(Status.FAILED);
		assertThat(result.get().failure()).isEqualTo(new ReportFailure(Reason.REJECTED, "HTTP 403", false, 403, "403"));
		assertThat(flow.pollTimes).hasSize(1);
	}

	@Test
	void retryableCreateErrorsAreRetriedAndAClientErrorIsNot() {
		FakeFlow flaky = new FakeFlow(this.time).doneAtPoll(0);
		AtomicInteger attempts = new AtomicInteger();
		flaky.create = () -> (attempts.incrementAndGet() < 3) ? Mono.error(upstreamError(500, true, null))
				: Mono.just("report-late");

		request(this.engine.get(LAST_MONTH, flaky));
		advance(Duration.ofSeconds(3));
		assertThat(attempts.get()).isEqualTo(3);
		advance(Duration.ofSeconds(1));
		assertThat(request(this.engine.get(LAST_MONTH, flaky)).get().reportId()).isEqualTo("report-late");

		FakeFlow refused = new FakeFlow(this.time);
		refused.create = () -> Mono.error(upstreamError(400, false, null));
		ReportKey other = key("tenant-b", LAST_MONTH.startDate(), LAST_MONTH.endDate());
		AtomicReference<ReportResult<List<String>>> failed = request(this.engine.get(other, refused));

		assertThat(failed.get().status()).isEqualTo(Status.FAILED);
		assertThat(failed.get().failure().reason()).isEqualTo(Reason.REJECTED);
		assertThat(failed.get().failure().httpStatus()).isEqualTo(400);
	}

	@Test
	void aRetryableDownloadErrorFetchesTheDocumentAgainFromAFreshPoll() {
		FakeFlow flow = new FakeFlow(this.time).doneAtPoll(0);
		flow.downloads = (n) -> (n == 0) ? Mono.error(upstreamError(403, true, null))
				: Mono.just(List.of("second try"));

		request(this.engine.get(LAST_MONTH, flow));
		advance(Duration.ofSeconds(3));

		assertThat(flow.pollTimes).containsExactly(seconds(1), seconds(3));
		assertThat(request(this.engine.get(LAST_MONTH, flow)).get().data()).containsExactly("second try");
	}

	@Test
	void aReportNotReadyWithinTheMaximumWaitFailsAsTimedOutAndPollingStops() {
		this.engine = engine(properties(Duration.ofMinutes(5)));
		FakeFlow flow = new FakeFlow(this.time);

		request(this.engine.get(LAST_MONTH, flow));
		advance(Duration.ofMinutes(5));
		int polls = flow.pollTimes.size();
		ReportResult<List<String>> result = request(this.engine.get(LAST_MONTH, flow)).get();
		advance(Duration.ofMinutes(10));

		assertThat(result.status()).isEqualTo(Status.FAILED);
		assertThat(result.failure().reason()).isEqualTo(Reason.TIMED_OUT);
		assertThat(result.failure().retryable()).isTrue();
		assertThat(result.reportId()).isEqualTo("report-1");
		assertThat(flow.pollTimes).hasSize(polls);
	}

	// --- reuse

	@Test
	void aResultIsReusedUntilItsTimeToLiveThenANewReportIsMade() {
		FakeFlow flow = new FakeFlow(this.time).doneAtPoll(0);

		request(this.engine.get(LAST_MONTH, flow));
		advance(Duration.ofSeconds(1));
		advance(Duration.ofMinutes(59));
		assertThat(request(this.engine.get(LAST_MONTH, flow)).get().status()).isEqualTo(Status.READY);
		assertThat(flow.creates.get()).isEqualTo(1);

		advance(Duration.ofMinutes(1).plusSeconds(1));
		AtomicReference<ReportResult<List<String>>> expired = request(this.engine.get(LAST_MONTH, flow));

		assertThat(flow.creates.get()).isEqualTo(2);
		advance(Duration.ofSeconds(1));
		assertThat(expired.get().data()).containsExactly("row of report-2");
	}

	@Test
	void aRangeIncludingTodayIsReusedForTheShorterTimeToLive() {
		FakeFlow flow = new FakeFlow(this.time).doneAtPoll(0);
		ReportKey thisMonth = key("tenant-a", LocalDate.of(2026, 1, 1), TODAY);

		request(this.engine.get(thisMonth, flow));
		advance(Duration.ofSeconds(1));
		advance(Duration.ofMinutes(9));
		request(this.engine.get(thisMonth, flow));
		assertThat(flow.creates.get()).isEqualTo(1);

		advance(Duration.ofMinutes(1).plusSeconds(1));
		request(this.engine.get(thisMonth, flow));
		assertThat(flow.creates.get()).isEqualTo(2);
	}

	@Test
	void yesterdayStillCountsAsTodayWhileItIsTodaySomewhere() {
		ReportKey yesterday = key("tenant-a", TODAY.minusDays(1), TODAY.minusDays(1));
		// 2026-01-10T05:00Z is still the 9th at UTC-12.
		VirtualTimeScheduler early = VirtualTimeScheduler.create();
		VirtualClock earlyClock = new VirtualClock(Instant.parse("2026-01-10T05:00:00Z"), early);
		ReportProperties properties = properties(Duration.ofHours(3));
		try (ReportEngine morning = new ReportEngine(new CaffeineReportStore(100, earlyClock), properties, earlyClock,
				early)) {
			FakeFlow flow = new FakeFlow(early).doneAtPoll(0);
			morning.get(yesterday, flow).subscribe();
			early.advanceTimeBy(Duration.ofSeconds(1));
			early.advanceTimeBy(Duration.ofMinutes(10).plusSeconds(1));
			morning.get(yesterday, flow).subscribe();

			assertThat(flow.creates.get()).isEqualTo(2);
		}
		finally {
			early.dispose();
		}
	}

	// --- watching and cancelling

	@Test
	void watchEmitsPendingThenReadyAndCompletes() {
		FakeFlow flow = new FakeFlow(this.time).doneAtPoll(1);

		StepVerifier.create(this.engine.watch(LAST_MONTH, flow))
			.assertNext((result) -> assertThat(result.status()).isEqualTo(Status.PENDING))
			.then(() -> advance(Duration.ofSeconds(3)))
			.assertNext((result) -> assertThat(result.data()).containsExactly("row of report-1"))
			.verifyComplete();
	}

	@Test
	void watchOfAStoredResultEmitsItAndCompletes() {
		FakeFlow flow = new FakeFlow(this.time).doneAtPoll(0);
		request(this.engine.get(LAST_MONTH, flow));
		advance(Duration.ofSeconds(1));

		StepVerifier.create(this.engine.watch(LAST_MONTH, flow))
			.assertNext((result) -> assertThat(result.status()).isEqualTo(Status.READY))
			.verifyComplete();
		assertThat(flow.creates.get()).isEqualTo(1);
	}

	@Test
	void aCancelledRequestDoesNotStopTheReportOthersFollow() {
		FakeFlow flow = new FakeFlow(this.time).doneAtPoll(2);
		Disposable impatient = this.engine.get(LAST_MONTH, flow).subscribe();
		List<ReportResult<List<String>>> watched = new ArrayList<>();
		this.engine.watch(LAST_MONTH, flow).subscribe(watched::add);

		advance(Duration.ofMillis(500));
		impatient.dispose();
		advance(Duration.ofSeconds(7));

		assertThat(watched).extracting(ReportResult::status).containsExactly(Status.PENDING, Status.READY);
		assertThat(flow.creates.get()).isEqualTo(1);
	}

	@Test
	void withNobodyWaitingTheReportStillRunsToItsEndAndIsStored() {
		FakeFlow flow = new FakeFlow(this.time).doneAtPoll(3);
		Disposable gone = this.engine.get(LAST_MONTH, flow).subscribe();
		gone.dispose();

		advance(Duration.ofSeconds(15));
		AtomicReference<ReportResult<List<String>>> next = request(this.engine.get(LAST_MONTH, flow));

		assertThat(next.get().status()).isEqualTo(Status.READY);
		assertThat(flow.pollTimes).hasSize(4);
		assertThat(flow.creates.get()).isEqualTo(1);
	}

	@Test
	void closingTheEngineStopsPollingAndCompletesWatchers() {
		FakeFlow flow = new FakeFlow(this.time);
		List<ReportResult<List<String>>> watched = new ArrayList<>();
		AtomicReference<Boolean> completed = new AtomicReference<>(false);
		this.engine.watch(LAST_MONTH, flow).subscribe(watched::add, null, () -> completed.set(true));
		advance(Duration.ofSeconds(2));

		this.engine.close();
		advance(Duration.ofMinutes(5));

		assertThat(flow.pollTimes).hasSize(1);
		assertThat(completed.get()).isTrue();
	}

	private static Duration seconds(long seconds) {
		return Duration.ofSeconds(seconds);
	}

	/**
	 * A scripted upstream: report ids {@code report-1, report-2...}, polls and downloads
	 * by index.
	 */
	static final class FakeFlow implements ReportFlow<List<String>> {

		static final Instant GENERATED_AT = Instant.parse("2026-01-10T11:59:00Z");

		final AtomicInteger creates = new AtomicInteger();

		final List<Duration> pollTimes = new CopyOnWriteArrayList<>();

		private final AtomicInteger downloadCount = new AtomicInteger();

		private final VirtualTimeScheduler time;

		volatile java.util.function.Supplier<Mono<String>> create = () -> Mono.just("report-" + this.creates.get());

		volatile Function<Integer, Mono<ReportFlow.Status>> polls = (n) -> Mono.just(ReportFlow.Status.inProgress());

		volatile Function<Integer, Mono<List<String>>> downloads = null;

		private volatile String reportId;

		FakeFlow(VirtualTimeScheduler time) {
			this.time = time;
		}

		FakeFlow doneAtPoll(int index) {
			this.polls = (n) -> Mono.just((n >= index) ? ReportFlow.Status.done("doc-" + this.reportId, GENERATED_AT)
					: ReportFlow.Status.inProgress());
			return this;
		}

		@Override
		public Mono<String> create(ReportKey key) {
			return Mono.defer(() -> {
				this.creates.incrementAndGet();
				return this.create.get();
			}).doOnNext((id) -> this.reportId = id);
		}

		@Override
		public Mono<ReportFlow.Status> poll(String reportId) {
			return Mono.defer(() -> {
				int index = this.pollTimes.size();
				this.pollTimes.add(Duration.ofNanos(this.time.now(TimeUnit.NANOSECONDS)));
				return this.polls.apply(index);
			});
		}

		@Override
		public Mono<List<String>> download(String documentRef) {
			return Mono.defer(() -> {
				int index = this.downloadCount.getAndIncrement();
				return (this.downloads != null) ? this.downloads.apply(index)
						: Mono.just(List.of("row of " + documentRef.substring("doc-".length())));
			});
		}

	}

}
