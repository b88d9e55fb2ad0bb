package dev.adsgraph.tooling;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.adsgraph.testing.GatewayDataFolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged gateway ({@code java -jar target/adsgraph.jar}) in sandbox mode, as the
 * integration tests start it: on a port it picks itself ({@code --server.port=0}, read
 * from Spring Boot's "Netty started on port N" line, so no port found free beforehand can
 * be taken by another process first), ready once its readiness probe answers, its output
 * in a log file; closing it stops the process. Its embedded PostgreSQL keeps its data in
 * a folder of the run under {@code target/packaged-jar-postgres/}, deleted on close
 * unless the caller gave the folder (to start a gateway again on the same data).
 */
final class PackagedJar implements AutoCloseable {

	private static final Duration START_UP = Duration.ofMinutes(3);

	private static final Pattern NETTY_STARTED = Pattern.compile("Netty started on port (\\d+)");

	private static final Pattern APPLICATION_STARTED = Pattern.compile("Started \\w+ in [0-9.]+ seconds");

	private final Process process;

	private final Path log;

	private final int port;

	private final Path dataDirectory;

	private final boolean ownsDataDirectory;

	private PackagedJar(Process process, Path log, Path dataDirectory, boolean ownsDataDirectory)
			throws IOException, InterruptedException {
		this.process = process;
		this.log = log;
		this.dataDirectory = dataDirectory;
		this.ownsDataDirectory = ownsDataDirectory;
		try {
			this.port = awaitReady();
		}
		catch (IOException | InterruptedException | RuntimeException | AssertionError ex) {
			close();
			throw ex;
		}
	}

	/**
	 * Starts the jar with its output copied line by line into {@code log} and the given
	 * environment variables, and waits until it is ready; a gateway that exits or is not
	 * ready within three minutes fails the test with the end of its log.
	 */
	static PackagedJar start(Path log, Map<String, String> environment) throws IOException, InterruptedException {
		return start(log, environment, newDataDirectory(), true);
	}

	/**
	 * As above, with the embedded PostgreSQL's data in {@code dataDirectory}, which the
	 * caller deletes ({@link GatewayDataFolder#stopAndDelete}).
	 */
	static PackagedJar start(Path log, Map<String, String> environment, Path dataDirectory)
			throws IOException, InterruptedException {
		return start(log, environment, dataDirectory, false);
	}

	/** A new folder for a run's PostgreSQL data, under target/. */
	static Path newDataDirectory() {
		return Path.of("target", "packaged-jar-postgres", UUID.randomUUID().toString());
	}

	private static PackagedJar start(Path log, Map<String, String> environment, Path dataDirectory,
			boolean ownsDataDirectory) throws IOException, InterruptedException {
		Path jar = Path.of("target", "adsgraph.jar");
		assertThat(jar).as("the packaged jar (this test runs after mvn package)").exists();
		Files.createDirectories(log.getParent());
		// C1 only, as the test JVMs themselves (pom.xml): a gateway that lives for one
		// test
		// starts sooner without C2's work, and nothing here measures its speed.
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--server.port=0", "--server.address=127.0.0.1",
				"--adsgraph.database.embedded.data-directory=" + dataDirectory)
			.redirectErrorStream(true);
		builder.environment().putAll(environment);
		return new PackagedJar(builder.start(), log, dataDirectory, ownsDataDirectory);
	}

	int port() {
		return this.port;
	}

	/** {@code http://127.0.0.1:<port>}. */
	String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	Path log() {
		return this.log;
	}

	/**
	 * Kills the gateway with SIGKILL, as a crash or the OOM killer would: nothing of it
	 * runs afterwards, so its PostgreSQL server is left running on its data folder.
	 */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

	@Override
	public void close() throws InterruptedException, IOException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			this.process.waitFor();
		}
		if (this.ownsDataDirectory) {
			GatewayDataFolder.stopAndDelete(this.dataDirectory);
		}
	}

	/**
	 * Reads the gateway's output as it comes, copying it into the log, until Spring Boot
	 * says it has started: the port from "Netty started on port N", then the readiness
	 * probe once. Waits on the output itself, never on a timer.
	 */
	private int awaitReady() throws IOException, InterruptedException {
		CompletableFuture<Integer> started = new CompletableFuture<>();
		Thread reader = new Thread(() -> copyOutput(started), "packaged-jar-output");
		reader.setDaemon(true);
		reader.start();
		int port;
		try {
			port = started.get(START_UP.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new AssertionError("the gateway was not ready within " + START_UP.toSeconds() + " s:\n" + tail());
		}
		catch (ExecutionException ex) {
			throw new AssertionError(ex.getCause().getMessage() + ":\n" + tail());
		}
		HttpRequest ready = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(30))
			.build();
		int status = HttpClient.newHttpClient().send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
		assertThat(status).as("readiness once started; the log:%n%s", tail()).isEqualTo(200);
		return port;
	}

	/** Copies the output into the log; completes {@code started} with the port. */
	private void copyOutput(CompletableFuture<Integer> started) {
		Integer port = null;
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
				BufferedWriter copy = Files.newBufferedWriter(this.log, StandardCharsets.UTF_8)) {
			String line;
			while ((line = output.readLine()) != null) {
				copy.write(line);
				copy.newLine();
				copy.flush();
				Matcher netty = NETTY_STARTED.matcher(line);
				if (port == null && netty.find()) {
					port = Integer.valueOf(netty.group(1));
				}
				if (port != null && APPLICATION_STARTED.matcher(line).find()) {
					started.complete(port);
				}
			}
		}
		catch (IOException ex) {
			started.completeExceptionally(ex);
		}
		started.completeExceptionally(new IllegalStateException("the gateway exited before it started"));
	}

	/** The last 40 lines of the gateway's log. */
	String tail() throws IOException {
		List<String> lines = Files.readAllLines(this.log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

}
