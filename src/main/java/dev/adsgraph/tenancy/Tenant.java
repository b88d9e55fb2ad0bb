package dev.adsgraph.tenancy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.adsgraph.graphql.NoConnectionException;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.lwa.LwaCredentials;
import dev.adsgraph.upstream.sp.SpCredentials;

/**
 * A workspace as one request sees it: its id and name, and the connections the gateway
 * may call Amazon with now. The configured tenant's Ads and SP-API credentials are its
 * first connections ({@link #CONFIG_ADS} and {@link #CONFIG_SP}); the workspace's active
 * stored connections follow, oldest first ({@code WorkspaceConnections} adds them per
 * request). Every cache key and in-flight map in the gateway includes {@link #id()} and
 * the connection's id, so neither two workspaces nor two connections share an entry.
 *
 * @param adsConnections the Ads connections the gateway calls with, configured first
 * @param spConnections the SP-API connections the gateway calls with, configured first
 * @param unusableConnections the connections that cannot be used now (their consent is
 * needed again), which answers that span the workspace's connections name
 */
public record Tenant(String id, String name, List<AdsConnection> adsConnections, List<SpConnection> spConnections,
		List<UnusableConnection> unusableConnections) {

	/** The id of the configured tenant's Ads connection. */
	public static final String CONFIG_ADS = "config:ads";

	/** The id of the configured tenant's SP-API connection. */
	public static final String CONFIG_SP = "config:sp";

	public Tenant {
		adsConnections = List.copyOf(adsConnections);
		spConnections = List.copyOf(spConnections);
		unusableConnections = List.copyOf(unusableConnections);
	}

	/**
	 * A configured tenant: one Ads credential and its regions, an optional SP-API
	 * credential and its regions.
	 */
	public static Tenant configured(String id, String name, LwaCredentials ads, List<Region> regions, SpCredentials sp,
			List<Region> spRegions) {
		List<AdsConnection> adsConnections = (ads != null)
				? List.of(new AdsConnection(CONFIG_ADS, ads, regions, null, null, true)) : List.of();
		List<SpConnection> spConnections = (sp != null) ? List.of(new SpConnection(CONFIG_SP, sp,
				(spRegions != null && !spRegions.isEmpty()) ? spRegions : regions, null, true)) : List.of();
		return new Tenant(id, name, adsConnections, spConnections, List.of());
	}

	/** The same workspace with other connections. */
	public Tenant withConnections(List<AdsConnection> ads, List<SpConnection> sp, List<UnusableConnection> unusable) {
		return new Tenant(this.id, this.name, ads, sp, unusable);
	}

	/**
	 * The connection account-level operations (terms tokens, ads accounts, advertiser and
	 * selling accounts, registrations and their status subscriptions) are made with: the
	 * first active Ads connection, the configured one before stored ones, stored ones
	 * oldest first.
	 * @throws NoConnectionException {@code NO_ADS_CONNECTION} when the workspace has none
	 */
	public AdsConnection accountConnection() {
		if (this.adsConnections.isEmpty()) {
			throw NoConnectionException.ads();
		}
		return this.adsConnections.get(0);
	}

	/** The credentials of the {@link #accountConnection()}. */
	public LwaCredentials ads() {
		return accountConnection().credentials();
	}

	/**
	 * The region whose host serves the account-level resources (terms tokens, ads
	 * accounts, advertiser accounts): every regional host answers them, so the first
	 * region of the {@link #accountConnection()}.
	 */
	public Region homeRegion() {
		return accountConnection().regions().get(0);
	}

	/** Every region any Ads connection covers, in connection order. */
	public List<Region> adsRegions() {
		Set<Region> regions = new LinkedHashSet<>();
		this.adsConnections.forEach((c) -> regions.addAll(c.regions()));
		return new ArrayList<>(regions);
	}

	/** One of the usable Ads connections, by id. */
	public Optional<AdsConnection> adsConnection(String connectionId) {
		return this.adsConnections.stream().filter((c) -> c.id().equals(connectionId)).findFirst();
	}

	/**
	 * The SP-API connection of a seller in a region: its selling partner id is
	 * {@code sellerId} and it covers {@code region}.
	 */
	public Optional<SpConnection> spConnection(String sellerId, Region region) {
		if (sellerId == null) {
			return Optional.empty();
		}
		return this.spConnections.stream()
			.filter((c) -> sellerId.equals(c.sellingPartnerId()) && c.regions().contains(region))
			.findFirst();
	}

	/** One of the usable SP-API connections, by id. */
	public Optional<SpConnection> spConnection(String connectionId) {
		return this.spConnections.stream().filter((c) -> c.id().equals(connectionId)).findFirst();
	}

	/**
	 * The first SP-API connection (the configured one, else the oldest), which
	 * {@code sellingPartner} answers about.
	 */
	public Optional<SpConnection> firstSpConnection() {
		return this.spConnections.stream().findFirst();
	}

	/**
	 * The ids of the usable connections, Ads then SP-API, for keys of what depends on
	 * which connections the workspace has.
	 */
	public String connectionIds() {
		StringBuilder ids = new StringBuilder();
		this.adsConnections.forEach((c) -> ids.append(c.id()).append(','));
		ids.append('|');
		this.spConnections.forEach((c) -> ids.append(c.id()).append(','));
		return ids.toString();
	}

	@Override
	public String toString() {
		return "Tenant[id=" + this.id + ", ads=" + this.adsConnections.stream().map(AdsConnection::id).toList()
				+ ", sp=" + this.spConnections.stream().map(SpConnection::id).toList() + "]";
	}

	/**
	 * An Amazon user's consent to the workspace's Ads application.
	 *
	 * @param id {@link #CONFIG_ADS} or the stored connection's id
	 * @param subject the user's LWA user id, null when not known (configured)
	 * @param name the user's name when known
	 * @param configured whether it comes from the configuration
	 */
	public record AdsConnection(String id, LwaCredentials credentials, List<Region> regions, String subject,
			String name, boolean configured) {

		public AdsConnection {
			regions = List.copyOf(regions);
		}

		@Override
		public String toString() {
			return "AdsConnection[id=" + this.id + ", regions=" + this.regions + "]";
		}

	}

	/**
	 * A selling partner's authorization of the workspace's SP-API application.
	 *
	 * @param id {@link #CONFIG_SP} or the stored connection's id
	 * @param name the seller's name when known
	 * @param configured whether it comes from the configuration
	 */
	public record SpConnection(String id, SpCredentials credentials, List<Region> regions, String name,
			boolean configured) {

		public SpConnection {
			regions = List.copyOf(regions);
		}

		public String sellingPartnerId() {
			return this.credentials.sellingPartnerId();
		}

		@Override
		public String toString() {
			return "SpConnection[id=" + this.id + ", seller=" + sellingPartnerId() + ", regions=" + this.regions + "]";
		}

	}

	/**
	 * A connection the gateway does not call with now.
	 *
	 * @param ads whether it is an Ads connection (else SP-API)
	 * @param code the {@code extensions.code} of the error that names it
	 * @param message a sentence for the caller
	 */
	public record UnusableConnection(String id, boolean ads, String code, String message) {
	}

}
