package dev.adsgraph.idempotency;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import graphql.Scalars;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.GraphQLFieldDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.scheduler.VirtualTimeScheduler;

import dev.adsgraph.graphql.BadUserInputException;
import dev.adsgraph.graphql.CodedException;
import dev.adsgraph.idempotency.IdempotencyStore.Key;
import dev.adsgraph.idempotency.IdempotencyStore.Outcome;
import dev.adsgraph.idempotency.IdempotencyStore.Request;
import dev.adsgraph.testing.VirtualClock;
import dev.adsgraph.upstream.UpstreamException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The executor over the in-memory store, on virtual time: retention, the in-flight bound
 * and the polls of a key held elsewhere are crossed by moving the scheduler, never by
 * sleeping. Mutations are fakes that count their executions.
 */
class IdempotencyExecutorTest {

	private static final Instant START = Instant.parse("2026-01-10T12:00:00Z");

	private static final Duration RETENTION = Duration.ofHours(24);

	private static final Duration IN_FLIGHT = Duration.ofMinutes(5);

	private static final Duration POLL = Duration.ofMillis(250);

	private static final Key KEY = new Key("demo", "3f1d1a52-9c1e-4e4b-8f4e-2d5f6a7b8c9d");

	private static final Request REGISTER = new Request("registerAdsAccount", "digest-a");

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final CaffeineIdempotencyStore store = new CaffeineIdempotencyStore(RETENTION, 1000,
			IN_FLIGHT.plus(IdempotencyConfiguration.LAPSE_GRACE), new VirtualClock(START, this.time));

	private final IdempotencyExecutor executor = new IdempotencyExecutor(this.store, IN_FLIGHT, POLL, this.time);

	private final AtomicInteger executions = new AtomicInteger();

	@AfterEach
	void stop() {
		this.time.dispose();
	}

	/** A mutation answering "answer-<n>" for its n-th execution. */
	private Supplier<Mono<String>> counted() {
		return () -> Mono.fromSupplier(() -> "answer-" + this.executions.incrementAndGet());
	}

	/** A mutation that counts and then does whatever {@code answer} does. */
	private Supplier<Mono<String>> counted(Mono<String> answer) {
		return () -> {
			this.executions.incrementAndGet();
			return answer;
		};
	}

	private CompletableFuture<String> call(Key key, Request request, IfOutcomeUnknown ifUnknown,
			Supplier<Mono<String>> mutation) {
		return this.executor.execute(key, request, String.class, ifUnknown, mutation).toFuture();
	}

	private CompletableFuture<String> register(Supplier<Mono<String>> mutation) {
		return call(KEY, REGISTER, IfOutcomeUnknown.KEEP_KEY, mutation);
	}

	private static Throwable failure(CompletableFuture<?> future) {
		assertThat(future).isCompletedExceptionally();
		return future
			.handle((value, error) -> (error instanceof java.util.concurrent.CompletionException) ? error.getCause()
					: error)
			.join();
	}

	private static CodedException coded(CompletableFuture<?> future, String code) {
		Throwable error = failure(future);
		assertThat(error).isInstanceOf(CodedException.class);
		CodedException coded = (CodedException) error;
		assertThat(coded.code()).isEqualTo(code);
		return coded;
	}

	@Test
	void repeatsGetTheFirstAnswerWithoutExecutingAgain() {
		assertThat(register(counted())).isCompletedWithValue("answer-1");
		assertThat(register(counted())).isCompletedWithValue("answer-1");
		assertThat(register(counted())).isCompletedWithValue("answer-1");
		assertThat(this.executions).hasValue(1);
	}

	@Test
	void concurrentCallsShareTheOneExecutionInFlight() {
		Sinks.One<String> upstream = Sinks.one();
		List<CompletableFuture<String>> calls = Stream.generate(() -> register(counted(upstream.asMono())))
			.limit(3)
			.toList();
		assertThat(this.executions).hasValue(1);
		assertThat(calls).allSatisfy((call) -> assertThat(call).isNotDone());

		upstream.tryEmitValue("registered");
		assertThat(calls).allSatisfy((call) -> assertThat(call).isCompletedWithValue("registered"));
		assertThat(register(counted())).isCompletedWithValue("registered");
		assertThat(this.executions).hasValue(1);
	}

