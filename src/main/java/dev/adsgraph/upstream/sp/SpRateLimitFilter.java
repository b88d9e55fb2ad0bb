package dev.adsgraph.upstream.sp;

import reactor.core.publisher.Mono;

import dev.adsgraph.upstream.Region;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Makes every SP-API call of one region's client wait for its token, and feeds each answer's
 * rate-limit facts back to the buckets. It runs before {@link SpAuthFilter}, so a call that
 * waited still fetches (or reuses) its access token only when it is about to be sent.
 */
final class SpRateLimitFilter implements ExchangeFilterFunction {

	/** Request attribute naming the model's operationId. */
	static final String OPERATION = SpRateLimitFilter.class.getName() + ".operation";

	private final SpRateLimiter limiter;

	private final Region region;

	SpRateLimitFilter(SpRateLimiter limiter, Region region) {
		this.limiter = limiter;
		this.region = region;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		String operation = request.attribute(OPERATION)
			.map(String.class::cast)
			.orElseThrow(() -> new IllegalStateException("SP-API request without an operation id"));
		SpCredentials credentials = SpAuthFilter.credentials(request);
		BucketKey key = new BucketKey(this.region, credentials.lwa().clientId(), credentials.rateLimitPartition(),
				operation);
		return this.limiter.acquire(key)
			.then(Mono.defer(() -> next.exchange(request)))
			.flatMap((response) -> this.limiter
				.observe(key, response.statusCode().value(),
						response.headers().asHttpHeaders().getFirst(SpRateLimiter.RATE_LIMIT_HEADER))
				.thenReturn(response));
	}

}
