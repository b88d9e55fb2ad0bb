package dev.adsgraph.profiles;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adsgraph.cache.profiles.*}: how long a tenant's profile list is reused, how many
 * lists are kept, and how often a lookup of an id missing from a cached list may reload
 * that list (a newly registered account's profiles appear upstream after the list was
 * cached).
 *
 * @param ttl how long a tenant's profile list is reused
 * @param maxSize how many profile lists (one per tenant and region) are kept at most
 * @param reloadOnMissInterval how often a lookup of a profile id missing from the cached
 * list may reload that list (a newly registered account); negative turns it off
 */
@Validated
@ConfigurationProperties("adsgraph.cache.profiles")
record ProfileCacheProperties(@NotNull @DurationMin(nanos = 0) @DefaultValue("5m") Duration ttl,
		@PositiveOrZero @DefaultValue("10000") long maxSize,
		@NotNull @DefaultValue("30s") Duration reloadOnMissInterval) {

}
