package dev.adsgraph.connections;

/** Where a connection is in its life. */
public enum ConnectionStatus {

	/** The gateway calls Amazon with it. */
	ACTIVE,

	/**
	 * LWA answered {@code invalid_grant}: the user or seller revoked the grant, or it
	 * expired. The gateway no longer calls with it; consenting again makes it active.
	 */
	NEEDS_REAUTHORIZATION,

	/** Disconnected through the gateway: its refresh token is deleted. */
	DISCONNECTED

}
