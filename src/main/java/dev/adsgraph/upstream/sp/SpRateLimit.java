package dev.adsgraph.upstream.sp;

/**
 * One SP-API usage plan: tokens refill at {@code rate} per second up to {@code burst};
 * each call takes one (shared/reference/amazon-apis.md section 4).
 */
public record SpRateLimit(double rate, int burst) {

	public SpRateLimit {
		if (!(rate > 0 && Double.isFinite(rate))) {
			throw new IllegalArgumentException("rate must be positive, was " + rate);
		}
		if (burst < 1) {
			throw new IllegalArgumentException("burst must be at least 1, was " + burst);
		}
	}

}
