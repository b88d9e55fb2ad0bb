package dev.adsgraph.e2e;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CORS with one allowed origin: its pages may call the endpoint and read every answer,
 * including the gateway's refusals; any other origin gets no CORS headers and a 403.
 * Makes no upstream call, as the classes sharing its application require.
 */
@TestPropertySource(properties = SandboxGatewayTest.QUIET_SANDBOX)
class CorsTest extends SandboxGatewayTest {

	static final String ALLOWED = "https://dashboard.example.com";

	static final String OTHER = "https://elsewhere.example.org";

	static RawHttp.Response preflight(int port, String origin, String headers) {
		return RawHttp.send(port,
				RawHttp.request("OPTIONS", "/graphql", Map.of("Origin", bytes(origin), "Access-Control-Request-Method",
						bytes("POST"), "Access-Control-Request-Headers", bytes(headers)), null));
	}

	static RawHttp.Response post(int port, String origin, String key) {
		return RawHttp.send(port,
				RawHttp.request("POST", "/graphql",
						(key != null)
								? Map.of("Origin", bytes(origin), "Content-Type", bytes("application/json"),
										"X-Api-Key", bytes(key))
								: Map.of("Origin", bytes(origin), "Content-Type", bytes("application/json")),
						bytes("{\"query\":\"{ __typename }\"}")));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	@Test
	void aPreflightFromTheAllowedOriginIsAnsweredWithTheHeadersAPageNeeds() {
		RawHttp.Response answer = preflight(this.port, ALLOWED, "x-api-key, content-type, x-correlation-id");
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
		assertThat(answer.header("Access-Control-Allow-Methods")).isEqualTo("GET,POST");
		assertThat(List.of(answer.header("Access-Control-Allow-Headers").toLowerCase().split(",\\s*")))
			.containsExactlyInAnyOrder("x-api-key", "content-type", "x-correlation-id");
		assertThat(answer.header("Access-Control-Max-Age")).isEqualTo("1800");
		assertThat(answer.header("Access-Control-Allow-Credentials")).isNull();
	}

	@Test
	void thePreflightsOfCommonFrontEndLibrariesAreAnsweredWithTheirHeaders() {
		// Apollo Client's client awareness, OpenTelemetry web's trace context, Sentry's
		// tracing: each alone, then all at once as a page with all three sends them.
		List<String> headers = List.of("apollographql-client-name", "apollographql-client-version", "traceparent",
				"tracestate", "baggage", "sentry-trace");
		for (String header : headers) {
			RawHttp.Response answer = preflight(this.port, ALLOWED, "content-type, x-api-key, " + header);
			assertThat(answer.status()).as(header).isEqualTo(200);
			assertThat(answer.header("Access-Control-Allow-Origin")).as(header).isEqualTo(ALLOWED);
			assertThat(List.of(answer.header("Access-Control-Allow-Headers").toLowerCase().split(",\\s*"))).as(header)
				.containsExactlyInAnyOrder("content-type", "x-api-key", header);
			assertThat(answer.header("Access-Control-Max-Age")).as(header).isEqualTo("1800");
		}
		RawHttp.Response all = preflight(this.port, ALLOWED,
				"content-type, x-api-key, accept, x-correlation-id, " + String.join(", ", headers));
		assertThat(all.status()).isEqualTo(200);
		assertThat(List.of(all.header("Access-Control-Allow-Headers").toLowerCase().split(",\\s*")))
			.hasSize(headers.size() + 4)
			.containsAll(headers);
		// The same headers from an origin not on the list get nothing.
		RawHttp.Response other = preflight(this.port, OTHER, "content-type, x-api-key, traceparent");
		assertThat(other.status()).isEqualTo(403);
		assertThat(other.headers()).doesNotContainKeys("access-control-allow-origin", "access-control-allow-headers",
				"access-control-max-age");
	}

	@Test
	void aPreflightFromAnotherOriginOrForAnotherHeaderIsRefused() {
		RawHttp.Response other = preflight(this.port, OTHER, "x-api-key, content-type");
		assertThat(other.status()).isEqualTo(403);
		assertThat(other.headers()).doesNotContainKeys("access-control-allow-origin", "access-control-allow-headers");
		// A header we do not take is not granted (the browser then refuses to send the
		// request).
		RawHttp.Response header = preflight(this.port, ALLOWED, "authorization");
		assertThat(header.status()).isEqualTo(403);
		assertThat(header.headers()).doesNotContainKey("access-control-allow-origin");
		RawHttp.Response mixed = preflight(this.port, ALLOWED, "x-api-key, authorization");
		assertThat(mixed.header("Access-Control-Allow-Headers")).isEqualToIgnoringCase("x-api-key");
	}

	@Test
	void theAllowedOriginCanReadAnswersAndRefusals() {
		RawHttp.Response answer = post(this.port, ALLOWED, GatewayClient.DEMO_KEY);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo("{\"data\":{\"__typename\":\"Query\"}}");
		assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
		assertThat(answer.header("Access-Control-Expose-Headers")).contains("X-Correlation-Id", "Retry-After");

		RawHttp.Response unauthenticated = post(this.port, ALLOWED, null);
		assertThat(unauthenticated.status()).isEqualTo(401);
		assertThat(unauthenticated.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
	}

	@Test
	void anotherOriginsRequestIsRefusedWithoutRunning() {
		RawHttp.Response answer = post(this.port, OTHER, GatewayClient.DEMO_KEY);
		assertThat(answer.status()).isEqualTo(403);
		assertThat(answer.headers()).doesNotContainKey("access-control-allow-origin");
		assertThat(answer.body()).doesNotContain("__typename", "Query");
	}

}
