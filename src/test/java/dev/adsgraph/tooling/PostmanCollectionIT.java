package dev.adsgraph.tooling;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.adsgraph.testing.ExternalTools;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Postman collection run with newman against the packaged jar ({@code java -jar
 * target/adsgraph.jar}) in sandbox mode, on a free port: what a person following
 * postman/README.md does. Runs in Maven's integration-test phase, after {@code package}.
 * Output in {@code target/newman/}: the gateway's log, newman's and its JUnit report.
 */
class PostmanCollectionIT {

	private static final Path OUTPUT = Path.of("target", "newman");

	private static final Duration START_UP = Duration.ofMinutes(3);

	@Test
	void theCollectionPassesAgainstTheJarInSandboxMode() throws Exception {
		Path newman = ExternalTools.program(Path.of("tools", "node_modules", ".bin", "newman"), "newman",
				"run npm ci --prefix tools (.ci/run does)");
		ExternalTools.onPath("node", "install Node.js");
		Path jar = Path.of("target", "adsgraph.jar");
		assertThat(jar).as("the packaged jar (this test runs after mvn package)").exists();
		Files.createDirectories(OUTPUT);
		int port = freePort();
		Path gatewayLog = OUTPUT.resolve("gateway.log");
		Process gateway = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
				jar.toString(), "--server.port=" + port, "--server.address=127.0.0.1")
			.redirectErrorStream(true)
			.redirectOutput(gatewayLog.toFile())
			.start();
		try {
			awaitReady(gateway, port, gatewayLog);
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
	 * Waits for the readiness probe; a gateway that exits or never gets ready fails with
	 * its log.
	 */
	static void awaitReady(Process gateway, int port, Path log) throws IOException, InterruptedException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest ready = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(5))
			.build();
		Instant deadline = Instant.now().plus(START_UP);
		while (Instant.now().isBefore(deadline)) {
			if (!gateway.isAlive()) {
				throw new AssertionError("the gateway exited with " + gateway.exitValue() + ":\n" + tail(log));
			}
			try {
				if (http.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new AssertionError("the gateway was not ready within " + START_UP.toSeconds() + " s:\n" + tail(log));
	}

	static String tail(Path log) throws IOException {
		List<String> lines = Files.readAllLines(log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
