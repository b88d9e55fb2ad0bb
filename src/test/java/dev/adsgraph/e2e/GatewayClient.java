package dev.adsgraph.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to a running gateway and its sandbox over real HTTP, as a dashboard or a tool
 * would. Answers are plain maps so tests assert on exactly what a caller receives.
 */
final class GatewayClient {

	static final String DEMO_KEY = "adsgraph-demo-key";

	static final String AGENCY_KEY = "adsgraph-agency-key";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	// HTTP/1.1, which is all the gateway speaks: by default the JDK client offers an h2c
	// upgrade on every GET without a body. (The unanswered GETs once put down to that
	// upgrade were Reactor Netty's keep-alive stall, see pom.xml: the gateway never
	// upgraded, and the same client stalled on 1.3.6 with HTTP/1.1 as well.)
	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String gatewayUrl;

	private final String sandboxUrl;

	GatewayClient(int port, String sandboxUrl) {
		this.gatewayUrl = "http://127.0.0.1:" + port;
		this.sandboxUrl = sandboxUrl;
	}

	String gatewayUrl() {
		return this.gatewayUrl;
	}

	/** POSTs a GraphQL operation with the demo key and returns the whole JSON answer. */
	Map<String, Object> graphql(String query) {
		return graphql(DEMO_KEY, query, Map.of());
	}

	Map<String, Object> graphql(String query, Map<String, Object> variables) {
		return graphql(DEMO_KEY, query, variables);
	}

