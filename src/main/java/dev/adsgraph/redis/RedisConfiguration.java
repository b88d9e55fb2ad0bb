package dev.adsgraph.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.adsgraph.buckets.RedisProxyManagers;
import dev.adsgraph.upstream.lwa.LwaTokenCache;
import dev.adsgraph.upstream.lwa.RedisLwaTokenCache;
import dev.adsgraph.upstream.sp.BucketKey;
import dev.adsgraph.upstream.resilience.RedisThrottleStore;
import dev.adsgraph.upstream.resilience.ThrottleStore;
import dev.adsgraph.upstream.sp.TokenBucketStore;
import dev.adsgraph.web.InMemoryRequestBucketStore;
import dev.adsgraph.web.RequestBucketStore;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Redis mode (docs/scale-out.md): with {@code spring.data.redis.url} (or {@code host})
 * set, the stores replicas must share are Redis ones, defined here as beans of the store
 * interfaces, which replace the in-memory defaults of {@code UpstreamConfiguration}:
 * <ul>
 * <li>the SP-API usage-plan buckets ({@link TokenBucketStore}), per region, application,
 * selling partner and operation, through Bucket4j's Lettuce proxy manager;</li>
 * <li>the LWA access tokens ({@link LwaTokenCache}): one refresh per credential across
 * replicas, under a lease; tokens stored encrypted with a key only holders of the
 * credential can derive;</li>
 * <li>the per-API-key request buckets ({@link RequestBucketStore}), in Bucket4j as the
 * SP-API ones;</li>
 * <li>the Ads API back-off after a 429 ({@link ThrottleStore}), published to every
 * replica.</li>
 * </ul>
 * The connection is Lettuce's, built from Boot's {@code spring.data.redis.*} settings
 * (url, or host, port, username, password, database, ssl.enabled); commands are refused
 * at once while disconnected and time out after {@code adsgraph.redis.timeout}, so a
 * Redis that is down or slow delays no request beyond that.
 * <p>
 * Failure behaviour (docs/scale-out.md): connections can be opened while Redis is down
 * ({@link ReconnectingRedisClient}), so a replica starts without it; replicas count one
 * another by heartbeats ({@link ReplicaHeartbeat}); while Redis does not answer
 * ({@link RedisStatus}) the buckets run on a local share of each quota and reconcile when
 * it is back; a metric and the readiness probe's details say so.
 * <p>
 * Beans of other Redis-backed stores inject the {@link RedisClient} and the
 * {@code StatefulRedisConnection<String, String>} defined here; both work whether Redis
 * is up or not when they are made (commands fail at once until it is there, pub/sub
 * subscriptions are made once it is).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(RedisConfigured.class)
@EnableConfigurationProperties(RedisProperties.class)
public class RedisConfiguration {

	@Bean
	RedisStatus redisStatus(RedisProperties properties) {
		return new RedisStatus(properties.replicasUntilCounted());
	}

	/**
	 * Lettuce's threads and timers; reconnecting backs off from
	 * {@link ReconnectingRedisClient#FIRST_RETRY} to
	 * {@link ReconnectingRedisClient#LAST_RETRY} (Lettuce's default goes up to 30 s), so
	 * shared state resumes within seconds of Redis coming back.
	 */
	@Bean(destroyMethod = "shutdown")
	ClientResources redisClientResources() {
		return DefaultClientResources.builder()
			.reconnectDelay(Delay.exponential(ReconnectingRedisClient.FIRST_RETRY, ReconnectingRedisClient.LAST_RETRY,
					2, TimeUnit.MILLISECONDS))
			.build();
	}

	/**
	 * The client every Redis bean connects through; its connections can be opened while
	 * Redis is down ({@link ReconnectingRedisClient}). Every command it issues is counted
	 * ({@link RedisStatus#commands()}).
	 */
	@Bean(destroyMethod = "shutdown")
	RedisClient redisClient(ClientResources resources, Environment environment, RedisProperties properties,
			RedisStatus status) {
		RedisClient client = new ReconnectingRedisClient(resources, redisUri(environment));
		client.setOptions(ClientOptions.builder()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.timeoutOptions(TimeoutOptions.enabled(properties.timeout()))
			.build());
		client.addListener(new CommandListener() {

			@Override
			public void commandStarted(CommandStartedEvent event) {
				status.commandIssued();
			}

		});
		return client;
	}

