package dev.adsgraph.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server run by this JVM (zonky's embedded PostgreSQL: the real server's
 * binaries, unpacked once into the temporary folder by {@link PostgresBinaries}) with its
 * data in a folder of its own, listening on the loopback interface only, with the
 * superuser {@code postgres} trusted there and no password.
 * <p>
 * A gateway killed without a chance to stop its server (SIGKILL) leaves that server
 * running on its data folder; {@link #stopLeftOver} stops it (as a smart shutdown: its
 * clients died with the gateway) before a new one starts on the same data.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

	/** How long a server left running by a killed gateway has to stop. */
	private static final Duration ORPHAN_STOP = Duration.ofSeconds(30);

	/** How long PostgreSQL has to accept connections after it is started. */
	private static final Duration START_UP = Duration.ofSeconds(60);

	/** The file zonky's server locks in its data folder while it runs. */
	private static final String LOCK_FILE = "epg-lock";

	/** The superuser initdb creates; the server trusts it on the loopback interface. */
	public static final String USER = "postgres";

	private final EmbeddedPostgres postgres;

	private final Path dataDirectory;

	private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
		this.postgres = postgres;
		this.dataDirectory = dataDirectory;
	}

	/**
	 * Starts a server on {@code dataDirectory} (created with initdb when it holds none).
	 * @param port 0 for a free port
	 * @param settings PostgreSQL settings ({@code -c name=value}) over zonky's defaults
	 * @param temporary the data is deleted when the server stops, and the server stops
	 * when the JVM exits; otherwise the caller stops it
	 */
	public static EmbeddedPostgresServer start(Path dataDirectory, int port, Map<String, String> settings,
			boolean temporary) {
		Path directory = dataDirectory.toAbsolutePath().normalize();
		try {
			Files.createDirectories(directory);
			Path binaries = PostgresBinaries.prepare(PostgresBinaries.workingDirectory());
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setOverrideWorkingDirectory(binaries.getParent().toFile())
				.setDataDirectory(directory)
				.setCleanDataDirectory(temporary)
				.setRegisterShutdownHook(temporary)
				.setPort(port)
				.setPGStartupWait(START_UP)
				.setServerConfig("listen_addresses", "127.0.0.1");
			settings.forEach(builder::setServerConfig);
			return new EmbeddedPostgresServer(builder.start(), directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + directory, ex);
		}
	}

	public int port() {
		return this.postgres.getPort();
	}

	public Path dataDirectory() {
		return this.dataDirectory;
	}

	/** {@code r2dbc:postgresql://127.0.0.1:<port>/<database>}. */
	public String r2dbcUrl(String database) {
		return "r2dbc:postgresql://127.0.0.1:" + port() + "/" + database;
	}

	/** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}. */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
	}

	/**
	 * Creates the database unless it exists; {@code name} must be a plain identifier.
	 * @return whether it was created
	 */
	public boolean createDatabase(String name) {
		return createDatabase(name, null);
	}

	/**
	 * Creates the database as a copy of {@code template} (no one may be connected to it)
	 * unless it exists; names must be plain identifiers. The copy is of the template's
	 * files ({@code STRATEGY FILE_COPY}): for a small template, several times faster than
	 * PostgreSQL's default of writing every block to the WAL.
	 * @param template null for PostgreSQL's own template
	 * @return whether it was created
	 */
	public boolean createDatabase(String name, String template) {
		for (String identifier : (template != null) ? List.of(name, template) : List.of(name)) {
			if (!identifier.matches("[a-z_][a-z0-9_]{0,62}")) {
				throw new IllegalArgumentException("not a plain PostgreSQL identifier: " + identifier);
			}
		}
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection()) {
			try (PreparedStatement exists = connection
				.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
				exists.setString(1, name);
				try (ResultSet found = exists.executeQuery()) {
					if (found.next()) {
						return false;
					}
				}
			}
			try (Statement create = connection.createStatement()) {
				create.execute("CREATE DATABASE " + name
						+ ((template != null) ? " TEMPLATE " + template + " STRATEGY FILE_COPY" : ""));
			}
			return true;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create the database " + name + " on the embedded PostgreSQL",
					ex);
		}
	}

	/** Stops the server (a fast shutdown: open sessions are ended). */
	@Override
	public void close() {
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Stops the postmaster that {@code postmaster.pid} in {@code directory} names if it
	 * is still running: a gateway killed without stopping its server left it there.
	 */
	public static OptionalLong stopLeftOver(Path directory) throws IOException {
		refuseIfInUse(directory);
		Path pidFile = directory.resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return OptionalLong.empty();
		}
		List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
		if (lines.isEmpty() || !lines.get(0).strip().matches("\\d{1,10}")) {
			return OptionalLong.empty();
		}
		Optional<ProcessHandle> running = ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
			.filter(ProcessHandle::isAlive)
			.filter((
					process) -> process.info().command().map((command) -> command.endsWith("/postgres")).orElse(false));
		if (running.isEmpty()) {
			return OptionalLong.empty();
		}
		ProcessHandle orphan = running.get();
		orphan.destroy();
		try {
			orphan.onExit().get(ORPHAN_STOP.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while stopping the PostgreSQL server left in " + directory, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IOException("The PostgreSQL server (pid " + orphan.pid() + ") left running in " + directory
					+ " did not stop within " + ORPHAN_STOP.toSeconds() + " s; stop it, then start again", ex);
		}
		return OptionalLong.of(orphan.pid());
	}

	/**
	 * Fails when a running gateway (this JVM or another) holds the folder's lock: its
	 * server is not left over, and two servers cannot share one folder.
	 */
	private static void refuseIfInUse(Path directory) throws IOException {
		Path lock = directory.resolve(LOCK_FILE);
		if (!Files.exists(lock)) {
			return;
		}
		boolean held;
		try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
			try (FileLock mine = channel.tryLock()) {
				held = (mine == null);
			}
			catch (OverlappingFileLockException ex) {
				held = true;
			}
		}
		if (held) {
			throw new IllegalStateException("Another running gateway keeps its embedded PostgreSQL in " + directory
					+ "; give this one a folder of its own (adsgraph.database.embedded.data-directory) or stop the other");
		}
	}

}
