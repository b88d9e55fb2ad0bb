package dev.adsgraph.connections;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adsgraph.cache.connections.*}: how long a replica reuses what it read of a
 * workspace's connections. A change this replica makes (a consent saved, a grant found
 * revoked, a disconnect) drops the workspace's entry at once; a change another replica
 * made is seen after {@code ttl} at most.
 *
 * @param ttl how long a workspace's connections are reused before they are read again
 * @param maxSize how many workspaces' connections are kept at most
 */
@Validated
@ConfigurationProperties("adsgraph.cache.connections")
public record ConnectionCacheProperties(@NotNull @DurationMin(nanos = 0) @DefaultValue("10s") Duration ttl,
		@Positive @DefaultValue("10000") long maxSize) {

}
