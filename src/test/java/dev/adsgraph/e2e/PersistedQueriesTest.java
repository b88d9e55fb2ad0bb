package dev.adsgraph.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Apollo's automatic persisted queries over HTTP, as its link drives them: a hash alone
 * is answered {@code PersistedQueryNotFound}, the hash with its document registers and
 * runs it, and the hash alone then runs it, over POST and GET alike.
 */
class PersistedQueriesTest extends SandboxGatewayTest {

	static final String GRAPHQL_RESPONSE = "application/graphql-response+json";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	static String sha256(String document) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(document.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new AssertionError(ex);
		}
	}

	static Map<String, Object> persistedQuery(String hash) {
		return Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
	}

	/** POSTs a request with the hash, and the document unless it is null. */
	static HttpResponse<String> post(String gatewayUrl, String query, String hash) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (query != null) {
			body.put("query", query);
		}
		body.put("extensions", persistedQuery(hash));
		return send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/graphql"))
			.header("Content-Type", "application/json")
			.header("Accept", GRAPHQL_RESPONSE)
			.header("X-Api-Key", GatewayClient.DEMO_KEY)
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
	}

	/**
	 * GETs a request with the hash, and the document unless it is null, as Apollo's link
	 * does.
	 */
	static HttpResponse<String> get(String gatewayUrl, String query, String hash) {
		StringBuilder url = new StringBuilder(gatewayUrl + "/graphql?extensions="
				+ URLEncoder.encode(JSON.writeValueAsString(persistedQuery(hash)), StandardCharsets.UTF_8));
		if (query != null) {
			url.append("&query=").append(URLEncoder.encode(query, StandardCharsets.UTF_8));
		}
		return send(HttpRequest.newBuilder(URI.create(url.toString()))
			.header("Accept", GRAPHQL_RESPONSE)
			.header("X-Api-Key", GatewayClient.DEMO_KEY)
			.GET());
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	static void assertRefused(HttpResponse<String> response, String code, String message) {
		Map<String, Object> answer = GatewayClient.parse(response.body());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(errorCode(answer)).isEqualTo(code);
		assertThat(answer).doesNotContainKey("data");
		if (message != null) {
			assertThat(GatewayClient.<String>at(errors(answer).get(0), "message")).isEqualTo(message);
		}
	}

	static void assertRan(HttpResponse<String> response, String field) {
		Map<String, Object> answer = GatewayClient.parse(response.body());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertNoErrors(answer);
		assertThat(GatewayClient.<String>at(answer, "data." + field)).isEqualTo("Query");
	}

	@Test
	void overPostAnUnknownHashIsNotFoundThenTheDocumentRegistersAndTheHashAloneRunsIt() {
		String query = "query ApqPost { apqPost: __typename }";
		String hash = sha256(query);
		assertRefused(post(this.client.gatewayUrl(), null, hash), "PERSISTED_QUERY_NOT_FOUND",
				"PersistedQueryNotFound");
		assertRan(post(this.client.gatewayUrl(), query, hash), "apqPost");
		assertRan(post(this.client.gatewayUrl(), null, hash), "apqPost");
		assertRan(get(this.client.gatewayUrl(), null, hash), "apqPost");
	}

	@Test
	void overGetAnUnknownHashIsNotFoundThenTheDocumentRegistersAndTheHashAloneRunsIt() {
		String query = "query ApqGet { apqGet: __typename }";
		String hash = sha256(query);
		assertRefused(get(this.client.gatewayUrl(), null, hash), "PERSISTED_QUERY_NOT_FOUND", "PersistedQueryNotFound");
		assertRan(get(this.client.gatewayUrl(), query, hash), "apqGet");
		HttpResponse<String> hit = get(this.client.gatewayUrl(), null, hash);
		assertRan(hit, "apqGet");
		assertThat(hit.headers().firstValue("ETag")).isPresent();
		assertThat(hit.headers().firstValue("Cache-Control")).hasValue("private");
	}

	@Test
	void theStoreIsMeasuredLikeTheOtherCaches() {
		String query = "query ApqMeasured { apqMeasured: __typename }";
		String hash = sha256(query);
		assertRefused(post(this.client.gatewayUrl(), null, hash), "PERSISTED_QUERY_NOT_FOUND", null);
		assertRan(post(this.client.gatewayUrl(), query, hash), "apqMeasured");
		assertRan(post(this.client.gatewayUrl(), null, hash), "apqMeasured");
		GatewayClient.Raw raw = this.client.get(this.client.gatewayUrl() + "/actuator/prometheus");
		PrometheusText metrics = PrometheusText.parse(raw.body());
		assertThat(metrics.sum("cache_gets_total", "cache", "graphql.persisted-queries", "result", "hit")).isPositive();
		assertThat(metrics.sum("cache_gets_total", "cache", "graphql.persisted-queries", "result", "miss"))
			.isPositive();
	}

	@Test
	void aPersistedSubscriptionIsStillRefusedOverHttp() {
		String subscription = "subscription ApqSubscription { adsAccountStatus(adsAccountId: \"amzn1.ads-account.g.x\") { status } }";
		String hash = sha256(subscription);
		assertRefused(post(this.client.gatewayUrl(), subscription, hash), "BAD_REQUEST", null);
		// registered (it validates), and refused again by hash, before anything runs
		assertRefused(get(this.client.gatewayUrl(), null, hash), "BAD_REQUEST", null);
	}

	@Test
	void aHashThatIsNotTheDocumentsIsRefusedAndRegistersNothing() {
		String query = "query ApqMismatch { apqMismatch: __typename }";
		String wrong = sha256(query + " ");
		assertRefused(post(this.client.gatewayUrl(), query, wrong), "PERSISTED_QUERY_HASH_MISMATCH",
				"provided sha does not match query");
		assertRefused(get(this.client.gatewayUrl(), query, wrong), "PERSISTED_QUERY_HASH_MISMATCH", null);
		assertRefused(post(this.client.gatewayUrl(), null, wrong), "PERSISTED_QUERY_NOT_FOUND", null);
	}

	@Test
	void aDocumentThatDoesNotValidateIsNotRegistered() {
		String query = "query ApqInvalid { noSuchField }";
		String hash = sha256(query);
		assertRefused(post(this.client.gatewayUrl(), query, hash), "GRAPHQL_VALIDATION_FAILED", null);
		assertRefused(post(this.client.gatewayUrl(), null, hash), "PERSISTED_QUERY_NOT_FOUND", null);
	}

	@Test
	void aGetWithNeitherQueryNorPersistedQueryIsStillAMalformedRequest() {
		HttpResponse<String> response = send(HttpRequest
			.newBuilder(URI.create(this.client.gatewayUrl() + "/graphql?extensions="
					+ URLEncoder.encode("{\"other\":1}", StandardCharsets.UTF_8)))
			.header("Accept", GRAPHQL_RESPONSE)
			.header("X-Api-Key", GatewayClient.DEMO_KEY)
			.GET());
		assertRefused(response, "BAD_REQUEST", null);
	}

}
