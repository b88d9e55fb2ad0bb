package dev.adsgraph.upstream.lwa;

import dev.adsgraph.upstream.UpstreamOperation;

import org.springframework.http.HttpMethod;

import static dev.adsgraph.upstream.UpstreamOperation.Repeat.SAFE;

/**
 * The Login with Amazon operation Adsgraph calls. Amazon publishes no model for LWA; its
 * request and answer are taken from Amazon's own SDK client ({@code LWAClient.java} in
 * amzn/selling-partner-api-models, see src/test/resources/contracts/SOURCES.md). The
 * token URL itself is configured ({@code adsgraph.upstream.lwa.token-url}); {@link #path}
 * is its path on Amazon's host and the sandbox's.
 */
public enum LwaOperation implements UpstreamOperation {

	/** A refresh-token grant changes nothing at Amazon: safe to repeat. */
	TOKEN("token", HttpMethod.POST, "/auth/o2/token", SAFE);

	private final String id;

	private final HttpMethod method;

	private final String path;

	private final Repeat repeat;

	LwaOperation(String id, HttpMethod method, String path, Repeat repeat) {
		this.id = id;
		this.method = method;
		this.path = path;
		this.repeat = repeat;
	}

	@Override
	public String upstream() {
		return LwaTokenService.UPSTREAM;
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public HttpMethod method() {
		return this.method;
	}

	@Override
	public String path() {
		return this.path;
	}

	/** None: Amazon publishes no LWA model. */
	@Override
	public String specFile() {
		return null;
	}

	@Override
	public Repeat repeat() {
		return this.repeat;
	}

}
