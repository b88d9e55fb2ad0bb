package dev.adsgraph.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.adsgraph.tenancy.RequestRate;

/**
 * {@code adsgraph.limits.requests-per-second} and {@code adsgraph.limits.request-burst}:
 * the request rate every API key gets unless its tenant sets its own. The other
 * {@code adsgraph.limits.*} settings (query cost) are read by the GraphQL layer.
 *
 * @param requestsPerSecond how fast a key's bucket refills
 * @param requestBurst how many requests a key may send at once after a quiet spell
 */
@ConfigurationProperties("adsgraph.limits")
public record RequestRateProperties(Double requestsPerSecond, Integer requestBurst) {

	// A dashboard opening fires its queries at once, and one of our own tests sends 100
	// in
	// parallel: the burst takes that; the rate is well above any screen's refresh.
	static final double DEFAULT_REQUESTS_PER_SECOND = 50;

	static final int DEFAULT_REQUEST_BURST = 150;

	public RequestRateProperties {
		requestsPerSecond = (requestsPerSecond != null) ? requestsPerSecond : DEFAULT_REQUESTS_PER_SECOND;
		requestBurst = (requestBurst != null) ? requestBurst : DEFAULT_REQUEST_BURST;
		if (!(requestsPerSecond > 0) || requestsPerSecond.isInfinite()) {
			throw new IllegalArgumentException(
					"adsgraph.limits.requests-per-second must be a number greater than 0, was " + requestsPerSecond);
		}
		if (requestBurst < 1) {
			throw new IllegalArgumentException("adsgraph.limits.request-burst must be at least 1, was " + requestBurst);
		}
	}

	/** The rate of a tenant without settings of its own. */
	public RequestRate defaults() {
		return new RequestRate(this.requestsPerSecond, this.requestBurst);
	}

}
