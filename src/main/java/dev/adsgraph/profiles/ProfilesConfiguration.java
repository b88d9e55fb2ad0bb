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
	 * The in-memory default; a shared implementation replaces it by being declared as a
	 * bean.
	 */
	@Bean
	@ConditionalOnMissingBean(ProfileCache.class)
	ProfileCache profileCache(ProfileCacheProperties properties, ObjectProvider<CacheMetrics> cacheMetrics) {
		return new InMemoryProfileCache(properties, cacheMetrics.getIfAvailable(() -> CacheMetrics.NONE));
	}

	static final class InMemoryProfileCache extends CaffeineKeyedCache<ProfileCache.Key, List<Profile>>
			implements ProfileCache {

		InMemoryProfileCache(ProfileCacheProperties properties, CacheMetrics metrics) {
			super("profiles", properties.ttl(), properties.maxSize(), metrics);
		}

	}

}
