package dev.adsgraph.upstream.resilience;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway treats every upstream call, in one place: retries (only where they are
 * safe), circuit breakers per upstream and region, a bound on concurrent calls per
 * upstream, the back-off after an Ads API 429, and per-operation overrides. Connect and
 * response timeouts per upstream stay with the hosts
 * ({@code adsgraph.upstream.ads|sp|lwa.*}); an operation may override its response
 * timeout here.
 */
@Validated
@ConfigurationProperties("adsgraph.upstream.resilience")
public record ResilienceProperties(@Valid @NotNull @DefaultValue Retry retry,
		@Valid @NotNull @DefaultValue CircuitBreaker circuitBreaker, @Valid @NotNull @DefaultValue Bulkhead bulkhead,
		@Valid @NotNull @DefaultValue TenantBackoff tenantBackoff, Map<String, Operation> operations) {

	public ResilienceProperties {
		Map<String, Operation> byId = new LinkedHashMap<>();
		if (operations != null) {
			operations.forEach((id, operation) -> byId.put(id.toLowerCase(Locale.ROOT), operation));
		}
		operations = Map.copyOf(byId);
	}

	/** The defaults, for code that builds clients by hand. */
	public static ResilienceProperties defaults() {
		return new ResilienceProperties(Retry.DEFAULTS, CircuitBreaker.DEFAULTS, Bulkhead.DEFAULTS,
				TenantBackoff.DEFAULTS, Map.of());
	}

	/** The override of an operation id (case does not matter), or null. */
	public Operation operation(String operationId) {
		return this.operations.get(operationId.toLowerCase(Locale.ROOT));
	}

	/** Attempts allowed for an operation: its override, else the default. */
	public int maxAttempts(String operationId) {
		Operation override = operation(operationId);
		return (override != null && override.maxAttempts() != null) ? override.maxAttempts() : this.retry.maxAttempts();
	}

	/**
	 * Retries of calls that are safe to repeat (reads, LWA token requests), and of writes
	 * only when Amazon certainly did not act on them (a 429, no connection).
	 *
	 * @param maxAttempts attempts in all, the first included; 1 turns retries off
	 * @param initialBackoff wait before the first retry; doubled on each further one
	 * @param maxBackoff cap of the doubling
	 * @param jitter fraction of each wait drawn at random (0 to 1), so callers that
	 * failed together do not come back together
	 * @param maxRetryAfter a {@code Retry-After} longer than this is not waited out: the
	 * call fails at once and the caller is told when to come back
	 * @param budget total time one call may spend in attempts and waits before it gives
	 * up
	 */
	public record Retry(@DefaultValue("5") int maxAttempts, @NotNull @DefaultValue("250ms") Duration initialBackoff,
			@NotNull @DefaultValue("4s") Duration maxBackoff, @DefaultValue("0.5") double jitter,
			@NotNull @DefaultValue("10s") Duration maxRetryAfter, @NotNull @DefaultValue("30s") Duration budget) {

		static final Retry DEFAULTS = new Retry(5, Duration.ofMillis(250), Duration.ofSeconds(4), 0.5,
				Duration.ofSeconds(10), Duration.ofSeconds(30));

		public Retry {
			if (maxAttempts < 1 || maxAttempts > 20) {
				throw new IllegalArgumentException(
						"adsgraph.upstream.resilience.retry.max-attempts must be between 1 and 20, was " + maxAttempts);
			}
			positive("retry.initial-backoff", initialBackoff);
			positive("retry.max-backoff", maxBackoff);
			positive("retry.budget", budget);
			notNegative("retry.max-retry-after", maxRetryAfter);
			if (!(jitter >= 0 && jitter <= 1)) {
				throw new IllegalArgumentException(
						"adsgraph.upstream.resilience.retry.jitter must be between 0 and 1, was " + jitter);
			}
		}

	}

	/**
	 * One breaker per upstream and region ({@code ads.na}, {@code sp.eu},
	 * {@code lwa.global}). Failures are answers of 5xx, no answer at all and unreadable
	 * answers; 4xx and 429 say the upstream is up.
	 *
	 * @param failureRateThreshold percentage of failed calls in the window that opens it
	 * @param slidingWindowSize calls the failure rate is computed over
	 * @param minimumCalls calls needed before the rate counts
	 * @param openDuration how long an open breaker refuses calls before it lets probes
	 * through
	 * @param halfOpenCalls probe calls allowed while half open
	 */
	public record CircuitBreaker(@DefaultValue("true") boolean enabled, @DefaultValue("50") float failureRateThreshold,
			@DefaultValue("20") int slidingWindowSize, @DefaultValue("10") int minimumCalls,
			@NotNull @DefaultValue("30s") Duration openDuration, @DefaultValue("3") int halfOpenCalls) {

		static final CircuitBreaker DEFAULTS = new CircuitBreaker(true, 50, 20, 10, Duration.ofSeconds(30), 3);

		public CircuitBreaker {
			if (!(failureRateThreshold > 0 && failureRateThreshold <= 100)) {
				throw new IllegalArgumentException(
						"adsgraph.upstream.resilience.circuit-breaker.failure-rate-threshold must be in (0, 100], was "
								+ failureRateThreshold);
			}
			atLeastOne("circuit-breaker.sliding-window-size", slidingWindowSize);
			atLeastOne("circuit-breaker.minimum-calls", minimumCalls);
			atLeastOne("circuit-breaker.half-open-calls", halfOpenCalls);
			positive("circuit-breaker.open-duration", openDuration);
		}

	}

	/**
	 * Bound on requests in flight per upstream (waiting for an answer; SP-API calls
	 * waiting for their rate-limit token do not count).
	 *
	 * @param maxWait how long a call may queue for a free slot before it fails
	 */
	public record Bulkhead(@DefaultValue("32") int ads, @DefaultValue("32") int sp, @DefaultValue("4") int lwa,
			@NotNull @DefaultValue("10s") Duration maxWait) {

		static final Bulkhead DEFAULTS = new Bulkhead(32, 32, 4, Duration.ofSeconds(10));

		public Bulkhead {
			atLeastOne("bulkhead.ads", ads);
			atLeastOne("bulkhead.sp", sp);
			atLeastOne("bulkhead.lwa", lwa);
			positive("bulkhead.max-wait", maxWait);
		}

		int limit(String upstream) {
			return switch (upstream) {
				case "ads" -> this.ads;
				case "sp" -> this.sp;
				case "lwa" -> this.lwa;
				default -> throw new IllegalArgumentException("unknown upstream " + upstream);
			};
		}

	}

	/**
	 * After an Ads API 429, every call of that tenant in that region waits until Amazon's
	 * {@code Retry-After} has passed, instead of drawing more 429s.
	 *
	 * @param defaultDuration the wait when a 429 names none
	 * @param maxWait a call facing a longer wait fails at once as UPSTREAM_RATE_LIMITED
	 * with the remaining time
	 */
	public record TenantBackoff(@NotNull @DefaultValue("2s") Duration defaultDuration,
			@NotNull @DefaultValue("10s") Duration maxWait) {

		static final TenantBackoff DEFAULTS = new TenantBackoff(Duration.ofSeconds(2), Duration.ofSeconds(10));

		public TenantBackoff {
			positive("tenant-backoff.default-duration", defaultDuration);
			notNegative("tenant-backoff.max-wait", maxWait);
		}

	}

	/**
	 * @param maxAttempts attempts for this operation (a write is still retried only when
	 * Amazon did not act on it)
	 * @param responseTimeout longest wait for this operation's answer
	 */
	public record Operation(Integer maxAttempts, Duration responseTimeout) {

		public Operation {
			if (maxAttempts != null && (maxAttempts < 1 || maxAttempts > 20)) {
				throw new IllegalArgumentException(
						"an operation's max-attempts must be between 1 and 20, was " + maxAttempts);
			}
			positive("operations.*.response-timeout", responseTimeout);
		}

	}

	private static void positive(String property, Duration value) {
		if (value != null && (value.isZero() || value.isNegative())) {
			throw new IllegalArgumentException(
					"adsgraph.upstream.resilience." + property + " must be positive, was " + value);
		}
	}

	private static void notNegative(String property, Duration value) {
		if (value != null && value.isNegative()) {
			throw new IllegalArgumentException(
					"adsgraph.upstream.resilience." + property + " must not be negative, was " + value);
		}
	}

	private static void atLeastOne(String property, int value) {
		if (value < 1) {
			throw new IllegalArgumentException(
					"adsgraph.upstream.resilience." + property + " must be at least 1, was " + value);
		}
	}

}
