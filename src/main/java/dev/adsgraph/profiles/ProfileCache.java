package dev.adsgraph.profiles;

import java.util.List;
import java.util.function.Supplier;

import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.ads.Profile;
import dev.adsgraph.upstream.ads.ProfileFilter;
import reactor.core.publisher.Mono;

/**
 * The profile lists of each tenant and region. In memory by default; a shared store (Redis) for
 * several replicas is another implementation of this interface. Implementations must coalesce
 * concurrent misses of one key into one load.
 */
public interface ProfileCache {

	/** The cached list for the key, loading it with {@code loader} on a miss. */
	Mono<List<Profile>> get(Key key, Supplier<Mono<List<Profile>>> loader);

	/** Drops every list of the tenant in the region, whatever its filter, so the next {@link #get} loads afresh. */
	void invalidate(String tenantId, Region region);

	/** The tenant id is part of every key, so tenants never share an entry. */
	record Key(String tenantId, Region region, ProfileFilter upstreamFilter) {
	}

}
