package dev.adsgraph.tooling;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged gateway ({@code java -jar target/adsgraph.jar}) in sandbox mode, as the
 * integration tests start it: on a port it picks itself ({@code --server.port=0}, read
 * from Spring Boot's "Netty started on port N" line, so no port found free beforehand can
 * be taken by another process first), ready once its readiness probe answers, its output
 * in a log file; closing it stops the process.
 */
final class PackagedJar implements AutoCloseable {

	private static final Duration START_UP = Duration.ofMinutes(3);

	private static final Pattern STARTED = Pattern.compile("Netty started on port (\\d+)");

	private final Process process;

	private final Path log;

	private final int port;

	private PackagedJar(Process process, Path log) throws IOException, InterruptedException {
		this.process = process;
		this.log = log;
		try {
			this.port = awaitReady();
		}
		catch (IOException | InterruptedException | RuntimeException | AssertionError ex) {
			close();
			throw ex;
		}
	}

	/**
	 * Starts the jar with its output in {@code log} and the given environment variables,
	 * and waits until it is ready; a gateway that exits or is not ready within three
	 * minutes fails the test with the end of its log.
	 */
	static PackagedJar start(Path log, Map<String, String> environment) throws IOException, InterruptedException {
		Path jar = Path.of("target", "adsgraph.jar");
		assertThat(jar).as("the packaged jar (this test runs after mvn package)").exists();
		Files.createDirectories(log.getParent());
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", jar.toString(), "--server.port=0", "--server.address=127.0.0.1")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		return new PackagedJar(builder.start(), log);
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

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	private int awaitReady() throws IOException, InterruptedException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		Instant deadline = Instant.now().plus(START_UP);
		Integer port = null;
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new AssertionError("the gateway exited with " + this.process.exitValue() + ":\n" + tail());
			}
			port = (port != null) ? port : loggedPort();
			if (port != null) {
				HttpRequest ready = HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
					.timeout(Duration.ofSeconds(5))
					.build();
				try {
					if (http.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
						return port;
					}
				}
				catch (IOException ex) {
					// not answering yet
				}
			}
			Thread.sleep(500);
		}
		throw new AssertionError("the gateway was not ready within " + START_UP.toSeconds() + " s:\n" + tail());
	}

	/** The last 40 lines of the gateway's log. */
	String tail() throws IOException {
		List<String> lines = Files.readAllLines(this.log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	private Integer loggedPort() throws IOException {
		if (!Files.exists(this.log)) {
			return null;
		}
		try (Stream<String> lines = Files.lines(this.log, StandardCharsets.UTF_8)) {
			return lines.map(STARTED::matcher)
				.filter(Matcher::find)
				.map((started) -> Integer.valueOf(started.group(1)))
				.findFirst()
				.orElse(null);
		}
	}

}
