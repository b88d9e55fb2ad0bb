package dev.adsgraph.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.test.context.TestPropertySource;

import static dev.adsgraph.e2e.GatewayClient.AGENCY_KEY;
import static dev.adsgraph.e2e.GatewayClient.DEMO_KEY;
import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request rate limit per API key, in an application of its own with a tiny budget:
 * three requests at once, then one every five seconds. Buckets live as long as the
 * application, so the tests run in order and each drains a different tenant's bucket.
 */
@TestPropertySource(properties = { "adsgraph.limits.requests-per-second=0.2", "adsgraph.limits.request-burst=3" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RequestRateLimitTest extends SandboxGatewayTest {

	private static final String QUERY = "{\"query\":\"{ __typename }\"}";

	private static final int BURST = 3;

	/**
	 * Sends with the key until the gateway refuses one, at most 20 times; returns the
	 * successes before it.
	 */
	private int sendUntilRefused(String key, GatewayClient.Raw[] refusal) {
		for (int sent = 0; sent < 20; sent++) {
			GatewayClient.Raw raw = this.client.post("/graphql", key, QUERY);
			if (raw.status() == 429) {
				refusal[0] = raw;
				return sent;
			}
			assertThat(raw.status()).as("answer %d: %s", sent, raw.body()).isEqualTo(200);
		}
		throw new AssertionError("20 requests in a row were all let through");
	}

	@Test
	@Order(1)
	void unauthenticatedRequestsSpendNoBudgetAndABurstOverTheLimitGets429WithRetryAfter() {
		for (int i = 0; i < 10; i++) {
			assertThat(this.client.post("/graphql", null, QUERY).status()).isEqualTo(401);
			assertThat(this.client.post("/graphql", AGENCY_KEY + "-not", QUERY).status()).isEqualTo(401);
		}

		GatewayClient.Raw[] refusal = new GatewayClient.Raw[1];
		int admitted = sendUntilRefused(AGENCY_KEY, refusal);
		assertThat(admitted).as("requests admitted before the first 429").isGreaterThanOrEqualTo(BURST);

		GatewayClient.Raw refused = refusal[0];
		List<String> retryAfter = refused.headers().get("retry-after");
		assertThat(retryAfter).hasSize(1);
		long seconds = Long.parseLong(retryAfter.get(0));
		assertThat(seconds).isBetween(1L, 5L);
		Map<String, Object> body = GatewayClient.parse(refused.body());
		assertThat(body).containsOnlyKeys("errors");
		assertThat(errors(body)).hasSize(1);
		assertThat((String) at(body, "errors.0.extensions.code")).isEqualTo("RATE_LIMITED");
		assertThat(((Number) at(body, "errors.0.extensions.retryAfterSeconds")).longValue()).isEqualTo(seconds);
		assertThat((String) at(body, "errors.0.message")).contains("0.2 per second", "bursts of 3");
		// The client accepts application/graphql-response+json: the refusal is a GraphQL
		// response it reads as one.
		assertThat(refused.headers().get("content-type")).containsExactly("application/graphql-response+json");

		// The other tenant's bucket is its own.
		assertThat(this.client.post("/graphql", DEMO_KEY, QUERY).status()).isEqualTo(200);
	}

	@Test
	@Order(2)
	void afterWaitingTheRefusedKeyIsAnsweredAgain() throws InterruptedException {
		GatewayClient.Raw[] refusal = new GatewayClient.Raw[1];
		sendUntilRefused(DEMO_KEY, refusal);
		long retryAfter = Long.parseLong(refusal[0].headers().get("retry-after").get(0));

		// Waiting what Retry-After says, then asking every quarter second for at most 30
		// s.
		Thread.sleep(Duration.ofSeconds(retryAfter).toMillis());
		Instant deadline = Instant.now().plusSeconds(30);
		GatewayClient.Raw raw = this.client.post("/graphql", DEMO_KEY, QUERY);
		while (raw.status() == 429 && Instant.now().isBefore(deadline)) {
			Thread.sleep(250);
			raw = this.client.post("/graphql", DEMO_KEY, QUERY);
		}
		assertThat(raw.status()).as("answer after waiting: %s", raw.body()).isEqualTo(200);
		assertThat(GatewayClient.parse(raw.body())).isEqualTo(Map.of("data", Map.of("__typename", "Query")));
	}

	@Test
	@Order(3)
	void queriesOverGetSpendTheSameBudget() throws Exception {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		HttpRequest get = HttpRequest
			.newBuilder(URI.create(this.client.gatewayUrl() + "/graphql?query=%7B__typename%7D"))
			.header("X-Api-Key", AGENCY_KEY)
			.timeout(Duration.ofSeconds(30))
			.GET()
			.build();
		for (int sent = 0; sent < 20; sent++) {
			HttpResponse<String> answer = http.send(get, HttpResponse.BodyHandlers.ofString());
			if (answer.statusCode() == 429) {
				assertThat(answer.headers().firstValue("Retry-After")).isPresent();
				// No Accept header: the refusal is plain JSON.
				assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
				assertThat((String) at(GatewayClient.parse(answer.body()), "errors.0.extensions.code"))
					.isEqualTo("RATE_LIMITED");
				return;
			}
			assertThat(answer.statusCode()).as("answer %d: %s", sent, answer.body()).isEqualTo(200);
		}
		throw new AssertionError("20 GET requests in a row were all let through");
	}

}
