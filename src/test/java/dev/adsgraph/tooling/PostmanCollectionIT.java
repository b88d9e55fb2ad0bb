package dev.adsgraph.tooling;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.adsgraph.e2e.SandboxGatewayTest;
import dev.adsgraph.testing.ExternalTools;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Postman collection run with newman against the packaged jar ({@code java -jar
 * target/adsgraph.jar}) in sandbox mode, on a port it picks: what a person following
 * postman/README.md does. Runs in Maven's integration-test phase, after {@code package}.
 * Output in {@code target/newman/}: the gateway's log, newman's and its JUnit report.
 * <p>
 * The sandbox's asynchronous work is quick, as in the end-to-end tests
 * ({@link #QUICK_SANDBOX}): with the defaults (registrations pending 3 s, reports 2 s
 * polled after 1 s) the collection spends most of its run waiting, and none of its
 * requests or checks depends on how long the waits are, only on what comes after them.
 */
class PostmanCollectionIT {

	private static final Path OUTPUT = Path.of("target", "newman");

	/**
	 * Registrations pending 300 ms (still PENDING in the registration's answer, as the
	 * collection checks), reports done in 300 ms, polled after 50 ms and at most every
	 * 200 ms: the values of the end-to-end tests (SandboxGatewayTest).
	 */
	static final String QUICK_SANDBOX = Stream
		.of(SandboxGatewayTest.REGISTRATION_DELAY, SandboxGatewayTest.REPORT_PROCESSING_TIME,
				SandboxGatewayTest.REPORT_POLL_INITIAL_DELAY, SandboxGatewayTest.REPORT_POLL_MAX_DELAY)
		.map((property) -> property.split("=", 2))
		.map((pair) -> "\"" + pair[0] + "\":\"" + pair[1] + "\"")
		.collect(Collectors.joining(","));

	@Test
	void theCollectionPassesAgainstTheJarInSandboxMode() throws Exception {
		Path newman = ExternalTools.program(Path.of("tools", "node_modules", ".bin", "newman"), "newman",
				"run npm ci --prefix tools (.ci/run does)");
		ExternalTools.onPath("node", "install Node.js");
		try (PackagedJar gateway = PackagedJar.start(OUTPUT.resolve("gateway.log"),
				Map.of("SPRING_APPLICATION_JSON", "{" + QUICK_SANDBOX + "}"))) {
			ExternalTools.Finished run = ExternalTools.run(List.of(newman.toString(), "run",
					"postman/adsgraph.postman_collection.json", "-e", "postman/adsgraph.postman_environment.json",
					"--env-var", "baseUrl=" + gateway.baseUrl(), "--reporters", "cli,junit", "--reporter-junit-export",
					OUTPUT.resolve("newman-junit.xml").toString(), "--color", "off", "--timeout-request", "60000"),
					OUTPUT.resolve("newman.log"), Duration.ofMinutes(5));
			assertThat(run.exitCode())
				.as("newman failed; the end of %s:%n%s", OUTPUT.resolve("newman.log"), run.tail(60))
				.isZero();
			assertThat(run.output()).containsPattern("requests\\s*│\\s*[1-9]\\d*\\s*│\\s*0\\s*│")
				.containsPattern("assertions\\s*│\\s*[1-9]\\d*\\s*│\\s*0\\s*│");
		}
	}

}
