package dev.adsgraph.upstream.sp;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Sinks;

import reactor.core.publisher.Mono;

import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.UpstreamException;
import dev.adsgraph.upstream.UpstreamMetrics;
import dev.adsgraph.upstream.resilience.UpstreamGuard;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Makes every SP-API call of one region's client wait for its token, and feeds each
 * answer's rate-limit facts back to the buckets. It runs after {@link SpAuthFilter},
 * nearest the wire.
 * <p>
 * Calls of one bucket go one after the other: each takes its token only once the previous
 * one has been answered. A token bucket alone spaces the moments calls are released, not
 * the moments they reach Amazon; a busy event loop can hold one call back and let it
 * arrive together with the next, which Amazon's bucket counts as a burst. Taking the next
 * token after the previous answer keeps the arrivals at least one token interval apart,
 * whatever the local delays.
 * <p>
 * How long each call waited, for its turn and its token together, goes to
 * {@link UpstreamMetrics}.
 */
final class SpRateLimitFilter implements ExchangeFilterFunction {

	private final SpRateLimiter limiter;

	private final Region region;

	private final UpstreamMetrics metrics;

	/**
	 * Per bucket, completion of the call most recently queued: the next call starts after
	 * it.
	 */
	private final Map<BucketKey, AtomicReference<Mono<Void>>> tails = new ConcurrentHashMap<>();

	SpRateLimitFilter(SpRateLimiter limiter, Region region, UpstreamMetrics metrics) {
		this.limiter = limiter;
		this.region = region;
		this.metrics = metrics;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		SpOperation operation = (SpOperation) UpstreamGuard.operation(request);
		SpCredentials credentials = SpAuthFilter.credentials(request);
		BucketKey key = new BucketKey(this.region, credentials.lwa().clientId(), credentials.rateLimitPartition(),
				operation);
		return Mono.defer(() -> {
			Sinks.Empty<Void> answered = Sinks.empty();
			Mono<Void> previous = this.tails.computeIfAbsent(key, (k) -> new AtomicReference<>(Mono.empty()))
				.getAndSet(answered.asMono());
			// The turn is bounded like the bucket wait: a call stuck behind a slow one
			// fails as
			// ClientRateLimited rather than wait without end.
			Mono<Void> turn = previous.timeout(this.limiter.maxWait(), this.limiter.scheduler())
				.onErrorMap(TimeoutException.class, (ex) -> this.limiter.refusal(key, this.limiter.maxWait()));
			return waited(operation, turn.then(this.limiter.acquire(key)))
				.then(Mono.defer(() -> next.exchange(request)))
				.flatMap((response) -> this.limiter
					.observe(key, response.statusCode().value(),
							response.headers().asHttpHeaders().getFirst(SpRateLimiter.RATE_LIMIT_HEADER))
					.thenReturn(response))
				// Answered, failed or abandoned: either way the next call of the bucket
				// may go.
				.doFinally((signal) -> answered.tryEmitEmpty());
		});
	}

	private Mono<Void> waited(SpOperation operation, Mono<Void> wait) {
		return Mono.defer(() -> {
			long started = System.nanoTime();
			AtomicBoolean counted = new AtomicBoolean();
			Runnable granted = () -> count(counted, operation, "granted", started);
			return wait.doOnSuccess((done) -> granted.run())
				.doOnError((ex) -> count(counted, operation, (ex instanceof UpstreamException) ? "refused" : "failed",
						started))
				.doOnCancel(() -> count(counted, operation, UpstreamMetrics.CANCELLED, started));
		});
	}

	private void count(AtomicBoolean counted, SpOperation operation, String outcome, long started) {
		if (counted.compareAndSet(false, true)) {
			this.metrics.rateLimitWait(operation, outcome, Duration.ofNanos(System.nanoTime() - started));
		}
	}

}
