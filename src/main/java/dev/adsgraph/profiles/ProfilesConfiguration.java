package dev.adsgraph.profiles;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ProfilesConfiguration {

	/** The in-memory default; a shared implementation replaces it by being declared as a bean. */
	@Bean
	@ConditionalOnMissingBean(ProfileCache.class)
	ProfileCache profileCache(ProfileCacheProperties properties) {
		return new CaffeineProfileCache(properties);
	}

}
