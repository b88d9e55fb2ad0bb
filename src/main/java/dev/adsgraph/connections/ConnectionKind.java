package dev.adsgraph.connections;

/** What a connection authorizes. */
public enum ConnectionKind {

	/**
	 * An Amazon user's consent to the workspace's Ads LWA application; its subject is the
	 * user's LWA {@code user_id}.
	 */
	ADS,

	/**
	 * A selling partner's authorization of the workspace's SP-API application; its
	 * subject is the selling partner id.
	 */
	SELLING_PARTNER

}
