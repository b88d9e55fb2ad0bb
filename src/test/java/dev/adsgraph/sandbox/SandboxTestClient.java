package dev.adsgraph.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Talks to a real {@link SandboxServer} over HTTP the way a gateway client would: LWA
 * first, then Ads API calls with the bearer token and client-id header, unless a test
 * takes them away.
 */
public final class SandboxTestClient implements AutoCloseable {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	public static final String ACCOUNTS_V2 = "application/vnd.registeradsaccountresource.v1+json";

	public static final String LIST_ACCOUNTS = "application/vnd.listaccountsresource.v1+json";

	public static final String TERMS_REQUEST = "application/vnd.GlobalRegistrationService.TermsTokenResource.v1.0+json";

	public static final String REPORT_REQUEST = "application/vnd.createasyncreportrequest.v3+json";

	/**
	 * What Amazon's SDKs send: application and version, then the Language= attribute
	 * SP-API requires.
	 */
	static final String USER_AGENT = "AdsgraphSandboxTest/1.0 (Language=Java/17; Platform=Linux)";

	private final SandboxServer server;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Map<SandboxCredentials, String> tokens = new LinkedHashMap<>();

	private SandboxTestClient(SandboxServer server) {
		this.server = server;
	}

	/**
	 * A sandbox that settles registrations after 200 ms, so flows can be polled quickly.
	 */
	public static SandboxTestClient start() {
		return start(SandboxSettings.defaults().withRegistrationDelay(Duration.ofMillis(200)));
	}

	public static SandboxTestClient start(SandboxSettings settings) {
		return new SandboxTestClient(SandboxServer.start(settings));
	}

	public SandboxServer server() {
		return this.server;
	}

	@Override
	public void close() {
		this.server.close();
	}

	public Exchange lwa(String contentType, String body) {
		return new Request("POST", "/auth/o2/token").withoutAuth().body(contentType, body).send();
	}

	public static String form(Map<String, String> params) {
		StringBuilder form = new StringBuilder();
		params.forEach((name, value) -> form.append(form.isEmpty() ? "" : "&")
			.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
			.append('=')
			.append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
		return form.toString();
	}

	public static Map<String, String> refreshGrant(SandboxCredentials credentials) {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("grant_type", "refresh_token");
		params.put("client_id", credentials.clientId());
		params.put("client_secret", credentials.clientSecret());
		params.put("refresh_token", credentials.refreshToken());
		return params;
	}

	public String accessToken(SandboxCredentials credentials) {
		return this.tokens.computeIfAbsent(credentials, (c) -> {
			Exchange token = lwa("application/x-www-form-urlencoded", form(refreshGrant(c)));
			assertThat(token.status()).as(token.body()).isEqualTo(200);
			return token.json().get("access_token").stringValue();
		});
	}

	/** An Ads API request on a regional host, authenticated as the demo user. */
	public Request ads(String region, String method, String path) {
		return new Request(method, "/ads/" + region + path).as(SandboxServer.demoCredentials());
	}

	/**
	 * An SP-API request on a regional host, authenticated as the demo tenant's selling
	 * partner (Northwind).
	 */
	public Request sp(String region, String method, String path) {
		return new Request(method, "/sp/" + region + path).asSp(SandboxServer.demoSpCredentials());
	}

	/** Fetches a pre-signed document URL the way a client would: no credentials. */
	Download download(String url) {
		return download(url, Map.of());
	}

	/**
	 * Fetches a pre-signed document URL with extra headers, as a careless client would.
	 */
	Download download(String url, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
		headers.forEach(request::header);
		try {
			HttpResponse<byte[]> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			return new Download(response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The ground truth of one seller's products in one marketplace over an inclusive date
	 * range.
	 */
	public JsonNode truth(String sellerId, String marketplaceId, String startDate, String endDate) {
		Exchange truth = raw("GET", "/sandbox/products?sellerId=" + sellerId + "&marketplaceId=" + marketplaceId
				+ "&startDate=" + startDate + "&endDate=" + endDate)
			.send();
		assertThat(truth.status()).as(truth.body()).isEqualTo(200);
		return truth.json();
	}

	public Request raw(String method, String path) {
		return new Request(method, path).withoutAuth();
	}

	/** Polls until {@code done} holds, for asynchronous state such as registrations. */
	public static <T> T await(Supplier<T> probe, Predicate<T> done) {
		Instant deadline = Instant.now().plusSeconds(5);
		T value = probe.get();
		while (!done.test(value)) {
			assertThat(Instant.now()).as("condition not reached in time, last value: %s", value).isBefore(deadline);
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			value = probe.get();
		}
		return value;
	}

	public final class Request {

		private final String method;

		private final String path;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private String body;

		private Request(String method, String path) {
			this.method = method;
			this.path = path;
		}

		public Request as(SandboxCredentials credentials) {
			this.headers.put("Authorization", "Bearer " + accessToken(credentials));
			this.headers.put(
					this.path.contains("/adsApi/v1/") ? "Amazon-Ads-ClientId" : "Amazon-Advertising-API-ClientId",
					credentials.clientId());
			return this;
		}

		/**
		 * SP-API authentication: the access token in x-amz-access-token, never as a
		 * bearer token.
		 */
		public Request asSp(SandboxCredentials credentials) {
			this.headers.put("x-amz-access-token", accessToken(credentials));
			this.headers.put("User-Agent", USER_AGENT);
			return this;
		}

		public Request header(String name, String value) {
			this.headers.put(name, value);
			return this;
		}

		public Request withoutHeader(String name) {
			this.headers.remove(name);
			return this;
		}

		Request withoutAuth() {
			this.headers.clear();
			return this;
		}

		public Request body(String contentType, String body) {
			this.headers.put("Content-Type", contentType);
			this.body = body;
			return this;
		}

		/** A JSON body with the operation's vendor media type. */
		public Request json(String contentType, Object body) {
			return body(contentType, (body instanceof String text) ? text : JSON.writeValueAsString(body));
		}

		public Exchange send() {
			HttpRequest.Builder request = HttpRequest
				.newBuilder(URI.create(SandboxTestClient.this.server.baseUrl() + this.path))
				.timeout(Duration.ofSeconds(10))
				.method(this.method, (this.body != null) ? HttpRequest.BodyPublishers.ofString(this.body)
						: HttpRequest.BodyPublishers.noBody());
			this.headers.forEach(request::header);
			try {
				HttpResponse<String> response = SandboxTestClient.this.http.send(request.build(),
						HttpResponse.BodyHandlers.ofString());
				return new Exchange(this.method, this.path, Map.copyOf(this.headers), this.body, response.statusCode(),
						response.headers().map(), response.body());
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

	record Download(int status, Map<String, java.util.List<String>> headers, byte[] body) {

		/** The first value of a header, whatever its case; null when absent. */
		String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

		String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		/** The gunzipped body as JSON. */
		JsonNode json() {
			try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
					new java.io.ByteArrayInputStream(this.body))) {
				return JSON.readTree(in.readAllBytes());
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/** One request and its answer, kept together so contract checks can validate both. */
	public record Exchange(String method, String path, Map<String, String> requestHeaders, String requestBody,
			int status, Map<String, java.util.List<String>> responseHeaders, String body) {

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		public String header(String name) {
			return this.responseHeaders.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

		@Override
		public String toString() {
			return this.method + " " + this.path + " -> " + this.status + " " + this.body;
		}

	}

}
