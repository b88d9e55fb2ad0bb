package dev.adsgraph.profiles;

import java.util.List;

import dev.adsgraph.caching.KeyedCache;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.ads.Profile;
import dev.adsgraph.upstream.ads.ProfileFilter;

/**
 * The profile lists of each tenant and region: a {@link KeyedCache} (in memory by
 * default, a shared store for several replicas by declaring another bean of this type).
 */
public interface ProfileCache extends KeyedCache<ProfileCache.Key, List<Profile>> {

	/**
	 * The workspace and the connection are part of every key, so neither workspaces nor
	 * connections share an entry.
	 */
	record Key(String tenantId, String connectionId, Region region, ProfileFilter upstreamFilter) {
	}

}
