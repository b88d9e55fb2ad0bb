package dev.adsgraph.tenancy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.adsgraph.tenancy.AdsgraphProperties.AdsCredentialProperties;
import dev.adsgraph.tenancy.AdsgraphProperties.Mode;
import dev.adsgraph.tenancy.AdsgraphProperties.TenantProperties;
import dev.adsgraph.graphql.LimitsProperties;
import dev.adsgraph.testing.ConfigurationBinding;
import dev.adsgraph.testing.MutableClock;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The filter on its own, on a hand-moved clock: buckets per tenant, overrides,
 * Retry-After.
 */
class RequestRateLimitWebFilterTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));

	private final AtomicInteger passed = new AtomicInteger();

	private final TenantRegistry registry = new TenantRegistry(new AdsgraphProperties(Mode.LIVE, null, List
		.of(tenant("slow", "key-of-the-slow-one", 0.5, 1), tenant("default", "key-of-the-default-one", null, null))));

	private static TenantProperties tenant(String id, String key, Double perSecond, Integer burst) {
		return new TenantProperties(id, null, key, null,
				new AdsCredentialProperties("amzn1.application-oa2-client." + id, "s", "Atzr|" + id, List.of("NA")),
				null, perSecond, burst);
	}

	private RequestRateLimitWebFilter filter(RequestBucketStore store) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		if (store != null) {
			beans.addBean("store", store);
		}
		ObjectProvider<RequestBucketStore> stores = beans.getBeanProvider(RequestBucketStore.class);
		LimitsProperties limits = ConfigurationBinding.bind(LimitsProperties.class,
				"adsgraph.limits.requests-per-second=2", "adsgraph.limits.request-burst=2");
		return new RequestRateLimitWebFilter(this.registry, limits, stores, this.clock);
	}

	private MockServerWebExchange send(RequestRateLimitWebFilter filter, String key) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/graphql"));
		this.registry.findByApiKey(key)
			.ifPresent((t) -> exchange.getAttributes().put(ApiKeyWebFilter.TENANT_ATTRIBUTE, t));
		filter.filter(exchange, (e) -> Mono.fromRunnable(this.passed::incrementAndGet)).block(Duration.ofSeconds(5));
		return exchange;
	}

	@Test
	void eachTenantHasItsOwnBucketWithItsOwnRateAndBurst() {
		RequestRateLimitWebFilter filter = filter(null);
		// "slow": burst 1 at 0.5/s; "default": the defaults, burst 2 at 2/s.
		assertThat(send(filter, "key-of-the-slow-one").getResponse().getStatusCode()).isNull();
		MockServerWebExchange refused = send(filter, "key-of-the-slow-one");
		assertThat(refused.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(refused.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("2");
		assertThat(refused.getResponse().getBodyAsString().block()).isEqualTo("{\"errors\":[{\"message\":\"Too many "
				+ "requests for this API key: it may send 0.5 per second with bursts of 1. Retry after 2 s.\","
				+ "\"extensions\":{\"code\":\"RATE_LIMITED\",\"retryAfterSeconds\":2}}]}");

		assertThat(send(filter, "key-of-the-default-one").getResponse().getStatusCode()).isNull();
		assertThat(send(filter, "key-of-the-default-one").getResponse().getStatusCode()).isNull();
		assertThat(send(filter, "key-of-the-default-one").getResponse().getHeaders().getFirst("Retry-After"))
			.isEqualTo("1");
		assertThat(this.passed).hasValue(3);

		// 1.9 s later the slow bucket still lacks a tenth of a token: Retry-After rounds
		// up to 1.
		this.clock.advance(Duration.ofMillis(1900));
		assertThat(send(filter, "key-of-the-slow-one").getResponse().getHeaders().getFirst("Retry-After"))
			.isEqualTo("1");
		this.clock.advance(Duration.ofMillis(100));
		assertThat(send(filter, "key-of-the-slow-one").getResponse().getStatusCode()).isNull();
		assertThat(this.passed).hasValue(4);
	}

	@Test
	void requestsWithoutATenantAreNotCounted() {
		RequestRateLimitWebFilter filter = filter(null);
		for (int i = 0; i < 5; i++) {
			assertThat(send(filter, "nobody's key").getResponse().getStatusCode()).isNull();
		}
		assertThat(send(filter, "key-of-the-slow-one").getResponse().getStatusCode()).isNull();
	}

	@Test
	void aFailingStoreLetsRequestsThrough() {
		RequestRateLimitWebFilter filter = filter((tenant, rate) -> Mono.error(new IllegalStateException("down")));
		for (int i = 0; i < 3; i++) {
			assertThat(send(filter, "key-of-the-slow-one").getResponse().getStatusCode()).isNull();
		}
		assertThat(this.passed).hasValue(3);
	}

	@Test
	void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
		assertThat(RequestRateLimitWebFilter.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
		assertThat(RequestRateLimitWebFilter.retryAfterSeconds(Duration.ofNanos(1))).isEqualTo(1);
		assertThat(RequestRateLimitWebFilter.retryAfterSeconds(Duration.ofSeconds(1))).isEqualTo(1);
		assertThat(RequestRateLimitWebFilter.retryAfterSeconds(Duration.ofMillis(1001))).isEqualTo(2);
		assertThat(RequestRateLimitWebFilter.retryAfterSeconds(Duration.ofSeconds(5))).isEqualTo(5);
	}

	@Test
	void theDefaultsAndTheirChecksNameTheProperty() {
		LimitsProperties defaults = ConfigurationBinding.bind(LimitsProperties.class);
		assertThat(new RequestRate(defaults.requestsPerSecond(), defaults.requestBurst()))
			.isEqualTo(new RequestRate(50, 150));
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(
					() -> ConfigurationBinding.bind(LimitsProperties.class, "adsgraph.limits.requests-per-second=0"))
			.satisfies((ex) -> assertThat(ConfigurationBinding.problems(ex))
				.isEqualTo("adsgraph.limits.requests-per-second: must be greater than 0\n"));
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> ConfigurationBinding.bind(LimitsProperties.class, "adsgraph.limits.request-burst=0"))
			.satisfies((ex) -> assertThat(ConfigurationBinding.problems(ex))
				.isEqualTo("adsgraph.limits.request-burst: must be greater than or equal to 1\n"));
	}

}
