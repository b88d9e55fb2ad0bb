package dev.adsgraph.redis;

import java.time.Duration;

import jakarta.validation.constraints.Min;
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
 * it (a rate-limit step runs on this replica's local share of the quota, an LWA lease
 * step refreshes locally)
 * @param lwaLease how long one replica holds the right to refresh a credential's LWA
 * token; the others wait for its result at most this long, and take over when a replica
 * dies holding it. Longer than one token request with its retries.
 * @param heartbeatInterval how often each replica renews its entry in the count of live
 * replicas, and how soon a degraded replica notices that Redis answers again
 * @param heartbeatExpiry how long an entry in the count of replicas lives without being
 * renewed: a replica that died drops out of the others' count (and their local shares
 * grow) this long after its last heartbeat. Longer than the interval.
 * @param replicasUntilCounted the number of replicas a replica assumes before it has
 * counted them once (it started while Redis was down): its local share of each quota is
 * the quota divided by this
 */
@Validated
@ConfigurationProperties("adsgraph.redis")
public record RedisProperties(@NotBlank @DefaultValue("adsgraph:") String keyPrefix,
		@NotNull @DurationMin(nanos = 0, inclusive = false) @DefaultValue("1s") Duration timeout,
		@NotNull @DurationMin(seconds = 1) @DefaultValue("30s") Duration lwaLease,
		@NotNull @DurationMin(nanos = 0, inclusive = false) @DefaultValue("5s") Duration heartbeatInterval,
		@NotNull @DurationMin(nanos = 0, inclusive = false) @DefaultValue("15s") Duration heartbeatExpiry,
		@Min(1) @DefaultValue("2") int replicasUntilCounted) {

	public RedisProperties {
		if (heartbeatInterval != null && heartbeatExpiry != null && heartbeatExpiry.compareTo(heartbeatInterval) <= 0) {
			throw new IllegalArgumentException("adsgraph.redis.heartbeat-expiry (" + heartbeatExpiry
					+ ") must be longer than adsgraph.redis.heartbeat-interval (" + heartbeatInterval + ")");
		}
	}

}
