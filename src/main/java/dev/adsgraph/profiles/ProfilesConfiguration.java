package dev.adsgraph.profiles;

import java.util.List;

import dev.adsgraph.caching.CacheMetrics;
import dev.adsgraph.caching.CaffeineKeyedCache;
import dev.adsgraph.upstream.ads.Profile;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ProfilesConfiguration {

	/**
	 * In memory; over a second level shared by the replicas when one is a bean (Redis
	 * mode), or replaced altogether by another bean of this type.
	 */
	@Bean
	@ConditionalOnMissingBean(ProfileCache.class)
	ProfileCache profileCache(ProfileCacheProperties properties, ObjectProvider<CacheMetrics> cacheMetrics,
			ObjectProvider<ProfileCache.Shared> shared) {
		ProfileCache local = new InMemoryProfileCache(properties, cacheMetrics.getIfAvailable(() -> CacheMetrics.NONE));
		ProfileCache.Shared second = shared.getIfAvailable();
		return (second != null) ? second.over(local, properties.ttl()) : local;
	}

	static final class InMemoryProfileCache extends CaffeineKeyedCache<ProfileCache.Key, List<Profile>>
			implements ProfileCache {

		InMemoryProfileCache(ProfileCacheProperties properties, CacheMetrics metrics) {
			super("profiles", properties.ttl(), properties.maxSize(), metrics);
		}

	}

}
