package dev.adsgraph.redis;

import java.time.Duration;

import io.lettuce.core.api.StatefulRedisConnection;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.adsgraph.caching.KeyedCache;
import dev.adsgraph.caching.SharedKeyedCaches;

/**
 * Redis mode's second level under the caches of upstream answers: each shared cache's
 * entries are at {@code <prefix>cache:<name>:<key>} ({@link RedisKeyedCache}).
 */
final class RedisKeyedCaches implements SharedKeyedCaches {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final StatefulRedisConnection<String, String> connection;

	private final String prefix;

	private final Duration timeout;

	RedisKeyedCaches(StatefulRedisConnection<String, String> connection, String prefix, Duration timeout) {
		this.connection = connection;
		this.prefix = prefix + "cache:";
		this.timeout = timeout;
	}

	@Override
	public <K, V> KeyedCache<K, V> share(String name, KeyedCache<K, V> local, Duration ttl, TypeReference<V> type) {
		if (ttl.isZero()) {
			return local;
		}
		return new RedisKeyedCache<>(local, this.connection.reactive(), JSON, JSON.getTypeFactory().constructType(type),
				this.prefix + name + ":", ttl, this.timeout);
	}

}
