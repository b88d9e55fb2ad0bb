package dev.adsgraph.observability;

import java.util.List;

import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import dev.adsgraph.caching.CacheMetrics;
import dev.adsgraph.upstream.UpstreamMetrics;
import dev.adsgraph.upstream.resilience.UpstreamGuard;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The gateway's own meters, next to what Boot records by itself
 * ({@code http.client.requests} for every upstream request by URI template,
 * {@code http.server.requests}, {@code graphql.request}, {@code graphql.datafetcher}, JVM
 * and process meters): upstream calls by operation and status, retries, 429s, SP-API
 * rate-limit waits, LWA refreshes, the caches, the circuit breakers and GraphQL
 * operations by name. {@code /actuator/prometheus} serves them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ObservabilityProperties.class)
class ObservabilityConfiguration {

	static final String CONCURRENCY_LIMIT = "adsgraph.upstream.concurrency.limit";

	@Bean
	UpstreamMetrics upstreamMetrics(MeterRegistry registry) {
		return new MicrometerUpstreamMetrics(registry);
	}

	/**
	 * Caffeine's statistics as {@code cache.gets} (hit, miss), {@code cache.evictions},
	 * {@code cache.size}, …
	 */
	@Bean
	CacheMetrics cacheMetrics(MeterRegistry registry) {
		return (name, cache) -> CaffeineCacheMetrics.monitor(registry, cache, name);
	}

	/**
	 * {@code resilience4j.circuitbreaker.state} and friends for every breaker, also those
	 * created later.
	 */
	@Bean
	MeterBinder circuitBreakerMetrics(UpstreamGuard guard) {
		return TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(guard.breakers());
	}

	/**
	 * {@code adsgraph.upstream.concurrency.limit}: the bound on calls in flight of each
	 * upstream and region, adaptive for the Ads API and the SP-API.
	 */
	@Bean
	MeterBinder concurrencyLimitMetrics(UpstreamGuard guard) {
		return (registry) -> {
			for (String upstream : List.of("ads", "sp", "lwa")) {
				List<String> regions = "lwa".equals(upstream) ? List.of("global") : List.of("na", "eu", "fe");
				for (String region : regions) {
					Gauge.builder(CONCURRENCY_LIMIT, guard, (g) -> g.concurrencyLimit(upstream, region))
						.tags("upstream", upstream, "region", region)
						.description("Calls in flight allowed at once to the upstream in the region")
						.register(registry);
				}
			}
		};
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 10)
	GraphQlOperationMetrics graphQlOperationMetrics(MeterRegistry registry, ObservabilityProperties properties) {
		return new GraphQlOperationMetrics(registry, properties.maxOperationNames());
	}

	/**
	 * First of the instrumentations, so the operation is noted even when a later one
	 * refuses it.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	GraphQlOperationMetrics.OperationNames graphQlOperationNames() {
		return new GraphQlOperationMetrics.OperationNames();
	}

}