	Map<String, Object> graphql(String apiKey, String query, Map<String, Object> variables) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("query", query);
		body.put("variables", variables);
		Raw raw = post("/graphql", apiKey, JSON.writeValueAsString(body));
		if (raw.status() != 200) {
			throw new AssertionError("HTTP " + raw.status() + ": " + raw.body());
		}
		return parse(raw.body());
	}

	/** POSTs any body to the gateway and returns status and body unparsed. */
	Raw post(String path, String apiKey, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.gatewayUrl + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Accept", "application/graphql-response+json, application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (apiKey != null) {
			request.header("X-Api-Key", apiKey);
		}
		return send(request.build());
	}

	/** A form posted to {@code url}, as a browser's form does; redirects not followed. */
	Raw postForm(String url, Map<String, String> fields) {
		String body = fields.entrySet()
			.stream()
			.map((field) -> java.net.URLEncoder.encode(field.getKey(), java.nio.charset.StandardCharsets.UTF_8) + "="
					+ java.net.URLEncoder.encode(field.getValue(), java.nio.charset.StandardCharsets.UTF_8))
			.collect(java.util.stream.Collectors.joining("&"));
		return send(HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(15))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	Raw get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15)).GET().build());
	}

	/**
	 * Request counts the sandbox saw, by operation (for example
	 * {@code ads.na.listProfiles}).
	 */
	Map<String, Long> sandboxStats() {
		Map<String, Object> stats = parse(get(this.sandboxUrl + "/sandbox/stats").body());
		Map<String, Long> counts = new LinkedHashMap<>();
		stats.forEach((operation, count) -> {
			if (count instanceof Number number) {
				counts.put(operation, number.longValue());
			}
		});
		return counts;
	}

	/**
	 * The requests the sandbox served although they deviated from Amazon's guidance (a
	 * user-agent without Language=, an Accept or Content-Type other than the spec's),
	 * each with its operation, header, value, guidance and count.
	 */
	@SuppressWarnings("unchecked")
	List<Map<String, Object>> sandboxWarnings() {
		return (List<Map<String, Object>>) parse(get(this.sandboxUrl + "/sandbox/stats").body()).get("warnings");
	}

	long sandboxCount(String operation) {
		return sandboxStats().getOrDefault(operation, 0L);
	}

	/**
	 * The sandbox's own sums for a seller's products over a range: the ground truth joins
	 * are checked against.
	 */
	Map<String, Object> groundTruth(String sellerId, String marketplaceId, String start, String end) {
		Raw raw = get(this.sandboxUrl + "/sandbox/products?sellerId=" + sellerId + "&marketplaceId=" + marketplaceId
				+ "&startDate=" + start + "&endDate=" + end);
		if (raw.status() != 200) {
			throw new AssertionError("ground truth: HTTP " + raw.status() + " " + raw.body());
		}
		return parse(raw.body());
	}

	/** Replaces the sandbox's fault rules (the JSON of {@code PUT /sandbox/faults}). */
	void sandboxFaults(String rules) {
		Raw raw = send(HttpRequest.newBuilder(URI.create(this.sandboxUrl + "/sandbox/faults"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(rules))
			.build());
		if (raw.status() != 200) {
			throw new AssertionError("faults refused: HTTP " + raw.status() + " " + raw.body());
		}
	}

	void clearSandboxFaults() {
		send(HttpRequest.newBuilder(URI.create(this.sandboxUrl + "/sandbox/faults"))
			.timeout(Duration.ofSeconds(30))
			.DELETE()
			.build());
	}

	void resetSandboxStats() {
		sandboxPost("/sandbox/stats/reset");
	}

	/**
	 * Makes the sandbox inject failures ({@code PUT /sandbox/faults}, see the sandbox's
	 * Faults).
	 */
	void injectFaults(String rulesJson) {
		Raw raw = send(HttpRequest.newBuilder(URI.create(this.sandboxUrl + "/sandbox/faults"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(rulesJson))
			.build());
		if (raw.status() != 200) {
			throw new AssertionError("faults refused: HTTP " + raw.status() + " " + raw.body());
		}
	}

	void clearFaults() {
		send(HttpRequest.newBuilder(URI.create(this.sandboxUrl + "/sandbox/faults"))
			.timeout(Duration.ofSeconds(30))
			.DELETE()
			.build());
	}

	/** Simulates the user clicking "accept" on Amazon's terms page. */
	void acceptTerms(String termsToken) {
		Raw raw = sandboxPost("/sandbox/termsTokens/" + termsToken + "/accept");
		if (raw.status() >= 300) {
			throw new AssertionError("accept failed: HTTP " + raw.status() + " " + raw.body());
		}
	}

	/** Ends the registration's review in the sandbox now (it settles after a delay). */
	void settleRegistration(String adsAccountId) {
		Raw raw = sandboxPost("/sandbox/adsAccounts/" + adsAccountId + "/settle");
		if (raw.status() >= 300) {
			throw new AssertionError("settle failed: HTTP " + raw.status() + " " + raw.body());
		}
	}

	/**
	 * Keeps the sandbox's Ads and SP-API reports in progress until
	 * {@link #releaseReports()}.
	 */
	void holdReports() {
		sandboxControl("PUT", "/sandbox/reports/hold");
	}

	/** Lets held reports finish. */
	void releaseReports() {
		sandboxControl("DELETE", "/sandbox/reports/hold");
	}

	private void sandboxControl(String method, String path) {
		Raw raw = send(HttpRequest.newBuilder(URI.create(this.sandboxUrl + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build());
		if (raw.status() >= 300) {
			throw new AssertionError(method + " " + path + " failed: HTTP " + raw.status() + " " + raw.body());
		}
	}

	private Raw sandboxPost(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.sandboxUrl + path))
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
	}

	private Raw send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Raw(response.statusCode(), response.body(), response.headers().map());
		}
		catch (java.net.http.HttpTimeoutException ex) {
			// No second try: a retry on a new connection is what hid Reactor Netty's
			// keep-alive stall (pom.xml, dependencyManagement). Where every thread was
			// helps tell a hang from a slow answer.
			StringBuilder dump = new StringBuilder("Threads when " + request.uri() + " timed out:\n");
			Thread.getAllStackTraces().forEach((thread, frames) -> {
				dump.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
				for (StackTraceElement frame : frames) {
					dump.append("    at ").append(frame).append('\n');
				}
			});
			System.err.println(dump);
			throw new AssertionError("no answer in time: " + request.uri(), ex);
		}
		catch (IOException ex) {
			throw new AssertionError("request failed: " + request.uri(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted", ex);
		}
	}

	static Map<String, Object> parse(String json) {
		return JSON.readValue(json, new TypeReference<Map<String, Object>>() {
		});
	}

	/**
	 * Reads a value at a dotted path ({@code data.profiles.0.id}) from a parsed answer.
	 */
	@SuppressWarnings("unchecked")
	static <T> T at(Object root, String path) {
		Object current = root;
		for (String part : path.split("\\.")) {
			if (current instanceof Map<?, ?> map) {
				current = map.get(part);
			}
			else if (current instanceof List<?> list) {
				current = list.get(Integer.parseInt(part));
			}
			else {
				throw new AssertionError("no " + path + " in " + root);
			}
		}
		return (T) current;
	}

	record Raw(int status, String body, Map<String, List<String>> headers) {
	}

}
