package dev.adsgraph.upstream.resilience;

import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.netty.channel.ConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClientRequest;
import reactor.util.retry.Retry;

import dev.adsgraph.upstream.UpstreamOperation;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;

import dev.adsgraph.upstream.UpstreamException;
import dev.adsgraph.upstream.UpstreamMetrics;

/**
 * The resilience policy of every upstream call ({@link ResilienceProperties}), applied in
 * two places:
 * <ul>
 * <li>{@link #call} around a whole call, answer decoded: the tenant's back-off after an
 * Ads 429, the circuit breaker of the upstream and region, and retries with exponential
 * backoff and jitter, honouring {@code Retry-After}, only where repeating is safe;</li>
 * <li>{@link #wireFilter} as the last filter of an upstream's WebClient, closest to the
 * wire: the bound on requests in flight per upstream and region (adaptive,
 * {@link AdaptiveLimit}, for the Ads API and the SP-API) and per-operation response
 * timeouts. Being last, it does not count time spent fetching an LWA token or waiting for
 * an SP-API rate-limit token.</li>
 * </ul>
 * Both report to {@link UpstreamMetrics}: every attempt that went out, with its status
 * and duration, every refusal decided here, every retry. The wire filter also writes one
 * log line per attempt under {@code dev.adsgraph.upstream.calls}: upstream, operation,
 * status, duration and Amazon's request id, at WARN when the upstream failed or did not
 * answer. It never logs URLs, headers or bodies, where identifiers and credentials
 * travel.
 */
public final class UpstreamGuard {

	/**
	 * Request attribute holding the call's {@link UpstreamOperation}, read by
	 * {@link #wireFilter} (and by the SP-API rate-limit filter).
	 */
	public static final String OPERATION = UpstreamGuard.class.getName() + ".operation";

	/** Codes of failures decided here, not by the upstream. */
	public static final String CIRCUIT_OPEN = "circuit_open";

	public static final String BULKHEAD_FULL = "too_many_calls_in_flight";

	public static final String TENANT_BACKOFF = "tenant_backoff";

	/**
	 * Failures decided on this side: nothing reached the upstream, and the wait they
	 * stand for has been spent already. {@code ClientRateLimited} is the SP-API rate
	 * limiter's.
	 */
	private static final Set<String> LOCAL_CODES = Set.of(CIRCUIT_OPEN, BULKHEAD_FULL, TENANT_BACKOFF,
			"ClientRateLimited");

	private static final Logger logger = LoggerFactory.getLogger(UpstreamGuard.class);

	private static final Logger callLog = LoggerFactory.getLogger("dev.adsgraph.upstream.calls");

	/** Amazon's request id on every Ads API, SP-API and LWA answer. */
	static final String REQUEST_ID = "x-amzn-RequestId";

	private final ResilienceProperties properties;

	private final ThrottleStore throttles;

	private final Clock clock;

	private final Scheduler scheduler;

	private final CircuitBreakerRegistry breakers;

	/** The bound on calls in flight per {@code <upstream>.<region>}. */
	private final Map<String, Bound> bounds = new ConcurrentHashMap<>();

	/** Where the latencies fed to the adaptive limits are read. */
	private final LongSupplier nanoTime;

	private final Backoff backoff;

	private final UpstreamMetrics metrics;

	public UpstreamGuard(ResilienceProperties properties, ThrottleStore throttles, Clock clock, Scheduler scheduler) {
		this(properties, throttles, clock, scheduler, UpstreamMetrics.NONE);
	}

	public UpstreamGuard(ResilienceProperties properties, ThrottleStore throttles, Clock clock, Scheduler scheduler,
			UpstreamMetrics metrics) {
		this(properties, throttles, clock, scheduler, metrics, System::nanoTime);
	}

