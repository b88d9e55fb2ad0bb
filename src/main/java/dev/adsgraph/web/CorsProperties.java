package dev.adsgraph.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

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
 * @param allowedHeaders the request headers a page on an allowed origin may send, as
 * exact names (any case, no wildcard); the API key header
 * ({@code adsgraph.api-key-header}) is always allowed as well. The default takes
 * {@code Content-Type}, {@code Accept}, the gateway's {@code X-Correlation-Id}, and what
 * common front-end libraries add: Apollo Client's client awareness
 * ({@code apollographql-client-name}, {@code apollographql-client-version}),
 * OpenTelemetry web's trace context ({@code traceparent}, {@code tracestate},
 * {@code baggage}) and Sentry's ({@code sentry-trace}, {@code baggage}). A header not
 * listed makes the browser refuse the request
 * @param maxAge how long a browser may reuse a preflight answer
 * ({@code Access-Control-Max-Age}); browsers cap it (Chromium at 2 hours)
 */
@Validated
@ConfigurationProperties("adsgraph.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins, @DefaultValue( {
		"Content-Type", "Accept", "X-Correlation-Id", "apollographql-client-name", "apollographql-client-version",
		"traceparent", "tracestate", "baggage", "sentry-trace" }) List<String> allowedHeaders,
		@NotNull @DurationMin(nanos = 0) @DefaultValue("30m") Duration maxAge){

	// An HTTP field name (RFC 9110 token): what Bean Validation cannot name per entry
	// as the origins' checks below do.
	private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

	// What an origin and a header name look like, which Bean Validation's annotations
	// cannot express.
	public CorsProperties {
		allowedOrigins = List.copyOf(allowedOrigins.stream().map(String::strip).toList());
		allowedHeaders = List.copyOf(allowedHeaders.stream().map(String::strip).toList());
		for (int i = 0; i < allowedHeaders.size(); i++) {
			String header = allowedHeaders.get(i);
			if (header.equals("*") || !HEADER_NAME.matcher(header).matches()) {
				throw new IllegalArgumentException(
						"adsgraph.cors.allowed-headers[" + i + "] '" + header + "' "
								+ (header.equals("*") ? "is a wildcard; the allow-list takes exact header names only"
										: "is not a header name")
								+ "; list each header by its name, for example traceparent");
			}
		}
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
