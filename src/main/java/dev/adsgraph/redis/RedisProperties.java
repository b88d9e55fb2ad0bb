package dev.adsgraph.redis;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Redis mode (docs/scale-out.md), used only when Boot's {@code spring.data.redis.url} or
 * {@code spring.data.redis.host} is set: where the connection goes is Boot's standard
 * setting, how the gateway uses it is here.
 *
 * @param keyPrefix put before every key the gateway writes, so that several deployments
 * (or tests) can share one Redis
 * @param timeout how long one Redis command may take before the gateway goes on without
 * it (a rate-limit step lets the call through, an LWA lease step refreshes locally)
 * @param lwaLease how long one replica holds the right to refresh a credential's LWA
 * token; the others wait for its result at most this long, and take over when a replica
 * dies holding it. Longer than one token request with its retries.
 */
@Validated
@ConfigurationProperties("adsgraph.redis")
public record RedisProperties(@NotBlank @DefaultValue("adsgraph:") String keyPrefix,
		@NotNull @DurationMin(nanos = 0, inclusive = false) @DefaultValue("1s") Duration timeout,
		@NotNull @DurationMin(seconds = 1) @DefaultValue("30s") Duration lwaLease) {

}
