package dev.adsgraph.upstream.lwa;

import dev.adsgraph.upstream.UpstreamOperation;

import org.springframework.http.HttpMethod;

import static dev.adsgraph.upstream.UpstreamOperation.Repeat.SAFE;

/**
 * The Login with Amazon operations Adsgraph calls. Amazon publishes no model for LWA; its
 * request and answer are taken from Amazon's own SDK client ({@code LWAClient.java} in
 * amzn/selling-partner-api-models, see src/test/resources/contracts/SOURCES.md). The
 * token URL itself is configured ({@code adsgraph.upstream.lwa.token-url}); {@link #path}
 * is its path on Amazon's host and the sandbox's.
 */
public enum LwaOperation implements UpstreamOperation {

	/** A refresh-token grant changes nothing at Amazon: safe to repeat. */
	TOKEN("token", HttpMethod.POST, "/auth/o2/token", SAFE),

	/**
	 * LWA's customer profile ({@code GET /user/profile}): who the access token's user is.
	 * A read: safe to repeat. Its URL is configured too
	 * ({@code adsgraph.upstream.lwa.profile-url}).
	 */
	USER_PROFILE("profile", HttpMethod.GET, "/user/profile", SAFE);

	private final Endpoint endpoint;

	LwaOperation(String id, HttpMethod method, String path, Repeat repeat) {
		this.endpoint = new Endpoint(LwaTokenService.UPSTREAM, id, method, path, null, repeat);
	}

	@Override
	public Endpoint endpoint() {
		return this.endpoint;
	}

}
