package dev.adsgraph.caching;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

/**
 * A cache of upstream answers. In memory by default ({@link CaffeineKeyedCache}); a
 * shared store (Redis) for several replicas is another implementation. Implementations
 * coalesce concurrent misses of one key into one load and never cache a failed load. Keys
 * always include the tenant.
 */
public interface KeyedCache<K, V> {

	/** The cached value for the key, loading it with {@code loader} on a miss. */
	Mono<V> get(K key, Supplier<Mono<V>> loader);

	/**
	 * The cached values of several keys, loading the missing ones with one call of
	 * {@code loader}; keys being loaded by another call are waited for, not loaded twice.
	 * A key the loader leaves out is absent from the answer and not cached.
	 */
	Mono<Map<K, V>> getAll(Set<K> keys, Function<Set<K>, Mono<Map<K, V>>> loader);

	/** Drops every entry whose key matches. */
	void invalidate(Predicate<K> keys);

}
