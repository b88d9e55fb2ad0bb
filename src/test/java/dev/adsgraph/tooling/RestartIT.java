package dev.adsgraph.tooling;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.util.HtmlUtils;

import dev.adsgraph.testing.GatewayDataFolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged gateway killed with SIGKILL between a registration and its retry with the
 * same idempotency key, then started again on the same data folder: the embedded
 * PostgreSQL it left running is stopped and started anew on the same data, and the retry
 * gets the first answer without reaching Amazon (the restarted gateway's sandbox sees no
 * registration). What the admin API and a consent made before the kill (a workspace, its
 * API key, an Amazon Ads connection made on the sandbox's consent page) is all there
 * after it, and the registration in progress is followed again. Logs in
 * {@code target/restart/}.
 */
class RestartIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Path OUTPUT = Path.of("target", "restart");

	private static final Pattern SANDBOX_URL = Pattern.compile("Adsgraph sandbox \\(.*\\) at (http://[^;\\s]+);");

	private static final String REGISTER = """
			mutation($input: RegisterAdsAccountInput!, $key: String) {
			  registerAdsAccount(input: $input, idempotencyKey: $key) {
			    adsAccount { id name status }
			    userErrors { code message field }
			  }
			}""";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@Test
	void aRetryAfterTheGatewayWasKilledGetsTheFirstAnswer() throws Exception {
		Map<String, Object> variables = Map.of("key", UUID.randomUUID().toString(), "input",
				Map.of("association",
						Map.of("business",
								Map.of("name", "Killed Gateway Dental", "phone", "+1 206 555 0199", "addressLine1",
										"400 Pine St", "city", "Seattle", "state", "WA", "zipCode", "98101",
										"countryCode", "US", "websiteUrl", "https://www.killed-gateway.example"))));
		String body = JSON.writeValueAsString(Map.of("query", REGISTER, "variables", variables));
		Path data = PackagedJar.newDataDirectory();
		try {
			String first;
			String key;
			String connection;
			try (PackagedJar gateway = PackagedJar.start(OUTPUT.resolve("first.log"), Map.of(), data)) {
				first = post(gateway, body);
				assertThat(first).contains("amzn1.ads-account").doesNotContain("\"errors\"");
				assertThat(admin(gateway, "POST", "/admin/workspaces", "{\"id\":\"kept\",\"name\":\"Kept\"}"))
					.contains("\"id\":\"kept\"");
				key = (String) JSON
					.readValue(admin(gateway, "POST", "/admin/workspaces/kept/api-keys", "{}"), Map.class)
					.get("key");
				connection = connectAmazonAds(gateway);
				gateway.kill();
			}
			try (PackagedJar gateway = PackagedJar.start(OUTPUT.resolve("second.log"), Map.of(), data)) {
				assertThat(Files.readString(gateway.log())).contains("left running in");
				assertThat(post(gateway, body)).isEqualTo(first);
				assertThat(sandboxStats(gateway)).doesNotContainKey("ads.na.RegisterAdsAccount");
				awaitLog(gateway, "Following 1 registrations still in progress");
				assertThat(admin(gateway, "GET", "/admin/workspaces/kept", null)).contains("\"name\":\"Kept\"");
				assertThat(post(gateway, key, "{\"query\":\"{ profiles { id } }\"}"))
					.isEqualTo("{\"data\":{\"profiles\":[]}}");
				assertThat(admin(gateway, "GET", "/admin/workspaces/demo/connections", null))
					.contains("\"id\":\"" + connection + "\"")
					.contains("\"status\":\"ACTIVE\"");
				// The connection still answers: the global user's profiles, through it.
				assertThat(post(gateway, "{\"query\":\"{ profiles { id connectedAccount { id } } }\"}"))
					.doesNotContain("\"errors\"")
					.contains("{\"id\":\"" + connection + "\"}");
			}
		}
		finally {
			GatewayDataFolder.stopAndDelete(data);
		}
	}

	private String post(PackagedJar gateway, String body) throws Exception {
		return post(gateway, "adsgraph-demo-key", body);
	}

	private String post(PackagedJar gateway, String apiKey, String body) throws Exception {
		HttpResponse<String> answer = this.http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/graphql"))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.header("X-Api-Key", apiKey)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return answer.body();
	}

	/**
	 * Waits for a line the gateway logs on its own, at start-up: the log is read again
	 * each time the file system reports it changed, for at most a minute (the gateway has
	 * started, so only its start-up tasks are still running).
	 */
	private static void awaitLog(PackagedJar gateway, String line) throws Exception {
		Path log = gateway.log().toAbsolutePath();
		long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
		try (WatchService changes = log.getFileSystem().newWatchService()) {
			log.getParent().register(changes, StandardWatchEventKinds.ENTRY_MODIFY);
			while (!Files.readString(log).contains(line)) {
				long left = deadline - System.nanoTime();
				assertThat(left > 0).as("'%s' in %s within a minute", line, log).isTrue();
				WatchKey changed = changes.poll(left, TimeUnit.NANOSECONDS);
				if (changed != null) {
					changed.pollEvents();
					changed.reset();
				}
			}
		}
	}

	/** The admin API with the sandbox's demo admin token: the answer's body. */
	private String admin(PackagedJar gateway, String method, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer adsgraph-demo-admin-token");
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		HttpResponse<String> answer = this.http.send(
				request
					.method(method,
							(body != null) ? HttpRequest.BodyPublishers.ofString(body)
									: HttpRequest.BodyPublishers.noBody())
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 299);
		return answer.body();
	}

	/**
	 * The demo workspace connects the sandbox's global user, as a browser would: the
	 * mutation's URL, the consent page's form, the gateway's callback; answers the new
	 * connection's id from the return URL.
	 */
	private String connectAmazonAds(PackagedJar gateway) throws Exception {
		String returnUrl = gateway.baseUrl() + "/dashboard?view=connections";
		String mutation = JSON.writeValueAsString(Map.of("query",
				"mutation($input: ConnectAmazonAdsInput!) { connectAmazonAds(input: $input) { authorizationUrl } }",
				"variables", Map.of("input", Map.of("region", "NA", "returnUrl", returnUrl))));
		Matcher url = Pattern.compile("\"authorizationUrl\":\"([^\"]+)\"").matcher(post(gateway, mutation));
		assertThat(url.find()).isTrue();
		URI page = URI.create(url.group(1));
		HttpResponse<String> form = this.http.send(HttpRequest.newBuilder(page).timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
		StringBuilder fields = new StringBuilder("user=global&action=allow");
		Matcher hidden = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")
			.matcher(form.body());
		while (hidden.find()) {
			fields.append('&')
				.append(encode(HtmlUtils.htmlUnescape(hidden.group(1))))
				.append('=')
				.append(encode(HtmlUtils.htmlUnescape(hidden.group(2))));
		}
		HttpResponse<String> allowed = this.http.send(HttpRequest
			.newBuilder(URI.create(page.getScheme() + "://" + page.getRawAuthority() + page.getRawPath()))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(fields.toString()))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(302);
		HttpResponse<String> back = this.http
			.send(HttpRequest.newBuilder(URI.create(allowed.headers().firstValue("Location").orElseThrow()))
				.timeout(Duration.ofSeconds(60))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(back.statusCode()).as(back.body()).isEqualTo(303);
		String location = back.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(returnUrl).contains("status=connected");
		Matcher id = Pattern.compile("connectedAccount=([0-9a-f-]{36})").matcher(location);
		assertThat(id.find()).as(location).isTrue();
		return id.group(1);
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	/** Request counts of the gateway's own sandbox, whose URL its log names. */
	private Map<String, Long> sandboxStats(PackagedJar gateway) throws Exception {
		Matcher url = SANDBOX_URL.matcher(Files.readString(gateway.log()));
		assertThat(url.find()).as("the sandbox's URL in the log").isTrue();
		HttpResponse<String> stats = this.http.send(HttpRequest.newBuilder(URI.create(url.group(1) + "/sandbox/stats"))
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
		// The counts only: the stats also carry the list of recorded warnings.
		Map<String, Object> all = JSON.readValue(stats.body(), new TypeReference<Map<String, Object>>() {
		});
		Map<String, Long> counts = new LinkedHashMap<>();
		all.forEach((operation, count) -> {
			if (count instanceof Number number) {
				counts.put(operation, number.longValue());
			}
		});
		return counts;
	}

}
