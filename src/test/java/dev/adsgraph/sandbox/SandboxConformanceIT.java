package dev.adsgraph.sandbox;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.adsgraph.testing.ExternalTools;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Amazon's own clients against the standalone sandbox ({@link SandboxMain} from
 * {@code target/adsgraph.jar}, on a port it picks), as anyone pointing a tool at the
 * sandbox would run them. Runs in Maven's integration-test phase, after {@code package}.
 * Output in {@code target/conformance/}: the sandbox's log, each tool's output and
 * newman's JSON report.
 * <ul>
 * <li>Amazon's JavaScript SP-API SDK ({@code conformance/sp-api-sdk.test.mjs}, the SDK
 * pinned in {@code conformance/package.json}) through every SP-API operation the sandbox
 * serves: the sandbox's own counters must show each operation of its table
 * ({@link SandboxOperations}) called.</li>
 * <li>Amazon's Ads Postman collection ({@code ../shared/specs/ads-api/}) under newman
 * with Amazon's pre-request and test scripts: the requests the sandbox serves, as listed
 * in {@code conformance/ads-postman-requests.json}, which names every other request with
 * the reason it is left out; each must answer 2xx.</li>
 * </ul>
 */
class SandboxConformanceIT {

	private static final Path OUTPUT = Path.of("target", "conformance");

	private static final Path SPECS = Path.of("..", "shared", "specs", "ads-api");

	private static final Path COLLECTION = SPECS.resolve("Amazon_Ads_API.postman_collection.json");

	private static final Path ENVIRONMENT = SPECS.resolve("Amazon_Ads_API_Environment.postman_environment.json");

	private static final Path REQUESTS = Path.of("conformance", "ads-postman-requests.json");

	private static final Pattern STARTED = Pattern.compile("base URL\\s+(http://127\\.0\\.0\\.1:\\d+)");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static Process sandbox;

	private static String baseUrl;

