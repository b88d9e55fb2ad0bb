package dev.adsgraph.profiles;

import java.util.List;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.ads.Profile;
import reactor.core.publisher.Mono;

/**
 * {@link ProfileCache} in this JVM's memory. Caffeine's async cache keeps one future per key, so
 * concurrent misses share one upstream call; a failed load is removed and not cached.
 */
class CaffeineProfileCache implements ProfileCache {

	private final AsyncCache<Key, List<Profile>> cache;

	CaffeineProfileCache(ProfileCacheProperties properties) {
		this.cache = Caffeine.newBuilder()
			.expireAfterWrite(properties.ttl())
			.maximumSize(properties.maxSize())
			.recordStats()
			.buildAsync();
	}

	@Override
	public Mono<List<Profile>> get(Key key, Supplier<Mono<List<Profile>>> loader) {
		return Mono.fromFuture(() -> this.cache.get(key, (k, executor) -> loader.get().toFuture()), true);
	}

	@Override
	public void invalidate(String tenantId, Region region) {
		this.cache.synchronous()
			.asMap()
			.keySet()
			.removeIf((key) -> key.tenantId().equals(tenantId) && key.region() == region);
	}

}
