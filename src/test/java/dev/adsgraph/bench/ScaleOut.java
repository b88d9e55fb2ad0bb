package dev.adsgraph.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.HdrHistogram.ConcurrentHistogram;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;

import org.springframework.util.FileSystemUtils;

import dev.adsgraph.database.EmbeddedPostgresServer;
import dev.adsgraph.testing.RedisServer;

/**
 * The scale-out comparison ({@code bench/run --scale-out=true}; method and findings in
 * bench/README.md): one sandbox, one {@code redis-server} of the run's own, and the
 * gateway jar started again for each setup: one replica with the in-memory stores, one in
 * Redis mode, two in Redis mode (the load generator spreads requests over both), and, for
 * contrast, two with in-memory stores (the burst only). Each setup runs
 *
 * <ul>
 * <li>the cache-hot profile lookup (workload c), closed and open model, requests spread
 * round-robin over the replicas: throughput, latency, upstream calls, Redis round trips
 * per request;</li>
 * <li>a burst on one seller's SP-API plan: one {@code products} request per ASIN, each a
 * catalog lookup the replica has not cached ({@code searchCatalogItems}: 2 a second,
 * burst 2, per selling partner), all sent at once over the replicas: the upstream calls
 * they make and the 429s Amazon's plan (the sandbox's) answers.</li>
 * </ul>
 *
 * <p>
 * Redis round trips are counted by Redis itself ({@code INFO commandstats}, reset before
 * each run with {@code CONFIG RESETSTAT}), upstream calls by the sandbox, upstream 429s
 * by each gateway's {@code adsgraph_upstream_throttled_total} and by the sandbox. Every
 * comparison is made within one run; none is a timed assertion.
 */
final class ScaleOut {

	/** One way of running the gateway. */
	record Setup(String name, int replicas, boolean redis, boolean load) {
	}

	static final Setup MEMORY = new Setup("1 replica, in memory", 1, false, true);

	static final Setup REDIS = new Setup("1 replica, Redis", 1, true, true);

	static final Setup REDIS_TWO = new Setup("2 replicas, Redis", 2, true, true);

	static final Setup MEMORY_TWO = new Setup("2 replicas, in memory", 2, false, false);

	static final List<Setup> SETUPS = List.of(MEMORY, REDIS, REDIS_TWO, MEMORY_TWO);

	/** What {@code --smoke} runs: the baseline and the two-replica Redis mode. */
	static final List<Setup> SMOKE_SETUPS = List.of(MEMORY, REDIS_TWO);

	static final String CATALOG = "sp.na.searchCatalogItems";

	static final String BURST_QUERY = """
			query Burst($asins: [String!]!, $start: Date!, $end: Date!) {
			  products(marketplaceId: "%s", asins: $asins, dateRange: { start: $start, end: $end }) {
			    nodes { asin catalog { title } }
			  }
			}""".formatted(Workloads.MARKETPLACE);

	/**
	 * One measured run of one setup.
	 *
	 * @param run {@code c} (the cache-hot profile lookup) or {@code burst}
	 * @param upstream429 the gateways' count of upstream 429 answers during the run
	 * @param sandbox429 the 429s the sandbox's usage plans answered during the run
	 * @param redisCommandsPerRequest Redis's count of commands processed over the
	 * requests
	 * @param redisCommands Redis's count by command
	 * @param cpuMsPerRequest CPU time of all replicas over the requests
	 * @param redisCpuMsPerRequest the CPU time of redis-server over the requests
	 * @param loadAverage the machine's one-minute load average at the end of the run
	 * (other processes compete for the same cores)
	 */
	record Row(String setup, int replicas, boolean redis, String run, String model, long requests, long ok, long errors,
			String firstError, double throughput, double p50Ms, double p95Ms, double p99Ms, double maxMs,
			Map<String, Double> upstreamCallsPerRequest, long upstream429, long sandbox429,
			double redisRoundTripsPerRequest, double redisCommandsPerRequest, Map<String, Long> redisCommands,
			double cpuMsPerRequest, double redisCpuMsPerRequest, double loadAverage) {
	}

