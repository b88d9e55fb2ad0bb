package dev.adsgraph.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code adsgraph.cors.*}: the web origins whose pages may call the GraphQL endpoint from
 * a browser. Empty (the default) allows none: cross-origin requests and preflights are
 * refused.
 *
 * @param allowedOrigins exact origins, {@code scheme://host[:port]}, for example
 * {@code https://dashboard.example.com}; no wildcards, no paths
 * @param maxAge how long a browser may reuse a preflight answer
 */
@ConfigurationProperties("adsgraph.cors")
public record CorsProperties(List<String> allowedOrigins, Duration maxAge) {

	public CorsProperties {
		allowedOrigins = (allowedOrigins != null) ? List.copyOf(allowedOrigins.stream().map(String::strip).toList())
				: List.of();
		maxAge = (maxAge != null) ? maxAge : Duration.ofMinutes(30);
		for (int i = 0; i < allowedOrigins.size(); i++) {
			String problem = problem(allowedOrigins.get(i));
			if (problem != null) {
				throw new IllegalArgumentException("adsgraph.cors.allowed-origins[" + i + "] '" + allowedOrigins.get(i)
						+ "' " + problem + "; list each origin as scheme://host[:port], for example "
						+ "https://dashboard.example.com");
			}
		}
		if (maxAge.isNegative()) {
			throw new IllegalArgumentException("adsgraph.cors.max-age must not be negative, was " + maxAge);
		}
	}

	private static String problem(String origin) {
		if (origin.isEmpty()) {
			return "is empty";
		}
		if (origin.contains("*")) {
			return "is a wildcard; the allow-list takes exact origins only";
		}
		URI uri;
		try {
			uri = new URI(origin);
		}
		catch (URISyntaxException ex) {
			return "is not a URL";
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https")) {
			return "does not start with http:// or https://";
		}
		if (uri.getHost() == null || uri.getRawUserInfo() != null) {
			return "has no host name";
		}
		if (!uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
			return "has a path, query or fragment, which an origin never has";
		}
		return null;
	}

}
