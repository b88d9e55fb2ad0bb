package dev.adsgraph.reports;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

import dev.adsgraph.redis.RedisConfigured;
import dev.adsgraph.redis.RedisProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Redis mode for reports (docs/scale-out.md, "Reports"): one upstream report per key
 * across replicas through {@link RedisSharedReports}, which the engine uses instead of
 * {@link SharedReports#local()}. Results are binary (gzipped JSON), so they go over a
 * connection of their own with byte values, made from the shared {@link RedisClient}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(RedisConfigured.class)
class RedisReportsConfiguration {

	// The connection is not a bean: one of byte values beside the String one would make
	// injection by the raw type ambiguous.
	@Bean(destroyMethod = "close")
	RedisSharedReports redisSharedReports(RedisClient client, RedisProperties redis, ReportProperties reports) {
		StatefulRedisConnection<String, byte[]> connection = client
			.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
		return new RedisSharedReports(connection, redis.keyPrefix() + "report:", reports.claimExpiry(),
				reports.claimCheck(), reports.maxWait(), redis.timeout());
	}

}
