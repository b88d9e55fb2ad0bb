package dev.adsgraph.tooling;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON log option of docs/observability.md: the packaged jar run with
 * {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=logstash} writes one JSON object per line, and
 * the lines written for a request carry its correlation id as a field of their own. A
 * process of its own, since the log format is set when logging starts. Log in
 * {@code target/structured-logs/}.
 */
class StructuredLogsIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void logstashFormatWritesJsonLinesWithTheCorrelationId() throws Exception {
		Path log = Path.of("target", "structured-logs", "gateway.log");
		try (PackagedJar gateway = PackagedJar.start(log, Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "logstash"))) {
			int port = gateway.port();
			String correlationId = "json-" + UUID.randomUUID();
			HttpResponse<String> answer = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.build()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
					.timeout(Duration.ofSeconds(60))
					.header("Content-Type", "application/json")
					.header("X-Api-Key", "adsgraph-demo-key")
					.header("X-Correlation-Id", correlationId)
					.POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ profiles { id } }\"}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

			List<Map<String, Object>> lines = readJsonLines(log);
			assertThat(lines).as("JSON lines in %s", log).isNotEmpty();
			assertThat(lines.stream().filter((line) -> correlationId.equals(line.get("correlationId"))))
				.as("lines with correlationId %s in %s", correlationId, log)
				.anySatisfy((line) -> {
					assertThat(line.get("logger_name")).isEqualTo("dev.adsgraph.upstream.calls");
					assertThat((String) line.get("message")).contains("ads listProfiles answered HTTP 200")
						.containsPattern("requestId=[0-9A-Za-z-]{8,}");
					assertThat(line).containsKeys("@timestamp", "level");
				});
		}
	}

	/**
	 * Every line must be a JSON object; the JVM's own lines before logging starts are
	 * none here.
	 */
	private static List<Map<String, Object>> readJsonLines(Path log) throws Exception {
		List<Map<String, Object>> lines = new ArrayList<>();
		for (String line : Files.readAllLines(log)) {
			if (line.isBlank()) {
				continue;
			}
			assertThat(line).as("a log line in %s", log).startsWith("{");
			lines.add(JSON.readValue(line, new TypeReference<Map<String, Object>>() {
			}));
		}
		return lines;
	}

}
