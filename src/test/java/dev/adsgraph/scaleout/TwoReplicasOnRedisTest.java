package dev.adsgraph.scaleout;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.adsgraph.AdsgraphApplication;
import dev.adsgraph.sandbox.SandboxCredentials;
import dev.adsgraph.sandbox.SandboxServer;
import dev.adsgraph.sandbox.SandboxSettings;
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

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateway replicas (two application contexts, each with its own port, database and
 * memory) in Redis mode against one real redis-server and one sandbox, which plays
 * Amazon's usage plans and counts every request it serves and throttles.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoReplicasOnRedisTest {

	private static final String API_KEY = "replica-test-key-0123456789";

	/** A tenant allowed two requests at once and then one every 100 s. */
	private static final String LIMITED_KEY = "limited-test-key-0123456789";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private SandboxServer sandbox;

	private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	@BeforeAll
	void start() {
		RedisServer redis = RedisServer.shared();
		this.sandbox = SandboxServer.start(SandboxSettings.defaults());
		String prefix = "test:" + UUID.randomUUID() + ":";
		for (int i = 0; i < 2; i++) {
			this.replicas.add(new SpringApplicationBuilder(AdsgraphApplication.class)
				.run(arguments(redis.url(), prefix).toArray(String[]::new)));
		}
	}

	/** Live mode against the sandbox, with its demo credentials, sharing one Redis. */
	private List<String> arguments(String redisUrl, String prefix) {
		SandboxCredentials ads = SandboxServer.demoCredentials();
		SandboxCredentials sp = SandboxServer.demoSpCredentials();
		SandboxCredentials agency = SandboxServer.agencyCredentials();
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--adsgraph.mode=live",
				"--spring.data.redis.url=" + redisUrl, "--adsgraph.redis.key-prefix=" + prefix,
				"--adsgraph.upstream.lwa.token-url=" + this.sandbox.lwaTokenUrl(),
				"--adsgraph.upstream.ads.hosts.NA=" + this.sandbox.adsHost("NA"),
				"--adsgraph.upstream.sp.hosts.NA=" + this.sandbox.spHost("NA"), "--adsgraph.tenants[0].id=demo",
				"--adsgraph.tenants[0].api-key-sha256=" + sha256(API_KEY),
				"--adsgraph.tenants[0].ads.client-id=" + ads.clientId(),
				"--adsgraph.tenants[0].ads.client-secret=" + ads.clientSecret(),
				"--adsgraph.tenants[0].ads.refresh-token=" + ads.refreshToken(), "--adsgraph.tenants[0].ads.regions=NA",
				"--adsgraph.tenants[0].sp.client-id=" + sp.clientId(),
				"--adsgraph.tenants[0].sp.client-secret=" + sp.clientSecret(),
				"--adsgraph.tenants[0].sp.refresh-token=" + sp.refreshToken(),
				"--adsgraph.tenants[0].sp.selling-partner-id=" + SandboxServer.DEMO_SELLING_PARTNER_ID,
				"--adsgraph.tenants[0].sp.regions=NA", "--adsgraph.tenants[1].id=limited",
				"--adsgraph.tenants[1].api-key-sha256=" + sha256(LIMITED_KEY),
				"--adsgraph.tenants[1].ads.client-id=" + agency.clientId(),
				"--adsgraph.tenants[1].ads.client-secret=" + agency.clientSecret(),
				"--adsgraph.tenants[1].ads.refresh-token=" + agency.refreshToken(),
				"--adsgraph.tenants[1].ads.regions=NA", "--adsgraph.tenants[1].requests-per-second=0.01",
				"--adsgraph.tenants[1].request-burst=2"));
		return arguments;
	}

	private static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@AfterAll
	void stop() {
		this.replicas.forEach(ConfigurableApplicationContext::close);
		if (this.sandbox != null) {
			this.sandbox.close();
		}
	}

	@Test
	void eachReplicaRunsInRedisMode() {
		for (ConfigurableApplicationContext replica : this.replicas) {
			assertThat(replica.getBean(LwaTokenCache.class)).isInstanceOf(RedisLwaTokenCache.class);
		}
	}

	@Test
	void aHundredConcurrentColdQueriesOverBothReplicasMakeOneLwaRefresh() throws Exception {
		long before = sandboxCount("lwa.token");
		ExecutorService pool = Executors.newFixedThreadPool(32);
		try {
			List<CompletableFuture<JsonNode>> answers = IntStream.range(0, 100)
				.mapToObj((i) -> CompletableFuture.supplyAsync(
						() -> graphql(this.replicas.get(i % 2), "{ adsAccounts(first: 5) { nodes { id } } }"), pool))
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
		assertThat(sandboxCount("lwa.token") - before).isEqualTo(1);
	}

	@Test
	void aBurstThroughBothReplicasStaysWithinTheSellersUsagePlan() {
		SandboxCredentials sp = SandboxServer.demoSpCredentials();
		SpCredentials seller = new SpCredentials(
				new LwaCredentials(sp.clientId(), sp.clientSecret(), sp.refreshToken()),
				SandboxServer.DEMO_SELLING_PARTNER_ID);
		long served = sandboxCount("sp.na.searchCatalogItems");
		long throttled = sandboxCount("sp.na.searchCatalogItems.throttled");

		// searchCatalogItems: 2 a second, burst 2, per selling partner. Each replica
		// alone
		// would send its first call at once and then 1.8 a second: together beyond the
		// plan. Sharing one bucket, the ten calls go one after the other.
		List<CompletableFuture<CatalogItem.SearchResults>> calls = IntStream.range(0, 10)
			.mapToObj((i) -> this.replicas.get(i % 2)
				.getBean(SellingPartnerApiClient.class)
				.searchCatalogItems(seller, Region.NA,
						CatalogItemSearch.byIdentifiers("ASIN", List.of("B07N4M94X4"), "ATVPDKIKX0DER", null))
				.toFuture())
			.toList();
		CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();

		assertThat(sandboxCount("sp.na.searchCatalogItems") - served).isEqualTo(10);
		assertThat(sandboxCount("sp.na.searchCatalogItems.throttled") - throttled).isZero();
		long waits = 0;
		for (ConfigurableApplicationContext replica : this.replicas) {
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
		assertThat(status(this.replicas.get(0), LIMITED_KEY)).isEqualTo(200);
		assertThat(status(this.replicas.get(1), LIMITED_KEY)).isEqualTo(200);
		// Each replica alone would still have one request of the burst left.
		assertThat(status(this.replicas.get(0), LIMITED_KEY)).isEqualTo(429);
		assertThat(status(this.replicas.get(1), LIMITED_KEY)).isEqualTo(429);
		assertThat(status(this.replicas.get(1), API_KEY)).isEqualTo(200);
	}

	private int status(ConfigurableApplicationContext replica, String apiKey) {
		try {
			return this.http
				.send(graphqlRequest(replica, apiKey, "{ __typename }"), HttpResponse.BodyHandlers.ofString())
				.statusCode();
		}
		catch (java.io.IOException ex) {
			throw new AssertionError(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	private HttpRequest graphqlRequest(ConfigurableApplicationContext replica, String apiKey, String query) {
		String port = replica.getEnvironment().getProperty("local.server.port");
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("X-Api-Key", apiKey)
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query))))
			.build();
	}

	private JsonNode graphql(ConfigurableApplicationContext replica, String query) {
		String port = replica.getEnvironment().getProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("X-Api-Key", API_KEY)
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query))))
			.build();
		return JSON.readTree(send(request));
	}

	private long sandboxCount(String operation) {
		JsonNode stats = JSON
			.readTree(send(HttpRequest.newBuilder(URI.create(this.sandbox.baseUrl() + "/sandbox/stats"))
				.timeout(Duration.ofSeconds(10))
				.build()));
		return stats.path(operation).asLong(0);
	}

	private String send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			return response.body();
		}
		catch (java.io.IOException ex) {
			throw new AssertionError(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}
