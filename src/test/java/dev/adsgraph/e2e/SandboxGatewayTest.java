package dev.adsgraph.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application on a random port with the built-in sandbox, driven over HTTP.
 * Test classes with the same configuration share one application (and one sandbox); a
 * class that counts upstream calls from a cold start declares a configuration of its own.
 * <p>
 * The sandbox's time is compressed (a registration takes 300 ms, not Amazon's 3 to 30 s,
 * and tests settle registrations at once), so the ads account reads are not reused
 * ({@code adsgraph.accounts.freshness=0s}, in-flight sharing only): a test reads what it
 * has just changed in the sandbox. {@code AdsAccountFreshnessTest} tests the window.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { SandboxGatewayTest.REGISTRATION_DELAY, SandboxGatewayTest.REPORT_PROCESSING_TIME,
				SandboxGatewayTest.REPORT_POLL_INITIAL_DELAY, SandboxGatewayTest.REPORT_POLL_MAX_DELAY,
				"adsgraph.accounts.freshness=0s" })
public abstract class SandboxGatewayTest {

	public static final String REGISTRATION_DELAY = "adsgraph.sandbox.registration-delay=300ms";

	public static final String REPORT_PROCESSING_TIME = "adsgraph.sandbox.report-processing-time=300ms";

	public static final String REPORT_POLL_INITIAL_DELAY = "adsgraph.reports.poll-initial-delay=50ms";

	public static final String REPORT_POLL_MAX_DELAY = "adsgraph.reports.poll-max-delay=200ms";

	/**
	 * The configuration of an application (and a sandbox) that sees no upstream call but
	 * the ones its test classes count: the classes sharing it either make none
	 * ({@code CorsTest}, {@code HealthProbesTest}) or count them from a cold start
	 * ({@code UpstreamCallCountTest}), so each finds the sandbox as the others left it.
	 * One allowed CORS origin is the only setting any of them needs.
	 */
	static final String QUIET_SANDBOX = "adsgraph.cors.allowed-origins=https://dashboard.example.com";

	@LocalServerPort
	int port;

	@Value("${adsgraph.sandbox.url}")
	String sandboxUrl;

	GatewayClient client;

	@BeforeEach
	void connect() {
		this.client = new GatewayClient(this.port, this.sandboxUrl);
	}

	/**
	 * The gateway follows Amazon's guidance on every upstream call it made: the sandbox
	 * serves a user-agent without Language=, or an Accept or Content-Type other than the
	 * spec's, as Amazon does, and records each as a warning, which must stay empty.
	 */
	@AfterEach
	void gatewayFollowedAmazonsGuidance() {
		assertThat(this.client.sandboxWarnings()).as("requests the sandbox recorded as off Amazon's guidance")
			.isEmpty();
	}

	/**
	 * Asks again every 100 ms until the answer satisfies the condition, for at most 10 s.
	 */
	static <T> T eventually(Supplier<T> ask, Predicate<T> done) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		T answer = ask.get();
		while (!done.test(answer) && Instant.now().isBefore(deadline)) {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
			answer = ask.get();
		}
		assertThat(done.test(answer)).as("condition reached within 10 s; last answer: %s", answer).isTrue();
		return answer;
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> errors(Map<String, Object> answer) {
		Object errors = answer.get("errors");
		return (errors != null) ? (List<Map<String, Object>>) errors : List.of();
	}

	static void assertNoErrors(Map<String, Object> answer) {
		assertThat(errors(answer)).as("errors in %s", answer).isEmpty();
	}

	/** The single error's extensions.code; fails unless there is exactly one error. */
	static String errorCode(Map<String, Object> answer) {
		List<Map<String, Object>> errors = errors(answer);
		assertThat(errors).as("errors in %s", answer).hasSize(1);
		return GatewayClient.at(errors.get(0), "extensions.code");
	}

}
