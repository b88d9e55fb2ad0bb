package dev.adsgraph.connections;

import java.util.List;

import dev.adsgraph.upstream.Region;

/**
 * What a completed consent gives a workspace: a refresh token for one Amazon user or
 * seller, issued to one LWA application. {@link #toString()} never shows the token.
 */
public record Grant(String workspaceId, ConnectionKind kind, String subject, String name, List<Region> regions,
		List<String> scopes, String clientId, String refreshToken) {

	public Grant {
		regions = List.copyOf(regions);
		scopes = List.copyOf(scopes);
	}

	@Override
	public String toString() {
		return "Grant[workspace=" + this.workspaceId + ", kind=" + this.kind + ", subject=" + this.subject + "]";
	}

}
