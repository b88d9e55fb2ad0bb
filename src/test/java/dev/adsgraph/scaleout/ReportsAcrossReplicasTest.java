package dev.adsgraph.scaleout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.SandboxServer;
import dev.adsgraph.sandbox.SandboxSettings;
import dev.adsgraph.testing.GatewayReplicas;
import dev.adsgraph.testing.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Report de-duplication across three replicas in Redis mode: identical {@code products}
 * queries spread over the replicas make one Ads report and one SP-API report, and when
 * the replica that claimed them dies mid-report another adopts and finishes them. The
 * sandbox holds reports in progress until the test lets them finish, whatever the
 * machine's speed. Claims expire after 5 s here (30 s by default): a takeover comes
 * quickly, and a claimant starved of CPU for a second or two still renews in time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportsAcrossReplicasTest {

	private static final String ADS_REPORTS = "ads.na.createAsyncReport";

	private static final String SP_REPORTS = "sp.na.createReport";

	private final HttpClient http = HttpClient.newHttpClient();

	private SandboxServer sandbox;

	private GatewayReplicas replicas;

	@BeforeAll
	void start() {
		this.sandbox = SandboxServer.start(SandboxSettings.defaults());
		List<String> arguments = new ArrayList<>(
				GatewayReplicas.redis(RedisServer.shared().url(), "test:" + UUID.randomUUID() + ":"));
		arguments.addAll(List.of("--adsgraph.reports.claim-expiry=5s", "--adsgraph.reports.claim-check=100ms",
				"--adsgraph.reports.grace=0s", "--adsgraph.reports.poll-initial-delay=100ms",
				"--adsgraph.reports.poll-max-delay=500ms"));
		this.replicas = GatewayReplicas.start(this.sandbox, 3, arguments);
	}

	@AfterEach
	void releaseReports() {
		sandboxControl("DELETE");
	}

	@AfterAll
	void stop() {
		if (this.replicas != null) {
			this.replicas.close();
		}
		if (this.sandbox != null) {
			this.sandbox.close();
		}
	}

	/** Same query, same range: one report key of each kind. */
	private static String products(LocalDate start, LocalDate end) {
		return """
				{ products(marketplaceId: "ATVPDKIKX0DER", asins: ["B0YR85KV4O"],
				           dateRange: {start: "%s", end: "%s"}) {
				    freshness { advertising { status message } retail { status message } }
				    nodes { asin sales { unitsOrdered } advertising { clicks spend { amount } } } } }"""
			.formatted(start, end);
	}

	private static String status(JsonNode answer, String source) {
		assertThat(answer.has("errors")).as(answer.toString()).isFalse();
		return answer.at("/data/products/freshness/" + source + "/status").asString();
	}

	private static boolean ready(JsonNode answer) {
		return "READY".equals(status(answer, "advertising")) && "READY".equals(status(answer, "retail"));
	}

	/** Ten queries at once, the i-th to replica {@code replicas[i % length]}. */
	private List<JsonNode> tenAtOnce(String query, int... replicas) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(10);
		try {
			List<CompletableFuture<JsonNode>> answers = IntStream.range(0, 10)
				.mapToObj((i) -> CompletableFuture
					.supplyAsync(() -> this.replicas.graphql(replicas[i % replicas.length], query), pool))
				.toList();
			List<JsonNode> all = new ArrayList<>();
			for (CompletableFuture<JsonNode> answer : answers) {
				all.add(answer.get());
			}
			return all;
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	@Order(1)
	void tenIdenticalQueriesOverThreeReplicasMakeOneReportOfEachKind() throws Exception {
		LocalDate end = LocalDate.now(ZoneOffset.UTC).minusDays(40);
		String query = products(end.minusDays(6), end);
		long ads = this.replicas.sandboxCount(ADS_REPORTS);
		long sp = this.replicas.sandboxCount(SP_REPORTS);
		sandboxControl("PUT");

		List<JsonNode> first = tenAtOnce(query, 0, 1, 2);
		assertThat(first).allSatisfy((answer) -> {
			assertThat(status(answer, "advertising")).isEqualTo("PENDING");
			assertThat(status(answer, "retail")).isEqualTo("PENDING");
		});
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.replicas.sandboxCount(ADS_REPORTS) > ads && this.replicas.sandboxCount(SP_REPORTS) > sp);

		sandboxControl("DELETE");
		for (int replica = 0; replica < 3; replica++) {
			int index = replica;
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> ready(this.replicas.graphql(index, query)));
		}
		assertThat(this.replicas.sandboxCount(ADS_REPORTS) - ads).isEqualTo(1);
		assertThat(this.replicas.sandboxCount(SP_REPORTS) - sp).isEqualTo(1);
	}

	@Test
	@Order(2)
	void whenTheReplicaThatClaimedTheReportsDiesAnotherFinishesThem() throws Exception {
		LocalDate end = LocalDate.now(ZoneOffset.UTC).minusDays(50);
		String query = products(end.minusDays(6), end);
		long ads = this.replicas.sandboxCount(ADS_REPORTS);
		long sp = this.replicas.sandboxCount(SP_REPORTS);
		sandboxControl("PUT");

		// Replica 2 asks first and alone: the claims, and the reports, are its.
		JsonNode first = this.replicas.graphql(2, query);
		assertThat(status(first, "advertising")).isEqualTo("PENDING");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.replicas.sandboxCount(ADS_REPORTS) - ads == 1
					&& this.replicas.sandboxCount(SP_REPORTS) - sp == 1);
		assertThat(tenAtOnce(query, 0, 1, 2)).allSatisfy((answer) -> assertThat(ready(answer)).isFalse());

		this.replicas.kill(2);
		sandboxControl("DELETE");

		// Its claims expire unrenewed; replica 0 or 1 takes them over, adopts the two
		// reports and finishes them, and both read the results.
		for (int replica = 0; replica < 2; replica++) {
			int index = replica;
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> ready(this.replicas.graphql(index, query)));
		}
		assertThat(this.replicas.sandboxCount(ADS_REPORTS) - ads).isEqualTo(1);
		assertThat(this.replicas.sandboxCount(SP_REPORTS) - sp).isEqualTo(1);
	}

	/** Holds reports in progress ({@code PUT}) or lets them finish ({@code DELETE}). */
	private void sandboxControl(String method) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.sandbox.baseUrl() + "/sandbox/reports/hold"))
			.timeout(Duration.ofSeconds(10))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isLessThan(300);
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}
