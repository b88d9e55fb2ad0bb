package dev.adsgraph.e2e;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Counts upstream calls from a cold start, so this class runs in the quiet application,
 * whose other classes make no upstream call.
 */
@TestPropertySource(properties = SandboxGatewayTest.QUIET_SANDBOX)
class UpstreamCallCountTest extends SandboxGatewayTest {

	@Test
	void coldStartConcurrencyCostsOneTokenAndFiftyAccountsOneProfileCallPerRegion() throws Exception {
		// 100 concurrent queries on a cold start: exactly one LWA token request.
		ExecutorService pool = Executors.newFixedThreadPool(32);
		try {
			List<CompletableFuture<Map<String, Object>>> answers = IntStream.range(0, 100)
				.mapToObj((i) -> CompletableFuture
					.supplyAsync(() -> this.client.graphql("{ adsAccounts(first: 5) { nodes { id } } }"), pool))
				.toList();
			for (CompletableFuture<Map<String, Object>> answer : answers) {
				assertNoErrors(answer.get());
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.client.sandboxCount("lwa.token")).isEqualTo(1);

		// 50 ads accounts with their profiles, three times: one /v2/profiles call per
		// region used.
		String query = "{ adsAccounts(first: 50) { nodes { id alternateIds { countryCode } profiles { id } } } }";
		Map<String, Object> first = this.client.graphql(query);
		assertNoErrors(first);
		this.client.graphql(query);
		this.client.graphql(query);
		List<Map<String, Object>> nodes = at(first, "data.adsAccounts.nodes");
		assertThat(nodes).hasSize(50);
		long withProfiles = nodes.stream().filter((n) -> !((List<?>) n.get("profiles")).isEmpty()).count();
		assertThat(withProfiles).isGreaterThanOrEqualTo(45);
		Map<String, Long> stats = this.client.sandboxStats();
		long profileCalls = stats.entrySet()
			.stream()
			.filter((e) -> e.getKey().endsWith(".listProfiles"))
			.mapToLong(Map.Entry::getValue)
			.sum();
		assertThat(stats.getOrDefault("ads.na.listProfiles", 0L)).isEqualTo(1);
		assertThat(stats.getOrDefault("ads.eu.listProfiles", 0L)).isEqualTo(1);
		assertThat(stats.getOrDefault("ads.fe.listProfiles", 0L)).isEqualTo(1);
		assertThat(profileCalls).isEqualTo(3);
		assertThat(stats.getOrDefault("ads.na.getProfileById", 0L)).isZero();
		assertThat(this.client.sandboxCount("lwa.token")).isEqualTo(1);
	}

}
