package dev.adsgraph.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} (Debian's package) for the tests of Redis mode: one per
 * test JVM, started on first use with a temporary directory and stopped when the JVM
 * exits. Where {@code redis-server} is not installed the calling test is skipped, or
 * fails under {@code ADSGRAPH_REQUIRE_TOOLS=1} ({@code .ci/run} installs it).
 * <p>
 * The port: Redis cannot bind port 0 and report the port it got, and a port found free by
 * opening and closing a socket may be taken again before Redis binds it. So the server
 * itself is the test: it is started on a random port outside Linux's ephemeral range
 * (where the kernel picks outgoing ports) and, when that port is taken ("Address already
 * in use"), started again on another. Once it is up, the port is held by it for the rest
 * of the run. Clients use a plain {@code redis://127.0.0.1:port} URL, exactly as a
 * deployment would.
 * <p>
 * Tests share the server: each keeps to keys of its own (its own key prefix, sellers or
 * credentials) rather than flushing what another test may be using.
 */
public final class RedisServer {

	private static final String INSTALL = "install Debian's redis-server (apt-get install redis-server), as .ci/run does";

	/** Below 32768, where Linux's ephemeral range begins. */
	private static final int LOWEST_PORT = 20_000;

	private static final int HIGHEST_PORT = 32_000;

	private static final int ATTEMPTS = 20;

	private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

	private static RedisServer shared;

	private volatile Process process;

	private final int port;

	private final Path directory;

	private final Path program;

	private RedisServer(Process process, int port, Path directory, Path program) {
		this.process = process;
		this.port = port;
		this.directory = directory;
		this.program = program;
	}

	/**
	 * The JVM's server, started on first use; skips (or fails) the calling test when
	 * {@code redis-server} is missing.
	 */
	public static synchronized RedisServer shared() {
		if (shared == null) {
			Path program = ExternalTools.onPath("redis-server", INSTALL);
			RedisServer started = start(program);
			Runtime.getRuntime().addShutdownHook(new Thread(started::close, "redis-server-stop"));
			shared = started;
		}
		return shared;
	}

	/**
	 * A server of the calling test's own, for tests that stop and start it (Redis going
	 * down mid-run); {@link #close()} it at the end. Skips (or fails) the calling test
	 * when {@code redis-server} is missing.
	 */
	public static RedisServer startPrivate() {
		RedisServer started = start(ExternalTools.onPath("redis-server", INSTALL));
		Runtime.getRuntime().addShutdownHook(new Thread(started::close, "redis-server-stop"));
		return started;
	}

	/** Stops the server as a crash would look to clients (connections drop). */
	public void stop() {
		Process running = this.process;
		running.destroy();
		try {
			if (!running.waitFor(5, TimeUnit.SECONDS)) {
				running.destroyForcibly();
				running.waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Starts the stopped server again on its port, empty (nothing is saved); fails when
	 * the port was taken meanwhile.
	 */
	public void restart() {
		Path log = this.directory.resolve("redis-" + this.port + "-again-" + System.nanoTime() + ".log");
		Process again = launch(this.program, this.port, this.directory, log);
		String outcome = awaitReady(again, log);
		if (outcome != null) {
			again.destroyForcibly();
			throw new AssertionError("redis-server did not start again on " + this.port + ": " + outcome);
		}
		this.process = again;
	}

	/** What {@code spring.data.redis.url} is set to. */
	public String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	public int port() {
		return this.port;
	}

	private static RedisServer start(Path program) {
		Path directory;
		try {
			directory = Files.createTempDirectory("adsgraph-redis");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		String lastFailure = "";
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(LOWEST_PORT, HIGHEST_PORT);
			Path log = directory.resolve("redis-" + port + ".log");
			Process process = launch(program, port, directory, log);
			String outcome = awaitReady(process, log);
			if (outcome == null) {
				return new RedisServer(process, port, directory, program);
			}
			process.destroyForcibly();
			lastFailure = outcome;
			if (!outcome.contains("Address already in use")) {
				break;
			}
		}
		throw new AssertionError("redis-server did not start: " + lastFailure);
	}

	private static Process launch(Path program, int port, Path directory, Path log) {
		// No persistence (nothing to clean up but the directory), loopback only, no
		// protected mode prompts; the log goes to a file that start-up is read from.
		List<String> command = List.of(program.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
				"--dir", directory.toString(), "--save", "", "--appendonly", "no", "--daemonize", "no", "--logfile",
				log.toString(), "--protected-mode", "yes");
		try {
			return new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(directory.resolve(log.getFileName() + ".out").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not start " + program, ex);
		}
	}

	/** Null once the server accepts connections; otherwise why it did not start. */
	private static String awaitReady(Process process, Path log) {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			String text = read(log);
			if (text.contains("Ready to accept connections")) {
				return null;
			}
			if (!process.isAlive()) {
				return "exited with " + process.exitValue() + ": " + text;
			}
			try {
				process.waitFor(20, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return "interrupted";
			}
		}
		return "not ready within " + START_TIMEOUT.toSeconds() + " s: " + read(log);
	}

	private static String read(Path log) {
		try {
			return Files.isRegularFile(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

	/** Stops the server and removes its directory. */
	public void close() {
		if (this.process.isAlive()) {
			stop();
		}
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// A temporary directory left behind is no failure.
		}
	}

}
