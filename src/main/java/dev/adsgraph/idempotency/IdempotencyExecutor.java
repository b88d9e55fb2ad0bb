package dev.adsgraph.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import graphql.schema.DataFetchingEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.ContextView;

import dev.adsgraph.graphql.BadUserInputException;
import dev.adsgraph.graphql.CodedException;
import dev.adsgraph.idempotency.IdempotencyStore.Claim;
import dev.adsgraph.idempotency.IdempotencyStore.Key;
import dev.adsgraph.idempotency.IdempotencyStore.Outcome;
import dev.adsgraph.idempotency.IdempotencyStore.Request;

import org.springframework.graphql.execution.ErrorType;

/**
 * Runs a mutation at most once per idempotency key. The first call with a key claims it
 * and executes; calls with the same key and the same input either join that execution
 * while it is in flight or get its stored answer afterwards, without another upstream
 * call. A key used for a different input or mutation is refused, and nothing is executed.
 * Without a key the mutation simply runs.
 * <p>
 * The execution is subscribed on its own, not by the caller: a caller that goes away (a
 * client timeout) does not cancel it, so its answer is stored for the retry. How a
 * failure leaves the key is {@link Failures}' decision and the mutation's
 * {@link IfOutcomeUnknown}.
 */
public class IdempotencyExecutor {

	/** The GraphQL argument carrying the key on every mutation that writes at Amazon. */
	public static final String ARGUMENT = "idempotencyKey";

	static final int MAX_KEY_LENGTH = 255;

	static final String KEY_REUSED = "IDEMPOTENCY_KEY_REUSED";

	static final String OUTCOME_UNKNOWN = "IDEMPOTENCY_OUTCOME_UNKNOWN";

	private static final Logger log = LoggerFactory.getLogger(IdempotencyExecutor.class);

	private final IdempotencyStore store;

	private final Duration inFlightTimeout;

	private final Duration pollInterval;

	private final Scheduler scheduler;

	/**
	 * Executions this replica runs, by claim token, for callers of the same key to join.
	 */
	private final Map<String, CompletableFuture<Object>> running = new ConcurrentHashMap<>();

	/**
	 * @param inFlightTimeout how long an execution may run before it is abandoned
	 * @param pollInterval how often a caller asks again about a key another replica holds
	 * @param scheduler where the in-flight bound and the polls are timed
	 */
	public IdempotencyExecutor(IdempotencyStore store, Duration inFlightTimeout, Duration pollInterval,
			Scheduler scheduler) {
		this.store = store;
		this.inFlightTimeout = inFlightTimeout;
		this.pollInterval = pollInterval;
		this.scheduler = scheduler;
	}

	/**
	 * Runs the mutation of {@code env} for the tenant under the key in its
	 * {@value #ARGUMENT} argument, or simply runs it when there is none. The input is
	 * every other argument, as GraphQL coerced it; the mutation's name is the field's,
	 * not an alias.
	 */
	public <T> Mono<T> execute(String tenantId, DataFetchingEnvironment env, Class<T> payloadType,
			IfOutcomeUnknown ifUnknown, Supplier<Mono<T>> mutation) {
		Object given = env.getArgument(ARGUMENT);
		if (given == null) {
			return Mono.defer(mutation);
		}
		String key;
		try {
			key = checkKey(given);
		}
		catch (BadUserInputException ex) {
			return Mono.error(ex);
		}
		Request request = new Request(env.getFieldDefinition().getName(), fingerprint(env));
		return execute(new Key(tenantId, key), request, payloadType, ifUnknown, mutation);
	}

	/**
	 * The fingerprint of the mutation's input in {@code env}: every argument but
	 * {@value #ARGUMENT}, as GraphQL coerced it ({@link InputFingerprint}). What a key is
	 * held for, and what the registrations made through the gateway are recorded with.
	 */
	public static String fingerprint(DataFetchingEnvironment env) {
		Map<String, Object> input = new LinkedHashMap<>(env.getArguments());
		input.remove(ARGUMENT);
		return InputFingerprint.of(input);
	}

	/** As above, with the key checked and the request already fingerprinted. */
	public <T> Mono<T> execute(Key key, Request request, Class<T> payloadType, IfOutcomeUnknown ifUnknown,
			Supplier<Mono<T>> mutation) {
		return Mono
			.deferContextual((context) -> attempt(new Call<>(key, request, payloadType, ifUnknown, mutation), context));
	}

