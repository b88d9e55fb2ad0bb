package dev.adsgraph.caching;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

/**
 * {@link KeyedCache} in this JVM's memory: Caffeine's async cache keeps one future per
 * key, so concurrent misses share one load, and removes a future that failed. A load runs
 * with the Reactor context of the caller that started it, so its upstream calls are
 * logged under that caller's correlation id.
 */
public class CaffeineKeyedCache<K, V> implements KeyedCache<K, V> {

	private final AsyncCache<K, V> cache;

	private final Object bulkLock = new Object();

	/** An unnamed cache whose statistics are not recorded. */
	public CaffeineKeyedCache(Duration ttl, long maxSize) {
		this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxSize).buildAsync();
	}

	/** A cache whose hits, misses and evictions are published under {@code name}. */
	public CaffeineKeyedCache(String name, Duration ttl, long maxSize, CacheMetrics metrics) {
		this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxSize).recordStats().buildAsync();
		metrics.monitor(name, this.cache.synchronous());
	}

	@Override
	public Mono<V> get(K key, Supplier<Mono<V>> loader) {
		// suppressCancel: one caller going away must not cancel the load others wait for.
		return Mono.deferContextual((context) -> Mono.fromFuture(
				() -> this.cache.get(key, (k, executor) -> loader.get().contextWrite(context).toFuture()), true));
	}

	/**
	 * Which keys are missing, and the futures standing for them, are settled under one
	 * lock, so two requests for the same keys never split them between two upstream loads
	 * (Caffeine's own bulk load settles key by key, and concurrent callers can each win
	 * part of a batch).
	 */
	@Override
	public Mono<Map<K, V>> getAll(Set<K> keys, Function<Set<K>, Mono<Map<K, V>>> loader) {
		return Mono.deferContextual((context) -> Mono.fromFuture(() -> {
			Map<K, CompletableFuture<V>> futures = new LinkedHashMap<>();
			Set<K> missing = new LinkedHashSet<>();
			CompletableFuture<Map<K, V>> batch = new CompletableFuture<>();
			synchronized (this.bulkLock) {
				for (K key : keys) {
					CompletableFuture<V> present = this.cache.getIfPresent(key);
					if (present != null) {
						futures.put(key, present);
					}
					else {
						// A key the load leaves out completes with null, which Caffeine
						// drops.
						CompletableFuture<V> future = batch.thenApply((loaded) -> loaded.get(key));
						this.cache.put(key, future);
						futures.put(key, future);
						missing.add(key);
					}
				}
			}
			if (!missing.isEmpty()) {
				Mono<Map<K, V>> load = loader.apply(Set.copyOf(missing)).defaultIfEmpty(Map.of()).contextWrite(context);
				load.toFuture().whenComplete((loaded, failure) -> {
					if (failure != null) {
						batch.completeExceptionally(failure);
					}
					else {
						batch.complete(loaded);
					}
				});
			}
			return CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new)).thenApply((done) -> {
				Map<K, V> result = new LinkedHashMap<>();
				futures.forEach((key, future) -> {
					V value = future.join();
					if (value != null) {
						result.put(key, value);
					}
				});
				return result;
			});
		}, true));
	}

	@Override
	public void invalidate(Predicate<K> keys) {
		this.cache.synchronous().asMap().keySet().removeIf(keys);
	}

}
