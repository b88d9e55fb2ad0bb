package dev.adsgraph.pages;

import org.springframework.core.env.Environment;

import dev.adsgraph.tenancy.AdsgraphProperties;

/**
 * Which API key a page may fill in for the person using it: in sandbox mode the demo
 * tenant's (public, printed in the README), in live mode none, ever.
 *
 * @param sandbox whether the built-in sandbox serves the gateway
 * @param demoApiKey the sandbox demo tenant's key; null in live mode
 * @param apiKeyHeader the request header the key goes in
 * ({@code adsgraph.api-key-header})
 */
public record PageMode(boolean sandbox, String demoApiKey, String apiKeyHeader) {

	/**
	 * Set by the sandbox while it runs (the gateway never imports the sandbox, so the
	 * name is repeated here).
	 */
	static final String DEMO_API_KEY_PROPERTY = "adsgraph.sandbox.demo-api-key";

	public PageMode {
		if (sandbox && (demoApiKey == null || demoApiKey.isBlank())) {
			throw new IllegalArgumentException("sandbox mode without a demo API key");
		}
		demoApiKey = sandbox ? demoApiKey : null;
	}

	/**
	 * The gateway's mode; in sandbox mode the demo key the sandbox publishes as
	 * {@value #DEMO_API_KEY_PROPERTY}.
	 */
	public static PageMode of(AdsgraphProperties adsgraph, Environment environment) {
		boolean sandbox = adsgraph.mode() == AdsgraphProperties.Mode.SANDBOX;
		// Tenants are configured by digest; the sandbox publishes its (public) demo key
		// on its own.
		String demoKey = sandbox ? environment.getProperty(DEMO_API_KEY_PROPERTY) : null;
		return new PageMode(sandbox, demoKey, adsgraph.apiKeyHeader());
	}

	/** "sandbox" or "live", as the pages' scripts read it. */
	public String name() {
		return this.sandbox ? "sandbox" : "live";
	}

}
