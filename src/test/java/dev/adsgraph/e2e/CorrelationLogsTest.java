package dev.adsgraph.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console log of a request: every line written on its behalf, on whichever thread,
 * names its correlation id before the logger; each upstream call has a line with Amazon's
 * request id; no key, secret or token shows.
 */
// An application of its own, shared by the two classes that inject upstream failures: the
// 500s
// they draw count towards the Ads NA circuit breaker, which the other tests' application
// must not
// see opening.
@TestPropertySource(properties = "adsgraph.metrics.max-operation-names=150")
@ExtendWith(OutputCaptureExtension.class)
class CorrelationLogsTest extends SandboxGatewayTest {

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private String post(String correlationId, String query) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.client.gatewayUrl() + "/graphql"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("X-Api-Key", GatewayClient.DEMO_KEY)
			.header("X-Correlation-Id", correlationId)
			.POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"" + query + "\"}"))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Correlation-Id")).hasValue(correlationId);
		return response.body();
	}

	@Test
	void upstreamCallLinesCarryTheCorrelationIdAndAmazonsRequestId(CapturedOutput output) throws Exception {
		String correlationId = "logs-" + UUID.randomUUID();
		int before = output.getAll().length();
		// Not cached: every request calls QuerySellingAccount.
		post(correlationId, "{ sellingAccounts { sellingAccountLinkToken } }");

		List<String> lines = output.getOut().lines().filter((line) -> line.contains(correlationId)).toList();
		assertThat(lines).as("lines naming %s in:%n%s", correlationId, output.getOut())
			.anySatisfy((line) -> assertThat(line).contains(" [" + correlationId + "] dev.adsgraph.upstream.calls")
				.contains("ads QuerySellingAccount answered HTTP 200")
				.containsPattern("requestId=[0-9A-Za-z-]{8,}"));
		// The sandbox's start-up line names the public demo key; what the request wrote
		// names none.
		assertThat(output.getAll().substring(before)).doesNotContain(GatewayClient.DEMO_KEY, "Atza|", "Atzr|",
				"adsgraph-sandbox-demo-secret");
	}

	@Test
	void aFailedUpstreamCallIsLoggedAtWarnUnderTheCorrelationId(CapturedOutput output) throws Exception {
		String correlationId = "logs-" + UUID.randomUUID();
		try {
			this.client.injectFaults("""
					{"rules":[{"upstream":"ads","operation":"QuerySellingAccount","serverError":0.5}]}""");
			post(correlationId, "{ sellingAccounts { sellingAccountLinkToken } }");
			post(correlationId, "{ sellingAccounts { sellingAccountLinkToken } }");
		}
		finally {
			this.client.clearFaults();
		}
		assertThat(output.getOut().lines().filter((line) -> line.contains(correlationId)))
			.anySatisfy((line) -> assertThat(line).contains(" [" + correlationId + "] dev.adsgraph.upstream.calls")
				.contains("WARN")
				.contains("ads QuerySellingAccount answered HTTP 500")
				.containsPattern("requestId=[0-9A-Za-z-]{8,}"));
	}

}
