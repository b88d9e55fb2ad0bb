package dev.adsgraph.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.adsgraph.sandbox.SandboxCredentials;
import dev.adsgraph.sandbox.SandboxServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed and hostile HTTP requests, each sent byte for byte over a socket: every one
 * gets a 4xx or a GraphQL error, never a 5xx or a stack trace, and the expected status
 * says which layer refused it. Afterwards the gateway answers normally, and nothing
 * logged while the set ran holds a secret or an error. {@code graphql.BadInputSliceTest}
 * covers wrong arguments and values; these are attacks on the transport, the parser and
 * the cost of a request.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileRequestsTest extends SandboxGatewayTest {

	private static final String KEY = GatewayClient.DEMO_KEY;

	private static CapturedLogs logs;

	@BeforeEach
	void captureLogsOnceTheApplicationRuns() {
		if (logs == null) {
			logs = CapturedLogs.attach();
			LoggerFactory.getLogger(HostileRequestsTest.class).info("Hostile requests start");
		}
	}

	@AfterAll
	static void stopCapturing() {
		if (logs != null) {
			logs.close();
			logs = null;
		}
	}

	/**
	 * @param status the status the gateway answers with
	 * @param expected a fragment of the body, or null when the body is empty (refused by
	 * the HTTP server before the gateway sees the request)
	 */
	record Hostile(String name, byte[] request, int status, String expected) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	static Stream<Hostile> hostileRequests() {
		List<Hostile> all = new ArrayList<>();
		// Not a GraphQL request
		all.add(json("invalid JSON: a trailing comma", "{\"query\":\"{ __typename }\",}", 400, "BAD_REQUEST"));
		all.add(json("invalid JSON: text after the object", "{\"query\":\"{ __typename }\"} }}}", 400, "BAD_REQUEST"));
		all.add(json("empty body", "", 400, "BAD_REQUEST"));
		all.add(json("JSON null as the body", "null", 400, "BAD_REQUEST"));
		all.add(json("a JSON string as the body", "\"{ __typename }\"", 400, "BAD_REQUEST"));
		all.add(json("query is an array", "{\"query\":[\"{ __typename }\"]}", 400, "BAD_REQUEST"));
		all.add(json("variables is a string", "{\"query\":\"{ __typename }\",\"variables\":\"x\"}", 400,
				"BAD_REQUEST"));
		all.add(json("a batch of two operations", "[{\"query\":\"{ __typename }\"},{\"query\":\"{ __typename }\"}]",
				400, "BAD_REQUEST"));
		all.add(json("JSON nested 3000 deep in variables",
				"{\"query\":\"{ __typename }\",\"variables\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3000) + "}",
				400, "BAD_REQUEST"));
		all.add(new Hostile("a NUL byte inside a JSON string",
				post(Map.of("Content-Type", "application/json", "X-Api-Key", KEY),
						bytes("{\"query\":\"{ __typename \u0000 }\"}")),
				400, "BAD_REQUEST"));
		all.add(new Hostile("bytes that are not UTF-8",
				post(Map.of("Content-Type", "application/json", "X-Api-Key", KEY),
						concat(bytes("{\"query\":\"{ profile(id: \\\""),
								new byte[] { (byte) 0xff, (byte) 0xfe, (byte) 0xc0 }, bytes("\\\") { id } }\"}"))),
				400, "BAD_REQUEST"));
		// Content types and methods
		all.add(withContentType("text/plain", 415));
		all.add(withContentType("application/x-www-form-urlencoded", 415));
		all.add(withContentType("application/xml", 415));
		all.add(withContentType(";;;", 415));
		all.add(new Hostile("no Content-Type", post(Map.of("X-Api-Key", KEY), bytes("{\"query\":\"{ __typename }\"}")),
				415, "Content-Type"));
		all.add(new Hostile("Accept: text/html only",
				post(Map.of("Content-Type", "application/json", "Accept", "text/html", "X-Api-Key", KEY),
						bytes("{\"query\":\"{ __typename }\"}")),
				406, "accept one of them"));
		all.add(new Hostile("a mutation over GET", RawHttp.request("GET",
				"/graphql?query=mutation%20%7B%20createTermsToken%20%7B%20userErrors%20%7B%20code%20%7D%20%7D%20%7D",
				Map.of("X-Api-Key", bytes(KEY)), null), 405, "POST"));
		all.add(new Hostile("GET with a 70 KB query string",
				RawHttp.request("GET", "/graphql?query=" + "a".repeat(70_000), Map.of("X-Api-Key", bytes(KEY)), null),
				414, null));
		for (String method : List.of("PUT", "DELETE", "PATCH", "OPTIONS")) {
			all.add(new Hostile(method + " on /graphql",
					RawHttp.request(method, "/graphql",
							Map.of("Content-Type", bytes("application/json"), "X-Api-Key", bytes(KEY)),
							bytes("{\"query\":\"{ __typename }\"}")),
					405, "POST"));
		}
		// Headers, keys and paths
		all.add(new Hostile("a 64 KB header",
				post(Map.of("Content-Type", "application/json", "X-Api-Key", KEY, "X-Padding", "p".repeat(65_536)),
						bytes("{\"query\":\"{ __typename }\"}")),
				431, null));
		Map<String, String> many = new LinkedHashMap<>(Map.of("Content-Type", "application/json", "X-Api-Key", KEY));
		IntStream.range(0, 2000).forEach((i) -> many.put("X-Header-" + i, "v"));
		all.add(new Hostile("2000 headers", post(many, bytes("{\"query\":\"{ __typename }\"}")), 431, null));
		all.add(new Hostile("a 7000 character API key",
				post(Map.of("Content-Type", "application/json", "X-Api-Key", "k".repeat(7000)),
						bytes("{\"query\":\"{ __typename }\"}")),
				401, "UNAUTHENTICATED"));
		all.add(new Hostile("an API key with control characters",
				post(Map.of("Content-Type", "application/json", "X-Api-Key", KEY + "\u0001\u007f"),
						bytes("{\"query\":\"{ __typename }\"}")),
				400, null));
		all.add(new Hostile("an API key with a NUL byte",
				post(Map.of("Content-Type", "application/json", "X-Api-Key", KEY + "\u0000"),
						bytes("{\"query\":\"{ __typename }\"}")),
				400, null));
		all.add(new Hostile("two API keys, two tenants",
				RawHttp.request("POST", "/graphql", List.of(Map.entry("Content-Type", bytes("application/json")),
						Map.entry("X-Api-Key", bytes(KEY)), Map.entry("X-Api-Key", bytes(GatewayClient.AGENCY_KEY))),
						bytes("{\"query\":\"{ __typename }\"}")),
				401, "UNAUTHENTICATED"));
		all.add(pathWithoutKey("/graphql;a=b", 401, "UNAUTHENTICATED"));
		all.add(pathWithoutKey("/%67raphql", 401, "UNAUTHENTICATED"));
		all.add(pathWithoutKey("/graphql/../graphql", 404, null));
		all.add(pathWithoutKey("/x/..%2fgraphql", 404, null));
		// Cost and parser attacks
		all.add(graphQl("selections nested 300 deep", "{ " + "profiles { ".repeat(300) + "id" + " }".repeat(300) + " }",
				"deep"));
		all.add(graphQl("500 aliases", "{ "
				+ IntStream.range(0, 500).mapToObj((i) -> "a" + i + ": __typename").collect(Collectors.joining(" "))
				+ " }", "maxAliases"));
		all.add(graphQl("a fragment cycle",
				"query { profiles { ...A } } fragment A on Profile { id ...B } fragment B on Profile { id ...A }",
				"cycles"));
		all.add(graphQl("2^20 fragment spreads with conflicting arguments",
				"query { ...F20 } fragment F0 on Query { profile(id: \"1\") { id } } "
						+ "fragment F1 on Query { ...F0 ...F0 profile(id: \"2\") { id } } "
						+ IntStream.rangeClosed(2, 20)
							.mapToObj((i) -> "fragment F" + i + " on Query { ...F" + (i - 1) + " ...F" + (i - 1) + " }")
							.collect(Collectors.joining(" ")),
				"FieldsConflict"));
		all.add(graphQl("500 repeated directives", "{ __typename " + "@skip(if: false) ".repeat(500) + "}",
				"DuplicateDirectiveName"));
		all.add(graphQl("2000 __typename fields", "{ " + "__typename ".repeat(2000) + "}", "maxDocumentChars"));
		all.add(graphQl("introspection 5 levels of fields deep",
				"{ __schema { types { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } }",
				"introspection"));
		all.add(graphQl("a 15000 character string literal", "{ profile(id: \"" + "1".repeat(15_000) + "\") { id } }",
				"BAD_USER_INPUT"));
		all.add(graphQl("a profile id beyond 64 bits", "{ profile(id: \"99999999999999999999999\") { id } }",
				"BAD_USER_INPUT"));
		all.add(graphQl("a lone surrogate escape", "{ profile(id: \"\\ud800\") { id } }", "surrogate"));
		all.add(json("an unknown operationName", "{\"query\":\"query A { __typename }\",\"operationName\":\"B\"}", 200,
				"Unknown operation"));
		all.add(graphQl("two operations and no operationName", "query A { __typename } query B { __typename }",
				"must provide operation name"));
		all.add(variables("an Int variable beyond 64 bits",
				"query($f: Int) { adsAccounts(first: $f) { nodes { id } } }", "{\"f\":123456789012345678901234567890}",
				"invalid value"));
		all.add(variables("an object for an Int variable", "query($f: Int) { adsAccounts(first: $f) { nodes { id } } }",
				"{\"f\":{\"first\":5}}", "invalid value"));
		all.add(variables("a NUL character in a variable", "query($id: ID!) { profile(id: $id) { id } }",
				"{\"id\":\"12\\u0000\"}", "BAD_USER_INPUT"));
		all.add(new Hostile("150 KB of variables",
				post(Map.of("Content-Type", "application/json", "X-Api-Key", KEY),
						bytes("{\"query\":\"{ __typename }\",\"variables\":{\"x\":\"" + "a".repeat(150_000) + "\"}}")),
				413, "maxBodyBytes"));
		all.add(new Hostile("a chunked body of 200 KB",
				chunked(bytes("{\"query\":\"{ __typename }\",\"variables\":{\"x\":\"" + "a".repeat(200_000) + "\"}}")),
				413, "maxBodyBytes"));
		return all.stream();
	}

	@Order(1)
	@ParameterizedTest(name = "{0}")
	@SuppressWarnings("unchecked")
	@MethodSource("hostileRequests")
	void isRefusedWithA4xxOrAGraphQlErrorAndNeverA5xxOrAStackTrace(Hostile hostile) {
		RawHttp.Response response = RawHttp.send(this.port, hostile.request());
		assertThat(response.status()).as("status of %s: %s", hostile, response.body()).isEqualTo(hostile.status());
		assertThat(response.body()).as("body of %s", hostile)
			.doesNotContain("Exception", "at dev.adsgraph", "at java.", "reactor.", "Caused by", "\tat ", "INTERNAL");
		assertThat(response.body()).as("body of %s", hostile).doesNotContain(secrets());
		if (hostile.expected() == null) {
			return;
		}
		assertThat(response.body().toLowerCase()).as("body of %s", hostile).contains(hostile.expected().toLowerCase());
		if (response.status() == 200 || response.header("Content-Type") != null) {
			Map<String, Object> answer = GatewayClient.parse(response.body());
			assertThat(errors(answer)).as("errors of %s", hostile).isNotEmpty();
			Map<String, Object> data = (Map<String, Object>) answer.get("data");
			if (data != null) {
				assertThat(data.values()).as("data of %s", hostile).containsOnlyNulls();
			}
		}
	}

	@Order(2)
	@Test
	void afterwardsTheGatewayAnswersNormallyAndTheLogsHoldNoSecretAndNoError() {
		Map<String, Object> answer = this.client.graphql("{ sellingPartner { id } profiles { id } }");
		assertNoErrors(answer);
		assertThat((String) at(answer, "data.sellingPartner.id")).isEqualTo(SandboxServer.DEMO_SELLING_PARTNER_ID);
		assertThat((List<?>) at(answer, "data.profiles")).isNotEmpty();

		assertThat(logs).as("logs captured while the hostile requests ran").isNotNull();
		String logged = logs.text();
		assertThat(logged).as("the capture works").contains("Hostile requests start");
		assertThat(logged).doesNotContain(secrets()).doesNotContain("Atza|", "Atzr|").doesNotContain("at dev.adsgraph");
		assertThat(logs.errors()).as("ERROR log lines").isEmpty();
	}

	/**
	 * What must never leave the gateway: the tenants' API keys and Amazon credentials.
	 */
	static String[] secrets() {
		List<String> secrets = new ArrayList<>(List.of(GatewayClient.DEMO_KEY, GatewayClient.AGENCY_KEY));
		for (SandboxCredentials credentials : List.of(SandboxServer.demoCredentials(),
				SandboxServer.agencyCredentials(), SandboxServer.demoSpCredentials(),
				SandboxServer.agencySpCredentials())) {
			secrets.add(credentials.clientSecret());
			secrets.add(credentials.refreshToken());
		}
		return secrets.toArray(String[]::new);
	}

	private static Hostile json(String name, String body, int status, String expected) {
		return new Hostile(name, post(Map.of("Content-Type", "application/json", "X-Api-Key", KEY), bytes(body)),
				status, expected);
	}

	private static Hostile graphQl(String name, String query, String expected) {
		return json(name, "{\"query\":" + quote(query) + "}", 200, expected);
	}

	private static Hostile variables(String name, String query, String variables, String expected) {
		return json(name, "{\"query\":" + quote(query) + ",\"variables\":" + variables + "}", 200, expected);
	}

	private static Hostile withContentType(String contentType, int status) {
		return new Hostile("Content-Type " + contentType,
				post(Map.of("Content-Type", contentType, "X-Api-Key", KEY), bytes("{\"query\":\"{ __typename }\"}")),
				status, "Content-Type");
	}

	private static Hostile pathWithoutKey(String path, int status, String expected) {
		return new Hostile("POST " + path + " without a key",
				RawHttp.request("POST", path, Map.of("Content-Type", bytes("application/json")),
						bytes("{\"query\":\"{ __schema { types { name } } }\"}")),
				status, expected);
	}

	private static byte[] post(Map<String, String> headers, byte[] body) {
		Map<String, byte[]> raw = new LinkedHashMap<>();
		headers.forEach((name, value) -> raw.put(name, value.getBytes(StandardCharsets.ISO_8859_1)));
		return RawHttp.request("POST", "/graphql", raw, body);
	}

	private static byte[] chunked(byte[] body) {
		byte[] head = RawHttp.request("POST", "/graphql", Map.of("Content-Type", bytes("application/json"), "X-Api-Key",
				bytes(KEY), "Transfer-Encoding", bytes("chunked")), null);
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		out.writeBytes(head);
		for (int at = 0; at < body.length; at += 8192) {
			int size = Math.min(8192, body.length - at);
			out.writeBytes(bytes(Integer.toHexString(size) + "\r\n"));
			out.write(body, at, size);
			out.writeBytes(bytes("\r\n"));
		}
		out.writeBytes(bytes("0\r\n\r\n"));
		return out.toByteArray();
	}

	/** A JSON string literal: quotes, backslashes and control characters escaped. */
	private static String quote(String text) {
		StringBuilder quoted = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				default -> {
					if (c < 0x20) {
						quoted.append(String.format("\\u%04x", (int) c));
					}
					else {
						quoted.append(c);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[]... parts) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}
