package dev.adsgraph.testing;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In tests, every application without {@code spring.r2dbc.url} gets a fresh database on
 * the JVM's one PostgreSQL server ({@link TestDatabase}) instead of starting an embedded
 * server of its own in {@code ./data/postgres}. Runs before the gateway's
 * {@code EmbeddedPostgresEnvironmentPostProcessor}, which then finds the URL set. A test
 * that restarts the gateway on the same database passes
 * {@link TestDatabase#arguments(String)} itself.
 */
public class TestDatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	private static final String PROPERTY_SOURCE_NAME = "adsgraphTestDatabase";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)
				|| environment.containsProperty("spring.r2dbc.url")) {
			return;
		}
		environment.getPropertySources()
			.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, TestDatabase.properties(TestDatabase.create())));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 20;
	}

}