	@BeforeAll
	static void startSandbox() throws Exception {
		Path jar = Path.of("target", "adsgraph.jar");
		assertThat(jar).as("the packaged jar (this test runs after mvn package)").exists();
		Files.createDirectories(OUTPUT);
		// Reports take 10 s: IN_QUEUE for 5 s, ample time to cancel one however loaded
		// the
		// machine, short enough to wait for another to be DONE.
		// C1 only: the sandbox lives for this test, and nothing here measures its speed.
		sandbox = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
				"-XX:TieredStopAtLevel=1", "-cp", jar.toString(), "-Dloader.main=" + SandboxMain.class.getName(),
				"org.springframework.boot.loader.launch.PropertiesLauncher", "--port=0", "--report-processing-time=10s")
			.redirectErrorStream(true)
			.start();
		CompletableFuture<String> started = new CompletableFuture<>();
		Thread reader = new Thread(() -> copyOutput(started), "sandbox-output");
		reader.setDaemon(true);
		reader.start();
		try {
			baseUrl = started.get(3, TimeUnit.MINUTES);
		}
		catch (TimeoutException | ExecutionException ex) {
			stopSandbox();
			throw new AssertionError("the standalone sandbox did not start; see " + OUTPUT.resolve("sandbox.log"), ex);
		}
	}

	@AfterAll
	static void stopSandbox() throws InterruptedException {
		if (sandbox != null) {
			sandbox.destroy();
			if (!sandbox.waitFor(30, TimeUnit.SECONDS)) {
				sandbox.destroyForcibly();
			}
		}
	}

	@Test
	void amazonsSpApiSdkRunsEverySpApiOperationTheSandboxServes() throws Exception {
		Path node = ExternalTools.onPath("node", "install Node.js");
		if (!Files.isDirectory(Path.of("conformance", "node_modules", "@amazon-sp-api-release"))) {
			ExternalTools.missing("Amazon's SP-API SDK is not installed in conformance/node_modules;"
					+ " run npm ci --prefix conformance (.ci/run does)");
		}
		Path log = OUTPUT.resolve("sp-api-sdk.log");
		ExternalTools.Finished run = ExternalTools.run(
				List.of(node.toString(), "--test", "conformance/sp-api-sdk.test.mjs"), Map.of("SANDBOX_URL", baseUrl),
				log, Duration.ofMinutes(3));
		assertThat(run.exitCode()).as("the SDK's run failed; the end of %s:%n%s", log, run.tail(80)).isZero();
		assertThat(run.output()).containsPattern("(?m)^# pass [1-9]\\d*$").containsPattern("(?m)^# fail 0$");

		// The SDK test resets the counters first: what they hold now is the SDK's
		// traffic.
		JsonNode stats = get("/sandbox/stats");
		Set<String> missing = new TreeSet<>();
		for (SandboxOperations operation : SandboxOperations.values()) {
			String key = "sp.na." + operation.operationId();
			if (operation.upstream().equals("sp") && stats.path(key).asLong(0) == 0) {
				missing.add(operation.operationId());
			}
		}
		assertThat(missing).as("SP-API operations of the sandbox's table that the SDK test never called").isEmpty();
	}

	@Test
	void amazonsAdsPostmanCollectionPassesUnderNewmanForTheRequestsTheSandboxServes() throws Exception {
		Path newman = ExternalTools.program(Path.of("tools", "node_modules", ".bin", "newman"), "newman",
				"run npm ci --prefix tools (.ci/run does)");
		ExternalTools.onPath("node", "install Node.js");
		if (!Files.isRegularFile(COLLECTION) || !Files.isRegularFile(ENVIRONMENT)) {
			ExternalTools.missing("Amazon's Ads Postman collection and environment are not in " + SPECS.toAbsolutePath()
					+ " (the project's shared specs, beside the repository)");
		}
		JsonNode requests = JSON.readTree(REQUESTS.toFile());
		Set<String> run = new LinkedHashSet<>();
		requests.get("run").forEach((name) -> run.add(name.stringValue()));
		Set<String> excluded = new LinkedHashSet<>();
		requests.get("excluded").forEach((entry) -> {
			assertThat(entry.path("reason").asString("")).as("the reason %s is left out", entry).isNotBlank();
			excluded.add(entry.get("request").stringValue() + " " + entry.get("method").stringValue());
		});

		ObjectNode collection = (ObjectNode) JSON.readTree(COLLECTION.toFile());
		List<String> unlisted = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		ArrayNode kept = keep((ArrayNode) collection.get("item"), "", run, excluded, unlisted, seen);
		assertThat(unlisted).as("requests of the collection in neither list of %s", REQUESTS).isEmpty();
		Set<String> stale = new LinkedHashSet<>(run);
		stale.addAll(excluded);
		stale.removeAll(seen);
		assertThat(stale).as("entries of %s that the collection does not have", REQUESTS).isEmpty();
		collection.set("item", kept);
		Path filtered = OUTPUT.resolve("ads-postman-collection.json");
		Files.writeString(filtered, JSON.writeValueAsString(collection));

		JsonNode info = get("/sandbox");
		JsonNode demo = info.get("users").get(0);
		post("/sandbox/stats/reset");
		Path report = OUTPUT.resolve("ads-newman.json");
		Path log = OUTPUT.resolve("ads-newman.log");
		ExternalTools.Finished newmanRun = ExternalTools.run(
				List.of(newman.toString(), "run", filtered.toString(), "-e", ENVIRONMENT.toString(),
						// The Ads host and LWA as GET /sandbox lists them, and the demo
						// user.
						"--env-var", "api_url=" + info.at("/adsHosts/NA").stringValue(), "--env-var",
						"token_url=" + info.get("lwaTokenUrl").stringValue(), "--env-var",
						"client_id=" + demo.get("clientId").stringValue(), "--env-var",
						"client_secret=" + demo.get("clientSecret").stringValue(), "--env-var",
						"refresh_token=" + demo.get("refreshToken").stringValue(), "--reporters", "cli,json",
						"--reporter-json-export", report.toString(), "--color", "off", "--timeout-request", "60000"),
				log, Duration.ofMinutes(3));
		assertThat(newmanRun.exitCode()).as("newman failed; the end of %s:%n%s", log, newmanRun.tail(60)).isZero();

		// Amazon's scripts assert little (Create report only logs a failure), so every
		// answer must also be a success.
		JsonNode executions = JSON.readTree(report.toFile()).at("/run/executions");
		List<String> answers = new ArrayList<>();
		executions.forEach((execution) -> answers
			.add(execution.at("/item/name").stringValue() + " " + execution.at("/response/code").asInt()));
		assertThat(answers).hasSize(run.size()).allMatch((answer) -> answer.matches(".* 2\\d\\d"), "a 2xx answer");
		JsonNode stats = get("/sandbox/stats");
		for (String operation : List.of("lwa.token", "ads.na.listProfiles", "ads.na.createAsyncReport",
				"ads.na.getAsyncReport")) {
			assertThat(stats.path(operation).asLong(0)).as(operation).isPositive();
		}
	}

	/**
	 * The items to run, with their folders (and the folders' scripts); records requests
	 * in neither list. Reporting v3 keeps 95 days of data, so the fixed 2023 dates of
	 * Amazon's Create report body move to last week: Amazon would refuse them as the
	 * sandbox does. Nothing else of a request changes.
	 */
	private static ArrayNode keep(ArrayNode items, String folder, Set<String> run, Set<String> excluded,
			List<String> unlisted, Set<String> seen) {
		ArrayNode kept = JSON.createArrayNode();
		for (JsonNode item : items) {
			String name = folder.isEmpty() ? item.get("name").stringValue()
					: folder + " / " + item.get("name").stringValue();
			if (item.has("item")) {
				ArrayNode children = keep((ArrayNode) item.get("item"), name, run, excluded, unlisted, seen);
				if (!children.isEmpty()) {
					kept.add(((ObjectNode) item.deepCopy()).set("item", children));
				}
				continue;
			}
			String method = item.at("/request/method").stringValue();
			if (run.contains(name)) {
				seen.add(name);
				kept.add(recentDates((ObjectNode) item.deepCopy()));
			}
			else if (excluded.contains(name + " " + method)) {
				seen.add(name + " " + method);
			}
			else {
				unlisted.add(name + " (" + method + ")");
			}
		}
		return kept;
	}

	private static ObjectNode recentDates(ObjectNode item) {
		JsonNode raw = item.at("/request/body/raw");
		if (raw.isString()) {
			LocalDate today = LocalDate.now(ZoneOffset.UTC);
			String body = raw.stringValue()
				.replaceAll("(\"startDate\"\\s*:\\s*\")\\d{4}-\\d{2}-\\d{2}", "$1" + today.minusDays(8))
				.replaceAll("(\"endDate\"\\s*:\\s*\")\\d{4}-\\d{2}-\\d{2}", "$1" + today.minusDays(3));
			((ObjectNode) item.get("request").get("body")).put("raw", body);
		}
		return item;
	}

	private static JsonNode get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = HTTP.send(
				HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private static void post(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isBetween(200, 299);
	}

	/** Copies the sandbox's output into its log; completes with its base URL. */
	private static void copyOutput(CompletableFuture<String> started) {
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(sandbox.getInputStream(), StandardCharsets.UTF_8));
				BufferedWriter copy = Files.newBufferedWriter(OUTPUT.resolve("sandbox.log"), StandardCharsets.UTF_8)) {
			String line;
			while ((line = output.readLine()) != null) {
				copy.write(line);
				copy.newLine();
				copy.flush();
				Matcher matcher = STARTED.matcher(line);
				if (!started.isDone() && matcher.find()) {
					started.complete(matcher.group(1));
				}
			}
			started.completeExceptionally(new IllegalStateException("the sandbox exited"));
		}
		catch (IOException ex) {
			started.completeExceptionally(ex);
		}
	}

}