	@Test
	void aCallerThatGoesAwayDoesNotCancelTheExecution() {
		Sinks.One<String> upstream = Sinks.one();
		AtomicBoolean cancelled = new AtomicBoolean();
		Disposable first = this.executor
			.execute(KEY, REGISTER, String.class, IfOutcomeUnknown.KEEP_KEY,
					counted(upstream.asMono().doOnCancel(() -> cancelled.set(true))))
			.subscribe();
		first.dispose();
		assertThat(cancelled).isFalse();

		CompletableFuture<String> retry = register(counted());
		upstream.tryEmitValue("registered");
		assertThat(retry).isCompletedWithValue("registered");
		assertThat(this.executions).hasValue(1);
	}

	@Test
	void theSameKeyWithAnotherInputIsRefusedAndNothingRuns() {
		assertThat(register(counted())).isCompletedWithValue("answer-1");
		this.time.advanceTimeBy(Duration.ofMinutes(3));

		CompletableFuture<String> other = call(KEY, new Request("registerAdsAccount", "digest-b"),
				IfOutcomeUnknown.KEEP_KEY, counted());
		CodedException error = coded(other, "IDEMPOTENCY_KEY_REUSED");
		assertThat(error.getMessage()).contains("idempotencyKey", "another input", "registerAdsAccount",
				"2026-01-10T12:00:00Z");
		assertThat(error.extensions()).containsEntry("mutation", "registerAdsAccount")
			.containsEntry("firstUsedAt", "2026-01-10T12:00:00Z")
			.containsEntry("retryable", false);
		assertThat(this.executions).hasValue(1);
		assertThat(register(counted())).isCompletedWithValue("answer-1");
	}

	@Test
	void anotherInputIsRefusedWhileTheFirstIsStillInFlight() {
		Sinks.One<String> upstream = Sinks.one();
		CompletableFuture<String> first = register(counted(upstream.asMono()));
		coded(call(KEY, new Request("registerAdsAccount", "digest-b"), IfOutcomeUnknown.KEEP_KEY, counted()),
				"IDEMPOTENCY_KEY_REUSED");
		upstream.tryEmitValue("registered");
		assertThat(first).isCompletedWithValue("registered");
		assertThat(this.executions).hasValue(1);
	}

	@Test
	void theSameKeyOnAnotherMutationIsRefused() {
		assertThat(register(counted())).isCompletedWithValue("answer-1");
		CompletableFuture<String> terms = call(KEY, new Request("createTermsToken", "digest-a"),
				IfOutcomeUnknown.RELEASE_KEY, counted());
		CodedException error = coded(terms, "IDEMPOTENCY_KEY_REUSED");
		assertThat(error.getMessage()).contains("registerAdsAccount", "per tenant");
		assertThat(this.executions).hasValue(1);
	}

	@Test
	void aKeyReusedOnAMutationWithAnotherPayloadTypeIsRefusedToo() {
		assertThat(register(counted())).isCompletedWithValue("answer-1");
		CompletableFuture<Integer> terms = this.executor
			.execute(KEY, new Request("createTermsToken", "digest-t"), Integer.class, IfOutcomeUnknown.RELEASE_KEY,
					() -> Mono.fromSupplier(this.executions::incrementAndGet))
			.toFuture();
		coded(terms, "IDEMPOTENCY_KEY_REUSED");
		assertThat(this.executions).hasValue(1);
	}

	@Test
	void aKeyOfOneTenantIsInvisibleToAnother() {
		assertThat(register(counted())).isCompletedWithValue("answer-1");
		Key agency = new Key("agency", KEY.key());
		assertThat(call(agency, REGISTER, IfOutcomeUnknown.KEEP_KEY, counted())).isCompletedWithValue("answer-2");
		assertThat(call(agency, new Request("createTermsToken", "digest-z"), IfOutcomeUnknown.KEEP_KEY, counted()))
			.isCompletedExceptionally();
		assertThat(register(counted())).isCompletedWithValue("answer-1");
		assertThat(this.executions).hasValue(2);
	}

