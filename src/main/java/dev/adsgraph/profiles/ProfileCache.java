package dev.adsgraph.profiles;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import dev.adsgraph.caching.KeyedCache;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.ads.Profile;
import dev.adsgraph.upstream.ads.ProfileFilter;

/**
 * The profile lists of each tenant and region: a {@link KeyedCache} in memory, with, in
 * Redis mode, a second level shared by the replicas ({@link Shared}).
 */
public interface ProfileCache extends KeyedCache<ProfileCache.Key, List<Profile>> {

	/**
	 * Drops the lists {@code lists} names, wherever they are kept: a shared cache deletes
	 * its copies and tells every replica to drop theirs.
	 */
	default void invalidate(Lists lists) {
		invalidate((Predicate<Key>) lists);
	}

	/**
	 * The workspace and the connection are part of every key, so neither workspaces nor
	 * connections share an entry.
	 */
	record Key(String tenantId, String connectionId, Region region, ProfileFilter upstreamFilter) {
	}

	/**
	 * Some of a workspace's lists: all of them ({@code connectionId} null), a
	 * connection's, or a connection's in one region; but for the list of the filter
	 * {@code kept}, when given (a list just read from Amazon).
	 */
	record Lists(String tenantId, String connectionId, Region region, ProfileFilter kept) implements Predicate<Key> {

		public Lists {
			Objects.requireNonNull(tenantId, "tenantId");
			if (connectionId == null && region != null) {
				throw new IllegalArgumentException("a region is named with its connection");
			}
		}

		/** Every list of a workspace. */
		public static Lists ofWorkspace(String tenantId) {
			return new Lists(tenantId, null, null, null);
		}

		@Override
		public boolean test(Key key) {
			return key.tenantId().equals(this.tenantId)
					&& (this.connectionId == null || key.connectionId().equals(this.connectionId))
					&& (this.region == null || key.region() == this.region)
					&& (this.kept == null || !this.kept.equals(key.upstreamFilter()));
		}

		/** The same lists, the kept one included. */
		public Lists all() {
			return new Lists(this.tenantId, this.connectionId, this.region, null);
		}

	}

	/**
	 * A second level under the in-memory cache (Redis mode): makes the cache of this
	 * replica from its in-memory one and the lists' lifetime.
	 */
	@FunctionalInterface
	interface Shared {

		ProfileCache over(ProfileCache local, Duration ttl);

	}

}
