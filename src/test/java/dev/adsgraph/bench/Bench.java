package dev.adsgraph.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.adsgraph.testing.GatewayDataFolder;

/**
 * The benchmark ({@code bench/run}; method and findings in bench/README.md). Starts the
 * sandbox on its own with injected upstream latency, the gateway jar pointed at it as if
 * it were Amazon (live mode, fixed JVM flags), optionally the peer gateway (bench/peer),
 * then drives each workload against each target that can express it, closed model then
 * open model, after a warm-up. Writes {@code <out>/<label>.json} and
 * {@code <out>/<label>.md}.
 */
public final class Bench {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String API_KEY = "bench-api-key-0123456789abcdef";

	static final String SANDBOX_MAIN = "dev.adsgraph.sandbox.SandboxMain";

	/** The sandbox's banner line with its URL. */
	static final Pattern SANDBOX_STARTED = Pattern.compile("base URL\\s+http://127\\.0\\.0\\.1:(\\d+)");

	/** Spring Boot's line once the gateway listens. */
	static final Pattern GATEWAY_STARTED = Pattern.compile("Netty started on port (\\d+)");

	/**
	 * The harness's own blocking calls (set-up, counters, the sandbox's control
	 * endpoints): one client.
	 */
	static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private Bench() {
	}

	public static void main(String[] args) throws Exception {
		BenchOptions options;
		try {
			if (List.of(args).contains("--help")) {
				System.out.print(BenchOptions.USAGE);
				return;
			}
			options = BenchOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.print(BenchOptions.USAGE);
			System.exit(2);
			return;
		}
		if (options.scaleOut()) {
			ScaleOut.Outcome outcome = ScaleOut.run(options, List.of(args).contains("--smoke"));
			System.out.println();
			System.out.println(ScaleOut.markdown(outcome));
			System.out.println("Results: " + outcome.jsonFile() + " and " + outcome.markdownFile());
			System.exit(0);
			return;
		}
		Results results = run(options);
		System.out.println();
		System.out.println(Report.markdown(results));
		System.out.println("Results: " + results.jsonFile() + " and " + results.markdownFile());
		if (results.answers() != null && results.answers().differ()) {
			// after the results are written: a run whose answers changed fails
			System.out.println("bench: answers differ from the baseline's (\"Unchanged answers\" in "
					+ results.markdownFile() + "); exit status 1");
			System.exit(1);
			return;
		}
		System.exit(0);
	}

	/** The whole benchmark; throws when a target cannot be started or set up. */
	static Results run(BenchOptions o) throws Exception {
		if (!Files.isRegularFile(o.jar())) {
			throw new IllegalStateException(o.jar() + " not found: build it with mvn package (bench/run does)");
		}
		Path peerDir = Path.of("bench", "peer");
		boolean peerInstalled = Files.isDirectory(peerDir.resolve("node_modules"));
		boolean withPeer = switch (o.peer()) {
			case "on" -> {
				if (!peerInstalled) {
					throw new IllegalStateException(
							"--peer=on but bench/peer/node_modules is missing: run npm ci in bench/peer");
				}
				yield true;
			}
			case "off" -> false;
			default -> peerInstalled;
		};
		String label = (o.label() != null) ? o.label()
				: DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
		Path logs = Path.of("target", "bench-logs", label);
		Files.createDirectories(o.out());
		Files.createDirectories(logs);
		Instant began = Instant.now();
		log("bench %s: logs in %s", label, logs);

		// The gateway's embedded PostgreSQL keeps its data in a folder of this run (not
		// ./data/postgres, which a gateway started by hand may hold), deleted afterwards.
		Path database = Path.of("target", "bench-postgres", label);
		try {
			return run(o, withPeer, peerDir, label, logs, began, database);
		}
		finally {
			GatewayDataFolder.stopAndDelete(database);
		}
	}

