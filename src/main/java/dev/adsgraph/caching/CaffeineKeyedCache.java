package dev.adsgraph.caching;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

/**
 * {@link KeyedCache} in this JVM's memory: Caffeine's async cache keeps one future per key, so
 * concurrent misses share one load, and removes a future that failed.
 */
public class CaffeineKeyedCache<K, V> implements KeyedCache<K, V> {

	private final AsyncCache<K, V> cache;

	public CaffeineKeyedCache(Duration ttl, long maxSize) {
		this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxSize).buildAsync();
	}

	@Override
	public Mono<V> get(K key, Supplier<Mono<V>> loader) {
		// suppressCancel: one caller going away must not cancel the load others wait for.
		return Mono.fromFuture(() -> this.cache.get(key, (k, executor) -> loader.get().toFuture()), true);
	}

	@Override
	public Mono<Map<K, V>> getAll(Set<K> keys, Function<Set<K>, Mono<Map<K, V>>> loader) {
		return Mono.fromFuture(() -> this.cache.getAll(keys, (missing, executor) -> loader
			.apply(Set.copyOf(missing))
			.map((loaded) -> Map.<K, V>copyOf(loaded))
			.toFuture()), true);
	}

	@Override
	public void invalidate(Predicate<K> keys) {
		this.cache.synchronous().asMap().keySet().removeIf(keys);
	}

}
