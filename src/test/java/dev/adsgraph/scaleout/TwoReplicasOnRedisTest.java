package dev.adsgraph.scaleout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import dev.adsgraph.accounts.AdsAccountReads;
import dev.adsgraph.sandbox.SandboxCredentials;
import dev.adsgraph.sandbox.SandboxServer;
import dev.adsgraph.sandbox.SandboxSettings;
import dev.adsgraph.testing.GatewayReplicas;
import dev.adsgraph.testing.RedisServer;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.lwa.LwaCredentials;
import dev.adsgraph.upstream.lwa.LwaTokenCache;
import dev.adsgraph.upstream.lwa.RedisLwaTokenCache;
import dev.adsgraph.upstream.sp.CatalogItem;
import dev.adsgraph.upstream.sp.CatalogItemSearch;
import dev.adsgraph.upstream.sp.SellingPartnerApiClient;
import dev.adsgraph.upstream.sp.SpCredentials;
import dev.adsgraph.upstream.sp.SpRateLimiter;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two gateway replicas (two application contexts, each with its own port, database and
 * memory) in Redis mode against one real redis-server and one sandbox, which plays
 * Amazon's usage plans and counts every request it serves and throttles.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoReplicasOnRedisTest {

	private SandboxServer sandbox;

	private GatewayReplicas replicas;

	@BeforeAll
	void start() {
		this.sandbox = SandboxServer.start(SandboxSettings.defaults());
		List<String> arguments = new ArrayList<>(
				GatewayReplicas.redis(RedisServer.shared().url(), "test:" + UUID.randomUUID() + ":"));
		// Ads account reads kept longer than any test here: only an invalidation drops
		// them.
		arguments.add("--adsgraph.accounts.freshness=10m");
		this.replicas = GatewayReplicas.start(this.sandbox, 2, arguments);
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

	@Test
	void eachReplicaRunsInRedisMode() {
		for (ConfigurableApplicationContext replica : this.replicas.all()) {
			assertThat(replica.getBean(LwaTokenCache.class)).isInstanceOf(RedisLwaTokenCache.class);
		}
	}

	/**
	 * Issue 19: the demo workspace's ads accounts changed through one replica (as
	 * {@code registerAdsAccount} does) are read again on the other at once, inside its
	 * freshness window; nothing else is dropped.
	 */
	@Test
	void anAccountChangeThroughOneReplicaDropsTheOthersAccountReads() {
		String demo = "{ adsAccounts(first: 100) { nodes { id asOf } } }";
		JsonNode first = this.replicas.graphql(0, demo);
		assertThat(first.has("errors")).as(first.toString()).isFalse();
		long lists = this.replicas.sandboxCount("ads.na.ListAdsAccounts");

		this.replicas.bean(1, AdsAccountReads.class).changed("demo");

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode again = this.replicas.graphql(0, demo);
			assertThat(again.has("errors")).as(again.toString()).isFalse();
			assertThat(this.replicas.sandboxCount("ads.na.ListAdsAccounts")).isGreaterThan(lists);
		});
	}

	/** First: the replicas have not asked for the demo's Ads token yet. */
	@Test
	@Order(1)
	void aHundredConcurrentColdQueriesOverBothReplicasMakeOneLwaRefresh() throws Exception {
		long before = this.replicas.sandboxCount("lwa.token");
		ExecutorService pool = Executors.newFixedThreadPool(32);
		try {
			List<CompletableFuture<JsonNode>> answers = IntStream.range(0, 100)
				.mapToObj((i) -> CompletableFuture.supplyAsync(
						() -> this.replicas.graphql(i % 2, "{ adsAccounts(first: 5) { nodes { id } } }"), pool))
				.toList();
			for (CompletableFuture<JsonNode> answer : answers) {
				JsonNode json = answer.get();
				assertThat(json.has("errors")).as(json.toString()).isFalse();
				assertThat(json.at("/data/adsAccounts/nodes").size()).isPositive();
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.replicas.sandboxCount("lwa.token") - before).isEqualTo(1);
	}

	@Test
	void aBurstThroughBothReplicasStaysWithinTheSellersUsagePlan() {
		SandboxCredentials sp = SandboxServer.demoSpCredentials();
		SpCredentials seller = new SpCredentials(
				new LwaCredentials(sp.clientId(), sp.clientSecret(), sp.refreshToken()),
				SandboxServer.DEMO_SELLING_PARTNER_ID);
		long served = this.replicas.sandboxCount("sp.na.searchCatalogItems");
		long throttled = this.replicas.sandboxCount("sp.na.searchCatalogItems.throttled");

		// searchCatalogItems: 2 a second, burst 2, per selling partner. Each replica
		// alone
		// would send its first call at once and then 1.8 a second: together beyond the
		// plan. Sharing one bucket, the ten calls go one after the other.
		List<CompletableFuture<CatalogItem.SearchResults>> calls = IntStream.range(0, 10)
			.mapToObj((i) -> this.replicas.bean(i % 2, SellingPartnerApiClient.class)
				.searchCatalogItems(seller, Region.NA,
						CatalogItemSearch.byIdentifiers("ASIN", List.of("B07N4M94X4"), "ATVPDKIKX0DER", null))
				.toFuture())
			.toList();
		CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();

		assertThat(this.replicas.sandboxCount("sp.na.searchCatalogItems") - served).isEqualTo(10);
		assertThat(this.replicas.sandboxCount("sp.na.searchCatalogItems.throttled") - throttled).isZero();
		long waits = 0;
		for (ConfigurableApplicationContext replica : this.replicas.all()) {
			SpRateLimiter.Stats stats = replica.getBean(SpRateLimiter.class).stats();
			assertThat(stats.throttled()).isZero();
			waits += stats.waits();
		}
		// The shared bucket holds one call of the burst (the other is held back): the
		// other nine waited, whichever replica they went through.
		assertThat(waits).isEqualTo(9);
	}

	@Test
	void anApiKeysRequestBudgetIsOneAcrossReplicas() {
		assertThat(status(0, GatewayReplicas.LIMITED_KEY)).isEqualTo(200);
		assertThat(status(1, GatewayReplicas.LIMITED_KEY)).isEqualTo(200);
		// Each replica alone would still have one request of the burst left.
		assertThat(status(0, GatewayReplicas.LIMITED_KEY)).isEqualTo(429);
		assertThat(status(1, GatewayReplicas.LIMITED_KEY)).isEqualTo(429);
		assertThat(status(1, GatewayReplicas.API_KEY)).isEqualTo(200);
	}

	private int status(int replica, String apiKey) {
		return this.replicas.post(replica, apiKey, "{ __typename }").statusCode();
	}

}
