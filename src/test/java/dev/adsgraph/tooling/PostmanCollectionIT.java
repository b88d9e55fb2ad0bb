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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.adsgraph.testing.ExternalTools;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Postman collection run with newman against the packaged jar ({@code java -jar
 * target/adsgraph.jar}) in sandbox mode, on a port it picks: what a person following
 * postman/README.md does. Runs in Maven's integration-test phase, after {@code package}.
 * Output in {@code target/newman/}: the gateway's log, newman's and its JUnit report.
 */
class PostmanCollectionIT {

	private static final Path OUTPUT = Path.of("target", "newman");

	private static final Duration START_UP = Duration.ofMinutes(3);

	private static final Pattern STARTED = Pattern.compile("Netty started on port (\\d+)");

	@Test
	void theCollectionPassesAgainstTheJarInSandboxMode() throws Exception {
		Path newman = ExternalTools.program(Path.of("tools", "node_modules", ".bin", "newman"), "newman",
				"run npm ci --prefix tools (.ci/run does)");
		ExternalTools.onPath("node", "install Node.js");
		Path jar = Path.of("target", "adsgraph.jar");
		assertThat(jar).as("the packaged jar (this test runs after mvn package)").exists();
		Files.createDirectories(OUTPUT);
		Path gatewayLog = OUTPUT.resolve("gateway.log");
		Process gateway = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
				jar.toString(), "--server.port=0", "--server.address=127.0.0.1")
			.redirectErrorStream(true)
			.redirectOutput(gatewayLog.toFile())
			.start();
		try {
			int port = awaitReady(gateway, gatewayLog);
			ExternalTools.Finished run = ExternalTools
				.run(List.of(newman.toString(), "run", "postman/adsgraph.postman_collection.json", "-e",
						"postman/adsgraph.postman_environment.json", "--env-var", "baseUrl=http://127.0.0.1:" + port,
						"--reporters", "cli,junit", "--reporter-junit-export",
						OUTPUT.resolve("newman-junit.xml").toString(), "--color", "off", "--timeout-request", "60000"),
						OUTPUT.resolve("newman.log"), Duration.ofMinutes(5));
			assertThat(run.exitCode())
				.as("newman failed; the end of %s:%n%s", OUTPUT.resolve("newman.log"), run.tail(60))
				.isZero();
			assertThat(run.output()).containsPattern("requests\\s*│\\s*[1-9]\\d*\\s*│\\s*0\\s*│")
				.containsPattern("assertions\\s*│\\s*[1-9]\\d*\\s*│\\s*0\\s*│");
		}
		finally {
			gateway.destroy();
			if (!gateway.waitFor(30, TimeUnit.SECONDS)) {
				gateway.destroyForcibly();
			}
		}
	}

	/**
	 * Waits for the port a gateway started with {@code --server.port=0} logs, then for
	 * its readiness probe, and returns the port; a gateway that exits or never gets ready
	 * fails with its log. (A port found free beforehand could be taken by another process
	 * before the gateway binds it.)
	 */
	static int awaitReady(Process gateway, Path log) throws IOException, InterruptedException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		Instant deadline = Instant.now().plus(START_UP);
		Integer port = null;
		while (Instant.now().isBefore(deadline)) {
			if (!gateway.isAlive()) {
				throw new AssertionError("the gateway exited with " + gateway.exitValue() + ":\n" + tail(log));
			}
			port = (port != null) ? port : loggedPort(log);
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
		throw new AssertionError("the gateway was not ready within " + START_UP.toSeconds() + " s:\n" + tail(log));
	}

	static String tail(Path log) throws IOException {
		List<String> lines = Files.readAllLines(log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	/** The port of Spring Boot's "Netty started on port N" line, once logged. */
	private static Integer loggedPort(Path log) throws IOException {
		if (!Files.exists(log)) {
			return null;
		}
		try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
			return lines.map(STARTED::matcher)
				.filter(Matcher::find)
				.map((started) -> Integer.valueOf(started.group(1)))
				.findFirst()
				.orElse(null);
		}
	}

}