	private static Results run(BenchOptions o, boolean withPeer, Path peerDir, String label, Path logs, Instant began,
			Path database) throws Exception {
		// The sandbox and the gateway pick their own ports and log them: a port found
		// free
		// here could be taken by another process before they bind it.
		try (Procs.Started sandboxProcess = Procs.start("sandbox", sandboxCommand(o), logs)) {
			String sandbox = "http://127.0.0.1:"
					+ Procs.awaitLoggedPort(sandboxProcess, SANDBOX_STARTED, Duration.ofMinutes(1));
			Procs.awaitHttp(sandboxProcess, sandbox + "/sandbox", Duration.ofMinutes(1));
			Control control = new Control(sandbox);
			control.put("/sandbox/faults",
					Map.of("mode", "random", "seed", 7, "rules", List.of(Map.of("upstream", "*", "operation", "*",
							"latency", o.latency().toMillis() + "ms", "latencyJitter", o.jitter().toMillis() + "ms"))));
			JsonNode info = control.get("/sandbox");
			AppCds cds = null;
			if (o.cds()) {
				Instant training = Instant.now();
				cds = AppCds.prepare(o.jar(), o.gatewayJvm());
				log("class data sharing: %s, from %s (%d ms)", cds.archive(), cds.jar(),
						Duration.between(training, Instant.now()).toMillis());
			}
			List<String> gatewayCommand = gatewayCommand(o, o.jar(), cds, sandbox, info, database);
			if (o.jfr()) {
				gatewayCommand.add(1 + o.gatewayJvm().size(),
						"-XX:StartFlightRecording=filename=" + o.out().resolve(label + "-gateway.jfr").toAbsolutePath()
								+ ",settings=profile,dumponexit=true");
			}
			Instant gatewayStart = Instant.now();
			try (Procs.Started gatewayProcess = Procs.start("gateway", gatewayCommand, BenchOptions.GATEWAY_ENVIRONMENT,
					logs)) {
				String gateway = "http://127.0.0.1:"
						+ Procs.awaitLoggedPort(gatewayProcess, GATEWAY_STARTED, Duration.ofMinutes(3));
				Procs.awaitHttp(gatewayProcess, gateway + "/actuator/health/readiness", Duration.ofMinutes(3));
				Duration gatewayStartUp = Duration.between(gatewayStart, Instant.now());
				log("gateway ready in %d ms (RSS %d MB)", gatewayStartUp.toMillis(), gatewayProcess.rssBytes() >> 20);
				if (cds != null) {
					cds.requireMappedBy(gatewayProcess.process().pid());
				}
				Procs.Started peerProcess = null;
				Duration peerStartUp = null;
				try {
					String peer = null;
					if (withPeer) {
						int peerPort = Procs.freePort();
						peer = "http://127.0.0.1:" + peerPort;
						Instant peerStart = Instant.now();
						peerProcess = Procs.start("peer", List.of("bash", peerDir.resolve("run.sh").toString(), sandbox,
								Integer.toString(peerPort)), logs);
						Procs.awaitHttp(peerProcess, peer + Workloads.PEER_HEALTH, Duration.ofMinutes(2));
						peerStartUp = Duration.between(peerStart, Instant.now());
						log("peer ready in %d ms (RSS %d MB)", peerStartUp.toMillis(), peerProcess.rssBytes() >> 20);
					}
					try (Workloads workloads = Workloads.create(o, control, info, gateway, sandbox, API_KEY, peer,
							peerDir)) {
						List<Results.Row> rows = new ArrayList<>();
						Map<String, Object> findings = new LinkedHashMap<>();
						List<Workloads.Case> cases = new ArrayList<>();
						for (String id : o.workloads()) {
							cases.addAll(workloads.cases(id));
						}
						// The JVM's compilers work for minutes on a fresh gateway: every
						// workload warms it
						// up once before anything is measured (a cold request's costs are
						// counted first).
						for (Workloads.Case c : cases) {
							if (c.before() != null) {
								findings.putAll(c.before().run());
							}
							if (c.target().equals(Workloads.ADSGRAPH) && !o.warmup().isZero()) {
								log("%s / %s: first warm-up %d ms", c.workload(), c.target(), o.warmup().toMillis());
								LoadGenerator.closed(c.operation(), o.clients(), o.warmup());
							}
						}
						for (Workloads.Case c : cases) {
							Procs.Started process = switch (c.target()) {
								case Workloads.ADSGRAPH -> gatewayProcess;
								case Workloads.PEER -> peerProcess;
								default -> null;
							};
							log("%s / %s: warm-up %d ms", c.workload(), c.target(), o.warmup().toMillis());
							if (!o.warmup().isZero()) {
								LoadGenerator.closed(c.operation(), o.clients(), o.warmup());
							}
							rows.add(measure(c, "closed", o, control, gateway, process,
									() -> LoadGenerator.closed(c.operation(), o.clients(), o.duration())));
							rows.add(measure(c, "open", o, control, gateway, process,
									() -> LoadGenerator.open(c.operation(), o.rate(), o.duration())));
						}
						// After the last measured run has read the sandbox's counters:
						// the
						// check's upstream calls (and the baseline's) count in no run.
						AnswerCheck.Answers answers = o.checksAnswers()
								? AnswerCheck.run(o, cases, workloads, gateway, sandbox, info, logs, label) : null;
						Results results = new Results(label, began, Duration.between(began, Instant.now()), o,
								Results.describeMachine(), gatewayStartUp, peerStartUp, rows, findings, answers,
								o.out().resolve(label + ".json"), o.out().resolve(label + ".md"));
						Report.write(results);
						return results;
					}
				}
				finally {
					if (peerProcess != null) {
						peerProcess.close();
					}
				}
			}
		}
	}

