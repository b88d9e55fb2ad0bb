package dev.adsgraph.e2e;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Query cost controls ({@code adsgraph.limits.*}, defaults) over HTTP: the limits whose
 * passing side needs Amazon's data and the HTTP body limits. Just under passes, just over
 * is refused before any upstream call with the limit's name and value, never with a 5xx,
 * and the gateway answers normally afterwards. The limits decided on the document alone
 * are tested on the schema in {@code graphql.QueryLimitsSliceTest}.
 */
class QueryLimitsTest extends SandboxGatewayTest {

	private static final String DEMO = GatewayClient.DEMO_KEY;

	/**
	 * Upstream calls so far, without the background polling of reports other tests
	 * started.
	 */
	private Map<String, Long> upstreamCalls() {
		return new TreeMap<>(this.client.sandboxStats()
			.entrySet()
			.stream()
			.filter((e) -> !e.getKey().toLowerCase().contains("report"))
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
	}

	private static String body(String query, Map<String, Object> variables) {
		return tools.jackson.databind.json.JsonMapper.builder()
			.build()
			.writeValueAsString(
					(variables == null) ? Map.of("query", query) : Map.of("query", query, "variables", variables));
	}

	/**
	 * Sends a query that a limit must refuse and checks the refusal; no upstream call is
	 * made.
	 */
	private Map<String, Object> refused(String query, Map<String, Object> variables, String code, String limit,
			long max) {
		Map<String, Long> before = upstreamCalls();
		GatewayClient.Raw raw = this.client.post("/graphql", DEMO, body(query, variables));
		assertThat(raw.status()).as("status: %s", raw.body()).isBetween(200, 499);
		assertThat(raw.body()).doesNotContain("Exception", "java.", "INTERNAL");
		Map<String, Object> answer = GatewayClient.parse(raw.body());
		assertThat(errorCode(answer)).isEqualTo(code);
		assertThat((Object) at(answer, "errors.0.extensions.limit")).isEqualTo(limit);
		assertThat(((Number) at(answer, "errors.0.extensions.max")).longValue()).isEqualTo(max);
		assertThat((String) at(answer, "errors.0.message")).contains(limit).contains(String.valueOf(max));
		assertThat((String) at(answer, "errors.0.extensions.correlationId")).isNotBlank();
		assertThat(answer.get("data")).isNull();
		assertThat(upstreamCalls()).as("no upstream call").isEqualTo(before);
		answersNormally();
		return answer;
	}

	private void answersNormally() {
		assertNoErrors(this.client.graphql("{ profiles { id } }"));
	}

	@Test
	void theDeepestQueryTheSchemaAllowsPassesTheDepthLimit() {
		// 9 levels: the schema has no cycles outside introspection, so depth 12 is a
		// guard for
		// future recursive types (the refusal at 13 is tested in QueryComplexityTest).
		String deepest = "{ adsAccounts(first: 1) { edges { node { profiles { products(dateRange: {start: \"2000-01-01\", end: \"2000-01-01\"}, first: 1) "
				+ "{ nodes { listing { price { amount } } } } } } } } }";
		Map<String, Object> answer = this.client.graphql(deepest);
		// the date range is refused by the resolver (BAD_USER_INPUT), not by a limit
		errors(answer).forEach((e) -> assertThat((Object) at(e, "extensions.code")).isNotEqualTo("QUERY_TOO_COMPLEX"));
	}

	/**
	 * A page of accounts whose complexity is 1 + first × (nodes 1 + s scalars + profiles
	 * (1 + 10 × 9)).
	 */
	private static String accountsPage(String extraScalars) {
		return "query($n: Int) { adsAccounts(first: $n) { nodes { id name status countryCodes __typename i2: id n2: name "
				+ extraScalars + " profiles { id region countryCode currencyCode timezone marketplaceId dailyBudget "
				+ "__typename c2: countryCode } } } }";
	}

	@Test
	void complexityJustUnderTheLimitPassesJustOverIsRefused() {
		// the largest page (100) of accounts with their profiles: 1 + 100 × (1 + 7 + 91)
		// = 9901
		Map<String, Object> ok = this.client.graphql(accountsPage(""), Map.of("n", 100));
		assertNoErrors(ok);
		// one more field on each account: 1 + 100 × 100 = 10001
		Map<String, Object> answer = refused(accountsPage("s2: status"), Map.of("n", 100), "QUERY_TOO_COMPLEX",
				"maxComplexity", 10_000);
		assertThat((String) at(answer, "errors.0.message")).contains("10001");
	}

	@Test
	void aHundredAsinsAcrossProductsFieldsPassAHundredAndOneAreRefused() {
		LocalDate end = LocalDate.now(ZoneOffset.UTC).minusDays(3);
		String query = """
				query($a: [String!]!, $b: [String!]!, $s: Date!, $e: Date!) {
				  a: products(marketplaceId: "ATVPDKIKX0DER", asins: $a, dateRange: {start: $s, end: $e}) { nodes { asin } }
				  b: products(marketplaceId: "ATVPDKIKX0DER", asins: $b, dateRange: {start: $s, end: $e}) { nodes { asin } }
				}""";
		List<String> fifty = IntStream.range(0, 50).mapToObj((i) -> "B0LIMIT%03d".formatted(i)).toList();
		List<String> fiftyOne = IntStream.range(0, 51).mapToObj((i) -> "B0LIMIT%03d".formatted(i)).toList();
		Map<String, Object> ok = this.client.graphql(query,
				Map.of("a", fifty, "b", fifty, "s", end.minusDays(6).toString(), "e", end.toString()));
		assertNoErrors(ok);
		assertThat((List<?>) at(ok, "data.b.nodes")).hasSize(50);
		refused(query, Map.of("a", fiftyOne, "b", fifty, "s", end.minusDays(6).toString(), "e", end.toString()),
				"BAD_USER_INPUT", "maxAsins", 100);
	}

	// --- HTTP: body size and batches
	// ---------------------------------------------------------

	private static final int MAX_BODY = 100 * 1024;

	/** A valid request padded with an unused variable to exactly {@code size} bytes. */
	private static String bodyOfSize(int size) {
		String head = "{\"query\":\"{ __typename }\",\"variables\":{\"pad\":\"";
		String tail = "\"}}";
		return head + "x".repeat(size - head.length() - tail.length()) + tail;
	}

	@Test
	void aBodyOfAHundredKilobytesPassesOneByteMoreIs413() {
		Map<String, Long> before = upstreamCalls();
		GatewayClient.Raw ok = this.client.post("/graphql", DEMO, bodyOfSize(MAX_BODY));
		assertThat(ok.status()).as(ok.body()).isEqualTo(200);
		assertThat(ok.body()).contains("\"__typename\":\"Query\"");

		GatewayClient.Raw tooLarge = this.client.post("/graphql", DEMO, bodyOfSize(MAX_BODY + 1));
		assertThat(tooLarge.status()).isEqualTo(413);
		Map<String, Object> answer = GatewayClient.parse(tooLarge.body());
		assertThat((Object) at(answer, "errors.0.extensions.code")).isEqualTo("QUERY_TOO_COMPLEX");
		assertThat((Object) at(answer, "errors.0.extensions.limit")).isEqualTo("maxBodyBytes");
		assertThat((Object) at(answer, "errors.0.extensions.max")).isEqualTo(MAX_BODY);
		assertThat(upstreamCalls()).isEqualTo(before);
		answersNormally();
	}

	@Test
	void aChunkedBodyWithoutContentLengthIsCutOffWith413() throws Exception {
		for (int size : new int[] { MAX_BODY, MAX_BODY + 1, 1024 * 1024 }) {
			byte[] bytes = bodyOfSize(size).getBytes(StandardCharsets.UTF_8);
			HttpRequest request = HttpRequest.newBuilder(URI.create(this.client.gatewayUrl() + "/graphql"))
				.header("Content-Type", "application/json")
				.header("Accept", "application/graphql-response+json, application/json")
				.header("X-Api-Key", DEMO)
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
				.build();
			HttpResponse<String> response = send(request);
			if (size == MAX_BODY) {
				assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			}
			else {
				assertThat(response.statusCode()).as("%d bytes: %s", size, response.body()).isEqualTo(413);
				assertThat((Object) at(GatewayClient.parse(response.body()), "errors.0.extensions.limit"))
					.isEqualTo("maxBodyBytes");
			}
		}
		answersNormally();
	}

	/**
	 * A body cut off with 413 is read to its end and thrown away, and the connection
	 * stays open: a server that closed it with the client's bytes unread would reset it
	 * (TCP RST), and a client still sending could lose the 413 before reading it.
	 */
	@Test
	void aChunkedBodyCutOffWith413IsDrainedAndTheConnectionStaysUsable() throws Exception {
		int port = URI.create(this.client.gatewayUrl()).getPort();
		try (RawHttp.KeptAlive connection = new RawHttp.KeptAlive(port, Duration.ofSeconds(30))) {
			connection.write("POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
					+ "X-Api-Key: " + DEMO + "\r\nTransfer-Encoding: chunked\r\n\r\n"
					+ chunk("{\"query\":\"{ __typename }\",\"x\":\"" + "x".repeat(MAX_BODY)));
			RawHttp.Response refused = connection.read();
			assertThat(refused.status()).as(refused.body()).isEqualTo(413);
			assertThat(refused.header("connection")).isNotEqualToIgnoringCase("close");

			connection.write(chunk("y".repeat(300_000)) + chunk("\"}") + "0\r\n\r\n");
			RawHttp.Response next = connection.exchange("POST", "/graphql",
					Map.of("Content-Type", "application/json", "X-Api-Key", DEMO), "{\"query\":\"{ __typename }\"}");
			assertThat(next.status()).as(next.body()).isEqualTo(200);
			assertThat(next.body()).contains("\"__typename\":\"Query\"");
		}
	}

	private static String chunk(String data) {
		return Integer.toHexString(data.getBytes(StandardCharsets.ISO_8859_1).length) + "\r\n" + data + "\r\n";
	}

	private static HttpResponse<String> send(HttpRequest request) throws InterruptedException {
		try {
			return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new AssertionError("request failed", ex);
		}
	}

	@Test
	void aBatchArrayIsRefusedWith400() {
		Map<String, Long> before = upstreamCalls();
		GatewayClient.Raw raw = this.client.post("/graphql", DEMO,
				"[{\"query\":\"{ profiles { id } }\"},{\"query\":\"{ profiles { id } }\"}]");
		assertThat(raw.status()).as(raw.body()).isEqualTo(400);
		assertThat(raw.body()).doesNotContain("Exception", "java.");
		assertThat(upstreamCalls()).isEqualTo(before);
		answersNormally();
	}

}
