package dev.adsgraph.scaleout;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.adsgraph.redis.RedisStatus;
import dev.adsgraph.sandbox.SandboxCredentials;
import dev.adsgraph.sandbox.SandboxServer;
import dev.adsgraph.sandbox.SandboxSettings;
import dev.adsgraph.testing.GatewayReplicas;
import dev.adsgraph.testing.RedisServer;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.lwa.LwaCredentials;
import dev.adsgraph.upstream.sp.CatalogItem;
import dev.adsgraph.upstream.sp.CatalogItemSearch;
import dev.adsgraph.upstream.sp.SellingPartnerApiClient;
import dev.adsgraph.upstream.sp.SpCredentials;
import dev.adsgraph.upstream.sp.SpRateLimiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas in Redis mode whose Redis (a server of this test's own) is down when they
 * start, or stops mid-run and comes back (empty): no request fails because of it, the
 * replicas run degraded on their local share of each quota meanwhile (so a burst through
 * both stays within one seller's usage plan: the sandbox throttles nothing), say so in
 * their metrics and readiness details, and share their state through Redis again once it
 * answers. Heartbeats are fast here (200 ms, expiring after 1 s) so that changes show
 * within a second.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisDownTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ACCOUNTS = "{ adsAccounts(first: 5) { nodes { id } } }";

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private RedisServer redis;

	private SandboxServer sandbox;

	private GatewayReplicas replicas;

	private String prefix;

	@BeforeAll
	void startSandbox() {
		this.redis = RedisServer.startPrivate();
		this.sandbox = SandboxServer.start(SandboxSettings.defaults());
	}

	@BeforeEach
	void prefix() {
		this.prefix = "down:" + UUID.randomUUID() + ":";
	}

	@AfterEach
	void stopReplicas() {
		if (this.replicas != null) {
			this.replicas.close();
			this.replicas = null;
		}
	}

	@AfterAll
	void stop() {
		if (this.sandbox != null) {
			this.sandbox.close();
		}
		if (this.redis != null) {
			this.redis.close();
		}
	}

	@Test
	void replicasStartedWhileRedisIsDownServeAndShareOnceItStarts() {
		this.redis.stop();
		try {
			this.replicas = GatewayReplicas.start(this.sandbox, 2, arguments());
			for (int replica = 0; replica < 2; replica++) {
				assertAnswered(this.replicas.graphql(replica, ACCOUNTS));
				assertThat(mode(replica)).isEqualTo("degraded");
				assertThat(gauge(replica, "adsgraph_redis_degraded")).isEqualTo(1);
				assertThat(status(replica).counted()).isFalse();
			}
		}
		finally {
			this.redis.restart();
		}
		await().atMost(PATIENCE).untilAsserted(() -> {
			for (int replica = 0; replica < 2; replica++) {
				assertThat(mode(replica)).isEqualTo("shared");
				assertThat(status(replica).replicas()).isEqualTo(2);
			}
		});
		assertAnswered(this.replicas.graphql(0, ACCOUNTS));
		assertThat(requestBucketInRedis()).isTrue();
		assertThat(gauge(0, "adsgraph_redis_degraded")).isZero();
		assertThat(gauge(1, "adsgraph_redis_replicas")).isEqualTo(2);
	}

	@Test
	void redisStoppedMidRunFailsNoRequestAndTheLocalSharesStayWithinThePlan() {
		this.replicas = GatewayReplicas.start(this.sandbox, 2, arguments());
		await().atMost(PATIENCE).untilAsserted(() -> {
			assertThat(status(0).replicas()).isEqualTo(2);
			assertThat(status(1).replicas()).isEqualTo(2);
		});
		for (int replica = 0; replica < 2; replica++) {
			assertAnswered(this.replicas.graphql(replica, ACCOUNTS));
			assertThat(mode(replica)).isEqualTo("shared");
			assertThat(gauge(replica, "adsgraph_redis_degraded")).isZero();
		}
		assertThat(requestBucketInRedis()).isTrue();
		long commands = status(0).commands();
		assertThat(commands).isPositive();
		assertThat(gauge(0, "adsgraph_redis_commands_total")).isPositive();

		this.redis.stop();
		try {
			// Every request answered, on both replicas, while Redis is gone.
			for (int i = 0; i < 10; i++) {
				assertAnswered(this.replicas.graphql(i % 2, ACCOUNTS));
			}
			await().atMost(PATIENCE).untilAsserted(() -> {
				assertThat(mode(0)).isEqualTo("degraded");
				assertThat(mode(1)).isEqualTo("degraded");
			});
			assertThat(gauge(0, "adsgraph_redis_degraded")).isEqualTo(1);
			assertThat(gauge(1, "adsgraph_redis_degraded")).isEqualTo(1);

			// searchCatalogItems: 2 a second, burst 2, per selling partner. Each replica
			// takes half of the metered plan (0.9 a second, no call of the burst at
			// first): together within the plan, so the sandbox throttles none of ten
			// calls spread over both.
			long served = this.replicas.sandboxCount("sp.na.searchCatalogItems");
			long throttled = this.replicas.sandboxCount("sp.na.searchCatalogItems.throttled");
			long fallbacks = status(0).fallbacks() + status(1).fallbacks();
			List<CompletableFuture<CatalogItem.SearchResults>> calls = IntStream.range(0, 10)
				.mapToObj((i) -> this.replicas.bean(i % 2, SellingPartnerApiClient.class)
					.searchCatalogItems(seller(), Region.NA,
							CatalogItemSearch.byIdentifiers("ASIN", List.of("B07N4M94X4"), "ATVPDKIKX0DER", null))
					.toFuture())
				.toList();
			CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
			assertThat(this.replicas.sandboxCount("sp.na.searchCatalogItems") - served).isEqualTo(10);
			assertThat(this.replicas.sandboxCount("sp.na.searchCatalogItems.throttled") - throttled).isZero();
			for (int replica = 0; replica < 2; replica++) {
				SpRateLimiter.Stats stats = this.replicas.bean(replica, SpRateLimiter.class).stats();
				assertThat(stats.throttled()).isZero();
				assertThat(stats.refusals()).isZero();
			}
			assertThat(status(0).fallbacks() + status(1).fallbacks()).isGreaterThanOrEqualTo(fallbacks + 10);
			assertThat(status(0).replicas()).isEqualTo(2);
		}
		finally {
			// Back, empty.
			this.redis.restart();
		}
		assertThat(requestBucketInRedis()).isFalse();
		await().atMost(PATIENCE).untilAsserted(() -> {
			assertThat(mode(0)).isEqualTo("shared");
			assertThat(mode(1)).isEqualTo("shared");
		});
		assertThat(gauge(0, "adsgraph_redis_degraded")).isZero();
		assertThat(gauge(1, "adsgraph_redis_degraded")).isZero();
		await().atMost(PATIENCE).until(() -> {
			assertAnswered(this.replicas.graphql(1, ACCOUNTS));
			return requestBucketInRedis();
		});
		// Redis came back empty: each replica counts the others again as their
		// heartbeats arrive (within one heartbeat interval), itself first.
		await().atMost(PATIENCE).untilAsserted(() -> {
			assertThat(status(0).replicas()).isEqualTo(2);
			assertThat(status(1).replicas()).isEqualTo(2);
		});

		// One replica gone: the other counts one once its heartbeat is gone.
		assertThat(gauge(0, "adsgraph_redis_replicas")).isEqualTo(2);
		this.replicas.kill(1);
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(gauge(0, "adsgraph_redis_replicas")).isEqualTo(1));
	}

	private List<String> arguments() {
		List<String> arguments = new ArrayList<>(GatewayReplicas.redis(this.redis.url(), this.prefix));
		arguments.add("--adsgraph.redis.heartbeat-interval=200ms");
		arguments.add("--adsgraph.redis.heartbeat-expiry=3s");
		return arguments;
	}

	private static SpCredentials seller() {
		SandboxCredentials sp = SandboxServer.demoSpCredentials();
		return new SpCredentials(new LwaCredentials(sp.clientId(), sp.clientSecret(), sp.refreshToken()),
				SandboxServer.DEMO_SELLING_PARTNER_ID);
	}

	private RedisStatus status(int replica) {
		return this.replicas.bean(replica, RedisStatus.class);
	}

	/** What the readiness probe's details say; the probe itself stays UP. */
	private String mode(int replica) {
		HttpResponse<String> response = this.replicas.get(replica, "/actuator/health/readiness");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode health = JSON.readTree(response.body());
		assertThat(health.path("status").asString()).isEqualTo("UP");
		assertThat(health.at("/components/redis/status").asString()).isEqualTo("UP");
		return health.at("/components/redis/details/mode").asString();
	}

	private double gauge(int replica, String name) {
		String metrics = this.replicas.get(replica, "/actuator/prometheus").body();
		Matcher matcher = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? (\\S+)$").matcher(metrics);
		assertThat(matcher.find()).as(name + " in\n" + metrics).isTrue();
		return Double.parseDouble(matcher.group(1));
	}

	private static void assertAnswered(JsonNode answer) {
		assertThat(answer.has("errors")).as(answer.toString()).isFalse();
		assertThat(answer.at("/data/adsAccounts/nodes").size()).isPositive();
	}

	private boolean requestBucketInRedis() {
		RedisClient client = RedisClient.create(this.redis.url());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return connection.sync().exists(this.prefix + "bucket:requests:demo") == 1;
		}
		finally {
			client.shutdown();
		}
	}

}
