package dev.adsgraph.connections;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.adsgraph.upstream.Region;

/**
 * One connection of a workspace, as stored, with its refresh token decrypted (null once
 * disconnected). {@link #toString()} never shows the token.
 *
 * @param subject the Amazon user's LWA {@code user_id} ({@link ConnectionKind#ADS}) or
 * the selling partner id ({@link ConnectionKind#SELLING_PARTNER})
 * @param clientId the LWA application the refresh token was issued to
 */
public record Connection(UUID id, String workspaceId, ConnectionKind kind, String subject, String name,
		List<Region> regions, List<String> scopes, String clientId, ConnectionStatus status, String statusReason,
		Instant connectedAt, Instant statusAt, Instant lastUsedAt, String refreshToken) {

	public Connection {
		regions = List.copyOf(regions);
		scopes = List.copyOf(scopes);
	}

	public boolean isActive() {
		return this.status == ConnectionStatus.ACTIVE;
	}

	@Override
	public String toString() {
		return "Connection[id=" + this.id + ", workspace=" + this.workspaceId + ", kind=" + this.kind + ", subject="
				+ this.subject + ", status=" + this.status + "]";
	}

}
