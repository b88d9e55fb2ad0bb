package dev.adsgraph.watch;

/**
 * What one shared poller follows: equal keys share one poller. The tenant is part of
 * every key, so tenants never share a poller, even for an id both can see.
 *
 * @param tenantId the tenant whose credentials the poller uses
 * @param kind what is watched ({@code adsAccount}, {@code termsToken}, ...)
 * @param id the watched thing's id within the kind
 */
public record WatchKey(String tenantId, String kind, String id) {

	public WatchKey {
		if (tenantId == null || tenantId.isBlank() || kind == null || kind.isBlank() || id == null || id.isBlank()) {
			throw new IllegalArgumentException("tenantId, kind and id are required");
		}
	}

}