	UpstreamGuard(ResilienceProperties properties, ThrottleStore throttles, Clock clock, Scheduler scheduler,
			UpstreamMetrics metrics, LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
		this.properties = properties;
		this.metrics = metrics;
		this.throttles = throttles;
		this.clock = clock;
		this.scheduler = scheduler;
		ResilienceProperties.Retry retry = properties.retry();
		this.backoff = new Backoff(retry.initialBackoff(), retry.maxBackoff(), retry.jitter(),
				() -> ThreadLocalRandom.current().nextDouble());
		ResilienceProperties.CircuitBreaker config = properties.circuitBreaker();
		this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.failureRateThreshold(config.failureRateThreshold())
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(config.slidingWindowSize())
			.minimumNumberOfCalls(config.minimumCalls())
			.waitDurationInOpenState(config.openDuration())
			.permittedNumberOfCallsInHalfOpenState(config.halfOpenCalls())
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			// The open state lasts by this clock too, so tests move past it by hand.
			.clock(clock)
			.recordException(UpstreamGuard::isOutage)
			.build());
	}

	/**
	 * No retries, no breakers, no bounds: what clients built by hand in unit tests get.
	 */
	public static UpstreamGuard passthrough(Clock clock) {
		ResilienceProperties defaults = ResilienceProperties.defaults();
		return new UpstreamGuard(
				new ResilienceProperties(
						new ResilienceProperties.Retry(1, Duration.ofMillis(1), Duration.ofMillis(1), 0, Duration.ZERO,
								Duration.ofSeconds(1)),
						new ResilienceProperties.CircuitBreaker(false, 50, 1, 1, Duration.ofSeconds(1), 1),
						new ResilienceProperties.Bulkhead(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
								defaults.bulkhead().maxWait()),
						defaults.tenantBackoff(), Map.of(), ResilienceProperties.ConcurrencyLimit.disabled()),
				new InMemoryThrottleStore(), clock, Schedulers.parallel());
	}

	/** Where the clients using this guard report what their metrics need. */
	public UpstreamMetrics metrics() {
		return this.metrics;
	}

	/**
	 * Every breaker, named {@code <upstream>.<region>}, for their state to be published.
	 */
	public CircuitBreakerRegistry breakers() {
		return this.breakers;
	}

	/** The breaker of an upstream and region, created on first use. */
	public CircuitBreaker breaker(String upstream, String region) {
		return this.breakers.circuitBreaker(upstream + "." + region);
	}

	/**
	 * Runs {@code attempt} (cold: every subscription is a new request) under the policy.
	 * The caller sees the last attempt's failure, an {@link UpstreamException} either
	 * way.
	 */
	public <T> Mono<T> call(UpstreamCall call, Mono<T> attempt) {
		return Mono.defer(() -> {
			Instant started = this.clock.instant();
			Mono<T> once = waitForTenant(call).then(Mono.defer(() -> guarded(call, attempt)));
			return once.retryWhen(Retry.from((signals) -> signals.concatMap((signal) -> {
				Duration delay = nextDelay(call, signal.failure(), signal.totalRetries() + 1, started);
				if (delay == null) {
					return Mono.error(signal.failure());
				}
				logger.debug("Retrying {} {} in {} after {}", call.upstream(), call.operation().id(), delay,
						signal.failure().toString());
				this.metrics.retry(call.operation(), retryReason(signal.failure()));
				return Mono.delay(delay, this.scheduler);
			})));
		});
	}

	private <T> Mono<T> guarded(UpstreamCall call, Mono<T> attempt) {
		Mono<T> observed = attempt.doOnError(UpstreamException.class, (ex) -> noteThrottling(call, ex));
		if (this.properties.circuitBreaker().enabled()) {
			CircuitBreaker breaker = breaker(call.upstream(), call.region());
			observed = observed.transform(CircuitBreakerOperator.of(breaker))
				.onErrorMap(CallNotPermittedException.class,
						(ex) -> new UpstreamException(call.upstream(), call.operation().id(), 0, CIRCUIT_OPEN,
								"circuit breaker " + breaker.getName() + " is open after repeated failures", null, true,
								this.properties.circuitBreaker().openDuration()));
		}
		return observed.doOnError(UpstreamException.class, (ex) -> noteRefusal(call, ex));
	}

	/**
	 * Attempts that went out are counted by {@link #wireFilter}; these never did. A
	 * refusal of another upstream (LWA's, inside an Ads call) was counted by that
	 * upstream's own guard.
	 */
	private void noteRefusal(UpstreamCall call, UpstreamException ex) {
		if (isLocal(ex) && call.upstream().equals(ex.upstream())) {
			this.metrics.attempt(call.operation(), refusalStatus(ex.code()), Duration.ZERO);
		}
	}

	private static String refusalStatus(String code) {
		return "ClientRateLimited".equals(code) ? "client_rate_limited" : code;
	}

	/** What a retried failure was, from a small fixed set. */
	static String retryReason(Throwable failure) {
		if (!(failure instanceof UpstreamException ex)) {
			return "other";
		}
		if (ex.httpStatus() == 429) {
			return "throttled";
		}
		if (ex.httpStatus() == 0) {
			return UpstreamMetrics.NO_ANSWER;
		}
		if (ex.httpStatus() >= 500) {
			return "server_error";
		}
		if ("invalid_response".equals(ex.code()) || "url_expired".equals(ex.code())) {
			return ex.code();
		}
		return "other";
	}

	private static boolean isLocal(UpstreamException ex) {
		return ex.code() != null && LOCAL_CODES.contains(ex.code());
	}

	/** An outage of the upstream itself, as opposed to a refusal it answered. */
	private static boolean isOutage(Throwable ex) {
		if (!(ex instanceof UpstreamException upstream) || isLocal(upstream)) {
			return false;
		}
		return upstream.httpStatus() == 0 || upstream.httpStatus() >= 500 || "invalid_response".equals(upstream.code());
	}

	private void noteThrottling(UpstreamCall call, UpstreamException ex) {
		if (call.tenant() == null || !"ads".equals(call.upstream()) || ex.httpStatus() != 429
				|| !call.upstream().equals(ex.upstream())) {
			return;
		}
		Duration wait = (ex.retryAfter() != null && !ex.retryAfter().isZero()) ? ex.retryAfter()
				: this.properties.tenantBackoff().defaultDuration();
		this.throttles.blockUntil(throttleKey(call), this.clock.instant().plus(wait));
	}

	private Mono<Void> waitForTenant(UpstreamCall call) {
		if (call.tenant() == null || !"ads".equals(call.upstream())) {
			return Mono.empty();
		}
		return Mono.defer(() -> {
			Instant now = this.clock.instant();
			Optional<Instant> until = this.throttles.blockedUntil(throttleKey(call), now);
			if (until.isEmpty()) {
				return Mono.empty();
			}
			Duration remaining = Duration.between(now, until.get());
			if (remaining.compareTo(this.properties.tenantBackoff().maxWait()) > 0) {
				this.metrics.attempt(call.operation(), TENANT_BACKOFF, Duration.ZERO);
				return Mono.error(new UpstreamException(call.upstream(), call.operation().id(), 429, TENANT_BACKOFF,
						"backing off for " + remaining + " after the Ads API throttled this tenant", null, true,
						remaining));
			}
			return Mono.delay(remaining, this.scheduler).then();
		});
	}

	private static String throttleKey(UpstreamCall call) {
		return call.upstream() + "|" + call.region() + "|" + call.tenant();
	}

	/** The wait before the next attempt, or null when the failure is final. */
	Duration nextDelay(UpstreamCall call, Throwable failure, long attemptsMade, Instant started) {
		if (!(failure instanceof UpstreamException ex) || isLocal(ex) || !ex.retryable()) {
			return null;
		}
		if (!call.upstream().equals(ex.upstream())) {
			return null; // an LWA failure inside an Ads call: LWA's own guard has retried
							// it
		}
		if (!call.safe() && !(ex.httpStatus() == 429 || neverSent(ex))) {
			return null; // Amazon may have acted on it: the caller decides, with an
							// idempotency key
		}
		if (attemptsMade >= this.properties.maxAttempts(call.operation().id())) {
			return null;
		}
		ResilienceProperties.Retry retry = this.properties.retry();
		if (ex.retryAfter() != null && ex.retryAfter().compareTo(retry.maxRetryAfter()) > 0) {
			return null;
		}
		Duration wait = this.backoff.delay(attemptsMade - 1, ex.retryAfter());
		if (Duration.between(started, this.clock.instant()).plus(wait).compareTo(retry.budget()) > 0) {
			return null;
		}
		return wait;
	}

	/**
	 * True when the request certainly never reached the upstream: the connection was not
	 * made.
	 */
	private static boolean neverSent(UpstreamException ex) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof ConnectTimeoutException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The last filter of an upstream's WebClient without regions (LWA): as
	 * {@link #wireFilter(String, String)} for the region {@code global}.
	 */
	public ExchangeFilterFunction wireFilter(String upstream) {
		return wireFilter(upstream, "global");
	}

	/**
	 * The last filter of one region's WebClient of an upstream: a bound on requests in
	 * flight per upstream and region, others queue up to {@code bulkhead.max-wait}; an
	 * operation's own response timeout, when configured, replaces the client's. The bound
	 * of the Ads API and the SP-API adapts ({@link AdaptiveLimit}, fed here with each
	 * attempt's latency and whether it was throttled or unanswered) unless
	 * {@code concurrency-limit.enabled} is false; LWA's is {@code bulkhead.lwa}.
	 */
	public ExchangeFilterFunction wireFilter(String upstream, String region) {
		Bound bound = this.bounds.computeIfAbsent(upstream + "." + region, (key) -> newBound(upstream));
		AsyncLimiter limiter = bound.limiter();
		Duration maxWait = this.properties.bulkhead().maxWait();
		return (request, next) -> {
			UpstreamOperation operation = operation(request);
			ClientRequest sent = withResponseTimeout(request, operation);
			return Mono.usingWhen(limiter.acquire(maxWait, Schedulers.parallel())
				.onErrorMap(TimeoutException.class,
						(ex) -> new UpstreamException(upstream, operation.id(), 0, BULKHEAD_FULL,
								"no free slot for a call to " + upstream + " within " + maxWait, null, true, null)),
					(permit) -> measured(bound, observed(upstream, operation, next.exchange(sent))),
					(permit) -> release(limiter), (permit, error) -> release(limiter), (permit) -> release(limiter));
		};
	}

	private Bound newBound(String upstream) {
		ResilienceProperties.ConcurrencyLimit adaptive = this.properties.concurrencyLimit();
		if (adaptive.enabled() && !"lwa".equals(upstream)) {
			return new Bound(new AsyncLimiter(adaptive.initial()), new AdaptiveLimit(adaptive));
		}
		return new Bound(new AsyncLimiter(this.properties.bulkhead().limit(upstream)), null);
	}

	/**
	 * Feeds one attempt's outcome to its adaptive limit: its latency up to the answer's
	 * headers, and whether it was throttled (429) or got no answer. An attempt its caller
	 * abandoned says nothing about the upstream and is left out.
	 */
	private Mono<ClientResponse> measured(Bound bound, Mono<ClientResponse> exchange) {
		if (bound.adaptive() == null) {
			return exchange;
		}
		return Mono.defer(() -> {
			long started = this.nanoTime.getAsLong();
			int inFlight = bound.limiter().inUse();
			AtomicBoolean sampled = new AtomicBoolean();
			return exchange.doOnNext((response) -> {
				if (sampled.compareAndSet(false, true)) {
					bound.sample(started, this.nanoTime.getAsLong() - started, inFlight,
							response.statusCode().value() == 429);
				}
			}).doOnError((ex) -> {
				if (sampled.compareAndSet(false, true)) {
					bound.sample(started, this.nanoTime.getAsLong() - started, inFlight, true);
				}
			});
		});
	}

	/**
	 * One upstream and region's bound on calls in flight, and the algorithm that sets it
	 * when it adapts (null when fixed).
	 */
	private record Bound(AsyncLimiter limiter, AdaptiveLimit adaptive) {

		void sample(long startNanos, long rttNanos, int inFlight, boolean dropped) {
			this.adaptive.sample(startNanos, rttNanos, inFlight, dropped);
			int limit = this.adaptive.limit();
			if (limit != this.limiter.limit()) {
				this.limiter.limit(limit);
			}
		}

	}

	/**
	 * Times one attempt on the wire, up to the answer's headers, and logs it; counted
	 * once whatever ends it.
	 */
	private Mono<ClientResponse> observed(String upstream, UpstreamOperation operation, Mono<ClientResponse> exchange) {
		return Mono.defer(() -> {
			long started = System.nanoTime();
			AtomicBoolean counted = new AtomicBoolean();
			return exchange.doOnNext((response) -> {
				if (counted.compareAndSet(false, true)) {
					Duration took = Duration.ofNanos(System.nanoTime() - started);
					int status = response.statusCode().value();
					String requestId = response.headers().asHttpHeaders().getFirst(REQUEST_ID);
					this.metrics.attempt(operation, Integer.toString(status), took);
					// A 404 is an answer (the profile does not exist), not a failure of
					// the call.
					boolean failed = status >= 400 && status != 404;
					String line = "{} {} answered HTTP {} in {} ms, requestId={}";
					if (failed) {
						callLog.warn(line, upstream, operation.id(), status, took.toMillis(), requestId);
					}
					else {
						callLog.info(line, upstream, operation.id(), status, took.toMillis(), requestId);
					}
				}
			}).doOnError((ex) -> {
				if (counted.compareAndSet(false, true)) {
					Duration took = Duration.ofNanos(System.nanoTime() - started);
					this.metrics.attempt(operation, UpstreamMetrics.NO_ANSWER, took);
					// The exception's class only: a transport message can name the host
					// and port.
					callLog.warn("{} {} got no answer after {} ms: {}", upstream, operation.id(), took.toMillis(),
							ex.getClass().getSimpleName());
				}
			}).doOnCancel(() -> {
				if (counted.compareAndSet(false, true)) {
					this.metrics.attempt(operation, UpstreamMetrics.CANCELLED,
							Duration.ofNanos(System.nanoTime() - started));
				}
			});
		});
	}

	private static Mono<Void> release(AsyncLimiter limiter) {
		return Mono.fromRunnable(limiter::release);
	}

	/**
	 * The catalogue entry a request was made for; every client sets it, so a request
	 * without one is a programming error, not a call to count as "unknown".
	 */
	public static UpstreamOperation operation(ClientRequest request) {
		return request.attribute(OPERATION)
			.map(UpstreamOperation.class::cast)
			.orElseThrow(() -> new IllegalStateException("Upstream request without its catalogue operation"));
	}

	private ClientRequest withResponseTimeout(ClientRequest request, UpstreamOperation operation) {
		ResilienceProperties.Operation override = this.properties.operation(operation.id());
		if (override == null || override.responseTimeout() == null) {
			return request;
		}
		Duration timeout = override.responseTimeout();
		return ClientRequest.from(request).httpRequest((http) -> {
			Object nativeRequest = http.getNativeRequest();
			if (nativeRequest instanceof HttpClientRequest netty) {
				netty.responseTimeout(timeout);
			}
		}).build();
	}

	/** Slots in use per upstream, all regions together, for tests. */
	int inFlight(String upstream) {
		return this.bounds.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith(upstream + "."))
			.mapToInt((entry) -> entry.getValue().limiter().inUse())
			.sum();
	}

	/**
	 * The current bound on calls in flight of an upstream ({@code ads}, {@code sp},
	 * {@code lwa}) in a region ({@code na}, … or {@code global}), or NaN before its
	 * client was built.
	 */
	public double concurrencyLimit(String upstream, String region) {
		Bound bound = this.bounds.get(upstream + "." + region);
		return (bound != null) ? bound.limiter().limit() : Double.NaN;
	}

	/**
	 * The current bound on calls in flight of each upstream and region that has a client,
	 * by {@code <upstream>.<region>}, for gauges.
	 */
	public Map<String, IntSupplier> concurrencyLimits() {
		Map<String, IntSupplier> limits = new TreeMap<>();
		this.bounds.forEach((key, bound) -> limits.put(key, bound.limiter()::limit));
		return limits;
	}

}
