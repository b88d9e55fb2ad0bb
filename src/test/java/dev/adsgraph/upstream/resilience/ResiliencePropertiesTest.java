package dev.adsgraph.upstream.resilience;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;

import dev.adsgraph.testing.ConfigurationBinding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ResiliencePropertiesTest {

	@Test
	void theDefaultsAreThoseDocumented() {
		ResilienceProperties defaults = ResilienceProperties.defaults();
		assertThat(defaults).isEqualTo(ConfigurationBinding.bind(ResilienceProperties.class));
		assertThat(defaults.retry()).isEqualTo(new ResilienceProperties.Retry(5, Duration.ofMillis(250),
				Duration.ofSeconds(4), 0.5, Duration.ofSeconds(10), Duration.ofSeconds(30)));
		assertThat(defaults.circuitBreaker())
			.isEqualTo(new ResilienceProperties.CircuitBreaker(true, 50, 20, 10, Duration.ofSeconds(30), 3));
		assertThat(defaults.bulkhead()).isEqualTo(new ResilienceProperties.Bulkhead(32, 32, 4, Duration.ofSeconds(10)));
		assertThat(defaults.tenantBackoff())
			.isEqualTo(new ResilienceProperties.TenantBackoff(Duration.ofSeconds(2), Duration.ofSeconds(10)));
		assertThat(defaults.operations()).isEqualTo(Map.of());
		assertThat(defaults.concurrencyLimit())
			.isEqualTo(new ResilienceProperties.ConcurrencyLimit(true, 32, 32, 256, Duration.ofMillis(250), 10, 1, 30));
	}

	@Test
	void operationOverridesAreFoundWhateverTheirCase() {
		ResilienceProperties properties = ConfigurationBinding.bind(ResilienceProperties.class,
				"adsgraph.upstream.resilience.operations.listProfiles.max-attempts=2",
				"adsgraph.upstream.resilience.operations.listProfiles.response-timeout=3s");
		assertThat(properties.maxAttempts("LISTPROFILES")).isEqualTo(2);
		assertThat(properties.operation("listprofiles").responseTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(properties.maxAttempts("getProfile")).isEqualTo(5);
	}

	@Test
	void valuesOutOfRangeAreRefusedNamingTheProperty() {
		Map<String, String> refusals = Map.of("retry.max-attempts=21",
				"retry.max-attempts: must be less than or equal to 20", "retry.jitter=1.5",
				"retry.jitter: must be less than or equal to 1", "circuit-breaker.failure-rate-threshold=0",
				"circuit-breaker.failure-rate-threshold: must be greater than 0", "bulkhead.lwa=0",
				"bulkhead.lwa: must be greater than or equal to 1", "tenant-backoff.max-wait=-1s",
				"tenant-backoff.max-wait: must be longer than or equal to 0", "operations.listProfiles.max-attempts=0",
				"operations.listprofiles.max-attempts: must be greater than or equal to 1",
				"concurrency-limit.window-samples=5",
				"concurrency-limit.window-samples: must be greater than or equal to 10");
		refusals.forEach((setting, problem) -> assertThatExceptionOfType(BindException.class).as(setting)
			.isThrownBy(() -> ConfigurationBinding.bind(ResilienceProperties.class,
					"adsgraph.upstream.resilience." + setting))
			.satisfies((ex) -> assertThat(ConfigurationBinding.problems(ex))
				.isEqualTo("adsgraph.upstream.resilience." + problem + "\n")));
	}

}
