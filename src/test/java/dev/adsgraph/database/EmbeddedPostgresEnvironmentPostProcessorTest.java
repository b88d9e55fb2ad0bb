package dev.adsgraph.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which database the gateway gets: its own embedded PostgreSQL when
 * {@code spring.r2dbc.url} is unset, whose data survives a restart, else the configured
 * one, with Flyway sent to the same server.
 */
class EmbeddedPostgresEnvironmentPostProcessorTest {

	private static ConfigurableEnvironment process(Map<String, Object> properties) {
		ConfigurableEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", new HashMap<>(properties)));
		new EmbeddedPostgresEnvironmentPostProcessor(Supplier::get).postProcessEnvironment(environment,
				new SpringApplication());
		return environment;
	}

	@Test
	void aConfiguredServerGetsTheMigrationsTooAndNoEmbeddedServerStarts() {
		ConfigurableEnvironment environment = process(
				Map.of("spring.r2dbc.url", "r2dbc:postgresql://db.internal:5433/records?sslMode=require",
						"spring.r2dbc.username", "gateway", "spring.r2dbc.password", "secret"));
		assertThat(environment.getProperty("spring.flyway.url"))
			.isEqualTo("jdbc:postgresql://db.internal:5433/records?sslMode=require");
		assertThat(environment.getProperty("spring.flyway.user")).isEqualTo("gateway");
		assertThat(environment.getProperty("spring.flyway.password")).isEqualTo("secret");
		assertThat(environment.getProperty("spring.r2dbc.url"))
			.isEqualTo("r2dbc:postgresql://db.internal:5433/records?sslMode=require");
	}

	@Test
	void flywaysOwnSettingsWin() {
		ConfigurableEnvironment environment = process(
				Map.of("spring.r2dbc.url", "r2dbc:postgresql://db:5432/a", "spring.r2dbc.username", "reader",
						"spring.flyway.url", "jdbc:postgresql://db:5432/a", "spring.flyway.user", "owner"));
		assertThat(environment.getProperty("spring.flyway.user")).isEqualTo("owner");
		assertThat(environment.getPropertySources()
			.contains(EmbeddedPostgresEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)).isFalse();
	}

	@Test
	void anotherDatabaseIsLeftToItsOwnSettings() {
		ConfigurableEnvironment environment = process(Map.of("spring.r2dbc.url", "r2dbc:h2:mem:///test"));
		assertThat(environment.getProperty("spring.flyway.url")).isNull();
	}

	@Test
	void aBadSettingStopsTheStartUpBeforeAnyServerStarts() {
		Path directory = Path.of("target", "embedded-postgres-test", UUID.randomUUID().toString());
		assertThatThrownBy(() -> process(Map.of("adsgraph.database.embedded.data-directory", directory.toString(),
				"adsgraph.database.embedded.port", "70000")))
			.isInstanceOf(BindException.class)
			.hasMessageContaining("adsgraph.database.embedded")
			.rootCause()
			.hasMessageContaining("adsgraph.database.embedded.port");
		assertThat(directory).doesNotExist();
	}

	@Test
	void withoutADatabaseTheEmbeddedServerKeepsItsDataAcrossARestart() throws SQLException {
		Path directory = Path.of("target", "embedded-postgres-test", UUID.randomUUID().toString());
		Map<String, Object> settings = Map.of("adsgraph.database.embedded.data-directory", directory.toString(),
				"adsgraph.database.embedded.database", "records");
		try {
			ConfigurableEnvironment first = process(settings);
			String url = first.getProperty("spring.flyway.url");
			assertThat(url).matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/records");
			assertThat(first.getProperty("spring.r2dbc.url")).isEqualTo(url.replace("jdbc:", "r2dbc:"));
			assertThat(first.getProperty("spring.r2dbc.username")).isEqualTo("postgres");
			assertThat(process(settings).getProperty("spring.flyway.url")).as("one server per folder and JVM")
				.isEqualTo(url);
			try (Connection connection = DriverManager.getConnection(url, "postgres", null);
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE kept (what text)");
				statement.execute("INSERT INTO kept VALUES ('survives a restart')");
			}
			assertThatThrownBy(() -> EmbeddedPostgresServer.stopLeftOver(directory))
				.as("a running gateway's server is not left over")
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("Another running gateway");
			EmbeddedPostgresEnvironmentPostProcessor.stop(directory);

			String again = process(settings).getProperty("spring.flyway.url");
			try (Connection connection = DriverManager.getConnection(again, "postgres", null);
					Statement statement = connection.createStatement();
					ResultSet kept = statement.executeQuery("SELECT what FROM kept")) {
				assertThat(kept.next()).isTrue();
				assertThat(kept.getString(1)).isEqualTo("survives a restart");
			}
		}
		finally {
			EmbeddedPostgresEnvironmentPostProcessor.stop(directory);
			FileSystemUtils.deleteRecursively(directory.toFile());
		}
	}

}
