package dev.adsgraph.caching;

import java.util.function.Predicate;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

/**
 * A cache of upstream answers. In memory by default ({@link CaffeineKeyedCache}); a shared store
 * (Redis) for several replicas is another implementation. Implementations coalesce concurrent
 * misses of one key into one load and never cache a failed load. Keys always include the tenant.
 */
public interface KeyedCache<K, V> {

	/** The cached value for the key, loading it with {@code loader} on a miss. */
	Mono<V> get(K key, Supplier<Mono<V>> loader);

	/** Drops every entry whose key matches. */
	void invalidate(Predicate<K> keys);

}
