/**
 * Redis mode (docs/scale-out.md): with Boot's {@code spring.data.redis.url} (or
 * {@code host}) set, {@link dev.adsgraph.redis.RedisConfiguration} defines Redis-backed
 * beans of the stores replicas share (SP-API and request buckets, LWA tokens, Ads API
 * back-offs), which replace the in-memory defaults; without it nothing here runs and
 * nothing connects to Redis. The stores themselves live next to their interfaces.
 */
package dev.adsgraph.redis;