	/** Boot's standard settings: the url wins; otherwise host and its companions. */
	static RedisURI redisUri(Environment environment) {
		Binder binder = Binder.get(environment);
		String url = environment.getProperty(RedisConfigured.URL);
		RedisURI uri;
		if (StringUtils.hasText(url)) {
			uri = RedisURI.create(url);
		}
		else {
			RedisURI.Builder builder = RedisURI.Builder
				.redis(environment.getProperty(RedisConfigured.HOST),
						binder.bind("spring.data.redis.port", Integer.class).orElse(RedisURI.DEFAULT_REDIS_PORT))
				.withSsl(binder.bind("spring.data.redis.ssl.enabled", Boolean.class).orElse(false))
				.withDatabase(binder.bind("spring.data.redis.database", Integer.class).orElse(0));
			String password = environment.getProperty("spring.data.redis.password");
			if (StringUtils.hasText(password)) {
				String username = environment.getProperty("spring.data.redis.username");
				builder = StringUtils.hasText(username) ? builder.withAuthentication(username, password)
						: builder.withPassword(password.toCharArray());
			}
			uri = builder.build();
		}
		binder.bind("spring.data.redis.connect-timeout", Duration.class).ifBound(uri::setTimeout);
		return uri;
	}

	@Bean(destroyMethod = "close")
	StatefulRedisConnection<String, String> redisConnection(RedisClient client) {
		return client.connect(StringCodec.UTF8);
	}

	/**
	 * Counts the live replicas and tells whether Redis answers; beats once before the
	 * replica serves.
	 */
	@Bean(destroyMethod = "close")
	ReplicaHeartbeat replicaHeartbeat(RedisClient client, StatefulRedisConnection<String, String> connection,
			RedisProperties properties, Clock clock, RedisStatus status) {
		BooleanSupplier ready = (client instanceof ReconnectingRedisClient reconnecting) ? reconnecting::allConnected
				: () -> true;
		ReplicaHeartbeat heartbeat = new ReplicaHeartbeat(connection.reactive(), properties.keyPrefix(),
				properties.heartbeatInterval(), properties.heartbeatExpiry(), properties.timeout(), clock, status,
				ready);
		heartbeat.start();
		return heartbeat;
	}

	@Bean
	TokenBucketStore redisTokenBucketStore(RedisClient client, RedisProperties properties, Clock clock,
			RedisStatus status) {
		return new SharedOrLocalTokenBucketStore(RedisProxyManagers.proxyManager(client,
				properties.keyPrefix() + "bucket:", BucketKey::asString, clock, properties.timeout()), status, clock);
	}

	@Bean
	LwaTokenCache redisLwaTokenCache(StatefulRedisConnection<String, String> connection, RedisProperties properties,
			Clock clock) {
		return new RedisLwaTokenCache(connection.reactive(), properties.keyPrefix() + "lwa:", properties.lwaLease(),
				properties.timeout(), clock);
	}

	@Bean
	RequestBucketStore redisRequestBucketStore(RedisClient client, RedisProperties properties, Clock clock,
			RedisStatus status) {
		return new SharedOrLocalRequestBucketStore(new InMemoryRequestBucketStore(
				RedisProxyManagers.proxyManager(client, properties.keyPrefix() + "bucket:requests:",
						(String tenantId) -> tenantId, clock, properties.timeout())),
				status, clock);
	}

	@Bean(destroyMethod = "close")
	ThrottleStore redisThrottleStore(RedisClient client, RedisProperties properties) {
		return new RedisThrottleStore(client, properties.keyPrefix());
	}

	/**
	 * In the readiness probe's details: {@code shared} or {@code degraded}, and the
	 * replicas counted. Always UP: a degraded replica serves (on its local shares), so it
	 * must keep receiving traffic.
	 */
	@Bean
	HealthIndicator redisHealthIndicator(RedisStatus status) {
		return () -> Health.up()
			.withDetail("mode", status.degraded() ? "degraded" : "shared")
			.withDetail("replicas", status.replicas())
			.build();
	}

	/**
	 * {@code adsgraph.redis.degraded} (1 while on local shares),
	 * {@code adsgraph.redis.replicas} (the live replicas last counted),
	 * {@code adsgraph.redis.fallbacks} (bucket steps served by a local share) and
	 * {@code adsgraph.redis.commands} (Redis commands issued: round trips, for the
	 * benchmark).
	 */
	@Bean
	MeterBinder redisMetrics(RedisStatus status) {
		return (registry) -> {
			Gauge.builder("adsgraph.redis.degraded", status, (s) -> s.degraded() ? 1 : 0)
				.description("1 while Redis does not answer and this replica runs on its local share of each quota")
				.register(registry);
			Gauge.builder("adsgraph.redis.replicas", status, RedisStatus::replicas)
				.description("Live replicas last counted through the heartbeats in Redis, this one included")
				.register(registry);
			FunctionCounter.builder("adsgraph.redis.fallbacks", status, RedisStatus::fallbacks)
				.description("Bucket steps served by this replica's local share instead of Redis")
				.register(registry);
			FunctionCounter.builder("adsgraph.redis.commands", status, RedisStatus::commands)
				.description("Redis commands issued by this replica")
				.register(registry);
		};
	}

}
