package dev.adsgraph.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.adsgraph.graphql.LimitsProperties;
import dev.adsgraph.tenancy.RequestRate;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.TenantRegistry;
import dev.adsgraph.web.RequestBucketStore.Admission;

/**
 * Limits the requests of each API key with a token bucket per tenant, answering HTTP 429
 * with {@code Retry-After} and a GraphQL-shaped error when the bucket is empty.
 *
 * <p>
 * Runs after {@link ApiKeyWebFilter}, so only authenticated requests spend a tenant's
 * budget (an unknown key cannot drain someone else's), and before the body limit and any
 * GraphQL work, so a throttled request costs one bucket look-up and its body is never
 * read.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 15)
public class RequestRateLimitWebFilter implements WebFilter {

	private static final Logger logger = LoggerFactory.getLogger(RequestRateLimitWebFilter.class);

	private final TenantRegistry tenants;

	private final RequestRate defaults;

	private final RequestBucketStore buckets;

	RequestRateLimitWebFilter(TenantRegistry tenants, LimitsProperties limits,
			ObjectProvider<RequestBucketStore> buckets, Clock clock) {
		this.tenants = tenants;
		this.defaults = new RequestRate(limits.requestsPerSecond(), limits.requestBurst());
		this.buckets = buckets.getIfAvailable(() -> new InMemoryRequestBucketStore(clock));
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Tenant tenant = exchange.getAttribute(ApiKeyWebFilter.TENANT_ATTRIBUTE);
		if (tenant == null) {
			return chain.filter(exchange);
		}
		RequestRate rate = this.tenants.requestRate(tenant, this.defaults);
		return admit(tenant, rate).flatMap((admission) -> admission.admitted() ? chain.filter(exchange)
				: tooManyRequests(exchange.getRequest(), exchange.getResponse(), rate, admission.retryAfter()));
	}

	/**
	 * One request of the tenant taken from its bucket; also each operation sent over a
	 * WebSocket.
	 */
	public Mono<Admission> admit(Tenant tenant, RequestRate rate) {
		return this.buckets.take(tenant.id(), rate).onErrorResume((ex) -> {
			// A shared store that is down must not take the gateway with it.
			logger.warn("Request rate store failed for tenant '{}'; letting the request through: {}", tenant.id(),
					ex.toString());
			return Mono.just(Admission.now());
		}).defaultIfEmpty(Admission.now());
	}

	public RequestRate rateOf(Tenant tenant) {
		return this.tenants.requestRate(tenant, this.defaults);
	}

	/** The refusal's sentence, the same over HTTP and over a WebSocket. */
	public static String tooManyMessage(RequestRate rate, long seconds) {
		return "Too many requests for this API key: it may send " + format(rate.requestsPerSecond())
				+ " per second with bursts of " + rate.burst() + ". Retry after " + seconds + " s.";
	}

	private static Mono<Void> tooManyRequests(ServerHttpRequest request, ServerHttpResponse response, RequestRate rate,
			Duration wait) {
		long seconds = retryAfterSeconds(wait);
		response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
		response.getHeaders().setContentType(ErrorResponses.mediaType(request));
		response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		String body = "{\"errors\":[{\"message\":\"" + tooManyMessage(rate, seconds)
				+ "\",\"extensions\":{\"code\":\"RATE_LIMITED\",\"retryAfterSeconds\":" + seconds + "}}]}";
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
	}

	/** Whole seconds, rounded up and at least one, as {@code Retry-After} takes them. */
	public static long retryAfterSeconds(Duration wait) {
		long seconds = wait.getSeconds() + ((wait.getNano() > 0) ? 1 : 0);
		return Math.max(1, seconds);
	}

	private static String format(double value) {
		return (value == Math.rint(value)) ? Long.toString((long) value) : Double.toString(value);
	}

}
