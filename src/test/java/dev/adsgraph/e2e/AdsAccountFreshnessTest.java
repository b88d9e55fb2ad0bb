package dev.adsgraph.e2e;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19's shared ads account reads, end to end: requests of one workspace asking for
 * the same account at once make one upstream read, a read is reused within the freshness
 * window with the moment it was read as {@code asOf}, the workspace's own registration
 * drops its reads at once, and another workspace never gets them. An application of its
 * own, with a window (ten minutes, the longest allowed) no test comes near, so nothing
 * here depends on the clock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { SandboxGatewayTest.REGISTRATION_DELAY, SandboxGatewayTest.REPORT_PROCESSING_TIME,
				SandboxGatewayTest.REPORT_POLL_INITIAL_DELAY, SandboxGatewayTest.REPORT_POLL_MAX_DELAY,
				"adsgraph.accounts.freshness=10m" })
class AdsAccountFreshnessTest extends SandboxGatewayTest {

	private static final String ACCOUNT = "query($id: ID!) { adsAccount(id: $id) { id status asOf } }";

	private static final String PAGE = "{ adsAccounts(first: 100) { nodes { id status asOf } } }";

	@Test
	void pollsOfOneAccountAtOnceCostOneUpstreamReadAndCarryItsMoment() throws Exception {
		// An account no other test of this class reads.
		String id = accountAt(1);
		long before = this.client.sandboxCount("ads.na.GetAccount");
		ExecutorService pool = Executors.newFixedThreadPool(16);
		List<Map<String, Object>> answers;
		try {
			List<CompletableFuture<Map<String, Object>>> polls = IntStream.range(0, 32)
				.mapToObj((i) -> CompletableFuture.supplyAsync(() -> this.client.graphql(ACCOUNT, Map.of("id", id)),
						pool))
				.toList();
			answers = polls.stream().map(CompletableFuture::join).toList();
		}
		finally {
			pool.shutdownNow();
		}
		answers.forEach(SandboxGatewayTest::assertNoErrors);
		List<Object> moments = answers.stream().map((a) -> (Object) at(a, "data.adsAccount.asOf")).distinct().toList();
		assertThat(moments).hasSize(1).doesNotContainNull();
		assertThat(this.client.sandboxCount("ads.na.GetAccount") - before).isEqualTo(1);

		Map<String, Object> later = this.client.graphql(ACCOUNT, Map.of("id", id));
		assertThat((Object) at(later, "data.adsAccount.asOf")).isEqualTo(moments.get(0));
		assertThat(this.client.sandboxCount("ads.na.GetAccount") - before).isEqualTo(1);
	}

	@Test
	void aChangeAmazonMakesShowsAfterTheWindowButTheWorkspacesOwnRegistrationShowsAtOnce() {
		String first = at(this.client.graphql(PAGE), "data.adsAccounts.nodes.0.asOf");
		long lists = this.client.sandboxCount("ads.na.ListAdsAccounts");
		assertThat((Object) at(this.client.graphql(PAGE), "data.adsAccounts.nodes.0.asOf")).isEqualTo(first);
		assertThat(this.client.sandboxCount("ads.na.ListAdsAccounts")).isEqualTo(lists);

		String id = ReadinessTest.registerSeller(this.client, "A17CEDARLN4PTS");
		Map<String, Object> pending = this.client.graphql(ACCOUNT, Map.of("id", id));
		assertNoErrors(pending);
		assertThat((Object) at(pending, "data.adsAccount.status")).isEqualTo("PENDING");
		String pendingAsOf = at(pending, "data.adsAccount.asOf");

		// Amazon completes the registration; within the window the read stands, as its
		// asOf says.
		this.client.settleRegistration(id);
		Map<String, Object> stillPending = this.client.graphql(ACCOUNT, Map.of("id", id));
		assertThat((Object) at(stillPending, "data.adsAccount.status")).isEqualTo("PENDING");
		assertThat((Object) at(stillPending, "data.adsAccount.asOf")).isEqualTo(pendingAsOf);

		// The registration made through the gateway dropped the list read before it: the
		// list is read again and has the new account.
		Map<String, Object> page = this.client.graphql(PAGE);
		assertNoErrors(page);
		assertThat(this.client.sandboxCount("ads.na.ListAdsAccounts")).isEqualTo(lists + 1);
		List<Map<String, Object>> nodes = at(page, "data.adsAccounts.nodes");
		assertThat(nodes).extracting((n) -> n.get("id")).contains(id);
	}

	@Test
	void anotherWorkspaceNeverGetsTheseReads() {
		// An account no other test of this class reads.
		String id = accountAt(2);
		assertNoErrors(this.client.graphql(ACCOUNT, Map.of("id", id)));
		long before = accountReads();
		Map<String, Object> agency = this.client.graphql(GatewayClient.AGENCY_KEY, ACCOUNT, Map.of("id", id));
		assertThat((Object) at(agency, "data.adsAccount")).isNull();
		assertThat((List<?>) at(agency, "errors")).isNotEmpty();
		// The agency's own read, in whichever region its connection calls.
		assertThat(accountReads() - before).isEqualTo(1);
	}

	private String accountAt(int index) {
		return at(this.client.graphql("{ adsAccounts(first: 3) { nodes { id } } }"),
				"data.adsAccounts.nodes." + index + ".id");
	}

	private long accountReads() {
		return this.client.sandboxStats()
			.entrySet()
			.stream()
			.filter((e) -> e.getKey().endsWith(".GetAccount"))
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

}
