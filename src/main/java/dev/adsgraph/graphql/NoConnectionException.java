package dev.adsgraph.graphql;

import java.util.Map;

import org.springframework.graphql.execution.ErrorType;

/**
 * The workspace has no connection to the Amazon API a field needs (a workspace created
 * through the admin API starts with none): {@code NO_ADS_CONNECTION}, before any call to
 * Amazon, so it changed nothing there.
 */
public class NoConnectionException extends CodedException {

	public static final String CODE = "NO_ADS_CONNECTION";

	private NoConnectionException(String message, String upstream) {
		super(CODE, ErrorType.FORBIDDEN, message, Map.of("upstream", upstream));
	}

	/** The workspace has no Amazon Ads connection. */
	public static NoConnectionException ads() {
		return new NoConnectionException(
				"This workspace has no active Amazon Ads connection: connect an Amazon Ads account (or reconnect one "
						+ "that needs authorization) first.",
				"ads");
	}

}
