package dev.adsgraph.tenancy;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adsgraph.cors.*}: the web origins whose pages may call the GraphQL endpoint from
 * a browser. Empty (the default) allows none: cross-origin requests and preflights are
 * refused.
 *
 * @param allowedOrigins exact origins, {@code scheme://host[:port]}, for example
 * {@code https://dashboard.example.com}; no wildcards, no paths; none (the default)
 * refuses every cross-origin request
 * @param maxAge how long a browser may reuse a preflight answer
 */
@Validated
@ConfigurationProperties("adsgraph.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins,
		@NotNull @DurationMin(nanos = 0) @DefaultValue("30m") Duration maxAge) {

	// What an origin looks like, which Bean Validation's annotations cannot express.
	public CorsProperties {
		allowedOrigins = List.copyOf(allowedOrigins.stream().map(String::strip).toList());
		for (int i = 0; i < allowedOrigins.size(); i++) {
			String problem = problem(allowedOrigins.get(i));
			if (problem != null) {
				throw new IllegalArgumentException("adsgraph.cors.allowed-origins[" + i + "] '" + allowedOrigins.get(i)
						+ "' " + problem + "; list each origin as scheme://host[:port], for example "
						+ "https://dashboard.example.com");
			}
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
