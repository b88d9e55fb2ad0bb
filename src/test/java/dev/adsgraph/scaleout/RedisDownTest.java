package dev.adsgraph.scaleout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
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
import dev.adsgraph.upstream.sp.CatalogItemSearch;
import dev.adsgraph.upstream.sp.SellingPartnerApiClient;
import dev.adsgraph.upstream.sp.SpCredentials;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replica in Redis mode whose Redis (a server of this test's own) stops mid-run and
 * comes back: no request fails because of it, and the shared state is used again once
 * Redis answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisDownTest {

	private static final String API_KEY = "redis-down-test-key-0123456789";

	private static final String PREFIX = "down:";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private RedisServer redis;

	private SandboxServer sandbox;

	private ConfigurableApplicationContext replica;

	@BeforeAll
	void start() {
		this.redis = RedisServer.startPrivate();
		this.sandbox = SandboxServer.start(SandboxSettings.defaults());
		SandboxCredentials ads = SandboxServer.demoCredentials();
		SandboxCredentials sp = SandboxServer.demoSpCredentials();
		this.replica = new SpringApplicationBuilder(AdsgraphApplication.class).run("--server.port=0",
				"--adsgraph.mode=live", "--spring.data.redis.url=" + this.redis.url(),
				"--adsgraph.redis.key-prefix=" + PREFIX,
				"--adsgraph.upstream.lwa.token-url=" + this.sandbox.lwaTokenUrl(),
				"--adsgraph.upstream.ads.hosts.NA=" + this.sandbox.adsHost("NA"),
				"--adsgraph.upstream.sp.hosts.NA=" + this.sandbox.spHost("NA"), "--adsgraph.tenants[0].id=demo",
				"--adsgraph.tenants[0].api-key=" + API_KEY, "--adsgraph.tenants[0].ads.client-id=" + ads.clientId(),
				"--adsgraph.tenants[0].ads.client-secret=" + ads.clientSecret(),
				"--adsgraph.tenants[0].ads.refresh-token=" + ads.refreshToken(), "--adsgraph.tenants[0].ads.regions=NA",
				"--adsgraph.tenants[0].sp.client-id=" + sp.clientId(),
				"--adsgraph.tenants[0].sp.client-secret=" + sp.clientSecret(),
				"--adsgraph.tenants[0].sp.refresh-token=" + sp.refreshToken(),
				"--adsgraph.tenants[0].sp.selling-partner-id=" + SandboxServer.DEMO_SELLING_PARTNER_ID,
				"--adsgraph.tenants[0].sp.regions=NA");
	}

	@AfterAll
	void stop() {
		if (this.replica != null) {
			this.replica.close();
		}
		if (this.sandbox != null) {
			this.sandbox.close();
		}
		if (this.redis != null) {
			this.redis.close();
		}
	}

	@Test
	void requestsGoOnWhileRedisIsDownAndSharedStateResumesWhenItIsBack() {
		assertAnswered(query());
		assertThat(requestBucketInRedis()).isTrue();

		this.redis.stop();
		for (int i = 0; i < 10; i++) {
			assertAnswered(query());
		}
		// A cold SP-API credential: no lease to take, so the replica refreshes on its
		// own; the call goes unmetered.
		SandboxCredentials sp = SandboxServer.demoSpCredentials();
		SpCredentials seller = new SpCredentials(
				new LwaCredentials(sp.clientId(), sp.clientSecret(), sp.refreshToken()),
				SandboxServer.DEMO_SELLING_PARTNER_ID);
		assertThat(this.replica.getBean(SellingPartnerApiClient.class)
			.searchCatalogItems(seller, Region.NA,
					CatalogItemSearch.byIdentifiers("ASIN", List.of("B07N4M94X4"), "ATVPDKIKX0DER", null))
			.block(Duration.ofSeconds(30))).isNotNull();

		// Back, empty: the replica reconnects and its buckets are in Redis again.
		this.redis.restart();
		assertThat(requestBucketInRedis()).isFalse();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
			assertAnswered(query());
			return requestBucketInRedis();
		});
	}

	private static void assertAnswered(JsonNode answer) {
		assertThat(answer.has("errors")).as(answer.toString()).isFalse();
		assertThat(answer.at("/data/adsAccounts/nodes").size()).isPositive();
	}

	private boolean requestBucketInRedis() {
		RedisClient client = RedisClient.create(this.redis.url());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return connection.sync().exists(PREFIX + "bucket:requests:demo") == 1;
		}
		finally {
			client.shutdown();
		}
	}

	private JsonNode query() {
		String port = this.replica.getEnvironment().getProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("X-Api-Key", API_KEY)
			.POST(HttpRequest.BodyPublishers
				.ofString(JSON.writeValueAsString(Map.of("query", "{ adsAccounts(first: 5) { nodes { id } } }"))))
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			return JSON.readTree(response.body());
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
