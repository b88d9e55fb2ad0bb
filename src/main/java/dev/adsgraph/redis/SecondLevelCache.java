package dev.adsgraph.redis;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.adsgraph.caching.KeyedCache;

/**
 * A replica's in-memory cache over a second level in Redis: a miss in memory reads Redis
 * ({@link #read}) before the upstream, and what the upstream answered is written to Redis
 * ({@link #write}) before the caller gets it, then kept in memory. Subclasses say how an
 * entry is stored; {@link #read} never fails (a failure is a miss) and {@link #write}
 * never fails (a failure is dropped), so Redis never fails a lookup.
 */
public abstract class SecondLevelCache<K, V> implements KeyedCache<K, V> {

	protected final KeyedCache<K, V> local;

	protected SecondLevelCache(KeyedCache<K, V> local) {
		this.local = local;
	}

	/** The entry in Redis, empty when there is none, it is stale, or Redis failed. */
	protected abstract Mono<V> read(K key);

	/** Completes once Redis has the entry or could not take it; never fails. */
	protected abstract Mono<Void> write(K key, V value);

	@Override
	public Mono<V> get(K key, Supplier<Mono<V>> loader) {
		return this.local.get(key,
				() -> read(key)
					.switchIfEmpty(Mono.defer(loader).flatMap((value) -> write(key, value).thenReturn(value)))
					// The query goes on off Redis's I/O thread.
					.publishOn(Schedulers.parallel()));
	}

	@Override
	public Mono<Map<K, V>> getAll(Set<K> keys, Function<Set<K>, Mono<Map<K, V>>> loader) {
		return this.local.getAll(keys,
				(missing) -> Flux.fromIterable(missing)
					.flatMap((key) -> read(key).map((value) -> Map.entry(key, value)))
					.collectMap(Map.Entry::getKey, Map.Entry::getValue)
					.flatMap((found) -> {
						Set<K> rest = new HashSet<>(missing);
						rest.removeAll(found.keySet());
						if (rest.isEmpty()) {
							return Mono.just(found);
						}
						return loader.apply(Set.copyOf(rest))
							.defaultIfEmpty(Map.of())
							.flatMap((loaded) -> Flux.fromIterable(loaded.entrySet())
								.flatMap((entry) -> write(entry.getKey(), entry.getValue()))
								.then(Mono.fromSupplier(() -> {
									Map<K, V> all = new HashMap<>(found);
									all.putAll(loaded);
									return all;
								})));
					})
					.publishOn(Schedulers.parallel()));
	}

}
