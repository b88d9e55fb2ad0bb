package dev.adsgraph.tenancy;

import java.util.List;
import java.util.Optional;

import dev.adsgraph.graphql.NoConnectionException;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.lwa.LwaCredentials;
import dev.adsgraph.upstream.sp.SpCredentials;

/**
 * One set of Amazon credentials and the regions they are used in. Every cache key and
 * in-flight map in the gateway includes {@link #id()}, so one tenant never sees another's
 * data.
 */
public record Tenant(String id, String name, LwaCredentials ads, List<Region> regions, SpCredentials spCredentials,
		List<Region> spRegions) {

	public Tenant {
		regions = List.copyOf(regions);
		spRegions = (spRegions != null) ? List.copyOf(spRegions) : List.of();
	}

	/**
	 * The region whose host serves the tenant's global resources (terms tokens, ads
	 * accounts, advertiser accounts): every regional host answers them, so the first
	 * configured one is used.
	 */
	public Region homeRegion() {
		if (this.regions.isEmpty()) {
			// A workspace created through the admin API, before its first connection.
			throw NoConnectionException.ads();
		}
		return this.regions.get(0);
	}

	/**
	 * The SP-API authorization, when the tenant has one; it is valid in
	 * {@link #spRegions()} only.
	 */
	public Optional<SpCredentials> sp() {
		return Optional.ofNullable(this.spCredentials);
	}

	@Override
	public String toString() {
		return "Tenant[id=" + this.id + ", regions=" + this.regions + "]";
	}

}
