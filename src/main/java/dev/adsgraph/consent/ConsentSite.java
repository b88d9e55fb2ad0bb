package dev.adsgraph.consent;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.core.env.Environment;

/**
 * Where the consent flows live on this gateway: the base of the redirect URIs given to
 * Amazon, and the allow-list of return URLs. Both are configured
 * ({@code adsgraph.consent.public-url}, {@code .allowed-return-urls}); in sandbox mode,
 * when unset, they are the gateway's own local URL and origin, known once the server
 * listens.
 */
class ConsentSite {

	static final String ADS_CALLBACK = "/connect/ads/callback";

	static final String SP_CALLBACK = "/connect/sp/callback";

	private final ConsentProperties properties;

	private final Environment environment;

	private final boolean sandbox;

	private final ReturnUrls configured;

	ConsentSite(ConsentProperties properties, Environment environment) {
		this.properties = properties;
		this.environment = environment;
		this.sandbox = "sandbox".equals(environment.getProperty("adsgraph.mode", "").trim().toLowerCase(Locale.ROOT));
		this.configured = new ReturnUrls(properties.allowedReturnUrls());
	}

	/** The public base URL, or empty when there is none (live mode, not configured). */
	Optional<URI> publicUrl() {
		if (this.properties.publicUrl() != null) {
			return Optional.of(this.properties.publicUrl());
		}
		return localUrl("localhost");
	}

	/** The callback's redirect_uri for a kind of consent. */
	Optional<URI> redirectUri(String callbackPath) {
		return publicUrl().map((base) -> URI.create(base + callbackPath));
	}

	ReturnUrls returnUrls() {
		if (!this.properties.allowedReturnUrls().isEmpty() || !this.sandbox) {
			return this.configured;
		}
		List<String> own = new ArrayList<>();
		localUrl("localhost").ifPresent((url) -> own.add(url.toString()));
		localUrl("127.0.0.1").ifPresent((url) -> own.add(url.toString()));
		return new ReturnUrls(own);
	}

	private Optional<URI> localUrl(String host) {
		String port = this.environment.getProperty("local.server.port");
		if (!this.sandbox || port == null) {
			return Optional.empty();
		}
		return Optional.of(URI.create("http://" + host + ":" + port));
	}

}
