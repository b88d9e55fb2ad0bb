package dev.adsgraph.idempotency;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.r2dbc.core.DatabaseClient;

import dev.adsgraph.ClockConfiguration;
import dev.adsgraph.testing.ConfigurationBinding;
import dev.adsgraph.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The beans and {@code adsgraph.idempotency.*} binding, without starting the application.
 */
class IdempotencyConfigurationTest {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(ClockConfiguration.class, IdempotencyConfiguration.class)
		.withBean(DatabaseClient.class, TestDatabase::migrated);

	@Test
	void defaultsAreThoseDocumented() {
		this.context.run((context) -> {
			assertThat(context).hasSingleBean(IdempotencyExecutor.class)
				.hasSingleBean(PostgresIdempotencyStore.class)
				.hasSingleBean(IdempotencyConfiguration.IdempotencyPurge.class);
			assertThat(context.getBean(IdempotencyProperties.class))
				.isEqualTo(new IdempotencyProperties(Duration.ofHours(24), Duration.ofMinutes(5)));
		});
	}

	@Test
	void propertiesOverrideTheDefaults() {
		this.context
			.withPropertyValues("adsgraph.idempotency.retention=2h", "adsgraph.idempotency.in-flight-timeout=90s")
			.run((context) -> assertThat(context.getBean(IdempotencyProperties.class))
				.isEqualTo(new IdempotencyProperties(Duration.ofHours(2), Duration.ofSeconds(90))));
	}

	@Test
	void anInvalidValueStopsStartUpNamingTheProperty() {
		for (String[] bad : new String[][] {
				{ "adsgraph.idempotency.retention=0s", "adsgraph.idempotency.retention: must be longer than 0" },
				{ "adsgraph.idempotency.in-flight-timeout=-1s",
						"adsgraph.idempotency.in-flight-timeout: must be longer than 0" } }) {
			this.context.withPropertyValues(bad[0]).run((context) -> {
				assertThat(context).hasFailed();
				assertThat(ConfigurationBinding.problems(context.getStartupFailure())).isEqualTo(bad[1] + "\n");
			});
		}
	}

	@Test
	void anIdempotencyStoreBeanReplacesThePostgresOne() {
		IdempotencyStore shared = mock(IdempotencyStore.class);
		this.context.withBean(IdempotencyStore.class, () -> shared).run((context) -> {
			assertThat(context).doesNotHaveBean(PostgresIdempotencyStore.class)
				.doesNotHaveBean(IdempotencyConfiguration.IdempotencyPurge.class);
			assertThat(context.getBean(IdempotencyStore.class)).isSameAs(shared);
		});
	}

}
