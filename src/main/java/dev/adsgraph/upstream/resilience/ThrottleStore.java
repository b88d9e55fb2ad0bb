package dev.adsgraph.upstream.resilience;

import java.time.Instant;
import java.util.Optional;

/**
 * Until when a tenant must leave an upstream alone after a 429. In memory by default;
 * replicas in Redis mode tell one another of each back-off ({@link RedisThrottleStore})
 * so that none of them keeps calling.
 */
public interface ThrottleStore {

	/** The instant the back-off for this key ends, if one is in force. */
	Optional<Instant> blockedUntil(String key, Instant now);

	/**
	 * Extends the back-off for this key to {@code until}; never shortens one in force.
	 */
	void blockUntil(String key, Instant until);

}
