package dev.adsgraph.redis;

import java.time.Clock;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

import dev.adsgraph.accounts.AdsAccountReads;
import dev.adsgraph.caching.CacheMetrics;
import dev.adsgraph.caching.SharedKeyedCaches;
import dev.adsgraph.connections.ConnectionStore;
import dev.adsgraph.graphql.CaffeinePersistedQueryStore;
import dev.adsgraph.graphql.PersistedQueriesProperties;
import dev.adsgraph.graphql.PersistedQueryStore;
import dev.adsgraph.graphql.RedisPersistedQueryStore;
import dev.adsgraph.profiles.ProfileCache;
import dev.adsgraph.profiles.RedisProfileCache;
import dev.adsgraph.tenancy.ApiKeyResolver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Redis mode's shared caches (docs/scale-out.md), next to the stores of
 * {@link RedisConfiguration} and on its connection:
 * <ul>
 * <li>the profile lists, a second level under each replica's in-memory cache
 * ({@link RedisProfileCache});</li>
 * <li>the caches of SP-API answers (catalog items, listings, inventory, marketplace
 * participations), each a second level under its in-memory cache
 * ({@link RedisKeyedCaches});</li>
 * <li>the automatic persisted queries ({@link RedisPersistedQueryStore});</li>
 * <li>the invalidations that must reach every replica at once
 * ({@link RedisInvalidations}): a workspace's connections changed (each replica's
 * snapshot of them, and the workspace's profile lists, are dropped), and API keys revoked
 * or rotated (each replica forgets the keys it remembered), and a workspace's ads
 * accounts changed through the gateway (each replica drops its reads of them,
 * {@link AdsAccountReads}).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@Conditional(RedisConfigured.class)
public class RedisCacheConfiguration {

	/** The topic of a workspace whose connections changed; the payload is its id. */
	static final String CONNECTIONS = "connections";

	/**
	 * The topic of a workspace whose ads accounts this gateway changed; the payload is
	 * its id.
	 */
	static final String ADS_ACCOUNTS = "ads-accounts";

	/** The topic of an API key revoked or rotated; no payload. */
	static final String API_KEYS = "api-keys";

	@Bean(destroyMethod = "close")
	RedisInvalidations redisInvalidations(RedisClient client, StatefulRedisConnection<String, String> connection,
			RedisProperties properties) {
		return new RedisInvalidations(client, connection, properties.keyPrefix());
	}

	@Bean
	ProfileCache.Shared redisProfileCache(StatefulRedisConnection<String, String> connection,
			RedisInvalidations invalidations, RedisProperties properties, Clock clock) {
		return (local, ttl) -> ttl.isZero() ? local : new RedisProfileCache(local, connection, invalidations,
				properties.keyPrefix(), ttl, properties.timeout(), clock);
	}

	@Bean
	SharedKeyedCaches redisKeyedCaches(StatefulRedisConnection<String, String> connection, RedisProperties properties) {
		return new RedisKeyedCaches(connection, properties.keyPrefix(), properties.timeout());
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "adsgraph.graphql.persisted-queries.enabled", matchIfMissing = true)
	PersistedQueryStore redisPersistedQueryStore(PersistedQueriesProperties persistedQueries,
			ObjectProvider<CacheMetrics> metrics, StatefulRedisConnection<String, String> connection,
			RedisProperties properties, Clock clock) {
		return new RedisPersistedQueryStore(
				new CaffeinePersistedQueryStore(persistedQueries.maxChars(),
						metrics.getIfAvailable(() -> CacheMetrics.NONE)),
				connection, properties.keyPrefix(), persistedQueries.sharedTtl(), persistedQueries.sharedMaxBytes(),
				properties.timeout(), clock);
	}

	@Bean
	SharedInvalidations sharedInvalidations(RedisInvalidations invalidations,
			ObjectProvider<ConnectionStore> connections, ObjectProvider<ApiKeyResolver> keys,
			ObjectProvider<ProfileCache> profiles, ObjectProvider<AdsAccountReads> adsAccounts) {
		return new SharedInvalidations(invalidations, connections.getIfAvailable(), keys.getIfAvailable(),
				profiles.getIfAvailable(), adsAccounts.getIfAvailable());
	}

	/**
	 * Ties the in-memory caches of connections and API keys to the channel: what this
	 * replica changes is published, what another one published is dropped here.
	 */
	static final class SharedInvalidations {

		SharedInvalidations(RedisInvalidations invalidations, ConnectionStore connections, ApiKeyResolver keys,
				ProfileCache profiles, AdsAccountReads adsAccounts) {
			if (connections != null) {
				connections.onChangeHere((workspaceId) -> {
					invalidations.publish(CONNECTIONS, workspaceId);
					// A connection saved again may list other profiles: its workspace's
					// lists go, in Redis and on every replica.
					if (profiles != null) {
						profiles.invalidate(ProfileCache.Lists.ofWorkspace(workspaceId));
					}
				});
				invalidations.subscribe(CONNECTIONS, connections::changedElsewhere);
			}
			if (keys != null) {
				keys.onForget(() -> invalidations.publish(API_KEYS, ""));
				invalidations.subscribe(API_KEYS, (payload) -> keys.forgetIssuedKeysElsewhere());
				invalidations.onReconnected(keys::forgetIssuedKeysElsewhere);
			}
			if (adsAccounts != null) {
				adsAccounts.onChangeHere((workspaceId) -> invalidations.publish(ADS_ACCOUNTS, workspaceId));
				invalidations.subscribe(ADS_ACCOUNTS, adsAccounts::changedElsewhere);
				invalidations.onReconnected(adsAccounts::forgetAll);
			}
		}

	}

}