	static Stream<Throwable> failuresThatChangedNothing() {
		return Stream.of(
				new UpstreamException("ads", "RegisterAdsAccount", 429, "TOO_MANY_REQUESTS", "slow down", "r1", true,
						Duration.ofSeconds(2)),
				new UpstreamException("ads", "RegisterAdsAccount", 401, "UNAUTHORIZED", "bad token", "r2", false, null),
				new UpstreamException("ads", "RegisterAdsAccount", 404, null, "no such path", "r3", false, null),
				new UpstreamException("lwa", "token", 400, "invalid_grant", "revoked", "r4", false, null),
				noAnswer("lwa", new java.util.concurrent.TimeoutException("read timed out")),
				noAnswer("ads", new ConnectException("Connection refused")),
				noAnswer("ads", new RuntimeException("wrapped", new io.netty.channel.ConnectTimeoutException("slow"))),
				new UpstreamException("ads", "RegisterAdsAccount", 0, "circuit_open", "open", null, true, null),
				new BadUserInputException("input.association is wrong"));
	}

	private static UpstreamException noAnswer(String upstream, Throwable cause) {
		UpstreamException ex = new UpstreamException(upstream, "RegisterAdsAccount", 0, null, "no answer", null, true,
				null);
		ex.initCause(cause);
		return ex;
	}

	@ParameterizedTest
	@MethodSource("failuresThatChangedNothing")
	void aFailureThatChangedNothingReleasesTheKey(Throwable failure) {
		CompletableFuture<String> first = register(counted(Mono.error(failure)));
		assertThat(failure(first)).isSameAs(failure);
		assertThat(register(counted())).isCompletedWithValue("answer-2");
		assertThat(register(counted())).isCompletedWithValue("answer-2");
		assertThat(this.executions).hasValue(2);
	}

	static Stream<Throwable> failuresWithAnUnknownOutcome() {
		return Stream.of(new UpstreamException("ads", "RegisterAdsAccount", 503, null, "unavailable", "r1", true, null),
				new UpstreamException("ads", "RegisterAdsAccount", 500, "INTERNAL_ERROR", "oops", "r2", true, null),
				noAnswer("ads", new java.util.concurrent.TimeoutException("response timeout")),
				noAnswer("ads", new java.io.IOException("Connection prematurely closed BEFORE response")),
				new UpstreamException("ads", "RegisterAdsAccount", 201, "invalid_response", "unreadable", "r3", true,
						null),
				new IllegalStateException("a bug after the call"));
	}

	@ParameterizedTest
	@MethodSource("failuresWithAnUnknownOutcome")
	void anUnknownOutcomeKeepsTheKeyOfACreation(Throwable failure) {
		CompletableFuture<String> first = register(counted(Mono.error(failure)));
		assertThat(failure(first)).isSameAs(failure);

		CodedException retry = coded(register(counted()), "IDEMPOTENCY_OUTCOME_UNKNOWN");
		assertThat(retry.getMessage()).contains("registerAdsAccount", "may have been carried out",
				"2026-01-10T12:00:00Z", "new idempotencyKey");
		assertThat(retry.getMessage()).doesNotContain("oops", "unavailable", "unreadable", "a bug");
		assertThat(retry.extensions()).containsEntry("retryable", false);
		assertThat(this.executions).hasValue(1);

		Key fresh = new Key("demo", "another-key");
		assertThat(call(fresh, REGISTER, IfOutcomeUnknown.KEEP_KEY, counted())).isCompletedWithValue("answer-2");
	}

	@Test
	void theReasonOfAnUnknownOutcomeIsTold() {
		register(counted(Mono
			.error(new UpstreamException("ads", "RegisterAdsAccount", 503, null, "unavailable", "r1", true, null))));
		assertThat(coded(register(counted()), "IDEMPOTENCY_OUTCOME_UNKNOWN").getMessage())
			.contains("Amazon answered HTTP 503 (RegisterAdsAccount)");
	}

	@ParameterizedTest
	@MethodSource("failuresWithAnUnknownOutcome")
	void anUnknownOutcomeReleasesTheKeyOfARepeatableMutation(Throwable failure) {
		Request update = new Request("updateAdvertiserAccounts", "digest-u");
		CompletableFuture<String> first = call(KEY, update, IfOutcomeUnknown.RELEASE_KEY, counted(Mono.error(failure)));
		assertThat(failure(first)).isSameAs(failure);
		assertThat(call(KEY, update, IfOutcomeUnknown.RELEASE_KEY, counted())).isCompletedWithValue("answer-2");
		assertThat(this.executions).hasValue(2);
	}

