package dev.adsgraph.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import org.flywaydb.core.Flyway;

import org.springframework.r2dbc.core.DatabaseClient;

import dev.adsgraph.database.EmbeddedPostgresEnvironmentPostProcessor;
import dev.adsgraph.database.EmbeddedPostgresServer;

/**
 * The one PostgreSQL server of a test JVM: started at first use in a temporary folder
 * (deleted when the JVM exits, with the server), shared by every Spring context and test
 * of the JVM, each of which takes a database of its own with the gateway's schema
 * ({@link #create()}), so no test sees another's rows. Durability is traded for speed (no
 * fsync): a test never outlives the server.
 */
public final class TestDatabase {

	/**
	 * The key the connections' refresh tokens are encrypted under in tests (a fixed test
	 * value, so a gateway restarted on the same database reads them).
	 */
	public static final String ENCRYPTION_KEY_ID = "test";

	public static final String ENCRYPTION_KEY = "dGVzdC1vbmx5LWtleS1mb3ItYWRzZ3JhcGgtdGVzdHM=";

	private static final AtomicInteger DATABASES = new AtomicInteger();

	private static final String TEMPLATE = "test_template";

	private static EmbeddedPostgresServer server;

	private static boolean templateMigrated;

	private TestDatabase() {
	}

	/** The shared server, started on first use. */
	public static synchronized EmbeddedPostgresServer server() {
		if (server == null) {
			try {
				server = EmbeddedPostgresServer.start(Files.createTempDirectory("adsgraph-test-postgres"), 0,
						Map.of("fsync", "off", "full_page_writes", "off", "synchronous_commit", "off"), true);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return server;
	}

	/**
	 * Creates a database with the gateway's migrations applied on the shared server and
	 * answers its name. It is a copy of a template migrated once per JVM, so an
	 * application's Flyway finds its schema up to date instead of migrating each time.
	 */
	public static String create() {
		String name = "test_" + DATABASES.incrementAndGet();
		server().createDatabase(name, template());
		return name;
	}

	private static synchronized String template() {
		if (!templateMigrated) {
			server().createDatabase(TEMPLATE);
			Flyway.configure()
				.dataSource(server().jdbcUrl(TEMPLATE), EmbeddedPostgresServer.USER, null)
				.load()
				.migrate();
			templateMigrated = true;
		}
		return TEMPLATE;
	}

	/**
	 * Spring Boot's properties for {@code database}: R2DBC and Flyway, with a small
	 * connection pool (a test JVM holds many contexts at once, all on one server).
	 */
	public static Map<String, Object> properties(String database) {
		Map<String, Object> properties = new LinkedHashMap<>(
				EmbeddedPostgresEnvironmentPostProcessor.connection(server(), database));
		properties.put("spring.r2dbc.pool.initial-size", "1");
		properties.put("spring.r2dbc.pool.max-size", "4");
		properties.put("adsgraph.connections.encryption-keys." + ENCRYPTION_KEY_ID, ENCRYPTION_KEY);
		return properties;
	}

	/** The same properties as command-line arguments ({@code --name=value}). */
	public static String[] arguments(String database) {
		return properties(database).entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
	}

	/**
	 * A new database with the gateway's migrations applied, and a client on it (without a
	 * pool), for tests of one store without an application.
	 */
	public static DatabaseClient migrated() {
		return client(create());
	}

	/** A client of the database {@code name} on the shared server. */
	public static DatabaseClient client(String name) {
		ConnectionFactory connections = ConnectionFactories
			.get(server().r2dbcUrl(name).replace("://", "://" + EmbeddedPostgresServer.USER + "@"));
		return DatabaseClient.create(connections);
	}

}
