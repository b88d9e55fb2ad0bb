package dev.adsgraph.watch;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import reactor.core.scheduler.Schedulers;

import dev.adsgraph.redis.RedisConfigured;
import dev.adsgraph.redis.RedisProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Redis mode (docs/scale-out.md): one poller per watched id across the replicas, its
 * events fanned out over Redis pub/sub ({@link RedisWatchCluster}), on the connection
 * {@code RedisConfiguration} opens. Without Redis the watcher polls on its own replica.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(RedisConfigured.class)
class RedisWatchConfiguration {

	@Bean(destroyMethod = "close")
	RedisWatchCluster redisWatchCluster(RedisClient client, StatefulRedisConnection<String, String> connection,
			RedisProperties redis, WatchProperties watch) {
		return new RedisWatchCluster(connection.reactive(), client, redis.keyPrefix(), watch.redisLease(),
				redis.timeout(), Schedulers.parallel());
	}

}