	/**
	 * Checks an {@code idempotencyKey} argument: absent, or a key {@link #checkKey} takes
	 * (an {@code ArgumentRules} check of every mutation that has one).
	 */
	public static void requireKey(Object value) {
		if (value != null) {
			checkKey(value);
		}
	}

	/**
	 * The key if it is 1 to 255 printable ASCII characters without spaces; else a
	 * BAD_USER_INPUT error.
	 */
	static String checkKey(Object value) {
		String rule = ARGUMENT + " must be 1 to " + MAX_KEY_LENGTH
				+ " printable ASCII characters without spaces (a UUID will do)";
		if (!(value instanceof String key)) {
			throw new BadUserInputException(rule + ".");
		}
		if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
			throw new BadUserInputException(rule + "; got " + key.length() + " characters.");
		}
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (c < 0x21 || c > 0x7E) {
				throw new BadUserInputException(
						rule + "; character " + (i + 1) + ((c == ' ') ? " is a space." : " is not printable ASCII."));
			}
		}
		return key;
	}

	private <T> Mono<T> attempt(Call<T> call, ContextView context) {
		// Registered before the claim, so a concurrent caller that sees this claim finds
		// it here.
		String token = UUID.randomUUID().toString();
		CompletableFuture<Object> execution = new CompletableFuture<>();
		this.running.put(token, execution);
		AtomicBoolean acquired = new AtomicBoolean();
		return this.store.claim(call.key(), call.request(), token, call.payloadType()).flatMap((claim) -> {
			if (claim instanceof Claim.Acquired<T>) {
				acquired.set(true);
				start(call, token, execution, context);
				return join(execution, call.payloadType());
			}
			this.running.remove(token, execution);
			if (claim instanceof Claim.InFlight<T> inFlight) {
				if (!inFlight.request().equals(call.request())) {
					return Mono.error(reused(call.request(), inFlight.request(), inFlight.since()));
				}
				CompletableFuture<Object> local = this.running.get(inFlight.token());
				if (local != null) {
					return join(local, call.payloadType());
				}
				// Held by another replica: ask again until it finishes or its claim
				// lapses.
				return Mono.delay(this.pollInterval, this.scheduler).then(Mono.defer(() -> attempt(call, context)));
			}
			Claim.Finished<T> finished = (Claim.Finished<T>) claim;
			if (!finished.request().equals(call.request())) {
				return Mono.error(reused(call.request(), finished.request(), finished.since()));
			}
			return replay(finished, call.payloadType());
		}).doFinally((signal) -> {
			if (!acquired.get()) {
				this.running.remove(token, execution);
			}
		});
	}

	private <T> void start(Call<T> call, String token, CompletableFuture<Object> execution, ContextView context) {
		Mono.defer(call.mutation())
			.switchIfEmpty(Mono.error(() -> new IllegalStateException(call.request().mutation() + " answered nothing")))
			.timeout(this.inFlightTimeout, Mono.error(InFlightTimeout::new), this.scheduler)
			.contextWrite(context)
			.subscribe(
					(payload) -> settle(call, token, execution,
							this.store.complete(call.key(), token, new Outcome.Answered<>(payload), call.payloadType()),
							payload, null),
					(error) -> settle(call, token, execution, afterFailure(call, token, error), null,
							(error instanceof InFlightTimeout) ? timedOut(call) : error));
	}

	/**
	 * Releases the key when the failure certainly changed nothing (or a repeat is
	 * harmless), else records it.
	 */
	private <T> Mono<Boolean> afterFailure(Call<T> call, String token, Throwable error) {
		if (Failures.changedNothing(error) || call.ifUnknown() == IfOutcomeUnknown.RELEASE_KEY) {
			return this.store.release(call.key(), token).thenReturn(true);
		}
		String reason = (error instanceof InFlightTimeout) ? "it did not finish within " + human(this.inFlightTimeout)
				: Failures.whyUnknown(error);
		return this.store.complete(call.key(), token, new Outcome.Unknown<>(reason), call.payloadType());
	}

	/**
	 * Answers the callers only once the store knows the outcome, so a later repeat finds
	 * it.
	 */
	private <T> void settle(Call<T> call, String token, CompletableFuture<Object> execution, Mono<Boolean> record,
			Object payload, Throwable error) {
		record.doOnNext((recorded) -> {
			if (!recorded) {
				log.warn("The outcome of {} for tenant {} came after its idempotency key lapsed and was not kept",
						call.request().mutation(), call.key().tenantId());
			}
		}).onErrorResume((ex) -> {
			log.warn("Could not record the outcome of {} for tenant {} under its idempotency key",
					call.request().mutation(), call.key().tenantId(), ex);
			return Mono.empty();
		}).doFinally((signal) -> {
			if (error != null) {
				execution.completeExceptionally(error);
			}
			else {
				execution.complete(payload);
			}
			this.running.remove(token, execution);
		}).subscribe();
	}

	// suppressCancel: one caller going away must not cancel the execution the others wait
	// for.
	private static <T> Mono<T> join(CompletableFuture<Object> execution, Class<T> payloadType) {
		return Mono.fromFuture(execution, true).map(payloadType::cast);
	}

	private static <T> Mono<T> replay(Claim.Finished<T> finished, Class<T> payloadType) {
		if (finished.outcome() instanceof Outcome.Answered<T> answered) {
			return Mono.justOrEmpty(answered.payload()).map(payloadType::cast);
		}
		Outcome.Unknown<T> unknown = (Outcome.Unknown<T>) finished.outcome();
		String mutation = finished.request().mutation();
		String since = instant(finished.since());
		return Mono.error(new CodedException(OUTCOME_UNKNOWN, ErrorType.INTERNAL_ERROR,
				"The " + mutation + " sent with this " + ARGUMENT + " at " + since
						+ " ended without a definitive answer (" + unknown.reason()
						+ "), so it may have been carried out at Amazon. Look for its result before"
						+ " sending it again with a new " + ARGUMENT + ".",
				Map.of("mutation", mutation, "firstUsedAt", since, "retryable", false)));
	}

	private CodedException timedOut(Call<?> call) {
		String mutation = call.request().mutation();
		boolean kept = call.ifUnknown() == IfOutcomeUnknown.KEEP_KEY;
		return new CodedException(OUTCOME_UNKNOWN, ErrorType.INTERNAL_ERROR, mutation + " did not finish within "
				+ human(this.inFlightTimeout)
				+ " and was abandoned, so it may or may not have been carried out at Amazon. "
				+ (kept ? "This " + ARGUMENT + " keeps answering so; look for the result before sending it again"
						+ " with a new " + ARGUMENT + "."
						: "This " + ARGUMENT + " is released: sending it again executes it again."),
				Map.of("mutation", mutation, "retryable", !kept));
	}

	private static CodedException reused(Request asked, Request held, Instant since) {
		String when = instant(since);
		String message = held.mutation().equals(asked.mutation())
				? ARGUMENT + " was already used at " + when + " with another input on " + held.mutation()
						+ "; send a new key with a new request."
				: ARGUMENT + " was already used at " + when + " on " + held.mutation()
						+ "; a key serves one request of one mutation (keys are per tenant, across mutations),"
						+ " so send a new key.";
		return new CodedException(KEY_REUSED, ErrorType.BAD_REQUEST, message,
				Map.of("mutation", held.mutation(), "firstUsedAt", when, "retryable", false));
	}

	private static String human(Duration duration) {
		long millis = duration.toMillis();
		if (millis % 60_000 == 0) {
			return (millis / 60_000) + ((millis == 60_000) ? " minute" : " minutes");
		}
		return (millis % 1000 == 0) ? (millis / 1000) + " seconds" : millis + " ms";
	}

	private static String instant(Instant instant) {
		return instant.truncatedTo(ChronoUnit.SECONDS).toString();
	}

	private record Call<T>(Key key, Request request, Class<T> payloadType, IfOutcomeUnknown ifUnknown,
			Supplier<Mono<T>> mutation) {
	}

	/** The execution ran past the in-flight bound. */
	private static final class InFlightTimeout extends RuntimeException {

		InFlightTimeout() {
			super("execution ran past the in-flight timeout", null, false, false);
		}

	}

}
