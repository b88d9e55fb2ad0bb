package dev.adsgraph.tooling;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged gateway killed with SIGKILL between a registration and its retry with the
 * same idempotency key, then started again on the same data folder: the embedded
 * PostgreSQL it left running is stopped and started anew on the same data, and the retry
 * gets the first answer without reaching Amazon (the restarted gateway's sandbox sees no
 * registration). Logs in {@code target/restart/}.
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
			try (PackagedJar gateway = PackagedJar.start(OUTPUT.resolve("first.log"), Map.of(), data)) {
				first = post(gateway, body);
				assertThat(first).contains("amzn1.ads-account").doesNotContain("\"errors\"");
				gateway.kill();
			}
			try (PackagedJar gateway = PackagedJar.start(OUTPUT.resolve("second.log"), Map.of(), data)) {
				assertThat(Files.readString(gateway.log())).contains("left running in");
				assertThat(post(gateway, body)).isEqualTo(first);
				assertThat(sandboxStats(gateway)).doesNotContainKey("ads.na.RegisterAdsAccount");
			}
		}
		finally {
			PackagedJar.deleteDataDirectory(data);
		}
	}

	private String post(PackagedJar gateway, String body) throws Exception {
		HttpResponse<String> answer = this.http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/graphql"))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.header("X-Api-Key", "adsgraph-demo-key")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return answer.body();
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
