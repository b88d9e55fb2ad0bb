package dev.adsgraph.graphql;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.util.unit.DataSize;

import dev.adsgraph.testing.ConfigurationBinding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * adsgraph.limits: once two records, now one; its defaults and refusals are unchanged.
 */
class LimitsPropertiesTest {

	@Test
	void theDefaultsAreThoseDocumented() {
		assertThat(LimitsProperties.defaults()).isEqualTo(ConfigurationBinding.bind(LimitsProperties.class))
			.isEqualTo(new LimitsProperties(12, 10_000, 10, 30, 20_000, 5, 100, DataSize.ofKilobytes(100), true, 50,
					150, 50_000));
	}

	@Test
	void aBadValueIsRefusedNamingTheProperty() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> ConfigurationBinding.bind(LimitsProperties.class, "adsgraph.limits.max-depth=0"))
			.satisfies((ex) -> assertThat(ConfigurationBinding.problems(ex))
				.isEqualTo("adsgraph.limits.max-depth: must be greater than 0\n"));
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> ConfigurationBinding.bind(LimitsProperties.class, "adsgraph.limits.max-body-size=0B"))
			.satisfies((ex) -> assertThat(ConfigurationBinding.problems(ex))
				.isEqualTo("adsgraph.limits.max-body-size must be positive, was 0B"));
		assertThatExceptionOfType(BindException.class).isThrownBy(
				() -> ConfigurationBinding.bind(LimitsProperties.class, "adsgraph.limits.requests-per-second=Infinity"))
			.satisfies((ex) -> assertThat(ConfigurationBinding.problems(ex))
				.isEqualTo("adsgraph.limits.requests-per-second must be a finite number"));
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> ConfigurationBinding.bind(LimitsProperties.class, "adsgraph.limits.max-complexity=20000",
					"adsgraph.limits.complexity-in-flight=19999"))
			.satisfies((ex) -> assertThat(ConfigurationBinding.problems(ex)).isEqualTo(
					"adsgraph.limits.complexity-in-flight (19999) must be at least adsgraph.limits.max-complexity (20000), so that every operation the limits let through can run"));
	}

}