	/** What one scale-out run produced. */
	record Outcome(String label, Instant began, Duration elapsed, BenchOptions options, List<Row> rows,
			Map<String, Map<String, Long>> setupUpstreamCalls, Map<String, Long> startUpMs,
			List<Map<String, Object>> comparisons, Path jsonFile, Path markdownFile) {
	}

	private ScaleOut() {
	}

	static Outcome run(BenchOptions o, boolean smoke) throws Exception {
		if (!Files.isRegularFile(o.jar())) {
			throw new IllegalStateException(o.jar() + " not found: build it with mvn package (bench/run does)");
		}
		String label = (o.label() != null) ? o.label() + "-scale-out"
				: DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now())
						+ "-scale-out";
		Path logs = Path.of("target", "bench-logs", label);
		Path databases = Path.of("target", "bench-postgres", label);
		Files.createDirectories(o.out());
		Files.createDirectories(logs);
		Instant began = Instant.now();
		Bench.log("bench %s: logs in %s", label, logs);
		List<Setup> setups = smoke ? SMOKE_SETUPS : SETUPS;
		int burst = smoke ? 4 : 20;
		RedisServer redis = RedisServer.startPrivate();
		RedisClient client = RedisClient.create(redis.url());
		try (StatefulRedisConnection<String, String> connection = client.connect();
				Procs.Started sandboxProcess = Procs.start("sandbox", Bench.sandboxCommand(o), logs)) {
			String sandbox = "http://127.0.0.1:"
					+ Procs.awaitLoggedPort(sandboxProcess, Bench.SANDBOX_STARTED, Duration.ofMinutes(1));
			Procs.awaitHttp(sandboxProcess, sandbox + "/sandbox", Duration.ofMinutes(1));
			Bench.Control control = new Bench.Control(sandbox);
			control.put("/sandbox/faults",
					Map.of("mode", "random", "seed", 7, "rules", List.of(Map.of("upstream", "*", "operation", "*",
							"latency", o.latency().toMillis() + "ms", "latencyJitter", o.jitter().toMillis() + "ms"))));
			JsonNode info = control.get("/sandbox");
			Run run = new Run(o, control, info, sandbox, redis, connection.sync(), logs, databases,
					asins(control, burst + 1));
			for (Setup setup : setups) {
				run.setup(setup);
			}
			Outcome outcome = new Outcome(label, began, Duration.between(began, Instant.now()), o, run.rows,
					run.lifetime, run.startUpMs, comparisons(run.rows, run.lifetime), o.out().resolve(label + ".json"),
					o.out().resolve(label + ".md"));
			write(outcome);
			return outcome;
		}
		finally {
			client.shutdown();
			redis.close();
			FileSystemUtils.deleteRecursively(databases);
		}
	}

	/** The first {@code count} ASINs of the sandbox's seller. */
	private static List<String> asins(Bench.Control control, int count) throws Exception {
		JsonNode products = control
			.get("/sandbox/products?sellerId=" + Workloads.SELLER + "&marketplaceId=" + Workloads.MARKETPLACE
					+ "&startDate=" + Bench.yesterday().minusDays(6) + "&endDate=" + Bench.yesterday());
		List<String> asins = new ArrayList<>();
		for (JsonNode product : products.get("products")) {
			if (asins.size() < count) {
				asins.add(product.get("asin").asString());
			}
		}
		if (asins.size() < count) {
			throw new IllegalStateException("the sandbox's seller has only " + asins.size() + " products");
		}
		return asins;
	}

	/** The state of one run across its setups. */
	private static final class Run {

		private final BenchOptions o;

		private final Bench.Control control;

		private final JsonNode info;

		private final String sandbox;

		private final RedisServer redisServer;

		private final RedisCommands<String, String> redis;

		private final Path logs;

		private final Path databases;

		/** The first primes each replica; the others make the burst, one per request. */
		private final List<String> asins;

		final List<Row> rows = new ArrayList<>();

		/** Per setup, every upstream call from its replicas' start to their end. */
		final Map<String, Map<String, Long>> lifetime = new LinkedHashMap<>();

		final Map<String, Long> startUpMs = new LinkedHashMap<>();

		Run(BenchOptions o, Bench.Control control, JsonNode info, String sandbox, RedisServer redisServer,
				RedisCommands<String, String> redis, Path logs, Path databases, List<String> asins) {
			this.o = o;
			this.control = control;
			this.info = info;
			this.sandbox = sandbox;
			this.redisServer = redisServer;
			this.redis = redis;
			this.logs = logs;
			this.databases = databases;
			this.asins = asins;
		}

		void setup(Setup setup) throws Exception {
			Bench.log("%s: starting", setup.name());
			this.redis.flushall();
			Map<String, Long> lifetime = new TreeMap<>();
			this.lifetime.put(setup.name(), lifetime);
			drainStats(null);
			List<Procs.Started> replicas = new ArrayList<>();
			List<Path> replicaDatabases = new ArrayList<>();
			String tag = setup.name().replaceAll("[^A-Za-z0-9]+", "-");
			try {
				Instant start = Instant.now();
				for (int i = 0; i < setup.replicas(); i++) {
					Path database = this.databases.resolve(tag + "-" + i);
					replicaDatabases.add(database);
					replicas.add(Procs.start("gateway-" + tag + "-" + i, command(setup, database),
							BenchOptions.GATEWAY_ENVIRONMENT, this.logs));
				}
				List<String> urls = new ArrayList<>();
				for (Procs.Started replica : replicas) {
					String url = "http://127.0.0.1:"
							+ Procs.awaitLoggedPort(replica, Bench.GATEWAY_STARTED, Duration.ofMinutes(3));
					Procs.awaitHttp(replica, url + "/actuator/health/readiness", Duration.ofMinutes(3));
					urls.add(url);
				}
				this.startUpMs.put(setup.name(), Duration.between(start, Instant.now()).toMillis());
				Bench.log("%s: ready in %d ms", setup.name(), this.startUpMs.get(setup.name()));
				try (Http http = new Http("scale-out", Math.max(this.o.clients(), 256))) {
					HttpClient client = http
						.withHeaders(Map.of("Content-Type", "application/json", "X-Api-Key", Bench.API_KEY));
					Replicas gateways = new Replicas(setup, urls, replicas);
					if (setup.load()) {
						String profileId = profileId(urls.get(0));
						byte[] body = Http.graphqlBody(Workloads.PROFILE, Map.of("profileId", profileId));
						Supplier<Mono<Boolean>> lookup = gateways.spread(client, body);
						if (!this.o.warmup().isZero()) {
							Bench.log("%s / c: warm-up %d ms", setup.name(), this.o.warmup().toMillis());
							LoadGenerator.closed(lookup, this.o.clients(), this.o.warmup());
						}
						this.rows.add(measure(gateways, "c", "closed", lifetime,
								() -> LoadGenerator.closed(lookup, this.o.clients(), this.o.duration())));
						this.rows.add(measure(gateways, "c", "open", lifetime,
								() -> LoadGenerator.open(lookup, this.o.rate(), this.o.duration())));
					}
					// Each replica has asked for its seller's participation, profiles and
					// reports once (the first ASIN), so that the burst is the catalog
					// calls alone. Its first catalog call went through the gateway's own
					// bucket, which paces the burst after it: nothing to wait for.
					for (String url : urls) {
						Bench.Control.graphql(url + "/graphql", Bench.API_KEY, BURST_QUERY,
								burstVariables(this.asins.get(0)));
					}
					this.rows.add(measure(gateways, "burst", "burst", lifetime, () -> burst(gateways, client)));
				}
			}
			finally {
				// The replicas shut down side by side (each takes seconds: its
				// graceful shutdown, then its embedded PostgreSQL).
				replicas.forEach(Procs.Started::askToStop);
				for (Procs.Started replica : replicas) {
					replica.close();
				}
				for (Path database : replicaDatabases) {
					EmbeddedPostgresServer.stopLeftOver(database);
				}
				drainStats(lifetime);
			}
		}

		private List<String> command(Setup setup, Path database) {
			List<String> command = new ArrayList<>();
			command.add(Procs.java());
			command.addAll(this.o.gatewayJvm());
			command.addAll(List.of("-jar", this.o.jar().toString()));
			command.addAll(Bench.gatewayArguments(0, this.sandbox, this.info));
			command.add("--adsgraph.database.embedded.data-directory=" + database);
			if (setup.redis()) {
				command.add("--spring.data.redis.url=" + this.redisServer.url());
			}
			command.addAll(this.o.gatewayArgs());
			return command;
		}

		private String profileId(String gateway) throws Exception {
			JsonNode data = Bench.Control.graphql(gateway + "/graphql", Bench.API_KEY,
					"query { profiles(filter: { types: [SELLER], marketplaceIds: [\"" + Workloads.MARKETPLACE
							+ "\"] }) { id accountInfo { accountId } } }",
					Map.of());
			for (JsonNode profile : data.get("profiles")) {
				if (profile.get("accountInfo").get("accountId").asString().equals(Workloads.SELLER)) {
					return profile.get("id").asString();
				}
			}
			throw new IllegalStateException("the sandbox's demo user has no " + Workloads.SELLER + " profile: " + data);
		}

		private Map<String, Object> burstVariables(String asin) {
			return Map.of("asins", List.of(asin), "start", Bench.yesterday().minusDays(6).toString(), "end",
					Bench.yesterday().toString());
		}

		/**
		 * One request per ASIN after the first, all at once, spread over the replicas.
		 */
		private LoadGenerator.Measured burst(Replicas gateways, HttpClient client) {
			ConcurrentHistogram latencies = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(2), 3);
			AtomicInteger ok = new AtomicInteger();
			AtomicInteger errors = new AtomicInteger();
			List<String> firstError = new ArrayList<>();
			long start = System.nanoTime();
			List<String> burst = this.asins.subList(1, this.asins.size());
			Flux.range(0, burst.size()).flatMap((i) -> {
				byte[] body = Http.graphqlBody(BURST_QUERY, burstVariables(burst.get(i)));
				String url = gateways.urls().get(i % gateways.urls().size()) + "/graphql";
				long sent = System.nanoTime();
				return Http.graphql(client, url, body).onErrorResume((ex) -> {
					synchronized (firstError) {
						if (firstError.isEmpty()) {
							firstError.add(LoadGenerator.describe(ex));
						}
					}
					return Mono.just(false);
				}).doOnNext((success) -> {
					latencies.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
					(success ? ok : errors).incrementAndGet();
				});
			}, burst.size()).blockLast(Duration.ofMinutes(3));
			return new LoadGenerator.Measured(latencies.copy(), ok.get(), errors.get(),
					Duration.ofNanos(System.nanoTime() - start), firstError.isEmpty() ? null : firstError.get(0));
		}

		private Row measure(Replicas gateways, String run, String model, Map<String, Long> lifetime,
				Callable<LoadGenerator.Measured> body) throws Exception {
			drainStats(lifetime);
			this.redis.configResetstat();
			double redisCpuBefore = redisCpuSeconds();
			long throttledBefore = gateways.throttled();
			Duration cpuBefore = gateways.cpu();
			LoadGenerator.Measured m = body.call();
			Duration cpu = gateways.cpu().minus(cpuBefore);
			long throttled = gateways.throttled() - throttledBefore;
			double redisCpu = redisCpuSeconds() - redisCpuBefore;
			Map<String, Long> redisCommands = redisCommands();
			Map<String, Long> upstream = drainStats(lifetime);
			long requests = m.ok() + m.errors();
			Map<String, Double> perRequest = new TreeMap<>();
			long sandbox429 = 0;
			for (Map.Entry<String, Long> e : upstream.entrySet()) {
				perRequest.put(e.getKey(), (requests == 0) ? 0 : (double) e.getValue() / requests);
				if (e.getKey().endsWith(".throttled")) {
					sandbox429 += e.getValue();
				}
			}
			long commands = redisCommands.values().stream().mapToLong(Long::longValue).sum();
			Setup setup = gateways.setup();
			Row row = new Row(setup.name(), setup.replicas(), setup.redis(), run, model, requests, m.ok(), m.errors(),
					m.firstError(), m.throughput(), m.percentileMillis(50), m.percentileMillis(95),
					m.percentileMillis(99), m.maxMillis(), perRequest, throttled, sandbox429,
					(requests == 0) ? 0 : (double) roundTrips(redisCommands) / requests,
					(requests == 0) ? 0 : (double) commands / requests, redisCommands,
					(requests == 0) ? Double.NaN : cpu.toNanos() / 1e6 / requests,
					(requests == 0) ? Double.NaN : redisCpu * 1000 / requests,
					ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
			Bench.log(
					"%s / %s / %s: %.0f/s p50 %.2f p99 %.2f ms, %d errors, %.2f Redis round trips/request, %d/%d upstream 429s (gateways/sandbox)%s",
					setup.name(), run, model, row.throughput(), row.p50Ms(), row.p99Ms(), row.errors(),
					row.redisRoundTripsPerRequest(), row.upstream429(), row.sandbox429(),
					(m.firstError() != null) ? " (first: " + m.firstError() + ")" : "");
			return row;
		}

		/**
		 * The sandbox's counts since its last reset, added to {@code lifetime} (when
		 * given); then resets them.
		 */
		private Map<String, Long> drainStats(Map<String, Long> lifetime) throws Exception {
			Map<String, Long> counts = new TreeMap<>();
			this.control.get("/sandbox/stats")
				.properties()
				.stream()
				.filter((e) -> e.getValue().isNumber()) // not the "warnings" list
				.forEach((e) -> counts.put(e.getKey(), e.getValue().asLong()));
			this.control.post("/sandbox/stats/reset");
			if (lifetime != null) {
				counts.forEach((op, n) -> lifetime.merge(op, n, Long::sum));
			}
			return counts;
		}

		/**
		 * Commands processed since the last {@code CONFIG RESETSTAT}, by command, without
		 * the harness's own.
		 */
		private Map<String, Long> redisCommands() {
			Map<String, Long> commands = new TreeMap<>();
			for (String line : this.redis.info("commandstats").split("\r?\n")) {
				if (!line.startsWith("cmdstat_")) {
					continue;
				}
				String name = line.substring("cmdstat_".length(), line.indexOf(':'));
				if (name.equals("info") || name.startsWith("config")) {
					continue;
				}
				for (String field : line.substring(line.indexOf(':') + 1).split(",")) {
					if (field.startsWith("calls=")) {
						commands.put(name, Long.parseLong(field.substring("calls=".length())));
					}
				}
			}
			return commands;
		}

		private double redisCpuSeconds() {
			double total = 0;
			for (String line : this.redis.info("cpu").split("\r?\n")) {
				if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
					total += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
				}
			}
			return total;
		}

	}

	/**
	 * The commands the replicas sent, from Redis's counts, which include the commands run
	 * inside scripts. Nearly all scripts the gateway runs in these runs are Bucket4j's
	 * compare-and-swap ones: each runs one {@code GET} (or, creating a bucket, one
	 * {@code SET NX PX}) and, when the swap succeeds, one {@code PSETEX}. So each
	 * {@code EVAL} counts once as a round trip and its inner commands are taken off: one
	 * per {@code EVAL}, plus every {@code PSETEX} (the gateway sends none itself). The
	 * inner commands of the others (heartbeats, report claims, the profile and
	 * persisted-query stores) stay in: an upper bound, by a few hundredths per request.
	 */
	static long roundTrips(Map<String, Long> commands) {
		long total = commands.values().stream().mapToLong(Long::longValue).sum();
		long scripts = commands.getOrDefault("eval", 0L) + commands.getOrDefault("evalsha", 0L);
		return total - scripts - commands.getOrDefault("psetex", 0L);
	}

	/** The replicas of one setup. */
	private record Replicas(Setup setup, List<String> urls, List<Procs.Started> processes) {

		/** The operation, sent to each replica in turn. */
		Supplier<Mono<Boolean>> spread(HttpClient client, byte[] body) {
			AtomicInteger next = new AtomicInteger();
			List<String> graphql = this.urls.stream().map((url) -> url + "/graphql").toList();
			return () -> Http.graphql(client, graphql.get(Math.floorMod(next.getAndIncrement(), graphql.size())), body);
		}

		long throttled() throws Exception {
			long total = 0;
			for (String url : this.urls) {
				total += Bench.throttled(url);
			}
			return total;
		}

		Duration cpu() {
			Duration total = Duration.ZERO;
			for (Procs.Started process : this.processes) {
				total = total.plus(process.cpu());
			}
			return total;
		}

	}

	/**
	 * Against the baseline (one replica in memory), within the run: latency and
	 * throughput of the cache-hot lookup, and the burst's catalog calls and 429s.
	 */
	static List<Map<String, Object>> comparisons(List<Row> rows, Map<String, Map<String, Long>> lifetime) {
		List<Map<String, Object>> comparisons = new ArrayList<>();
		for (Row row : rows) {
			if (row.setup().equals(MEMORY.name())) {
				continue;
			}
			Row base = rows.stream()
				.filter((r) -> r.setup().equals(MEMORY.name()) && r.run().equals(row.run())
						&& r.model().equals(row.model()))
				.findFirst()
				.orElse(null);
			if (base == null) {
				continue;
			}
			Map<String, Object> c = new LinkedHashMap<>();
			c.put("setup", row.setup());
			c.put("run", row.run());
			c.put("model", row.model());
			c.put("throughputOverBaseline", row.throughput() / base.throughput());
			c.put("addedP50Ms", row.p50Ms() - base.p50Ms());
			c.put("addedP99Ms", row.p99Ms() - base.p99Ms());
			c.put("upstreamCallsPerRequest", total(row.upstreamCallsPerRequest()));
			c.put("baselineUpstreamCallsPerRequest", total(base.upstreamCallsPerRequest()));
			// The same 429 answers, seen by the gateways and by the sandbox.
			c.put("upstream429Gateways", row.upstream429());
			c.put("upstream429Sandbox", row.sandbox429());
			comparisons.add(c);
		}
		return comparisons;
	}

	private static double total(Map<String, Double> perRequest) {
		return perRequest.entrySet()
			.stream()
			.filter((e) -> !e.getKey().endsWith(".throttled"))
			.mapToDouble(Map.Entry::getValue)
			.sum();
	}

	static void write(Outcome outcome) throws Exception {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("label", outcome.label());
		json.put("began", outcome.began().toString());
		json.put("elapsedSeconds", outcome.elapsed().toSeconds());
		json.put("machine", Results.describeMachine());
		BenchOptions o = outcome.options();
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("warmupSeconds", o.warmup().toMillis() / 1000.0);
		settings.put("durationSeconds", o.duration().toMillis() / 1000.0);
		settings.put("closedClients", o.clients());
		settings.put("openRatePerSecond", o.rate());
		settings.put("upstreamLatencyMs", o.latency().toMillis());
		settings.put("upstreamJitterMs", o.jitter().toMillis());
		settings.put("gatewayJvm", o.gatewayJvm());
		settings.put("gatewayArgs", o.gatewayArgs());
		json.put("settings", settings);
		json.put("startUpMs", outcome.startUpMs());
		json.put("rows", outcome.rows());
		json.put("comparisons", outcome.comparisons());
		json.put("setupUpstreamCalls", outcome.setupUpstreamCalls());
		Files.writeString(outcome.jsonFile(),
				Bench.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + System.lineSeparator());
		Files.writeString(outcome.markdownFile(), markdown(outcome));
	}

	static String markdown(Outcome outcome) {
		BenchOptions o = outcome.options();
		Map<String, Object> machine = Results.describeMachine();
		StringBuilder md = new StringBuilder();
		md.append("# Scale-out benchmark ").append(outcome.label()).append("\n\n");
		md.append(String.format(Locale.ROOT,
				"%s, %s cores, %s. Upstream latency %d ms + 0..%d ms. Warm-up %s s, runs %s s; closed model %d clients, open model %.0f requests/s, spread round-robin over the replicas. Gateway JVM (each replica): `%s`%s. Whole run %d s.%n%n",
				machine.get("cpu"), machine.get("cores"), machine.get("java"), o.latency().toMillis(),
				o.jitter().toMillis(), Report.seconds(o.warmup()), Report.seconds(o.duration()), o.clients(), o.rate(),
				String.join(" ", o.gatewayJvm()),
				o.gatewayArgs().isEmpty() ? "" : ", settings `" + String.join(" ", o.gatewayArgs()) + "`",
				outcome.elapsed().toSeconds()));
		md.append(
				"Runs: (c) one profile by id, cache hot; (burst) one `products` request per ASIN, each one uncached catalog lookup (`searchCatalogItems`, 2 a second, burst 2, per selling partner), all sent at once.\n\n");
		md.append(
				"| setup | run | model | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | upstream calls per request | upstream 429 (gateways / sandbox) | Redis round trips per request | Redis commands per request | CPU ms/req (replicas) | Redis CPU ms/req | load average |\n");
		md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|\n");
		for (Row r : outcome.rows()) {
			md.append(String.format(Locale.ROOT,
					"| %s | %s | %s | %.0f | %.2f | %.2f | %.2f | %.2f | %d | %s | %d / %d | %.2f | %.2f | %.2f | %.3f | %.1f |%n",
					r.setup(), r.run(), r.model(), r.throughput(), r.p50Ms(), r.p95Ms(), r.p99Ms(), r.maxMs(),
					r.errors(), Report.calls(r.upstreamCallsPerRequest()), r.upstream429(), r.sandbox429(),
					r.redisRoundTripsPerRequest(), r.redisCommandsPerRequest(), r.cpuMsPerRequest(),
					r.redisCpuMsPerRequest(), r.loadAverage()));
		}
		md.append(
				"\n| setup | run | model | throughput over 1 replica in memory | added p50 ms | added p99 ms | upstream calls per request (1 replica in memory) | upstream 429 (gateways / sandbox) |\n");
		md.append("|---|---|---|---:|---:|---:|---|---:|\n");
		for (Map<String, Object> c : outcome.comparisons()) {
			md.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2fx | %+.2f | %+.2f | %.2f (%.2f) | %d / %d |%n",
					c.get("setup"), c.get("run"), c.get("model"), (Double) c.get("throughputOverBaseline"),
					(Double) c.get("addedP50Ms"), (Double) c.get("addedP99Ms"),
					(Double) c.get("upstreamCallsPerRequest"), (Double) c.get("baselineUpstreamCallsPerRequest"),
					(Long) c.get("upstream429Gateways"), (Long) c.get("upstream429Sandbox")));
		}
		md.append("\nUpstream calls of each setup from its replicas' start to their end (warm-ups included):\n\n");
		outcome.setupUpstreamCalls()
			.forEach((setup, calls) -> md.append("- ")
				.append(setup)
				.append(" (ready in ")
				.append(outcome.startUpMs().get(setup))
				.append(" ms): ")
				.append(calls.isEmpty() ? "none" : calls.toString())
				.append('\n'));
		List<Row> errors = outcome.rows().stream().filter((r) -> r.firstError() != null).toList();
		if (!errors.isEmpty()) {
			md.append("\nFirst error of each run with errors:\n\n");
			errors.forEach((r) -> md.append("- ")
				.append(r.setup())
				.append(" / ")
				.append(r.run())
				.append(" / ")
				.append(r.model())
				.append(": ")
				.append(r.firstError().replace('\n', ' '))
				.append('\n'));
		}
		return md.toString();
	}

}
