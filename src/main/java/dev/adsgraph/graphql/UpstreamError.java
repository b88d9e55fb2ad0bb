package dev.adsgraph.graphql;

import dev.adsgraph.upstream.UpstreamException;

import org.springframework.graphql.execution.ErrorType;

/**
 * How an upstream failure is told to a caller: our code, our sentence, a GraphQL error
 * type.
 */
record UpstreamError(String code, String message, ErrorType type) {

	static UpstreamError of(UpstreamException ex) {
		String who = switch (ex.upstream()) {
			case "lwa" -> "Login with Amazon";
			case "sp" -> "The Selling Partner API";
			default -> "The Amazon Ads API";
		};
		int status = ex.httpStatus();
		if (status == 429) {
			return new UpstreamError("UPSTREAM_RATE_LIMITED",
					who + " is throttling requests (" + ex.operation() + "); retry later.", ErrorType.INTERNAL_ERROR);
		}
		if (status == 401 || status == 403 || "lwa".equals(ex.upstream()) && status >= 400 && status < 500) {
			return new UpstreamError("UPSTREAM_AUTH", who + " refused this tenant's credentials (" + ex.operation()
					+ "); the tenant's Amazon authorization needs attention.", ErrorType.FORBIDDEN);
		}
		if (status == 404) {
			return new UpstreamError("NOT_FOUND", who + " has no such resource (" + ex.operation() + ").",
					ErrorType.NOT_FOUND);
		}
		if (status >= 400 && status < 500) {
			return new UpstreamError("UPSTREAM_REJECTED",
					who + " rejected the request (" + ex.operation() + ", HTTP " + status + ").",
					ErrorType.BAD_REQUEST);
		}
		return new UpstreamError("UPSTREAM_UNAVAILABLE", who + " is unavailable (" + ex.operation() + "); retry later.",
				ErrorType.INTERNAL_ERROR);
	}

}