	@Test
	void concurrentCallersShareAFailureToo() {
		Sinks.One<String> upstream = Sinks.one();
		CompletableFuture<String> first = register(counted(upstream.asMono()));
		CompletableFuture<String> second = register(counted());
		UpstreamException throttled = new UpstreamException("ads", "RegisterAdsAccount", 429, null, "slow down", null,
				true, null);
		upstream.tryEmitError(throttled);
		assertThat(failure(first)).isSameAs(throttled);
		assertThat(failure(second)).isSameAs(throttled);
		assertThat(this.executions).hasValue(1);
	}

	@Test
	void answersAreReplayedForTheRetentionCountedFromTheAnswer() {
		Sinks.One<String> upstream = Sinks.one();
		CompletableFuture<String> first = register(counted(upstream.asMono()));
		this.time.advanceTimeBy(Duration.ofMinutes(1));
		upstream.tryEmitValue("registered");
		assertThat(first).isCompletedWithValue("registered");

		this.time.advanceTimeBy(RETENTION.minusSeconds(1));
		assertThat(register(counted())).isCompletedWithValue("registered");
		this.time.advanceTimeBy(Duration.ofSeconds(2));
		assertThat(register(counted())).isCompletedWithValue("answer-2");
	}

	@Test
	void anExecutionThatNeverEndsIsAbandonedAfterTheInFlightTimeout() {
		AtomicBoolean cancelled = new AtomicBoolean();
		CompletableFuture<String> first = register(counted(Mono.<String>never().doOnCancel(() -> cancelled.set(true))));
		CompletableFuture<String> joined = register(counted());
		this.time.advanceTimeBy(IN_FLIGHT.minusSeconds(1));
		assertThat(first).isNotDone();

		this.time.advanceTimeBy(Duration.ofSeconds(1));
		assertThat(cancelled).isTrue();
		CodedException error = coded(first, "IDEMPOTENCY_OUTCOME_UNKNOWN");
		assertThat(error.getMessage()).contains("did not finish within 5 minutes", "keeps answering");
		coded(joined, "IDEMPOTENCY_OUTCOME_UNKNOWN");
		// A creation: the key now answers that the outcome is unknown, it no longer
		// waits.
		assertThat(coded(register(counted()), "IDEMPOTENCY_OUTCOME_UNKNOWN").getMessage())
			.contains("it did not finish within 5 minutes");
		assertThat(this.executions).hasValue(1);
	}

	@Test
	void aRepeatableExecutionThatNeverEndsFreesItsKeyAfterTheInFlightTimeout() {
		Request terms = new Request("createTermsToken", "digest-t");
		CompletableFuture<String> first = call(KEY, terms, IfOutcomeUnknown.RELEASE_KEY, counted(Mono.never()));
		this.time.advanceTimeBy(IN_FLIGHT);
		assertThat(coded(first, "IDEMPOTENCY_OUTCOME_UNKNOWN").getMessage()).contains("is released");
		assertThat(call(KEY, terms, IfOutcomeUnknown.RELEASE_KEY, counted())).isCompletedWithValue("answer-2");
	}

	@Test
	void aKeyHeldByAnotherReplicaIsWaitedForAndItsAnswerTaken() {
		assertThat(this.store.claim(KEY, REGISTER, "other-replica", String.class).block())
			.isInstanceOf(IdempotencyStore.Claim.Acquired.class);
		CompletableFuture<String> waiting = register(counted());
		this.time.advanceTimeBy(POLL.multipliedBy(4));
		assertThat(waiting).isNotDone();

		assertThat(this.store.complete(KEY, "other-replica", new Outcome.Answered<>("theirs"), String.class).block())
			.isTrue();
		this.time.advanceTimeBy(POLL);
		assertThat(waiting).isCompletedWithValue("theirs");
		assertThat(this.executions).hasValue(0);
	}

