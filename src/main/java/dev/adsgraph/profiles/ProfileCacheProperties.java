package dev.adsgraph.profiles;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code adsgraph.cache.profiles.*}: how long a tenant's profile list is reused, how many
 * lists are kept, and how often a lookup of an id missing from a cached list may reload
 * that list (a newly registered account's profiles appear upstream after the list was
 * cached).
 */
@ConfigurationProperties("adsgraph.cache.profiles")
record ProfileCacheProperties(Duration ttl, Long maxSize, Duration reloadOnMissInterval) {

	ProfileCacheProperties {
		reloadOnMissInterval = (reloadOnMissInterval != null) ? reloadOnMissInterval : Duration.ofSeconds(30);
		ttl = (ttl != null) ? ttl : Duration.ofMinutes(5);
		maxSize = (maxSize != null) ? maxSize : 10_000L;
		if (ttl.isNegative()) {
			throw new IllegalArgumentException("adsgraph.cache.profiles.ttl must not be negative, was " + ttl);
		}
		if (maxSize < 0) {
			throw new IllegalArgumentException("adsgraph.cache.profiles.max-size must not be negative, was " + maxSize);
		}
	}

}
