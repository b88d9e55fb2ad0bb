package dev.adsgraph.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.IgnoreTopLevelConverterNotFoundBindHandler;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * Gives the gateway a database when none is configured: unless {@code spring.r2dbc.url}
 * is set, it starts an {@link EmbeddedPostgresServer} on
 * {@code adsgraph.database.embedded.data-directory} before the context exists (one per
 * folder and JVM), creates the gateway's database there, and sets Spring Boot's
 * {@code spring.r2dbc.*} and {@code spring.flyway.*} properties to it. The server stops
 * after the application's contexts have closed, when the JVM exits (or, when Spring halts
 * the JVM on refresh, just before: {@link EmbeddedPostgresExitOnRefresh}).
 * <p>
 * With {@code spring.r2dbc.url} set to a PostgreSQL server and no
 * {@code spring.flyway.url}, the migrations are sent to the same server: Flyway's URL,
 * user and password are derived from R2DBC's.
 */
public class EmbeddedPostgresEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "adsgraphDatabase";

	private static final Pattern R2DBC_POSTGRESQL = Pattern
		.compile("r2dbc:(?:pool:)?postgres(?:ql)?://([^?]*)(\\?.*)?");

	/** The servers this JVM started, by data folder. */
	private static final Map<Path, EmbeddedPostgresServer> SERVERS = new ConcurrentHashMap<>();

	private final Log logger;

	public EmbeddedPostgresEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(EmbeddedPostgresEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return;
		}
		String r2dbcUrl = environment.getProperty("spring.r2dbc.url");
		if (r2dbcUrl != null && !r2dbcUrl.isBlank()) {
			Map<String, Object> derived = flywayFromR2dbc(environment, r2dbcUrl);
			if (!derived.isEmpty()) {
				environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, derived));
			}
			return;
		}
		EmbeddedDatabaseProperties properties = bind(environment);
		Path directory = Path.of(properties.dataDirectory()).toAbsolutePath().normalize();
		EmbeddedPostgresServer server = SERVERS.computeIfAbsent(directory, (key) -> {
			stopLeftOver(key);
			// A system of record: every commit is on disk before it is acknowledged.
			EmbeddedPostgresServer started = EmbeddedPostgresServer.start(key, properties.port(),
					Map.of("synchronous_commit", "on"), false);
			SpringApplication.getShutdownHandlers().add(() -> {
				SERVERS.remove(key, started);
				started.close();
			});
			return started;
		});
		server.createDatabase(properties.database());
		environment.getPropertySources()
			.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, connection(server, properties.database())));
		this.logger
			.info("Embedded PostgreSQL (no spring.r2dbc.url configured) at " + server.jdbcUrl(properties.database())
					+ ", user " + EmbeddedPostgresServer.USER + ", data in " + server.dataDirectory());
	}

	/**
	 * Stops every server this JVM started, before Spring halts it
	 * ({@link EmbeddedPostgresExitOnRefresh}).
	 */
	static void stopAll() {
		SERVERS.keySet().forEach(EmbeddedPostgresEnvironmentPostProcessor::stop);
	}

	/** Stops the server this JVM runs on {@code dataDirectory}, if any (for tests). */
	static void stop(Path dataDirectory) {
		EmbeddedPostgresServer server = SERVERS.remove(dataDirectory.toAbsolutePath().normalize());
		if (server != null) {
			server.close();
		}
	}

	@Override
	public int getOrder() {
		// After config data is loaded, so spring.r2dbc.url from application.yml or a
		// profile is seen.
		return Ordered.LOWEST_PRECEDENCE - 10;
	}

	private void stopLeftOver(Path directory) {
		try {
			EmbeddedPostgresServer.stopLeftOver(directory)
				.ifPresent((pid) -> this.logger.warn("Stopped the PostgreSQL server (pid " + pid + ") left running in "
						+ directory + " by a gateway that did not stop it; starting it again on the same data"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Boot's R2DBC and Flyway properties for a database of an embedded server. */
	public static Map<String, Object> connection(EmbeddedPostgresServer server, String database) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.r2dbc.url", server.r2dbcUrl(database));
		properties.put("spring.r2dbc.username", EmbeddedPostgresServer.USER);
		properties.put("spring.flyway.url", server.jdbcUrl(database));
		properties.put("spring.flyway.user", EmbeddedPostgresServer.USER);
		return properties;
	}

	private static Map<String, Object> flywayFromR2dbc(ConfigurableEnvironment environment, String r2dbcUrl) {
		Map<String, Object> derived = new LinkedHashMap<>();
		Matcher postgresql = R2DBC_POSTGRESQL.matcher(r2dbcUrl.strip());
		if (environment.containsProperty("spring.flyway.url") || !postgresql.matches()) {
			return derived;
		}
		derived.put("spring.flyway.url", "jdbc:postgresql://" + postgresql.group(1)
				+ ((postgresql.group(2) != null) ? postgresql.group(2) : ""));
		String user = environment.getProperty("spring.r2dbc.username");
		if (user != null && !environment.containsProperty("spring.flyway.user")) {
			derived.put("spring.flyway.user", user);
		}
		String password = environment.getProperty("spring.r2dbc.password");
		if (password != null && !environment.containsProperty("spring.flyway.password")) {
			derived.put("spring.flyway.password", password);
		}
		return derived;
	}

	/**
	 * Binds and validates {@code adsgraph.database.embedded.*} as the context would, so a
	 * bad value stops the start-up with the same message, before any server starts.
	 */
	private static EmbeddedDatabaseProperties bind(ConfigurableEnvironment environment) {
		try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
			return Binder.get(environment)
				.bindOrCreate("adsgraph.database.embedded", Bindable.of(EmbeddedDatabaseProperties.class),
						new ValidationBindHandler(new IgnoreTopLevelConverterNotFoundBindHandler(),
								new SpringValidatorAdapter(validation.getValidator())));
		}
	}

}