	/**
	 * A gateway's command line: the JVM flags, the jar (or, with {@code cds}, the
	 * extracted jar and its archive), live mode against the sandbox with the bench's
	 * tenant, its own database folder, the run's extra settings.
	 */
	static List<String> gatewayCommand(BenchOptions o, Path jar, AppCds cds, String sandbox, JsonNode info,
			Path database) {
		List<String> command = new ArrayList<>();
		command.add(Procs.java());
		command.addAll(o.gatewayJvm());
		if (cds != null) {
			command.addAll(List.of(cds.sharedArchiveFlag(), "-jar", cds.jar().toString()));
		}
		else {
			command.addAll(List.of("-jar", jar.toString()));
		}
		command.addAll(gatewayArguments(0, sandbox, info));
		command.add("--adsgraph.database.embedded.data-directory=" + database);
		command.addAll(o.gatewayArgs());
		return command;
	}

	/** The sandbox on its own, from the jar, on a port it picks. */
	static List<String> sandboxCommand(BenchOptions o) {
		List<String> command = new ArrayList<>(
				List.of(Procs.java(), "-Xmx512m", "-cp", o.jar().toString(), "-Dloader.main=" + SANDBOX_MAIN,
						"org.springframework.boot.loader.launch.PropertiesLauncher", "--port=0"));
		command.addAll(o.sandboxArgs());
		return command;
	}

	interface Run {

		LoadGenerator.Measured run() throws InterruptedException;

	}

	private static Results.Row measure(Workloads.Case c, String model, BenchOptions o, Control control, String gateway,
			Procs.Started process, Run run) throws Exception {
		control.post("/sandbox/stats/reset");
		long throttledBefore = (c.target().equals(Workloads.ADSGRAPH)) ? throttled(gateway) : 0;
		Duration cpuBefore = (process != null) ? process.cpu() : Duration.ZERO;
		if (process != null) {
			process.resetPeakRss();
		}
		LoadGenerator.Measured m = run.run();
		Duration cpu = (process != null) ? process.cpu().minus(cpuBefore) : null;
		long peakRss = (process != null) ? process.peakRssBytes() : -1;
		Map<String, Long> upstream = new TreeMap<>();
		control.get("/sandbox/stats")
			.properties()
			.stream()
			.filter((e) -> e.getValue().isNumber()) // not the "warnings" list
			.forEach((e) -> upstream.put(e.getKey(), e.getValue().asLong()));
		long requests = m.ok() + m.errors();
		Map<String, Double> perRequest = new TreeMap<>();
		upstream.forEach((op, count) -> perRequest.put(op, (requests == 0) ? 0 : (double) count / requests));
		long throttled = (c.target().equals(Workloads.ADSGRAPH)) ? throttled(gateway) - throttledBefore : -1;
		Results.Row row = new Results.Row(c.workload(), model, c.target(), model.equals("closed") ? o.clients() : 0,
				model.equals("open") ? o.rate() : 0, requests, m.ok(), m.errors(), m.firstError(), m.throughput(),
				m.percentileMillis(50), m.percentileMillis(95), m.percentileMillis(99), m.maxMillis(), perRequest,
				(cpu != null) ? cpu.toNanos() / 1e9 : Double.NaN,
				(cpu != null && requests > 0) ? cpu.toNanos() / 1e6 / requests : Double.NaN,
				(peakRss >= 0) ? peakRss / (1024.0 * 1024.0) : Double.NaN, throttled);
		log("%s / %s / %s: %.0f/s p50 %.1f p99 %.1f ms, %d errors%s", c.workload(), c.target(), model, row.throughput(),
				row.p50Ms(), row.p99Ms(), row.errors(),
				(m.firstError() != null) ? " (first: " + m.firstError() + ")" : "");
		return row;
	}

