package dev.adsgraph.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GraphQL over HTTP as a front-end client meets it: queries over GET with caching headers
 * and 304s, mutations refused over GET, subscriptions refused over HTTP, one error
 * contract (codes on parse and validation errors, 400 for ill-typed request parameters,
 * HTTP-level refusals as application/graphql-response+json when accepted).
 */
class GraphQlOverHttpTest extends SandboxGatewayTest {

	private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private HttpResponse<String> get(String query, Map<String, String> params, String... headers) {
		StringBuilder url = new StringBuilder(this.client.gatewayUrl() + "/graphql?query=" + encode(query));
		params.forEach((name, value) -> url.append('&').append(name).append('=').append(encode(value)));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.toString()))
			.timeout(Duration.ofSeconds(30))
			.GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.build());
	}

	private HttpResponse<String> post(String body, String accept, String apiKey) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.client.gatewayUrl() + "/graphql"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Accept", accept)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (apiKey != null) {
			request.header("X-Api-Key", apiKey);
		}
		return send(request.build());
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new AssertionError("request failed: " + request.uri(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted", ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String key() {
		return GatewayClient.DEMO_KEY;
	}

	@Test
	void aQueryOverGetAnswersWithPrivateCachingAndAStrongEtag() {
		HttpResponse<String> first = get("query Ids { profiles { id } }",
				Map.of("operationName", "Ids", "variables", "{}", "extensions", "{}"), "X-Api-Key", key(), "Accept",
				GRAPHQL_RESPONSE);
		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		assertThat(first.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith(GRAPHQL_RESPONSE));
		assertThat(first.headers().firstValue("Cache-Control")).hasValue("private");
		assertThat(String.join(",", first.headers().allValues("Vary"))).contains("Accept", "X-Api-Key");
		String etag = first.headers().firstValue("ETag").orElseThrow();
		assertThat(etag).startsWith("\"").endsWith("\"").doesNotStartWith("W/");
		Map<String, Object> answer = GatewayClient.parse(first.body());
		assertNoErrors(answer);
		assertThat((List<?>) GatewayClient.at(answer, "data.profiles")).isNotEmpty();

		HttpResponse<String> again = get("query Ids { profiles { id } }",
				Map.of("operationName", "Ids", "variables", "{}", "extensions", "{}"), "X-Api-Key", key(), "Accept",
				GRAPHQL_RESPONSE, "If-None-Match", etag);
		assertThat(again.statusCode()).isEqualTo(304);
		assertThat(again.body()).isEmpty();
		assertThat(again.headers().firstValue("ETag")).hasValue(etag);
		assertThat(again.headers().firstValue("Cache-Control")).hasValue("private");

		HttpResponse<String> otherTag = get("query Ids { profiles { id } }",
				Map.of("operationName", "Ids", "variables", "{}"), "X-Api-Key", key(), "If-None-Match",
				"\"something-else\"");
		assertThat(otherTag.statusCode()).isEqualTo(200);
		assertThat(otherTag.body()).isEqualTo(first.body());
	}

	@Test
	void getIsBehindTheApiKeyCheck() {
		HttpResponse<String> anonymous = get("{ profiles { id } }", Map.of(), "Accept", GRAPHQL_RESPONSE);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith(GRAPHQL_RESPONSE));
		assertThat(errorCode(GatewayClient.parse(anonymous.body()))).isEqualTo("UNAUTHENTICATED");
	}

	@Test
	void aMutationOverGetIs405WithAllowPost() {
		HttpResponse<String> answer = get("mutation { __typename }", Map.of(), "X-Api-Key", key(), "Accept",
				"application/json");
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(405);
		assertThat(answer.headers().firstValue("Allow")).hasValue("POST");
		assertThat(errorCode(GatewayClient.parse(answer.body()))).isEqualTo("METHOD_NOT_ALLOWED");
		assertThat(GatewayClient.parse(answer.body())).doesNotContainKey("data");
	}

	@Test
	void aSubscriptionOverHttpIsAClearErrorAndNeverAPublisher() {
		String subscription = "subscription { adsAccountStatus(adsAccountId: \"amzn1.ads-account.g.x\") { status } }";
		HttpResponse<String> overPost = post("{\"query\":\"" + subscription.replace("\"", "\\\"") + "\"}",
				"application/json", key());
		HttpResponse<String> overGet = get(subscription, Map.of(), "X-Api-Key", key());
		for (HttpResponse<String> answer : List.of(overPost, overGet)) {
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
			assertThat(answer.body()).doesNotContain("upstreamPublisher", "prefetch");
			Map<String, Object> body = GatewayClient.parse(answer.body());
			assertThat(errorCode(body)).isEqualTo("BAD_REQUEST");
			assertThat((String) GatewayClient.at(body, "errors.0.message")).contains("WebSocket");
		}
	}

	@Test
	void ill_formedGetParametersAre400() {
		assertThat(get("{ __typename }", Map.of("variables", "[1]"), "X-Api-Key", key()).statusCode()).isEqualTo(400);
		assertThat(get("{ __typename }", Map.of("variables", "{"), "X-Api-Key", key()).statusCode()).isEqualTo(400);
		assertThat(get("{ __typename }", Map.of("extensions", "\"x\""), "X-Api-Key", key()).statusCode())
			.isEqualTo(400);
		HttpResponse<String> noQuery = send(HttpRequest.newBuilder(URI.create(this.client.gatewayUrl() + "/graphql"))
			.header("X-Api-Key", key())
			.GET()
			.build());
		assertThat(noQuery.statusCode()).isEqualTo(400);
		assertThat(errorCode(GatewayClient.parse(noQuery.body()))).isEqualTo("BAD_REQUEST");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"query\": 0}", "{\"query\": false}", "{\"query\": {\"a\": 1}}",
			"{\"query\": [\"{ __typename }\"]}", "{\"query\": \"{ __typename }\", \"operationName\": false}",
			"{\"query\": \"{ __typename }\", \"operationName\": 1}",
			"{\"query\": \"{ __typename }\", \"variables\": \"{}\"}",
			"{\"query\": \"{ __typename }\", \"variables\": [1]}", "{\"query\": \"{ __typename }\", \"extensions\": 0}",
			"{\"query\": \"{ __typename }\", \"extensions\": \"x\"}" })
	void illTypedRequestParametersAre400(String body) {
		HttpResponse<String> answer = post(body, "application/json", key());
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
		assertThat(errorCode(GatewayClient.parse(answer.body()))).isEqualTo("BAD_REQUEST");
	}

	@Test
	void parseAndValidationErrorsCarryTheirCodes() {
		Map<String, String> documents = Map.of("{ profiles { id ", "GRAPHQL_PARSE_FAILED", "{ noSuchField }",
				"GRAPHQL_VALIDATION_FAILED");
		documents.forEach((document, code) -> {
			HttpResponse<String> answer = post("{\"query\":\"" + document + "\"}", GRAPHQL_RESPONSE, key());
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
			Map<String, Object> body = GatewayClient.parse(answer.body());
			assertThat(errorCode(body)).isEqualTo(code);
			assertThat((String) GatewayClient.at(body, "errors.0.extensions.classification"))
				.isEqualTo(code.equals("GRAPHQL_PARSE_FAILED") ? "InvalidSyntax" : "ValidationError");
		});
		HttpResponse<String> unknownOperation = post("{\"query\":\"query A { __typename }\",\"operationName\":\"B\"}",
				"application/json", key());
		assertThat(errorCode(GatewayClient.parse(unknownOperation.body()))).isEqualTo("GRAPHQL_VALIDATION_FAILED");
		HttpResponse<String> missingVariable = post("{\"query\":\"query P($id: ID!) { profile(id: $id) { id } }\"}",
				"application/json", key());
		assertThat(errorCode(GatewayClient.parse(missingVariable.body()))).isEqualTo("GRAPHQL_VALIDATION_FAILED");
		HttpResponse<String> wrongVariable = post(
				"{\"query\":\"query T($name: String!) { __type(name: $name) { name } }\",\"variables\":{\"name\":{\"a\":1}}}",
				"application/json", key());
		assertThat(errorCode(GatewayClient.parse(wrongVariable.body()))).isEqualTo("GRAPHQL_VALIDATION_FAILED");
	}

	@Test
	void httpLevelRefusalsFollowTheAcceptHeader() {
		HttpResponse<String> graphQl = post("{\"query\":\"{ __typename }\"}", GRAPHQL_RESPONSE + ", application/json",
				"no-such-key");
		assertThat(graphQl.statusCode()).isEqualTo(401);
		assertThat(graphQl.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith(GRAPHQL_RESPONSE));
		HttpResponse<String> json = post("{\"query\":\"{ __typename }\"}", "application/json", "no-such-key");
		assertThat(json.statusCode()).isEqualTo(401);
		assertThat(json.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		HttpResponse<String> badBody = post("[]", GRAPHQL_RESPONSE, key());
		assertThat(badBody.statusCode()).isEqualTo(400);
		assertThat(badBody.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith(GRAPHQL_RESPONSE));
		assertThat(errorCode(GatewayClient.parse(badBody.body()))).isEqualTo("BAD_REQUEST");
	}

	@Test
	void aGetWithABodyOverTheLimitIs413() {
		byte[] body = new byte[200 * 1024];
		java.util.Arrays.fill(body, (byte) ' ');
		RawHttp.Response answer = RawHttp.send(this.port, RawHttp.request("GET", "/graphql?query=%7B__typename%7D",
				Map.of("X-Api-Key", key().getBytes(StandardCharsets.UTF_8)), body));
		assertThat(answer.status()).isEqualTo(413);
		assertThat(errorCode(GatewayClient.parse(answer.body()))).isEqualTo("QUERY_TOO_COMPLEX");
	}

}
