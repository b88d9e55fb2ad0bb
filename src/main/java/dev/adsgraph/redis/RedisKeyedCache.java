package dev.adsgraph.redis;

import java.time.Duration;
import java.util.function.Predicate;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

import dev.adsgraph.caching.KeyedCache;

/**
 * A replica's cache of upstream answers with a second level in Redis (catalog items,
 * listings, inventory, marketplace participations). A miss in memory reads Redis before
 * the upstream; what the upstream answered is written to Redis (before the caller gets
 * it) as JSON, expiring after the cache's time to live, and then kept in memory. A value
 * read from Redis is kept in memory for the full time to live again, so an answer may be
 * up to twice that old, as for the profile lists. These caches are never invalidated by a
 * change (they expire), so {@link #invalidate} drops this replica's memory only.
 * <p>
 * Redis slow or down: a read that fails is a miss, a write that fails is dropped (each
 * bounded by the command timeout), and the memory keeps serving.
 */
final class RedisKeyedCache<K, V> extends SecondLevelCache<K, V> {

	private static final Logger logger = LoggerFactory.getLogger(RedisKeyedCache.class);

	private final RedisReactiveCommands<String, String> redis;

	private final JsonMapper json;

	private final JavaType type;

	private final String prefix;

	private final Duration ttl;

	private final Duration timeout;

	private final RedisOutageLog outages;

	RedisKeyedCache(KeyedCache<K, V> local, RedisReactiveCommands<String, String> redis, JsonMapper json, JavaType type,
			String prefix, Duration ttl, Duration timeout) {
		super(local);
		this.redis = redis;
		this.json = json;
		this.type = type;
		this.prefix = prefix;
		this.ttl = ttl;
		this.timeout = timeout;
		this.outages = new RedisOutageLog(logger, "the shared cache " + prefix);
	}

	@Override
	public void invalidate(Predicate<K> keys) {
		this.local.invalidate(keys);
	}

	@Override
	protected Mono<V> read(K key) {
		return this.redis.get(name(key))
			.timeout(this.timeout)
			.doOnSuccess((found) -> this.outages.succeeded())
			.<V>mapNotNull((value) -> {
				try {
					return this.json.readValue(value, this.type);
				}
				catch (JacksonException ex) {
					logger.warn("Ignoring an unreadable entry of {} in Redis: {}", this.prefix,
							ex.getClass().getSimpleName());
					return null;
				}
			})
			.onErrorResume((ex) -> {
				this.outages.failed("reading", ex);
				return Mono.empty();
			});
	}

	@Override
	protected Mono<Void> write(K key, V value) {
		return Mono.fromSupplier(() -> this.json.writerFor(this.type).writeValueAsString(value))
			.flatMap((text) -> this.redis.set(name(key), text, SetArgs.Builder.px(Math.max(1, this.ttl.toMillis())))
				.timeout(this.timeout))
			.doOnSuccess((done) -> this.outages.succeeded())
			.onErrorResume((ex) -> {
				this.outages.failed("writing", ex);
				return Mono.empty();
			})
			.then();
	}

	private String name(K key) {
		return this.prefix + key;
	}

}
