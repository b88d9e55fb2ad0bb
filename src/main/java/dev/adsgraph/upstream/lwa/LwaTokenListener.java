package dev.adsgraph.upstream.lwa;

import dev.adsgraph.upstream.UpstreamException;

/**
 * Told about each token request this replica made to LWA, so a connection's last use and
 * a revoked grant can be recorded. Called once per request (about once an hour per
 * credential), never per API call; must not block.
 */
public interface LwaTokenListener {

	/** LWA issued an access token for these credentials. */
	default void obtained(LwaCredentials credentials) {
	}

	/**
	 * LWA answered {@code invalid_grant}: the refresh token was revoked or has expired,
	 * and asking again will not help.
	 */
	default void refused(LwaCredentials credentials, UpstreamException ex) {
	}

}
