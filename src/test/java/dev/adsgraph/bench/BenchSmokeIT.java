package dev.adsgraph.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.adsgraph.testing.ExternalTools;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark (bench/run) end to end for a second per run, so it cannot rot unnoticed:
 * the packaged jar's sandbox and gateway, the peer gateway when bench/peer is installed
 * (required under {@code ADSGRAPH_REQUIRE_TOOLS=1}, as {@code .ci/run} sets), every
 * workload ({@link BenchOptions#WORKLOADS}) in both load models, each workload's answers
 * compared ({@link AnswerCheck}, with the gateway itself: no second start), the results
 * files. Runs in Maven's integration-test phase, after {@code package}. Output in
 * {@code target/bench-smoke/}, processes' logs in {@code target/bench-logs/smoke/}.
 */
class BenchSmokeIT {

	@Test
	void everyWorkloadRunsAgainstEveryTargetWithoutErrorsAndTheResultsAreWritten() throws Exception {
		Path out = Path.of("target", "bench-smoke");
		boolean peer = Files.isDirectory(Path.of("bench", "peer", "node_modules"));
		if (!peer) {
			peer = requirePeer();
		}
		BenchOptions smoke = BenchOptions.smoke(out);
		BenchOptions options = new BenchOptions(smoke.jar(), smoke.out(), smoke.warmup(), smoke.duration(),
				smoke.clients(), smoke.rate(), smoke.latency(), smoke.jitter(), peer ? "on" : "off", smoke.workloads(),
				smoke.gatewayJvm(), smoke.gatewayArgs(), false, "smoke", false, smoke.baseline(), smoke.baselineJar(),
				smoke.sample(), smoke.sandboxArgs(), smoke.cds());

		Results results = Bench.run(options);

		for (String workload : BenchOptions.WORKLOADS) {
			for (String model : List.of("closed", "open")) {
				assertThat(row(results, workload, model, Workloads.ADSGRAPH)).as(workload + " " + model).isNotNull();
			}
		}
		for (String workload : List.of("a", "c", "d", "d2")) {
			assertThat(row(results, workload, "closed", Workloads.DIRECT)).as("direct " + workload).isNotNull();
		}
		if (peer) {
			for (String workload : List.of("a", "c", "d2")) {
				assertThat(row(results, workload, "closed", Workloads.PEER)).as("peer " + workload).isNotNull();
			}
		}
		for (Results.Row row : results.rows()) {
			String name = row.workload() + " / " + row.target() + " / " + row.model();
			assertThat(row.requests()).as(name).isPositive();
			assertThat(row.errors()).as(name + ", first error: " + row.firstError()).isZero();
			assertThat(row.p99Ms()).as(name).isPositive();
			if (!row.target().equals(Workloads.DIRECT)) {
				assertThat(row.cpuSeconds()).as(name).isPositive();
				assertThat(row.peakRssMb()).as(name).isPositive();
			}
		}
		// Status polls of one account share their reads (in flight, and for
		// adsgraph.accounts.freshness): fewer upstream reads than polls, where the direct
		// floor makes one per poll. The cache-hot profile lookup never reaches Amazon.
		assertThat(row(results, "d", "closed", Workloads.ADSGRAPH).upstreamCallsPerRequest()
			.getOrDefault("ads.na.GetAccount", 0.0)).isLessThan(1.0);
		assertThat(row(results, "d", "closed", Workloads.DIRECT).upstreamCallsPerRequest())
			.containsEntry("ads.na.GetAccount", 1.0);
		assertThat(row(results, "c", "closed", Workloads.ADSGRAPH).upstreamCallsPerRequest()).isEmpty();
		// (d2) and (e) poll every one of the demo user's ads accounts in turn; the direct
		// floor makes one GetAccount call per poll.
		assertThat(results.findings()).containsEntry("d2.adsAccountsPolled", 63)
			.containsEntry("e.adsAccountsPolled", 63);
		assertThat(row(results, "d2", "closed", Workloads.DIRECT).upstreamCallsPerRequest())
			.containsEntry("ads.na.GetAccount", 1.0);
		// Adsgraph never reads an account more often than it is polled (its freshness
		// window may leave a short run with no read at all).
		assertThat(row(results, "d2", "closed", Workloads.ADSGRAPH).upstreamCallsPerRequest()
			.getOrDefault("ads.na.GetAccount", 0.0)).isLessThanOrEqualTo(1.0);
		// (e): one session is the overview, the dashboard's products request and 5 polls.
		assertThat(results.findings()).containsEntry("e.session", String.join(", ", Workloads.SESSION))
			.containsEntry("e.productsOnPage", Workloads.DASHBOARD_PAGE_SIZE);
		assertThat(row(results, "c", "closed", Workloads.DIRECT).upstreamCallsPerRequest())
			.containsEntry("ads.na.getProfileById", 1.0);
		// The first 50-ASIN request costs at most three catalog calls (20 ASINs a call).
		@SuppressWarnings("unchecked")
		Map<String, Long> cold = (Map<String, Long>) results.findings().get("b.coldRequestUpstreamCalls");
		assertThat(cold).containsKey("sp.na.searchCatalogItems");
		assertThat(cold.get("sp.na.searchCatalogItems")).isBetween(1L, 3L);

		// Unchanged answers: every workload's sample, each distinct request once,
		// compared
		// with the baseline (--smoke: the gateway itself, each request twice), all equal.
		Map<String, Integer> sampled = Map.of("a", 1, "b", 1, "c", 1, "d", 1, "d2", 63, "e", 12 * 7 + 2 + 3);
		assertThat(results.answers().baseline()).startsWith("the gateway under test itself");
		assertThat(results.answers().workloads()).extracting(AnswerCheck.Compared::workload)
			.containsExactlyElementsOf(BenchOptions.WORKLOADS);
		for (AnswerCheck.Compared compared : results.answers().workloads()) {
			assertThat(compared.compared()).as(compared.workload()).isEqualTo(sampled.get(compared.workload()));
			assertThat(compared.equal()).as(compared.workload() + ": " + compared.firstDifference())
				.isEqualTo(compared.compared());
		}
		assertThat(results.answers().differ()).isFalse();

		JsonNode json = Bench.JSON.readTree(results.jsonFile().toFile());
		assertThat(json.get("rows").size()).isEqualTo(results.rows().size());
		assertThat(json.get("ratios").size()).isPositive();
		assertThat(json.get("answers").get("workloads").get(4).get("equal").asInt()).isEqualTo(63);
		assertThat(json.get("answers").get("allowedToDiffer").size()).isEqualTo(AnswerDiff.IGNORED.size());
		String markdown = Files.readString(results.markdownFile());
		assertThat(markdown).contains("| workload | model | target |", "added p99 ms over direct",
				"## Unchanged answers", "| d2 | 63 | 63 | 0 | 0 | – |");
		if (peer) {
			assertThat(markdown).contains(Workloads.PEER, "throughput ours/peer");
		}
	}

	/**
	 * The scale-out comparison (bench/run --scale-out=true) briefly: one replica in
	 * memory and two on Redis (a redis-server of the run's own; skipped without one
	 * unless tools are required). What is checked is counted, not timed.
	 */
	@Test
	void theScaleOutModeComparesOneReplicaInMemoryWithTwoOnRedis() throws Exception {
		BenchOptions smoke = BenchOptions.smoke(Path.of("target", "bench-smoke"));
		BenchOptions options = new BenchOptions(smoke.jar(), smoke.out(), smoke.warmup(), smoke.duration(),
				smoke.clients(), smoke.rate(), smoke.latency(), smoke.jitter(), "off", List.of("c"), smoke.gatewayJvm(),
				smoke.gatewayArgs(), false, "smoke", true, smoke.baseline(), smoke.baselineJar(), smoke.sample(),
				smoke.sandboxArgs(), smoke.cds());

		ScaleOut.Outcome outcome = ScaleOut.run(options, true);

		assertThat(outcome.rows()).extracting(ScaleOut.Row::setup)
			.containsOnly(ScaleOut.MEMORY.name(), ScaleOut.REDIS_TWO.name());
		for (ScaleOut.Row row : outcome.rows()) {
			String name = row.setup() + " / " + row.run() + " / " + row.model();
			assertThat(row.requests()).as(name).isPositive();
			assertThat(row.errors()).as(name + ", first error: " + row.firstError()).isZero();
			if (row.redis()) {
				assertThat(row.redisRoundTripsPerRequest()).as(name).isPositive();
				assertThat(row.redisCommandsPerRequest()).as(name)
					.isGreaterThanOrEqualTo(row.redisRoundTripsPerRequest());
			}
			else {
				assertThat(row.redisCommands()).as(name + ": nothing talks to Redis in memory").isEmpty();
			}
			if (row.run().equals("c")) {
				assertThat(row.upstreamCallsPerRequest()).as(name + ": cache hot").isEmpty();
			}
			else {
				// One catalog call per ASIN, whichever replica; the shared plan holds.
				assertThat(row.upstreamCallsPerRequest()).as(name).containsEntry(ScaleOut.CATALOG, 1.0);
				assertThat(row.sandbox429() + row.upstream429()).as(name).isZero();
			}
		}
		// One LWA refresh per credential (Ads and SP-API) whatever the number of
		// replicas.
		assertThat(outcome.setupUpstreamCalls().get(ScaleOut.REDIS_TWO.name())).containsEntry("lwa.token", 2L);
		assertThat(outcome.comparisons()).isNotEmpty();
		assertThat(Files.readString(outcome.markdownFile())).contains("| setup | run | model |",
				"throughput over 1 replica in memory");
		assertThat(Bench.JSON.readTree(outcome.jsonFile().toFile()).get("rows").size())
			.isEqualTo(outcome.rows().size());
	}

	/**
	 * Without the peer the smoke run goes on with the other targets, unless tools are
	 * required.
	 */
	private static boolean requirePeer() {
		if (ExternalTools.required()) {
			throw new AssertionError("the peer gateway is not installed in bench/peer (run npm ci there; .ci/run does)"
					+ " and " + ExternalTools.REQUIRE_VARIABLE + " is set");
		}
		System.out.println("BenchSmokeIT: bench/peer is not installed; running without the peer gateway");
		return false;
	}

	private static Results.Row row(Results results, String workload, String model, String target) {
		return results.rows()
			.stream()
			.filter((r) -> r.workload().equals(workload) && r.model().equals(model) && r.target().equals(target))
			.findFirst()
			.orElse(null);
	}

}
