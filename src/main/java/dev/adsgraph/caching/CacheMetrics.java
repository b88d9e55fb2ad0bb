package dev.adsgraph.caching;

import com.github.benmanes.caffeine.cache.Cache;

/**
 * Where an in-memory cache announces itself, by name, so that its hits, misses, evictions
 * and size can be published. The application supplies an implementation; code built by
 * hand passes {@link #NONE}. Each name is used once per application.
 */
@FunctionalInterface
public interface CacheMetrics {

	CacheMetrics NONE = (name, cache) -> {
	};

	/**
	 * Publishes the statistics of {@code cache}, which was built with
	 * {@code recordStats()}.
	 */
	void monitor(String name, Cache<?, ?> cache);

}
