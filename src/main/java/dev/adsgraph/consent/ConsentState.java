package dev.adsgraph.consent;

import java.net.URI;
import java.time.Instant;

import dev.adsgraph.connections.ConnectionKind;
import dev.adsgraph.upstream.Region;

/**
 * What a consent state is bound to, as stored: the workspace that asked, the kind of
 * connection, the region, where the user goes back to and the redirect_uri Amazon was
 * given.
 */
record ConsentState(String workspaceId, ConnectionKind kind, Region region, URI returnUrl, URI redirectUri,
		Instant expiresAt) {

}
