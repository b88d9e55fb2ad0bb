package dev.adsgraph.connections;

import java.util.Map;

import org.springframework.graphql.execution.ErrorType;

import dev.adsgraph.graphql.CodedException;
import dev.adsgraph.upstream.lwa.LwaTokenService;

/**
 * The errors that name one of a workspace's connections: {@code extensions.connectionId}
 * says which, so the caller knows whose data is missing.
 */
public final class ConnectionErrors {

	/** The extension naming the connection. */
	public static final String CONNECTION_ID = "connectionId";

	private ConnectionErrors() {
	}

	/** A connection the gateway no longer calls with until it is reconnected. */
	public static CodedException needsReauthorization(String connectionId) {
		return new CodedException(WorkspaceConnections.NEEDS_REAUTHORIZATION, ErrorType.FORBIDDEN,
				WorkspaceConnections.needsConsent(connectionId), Map.of(CONNECTION_ID, connectionId));
	}

	/**
	 * What a call made with a connection failed with, as the caller is told: LWA's
	 * {@code invalid_grant} is the connection needing consent again, anything else is
	 * described as it is.
	 */
	public static Throwable of(String connectionId, Throwable ex) {
		return LwaTokenService.isInvalidGrant(ex) ? needsReauthorization(connectionId) : ex;
	}

}
