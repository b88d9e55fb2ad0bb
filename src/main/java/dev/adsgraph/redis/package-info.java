/**
 * Redis mode (docs/scale-out.md): with Boot's {@code spring.data.redis.url} (or
 * {@code host}) set, {@link dev.adsgraph.redis.RedisConfiguration} defines Redis-backed
 * beans of the stores replicas share (SP-API and request buckets, LWA tokens, Ads API
 * back-offs), which replace the in-memory defaults; without it nothing here runs and
 * nothing connects to Redis. The stores themselves live next to their interfaces.
 * <p>
 * Failure behaviour lives here: connections that can be opened while Redis is down
 * ({@link dev.adsgraph.redis.ReconnectingRedisClient}), the heartbeats by which replicas
 * count one another, whether this replica is shared or degraded
 * ({@link dev.adsgraph.redis.RedisStatus}), and the buckets that fall back to a local
 * share of each quota meanwhile.
 */
package dev.adsgraph.redis;
