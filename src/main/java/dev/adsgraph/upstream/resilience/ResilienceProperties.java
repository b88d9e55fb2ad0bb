package dev.adsgraph.upstream.resilience;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway treats every upstream call, in one place: retries (only where they are
 * safe), circuit breakers per upstream and region, a bound on concurrent calls per
 * upstream and region (adaptive for the Ads API and the SP-API, fixed for LWA), the
 * back-off after an Ads API 429, and per-operation overrides. Connect and response
 * timeouts per upstream stay with the hosts ({@code adsgraph.upstream.ads|sp|lwa.*}); an
 * operation may override its response timeout here.
 *
 * @param operations overrides per operation id (as in Amazon's specifications, for
 * example {@code listProfiles} or {@code searchCatalogItems}; case does not matter):
 * {@code max-attempts} and {@code response-timeout}
 */
@Validated
@ConfigurationProperties("adsgraph.upstream.resilience")
public record ResilienceProperties(@Valid @NotNull @DefaultValue Retry retry,
		@Valid @NotNull @DefaultValue CircuitBreaker circuitBreaker, @Valid @NotNull @DefaultValue Bulkhead bulkhead,
		@Valid @NotNull @DefaultValue TenantBackoff tenantBackoff, Map<String, @Valid Operation> operations,
		@Valid @NotNull @DefaultValue ConcurrencyLimit concurrencyLimit) {

	public ResilienceProperties {
		Map<String, Operation> byId = new LinkedHashMap<>();
		if (operations != null) {
			operations.forEach((id, operation) -> byId.put(id.toLowerCase(Locale.ROOT), operation));
		}
		operations = Map.copyOf(byId);
	}

	/**
	 * The defaults (the records' {@code @DefaultValue}s), for code that builds clients by
	 * hand.
	 */
	public static ResilienceProperties defaults() {
		return new Binder().bindOrCreate("adsgraph.upstream.resilience", ResilienceProperties.class);
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
	public record Retry(@Min(1) @Max(20) @DefaultValue("5") int maxAttempts,
			@NotNull @DurationMin(nanos = 0, inclusive = false) @DefaultValue("250ms") Duration initialBackoff,
			@NotNull @DurationMin(nanos = 0, inclusive = false) @DefaultValue("4s") Duration maxBackoff,
			@DecimalMin("0") @DecimalMax("1") @DefaultValue("0.5") double jitter,
			@NotNull @DurationMin(nanos = 0) @DefaultValue("10s") Duration maxRetryAfter,
			@NotNull @DurationMin(nanos = 0, inclusive = false) @DefaultValue("30s") Duration budget) {

	}

	/**
	 * One breaker per upstream and region ({@code ads.na}, {@code sp.eu},
	 * {@code lwa.global}). Failures are answers of 5xx, no answer at all and unreadable
	 * answers; 4xx and 429 say the upstream is up.
	 *
	 * @param enabled whether calls go through the breakers at all
	 * @param failureRateThreshold percentage of failed calls in the window that opens it
	 * @param slidingWindowSize calls the failure rate is computed over
	 * @param minimumCalls calls needed before the rate counts
	 * @param openDuration how long an open breaker refuses calls before it lets probes
	 * through
	 * @param halfOpenCalls probe calls allowed while half open
	 */
	public record CircuitBreaker(@DefaultValue("true") boolean enabled,
			@DecimalMin(value = "0",
					inclusive = false) @DecimalMax("100") @DefaultValue("50") float failureRateThreshold,
			@Min(1) @DefaultValue("20") int slidingWindowSize, @Min(1) @DefaultValue("10") int minimumCalls,
			@NotNull @DurationMin(nanos = 0, inclusive = false) @DefaultValue("30s") Duration openDuration,
			@Min(1) @DefaultValue("3") int halfOpenCalls) {

	}

	/**
	 * Bound on requests in flight per upstream and region (waiting for an answer; SP-API
	 * calls waiting for their rate-limit token do not count). The Ads API's and the
	 * SP-API's bounds are fixed only when {@code concurrency-limit.enabled} is false;
	 * otherwise they adapt ({@link ConcurrencyLimit}).
	 *
	 * @param ads Ads API calls in flight at once per region, all tenants together
	 * @param sp SP-API calls in flight at once per region, all tenants together
	 * @param lwa LWA token requests in flight at once
	 * @param maxWait how long a call may queue for a free slot before it fails
	 */
	public record Bulkhead(@Min(1) @DefaultValue("32") int ads, @Min(1) @DefaultValue("32") int sp,
			@Min(1) @DefaultValue("4") int lwa,
			@NotNull @DurationMin(nanos = 0, inclusive = false) @DefaultValue("10s") Duration maxWait) {

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
	 * The adaptive bound on Ads API and SP-API calls in flight, one per upstream and
	 * region: TCP Vegas as Netflix's concurrency-limits library implements it
	 * ({@code AdaptiveLimit}). It grows while the upstream's latency stays at its lowest
	 * and shrinks when latency rises, or when a call is throttled (429) or not answered.
	 * Calls over the limit queue as with a fixed bound, for up to
	 * {@code bulkhead.max-wait}.
	 *
	 * @param enabled false for the fixed bounds {@code bulkhead.ads} and
	 * {@code bulkhead.sp} instead
	 * @param initial the limit before any call was measured
	 * @param min the limit never goes below this: the old fixed bound by default, since
	 * on a machine whose CPU is saturated the latency Vegas measures includes the
	 * gateway's own queueing, and with a floor of 8 it shrank below what the upstream
	 * allowed (bench/README.md, issue 19)
	 * @param max the limit never goes above this
	 * @param window calls are measured together over this long (their average latency is
	 * one sample of the algorithm); at least 100 ms
	 * @param windowSamples calls a window needs before it counts; at least 10
	 * @param smoothing share of each step taken (0 to 1; 1 takes it whole)
	 * @param probeMultiplier the latency without queueing is measured again after about
	 * this many windows times the limit, so a lasting change of the upstream's own
	 * latency is learnt
	 */
	public record ConcurrencyLimit(@DefaultValue("true") boolean enabled, @Min(1) @DefaultValue("32") int initial,
			@Min(1) @DefaultValue("32") int min, @Min(1) @DefaultValue("256") int max,
			@NotNull @DurationMin(millis = 100) @DefaultValue("250ms") Duration window,
			@Min(10) @DefaultValue("10") int windowSamples,
			@DecimalMin(value = "0", inclusive = false) @DecimalMax("1") @DefaultValue("1") double smoothing,
			@Min(1) @DefaultValue("30") int probeMultiplier) {

		public ConcurrencyLimit {
			if (min > max || initial < min || initial > max) {
				throw new IllegalArgumentException("concurrency-limit needs min <= initial <= max, got min " + min
						+ ", initial " + initial + ", max " + max);
			}
		}

		/** Fixed bounds ({@code bulkhead.*}) instead. */
		public static ConcurrencyLimit disabled() {
			return new ConcurrencyLimit(false, 32, 8, 256, Duration.ofMillis(250), 10, 1, 30);
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
	public record TenantBackoff(
			@NotNull @DurationMin(nanos = 0, inclusive = false) @DefaultValue("2s") Duration defaultDuration,
			@NotNull @DurationMin(nanos = 0) @DefaultValue("10s") Duration maxWait) {

	}

	/**
	 * @param maxAttempts attempts for this operation (a write is still retried only when
	 * Amazon did not act on it)
	 * @param responseTimeout longest wait for this operation's answer
	 */
	public record Operation(@Min(1) @Max(20) Integer maxAttempts,
			@DurationMin(nanos = 0, inclusive = false) Duration responseTimeout) {

	}

}