	/** The gateway's count of upstream 429 answers so far (its Prometheus counter). */
	static long throttled(String gateway) throws IOException, InterruptedException {
		HttpResponse<String> response = HTTP.send(
				HttpRequest.newBuilder(URI.create(gateway + "/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString());
		long total = 0;
		for (String line : response.body().split("\n")) {
			if (line.startsWith("adsgraph_upstream_throttled_total")) {
				total += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return total;
	}

	/**
	 * Live mode against the sandbox: one tenant with the sandbox's demo Ads user and
	 * Northwind's SP app, NA only.
	 */
	static List<String> gatewayArguments(int port, String sandbox, JsonNode info) {
		JsonNode user = info.get("users").get(0);
		JsonNode sp = null;
		for (JsonNode authorization : info.get("spAuthorizations")) {
			if (authorization.get("sellingPartnerId").asString().equals(Workloads.SELLER)) {
				sp = authorization;
			}
		}
		if (sp == null) {
			throw new IllegalStateException("the sandbox has no SP-API authorization for " + Workloads.SELLER);
		}
		List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--server.address=127.0.0.1",
				"--adsgraph.mode=live", "--adsgraph.upstream.lwa.token-url=" + sandbox + "/auth/o2/token"));
		for (String region : List.of("NA", "EU", "FE")) {
			args.add("--adsgraph.upstream.ads.hosts." + region + "=" + sandbox + "/ads/" + region.toLowerCase());
			args.add("--adsgraph.upstream.sp.hosts." + region + "=" + sandbox + "/sp/" + region.toLowerCase());
		}
		String t = "--adsgraph.tenants[0].";
		args.addAll(List.of(t + "id=bench", t + "name=Benchmark", t + "api-key-sha256=" + sha256(API_KEY),
				t + "ads.client-id=" + user.get("clientId").asString(),
				t + "ads.client-secret=" + user.get("clientSecret").asString(),
				t + "ads.refresh-token=" + user.get("refreshToken").asString(), t + "ads.regions=NA",
				t + "sp.client-id=" + sp.get("clientId").asString(),
				t + "sp.client-secret=" + sp.get("clientSecret").asString(),
				t + "sp.refresh-token=" + sp.get("refreshToken").asString(),
				t + "sp.selling-partner-id=" + Workloads.SELLER, t + "sp.regions=NA",
				// the benchmark measures the gateway, not its per-key request budget
				t + "requests-per-second=1000000", t + "request-burst=1000000"));
		return args;
	}

	static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static LocalDate yesterday() {
		return LocalDate.now(ZoneOffset.UTC).minusDays(1);
	}

	static void log(String format, Object... args) {
		System.out.printf("[bench %tT] %s%n", Instant.now().atZone(ZoneOffset.UTC), String.format(format, args));
	}

	/** The sandbox's control endpoints, and any blocking JSON call the set-up makes. */
	static final class Control {

		private final String base;

		Control(String base) {
			this.base = base;
		}

		JsonNode get(String path) throws IOException, InterruptedException {
			return send(HttpRequest.newBuilder(URI.create(this.base + path)).GET());
		}

		JsonNode post(String path) throws IOException, InterruptedException {
			return send(HttpRequest.newBuilder(URI.create(this.base + path)).POST(HttpRequest.BodyPublishers.noBody()));
		}

		JsonNode put(String path, Object body) throws IOException, InterruptedException {
			return send(HttpRequest.newBuilder(URI.create(this.base + path))
				.header("Content-Type", "application/json")
				.PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
		}

		/**
		 * An LWA access token for a user of the sandbox, as a client of Amazon would get
		 * it.
		 */
		String accessToken(JsonNode user) throws IOException, InterruptedException {
			String form = "grant_type=refresh_token&refresh_token=" + encode(user.get("refreshToken").asString())
					+ "&client_id=" + encode(user.get("clientId").asString()) + "&client_secret="
					+ encode(user.get("clientSecret").asString());
			JsonNode token = send(HttpRequest.newBuilder(URI.create(this.base + "/auth/o2/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form)));
			return token.get("access_token").asString();
		}

		static JsonNode graphql(String url, String apiKey, String query, Map<String, Object> variables)
				throws IOException, InterruptedException {
			HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
				.header("Content-Type", "application/json")
				.header("X-Api-Key", apiKey)
				.POST(HttpRequest.BodyPublishers.ofByteArray(Http.graphqlBody(query, variables)))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
			JsonNode body = JSON.readTree(response.body());
			if (response.statusCode() != 200 || body.has("errors")) {
				throw new IllegalStateException("set-up query failed (" + response.statusCode() + "): " + body);
			}
			return body.get("data");
		}

		private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
			HttpResponse<byte[]> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() / 100 != 2) {
				throw new IllegalStateException(request.build().uri() + " answered " + response.statusCode() + ": "
						+ new String(response.body(), StandardCharsets.UTF_8));
			}
			return (response.body().length == 0) ? JSON.createObjectNode() : JSON.readTree(response.body());
		}

		private static String encode(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8);
		}

	}

	/**
	 * Something to find out once before a case's runs (for example what a cold request
	 * costs upstream).
	 */
	interface Before {

		Map<String, Object> run() throws Exception;

	}

}