	@Test
	void theClaimOfAReplicaThatVanishedLapses() {
		this.store.claim(KEY, REGISTER, "vanished-replica", String.class).block();
		CompletableFuture<String> waiting = register(counted());
		this.time.advanceTimeBy(IN_FLIGHT);
		assertThat(waiting).isNotDone();

		this.time.advanceTimeBy(IdempotencyConfiguration.LAPSE_GRACE.plus(POLL));
		assertThat(waiting).isCompletedWithValue("answer-1");
		assertThat(this.store.complete(KEY, "vanished-replica", new Outcome.Answered<>("late"), String.class).block())
			.isFalse();
		assertThat(register(counted())).isCompletedWithValue("answer-1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "3f1d1a52-9c1e-4e4b-8f4e-2d5f6a7b8c9d", "a", "order-42:retry.1_x",
			"A+b/c=d~!\"#$%&'()*,;<>?@[\\]^`{|}" })
	void wellFormedKeysPass(String key) {
		assertThat(IdempotencyExecutor.checkKey(key)).isEqualTo(key);
		assertThat(IdempotencyExecutor.checkKey("k".repeat(255))).hasSize(255);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "two words", " leading", "tab\there", "ключ", "new\nline", "é" })
	void malformedKeysAreRefusedNamingTheArgument(String key) {
		assertThatThrownBy(() -> IdempotencyExecutor.checkKey(key)).isInstanceOf(BadUserInputException.class)
			.hasMessageContaining("idempotencyKey must be 1 to 255 printable ASCII characters without spaces");
	}

	@Test
	void aKeyTooLongIsRefusedWithItsLength() {
		assertThatThrownBy(() -> IdempotencyExecutor.checkKey("k".repeat(256)))
			.isInstanceOf(BadUserInputException.class)
			.hasMessageContaining("got 256 characters");
	}

	private static DataFetchingEnvironment env(String field, Map<String, Object> arguments) {
		return DataFetchingEnvironmentImpl.newDataFetchingEnvironment()
			.arguments(arguments)
			.fieldDefinition(
					GraphQLFieldDefinition.newFieldDefinition().name(field).type(Scalars.GraphQLString).build())
			.build();
	}

	private CompletableFuture<String> fromGraphQl(String tenant, String field, Map<String, Object> arguments) {
		return this.executor.execute(tenant, env(field, arguments), String.class, IfOutcomeUnknown.KEEP_KEY, counted())
			.toFuture();
	}

	@Test
	void withoutAKeyTheMutationRunsEveryTime() {
		Map<String, Object> input = Map.of("input", Map.of("accountName", "Cedar Lane"));
		assertThat(fromGraphQl("demo", "registerAdsAccount", input)).isCompletedWithValue("answer-1");
		assertThat(fromGraphQl("demo", "registerAdsAccount", input)).isCompletedWithValue("answer-2");
	}

	@Test
	void theKeyComesFromItsArgumentAndTheInputFromAllOthers() {
		Map<String, Object> first = Map.of("input", Map.of("accountName", "Cedar Lane", "countryCode", "US"),
				"idempotencyKey", "k-1");
		Map<String, Object> sameInOtherOrder = Map.of("idempotencyKey", "k-1", "input",
				Map.of("countryCode", "US", "accountName", "Cedar Lane"));
		Map<String, Object> otherInput = Map.of("input", Map.of("accountName", "Maple Trail", "countryCode", "US"),
				"idempotencyKey", "k-1");
		assertThat(fromGraphQl("demo", "registerAdsAccount", first)).isCompletedWithValue("answer-1");
		assertThat(fromGraphQl("demo", "registerAdsAccount", sameInOtherOrder)).isCompletedWithValue("answer-1");
		coded(fromGraphQl("demo", "registerAdsAccount", otherInput), "IDEMPOTENCY_KEY_REUSED");
		coded(fromGraphQl("demo", "createTermsToken", first), "IDEMPOTENCY_KEY_REUSED");
		assertThat(this.executions).hasValue(1);
	}

	@Test
	void aMalformedKeyRunsNothing() {
		CompletableFuture<String> answer = fromGraphQl("demo", "registerAdsAccount",
				Map.of("input", Map.of(), "idempotencyKey", "has space"));
		assertThat(failure(answer)).isInstanceOf(BadUserInputException.class).hasMessageContaining("idempotencyKey");
		assertThat(this.executions).hasValue(0);
	}

	@Test
	void callersOfAKeyHeldLocallyJoinWithoutPolling() {
		Sinks.One<String> upstream = Sinks.one();
		register(counted(upstream.asMono()));
		CompletableFuture<String> joined = register(counted());
		upstream.tryEmitValue("registered");
		// No time passed, so no poll could have run: the second caller joined the local
		// execution.
		assertThat(this.time.now(TimeUnit.NANOSECONDS)).isZero();
		assertThat(joined).isCompletedWithValue("registered");
	}

}
