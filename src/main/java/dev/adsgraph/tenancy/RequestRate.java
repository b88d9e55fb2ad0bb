package dev.adsgraph.tenancy;

/**
 * How many GraphQL requests one API key may send: a token bucket that holds {@code burst}
 * requests and refills at {@code requestsPerSecond}.
 */
public record RequestRate(double requestsPerSecond, int burst) {

	public RequestRate {
		if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond) || burst < 1) {
			throw new IllegalArgumentException(
					"a request rate needs requests per second above 0 and a burst of at least 1, was "
							+ requestsPerSecond + " and " + burst);
		}
	}

}
