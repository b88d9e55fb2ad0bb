package dev.adsgraph.sandbox.consent;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/**
 * What both consent pages share: the HTML frame, the error page, the redirect back to the
 * application, and the sandbox's stand-in for an application's registered return URLs.
 */
final class Pages {

	/** Longer {@code redirect_uri} values are refused (the sandbox's limit). */
	static final int MAX_REDIRECT_URI = 2048;

	private Pages() {
	}

	/**
	 * The sandbox's stand-in for an application's "Allowed Return URLs" (LWA) and "OAuth
	 * Redirect URIs" (SP-API): any {@code http} or {@code https} URL on {@code localhost}
	 * or {@code 127.0.0.1}, any port and path, without user info or fragment.
	 */
	static boolean allowedRedirectUri(String redirectUri) {
		if (redirectUri == null || redirectUri.length() > MAX_REDIRECT_URI) {
			return false;
		}
		URI uri;
		try {
			uri = new URI(redirectUri);
		}
		catch (URISyntaxException ex) {
			return false;
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		String host = (uri.getHost() != null) ? uri.getHost().toLowerCase(Locale.ROOT) : "";
		return (scheme.equals("http") || scheme.equals("https")) && !uri.isOpaque()
				&& (host.equals("localhost") || host.equals("127.0.0.1")) && uri.getRawUserInfo() == null
				&& uri.getRawFragment() == null;
	}

	/**
	 * {@code redirectUri} with the parameters added to its query (null values left out).
	 */
	static Mono<ServerResponse> redirect(String redirectUri, Map<String, String> parameters) {
		StringBuilder location = new StringBuilder(redirectUri);
		boolean hasQuery = redirectUri.indexOf('?') >= 0;
		boolean open = redirectUri.endsWith("?") || redirectUri.endsWith("&");
		for (Map.Entry<String, String> parameter : parameters.entrySet()) {
			if (parameter.getValue() == null) {
				continue;
			}
			if (!open) {
				location.append(hasQuery ? '&' : '?');
			}
			hasQuery = true;
			open = false;
			location.append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
		}
		return ServerResponse.status(HttpStatus.FOUND)
			.location(URI.create(location.toString()))
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.header("Referrer-Policy", "no-referrer")
			.build();
	}

	/** An error shown to the user, never redirected (an unknown client or return URL). */
	static Mono<ServerResponse> error(String title, String code, String message) {
		String body = "<h1 id=\"error\">" + escape(title) + "</h1>"
				+ ((code != null) ? "<p>Error code: <code id=\"error-code\">" + escape(code) + "</code></p>" : "")
				+ "<p id=\"error-message\">" + escape(message) + "</p>";
		return html(400, title, body);
	}

	static Mono<ServerResponse> html(int status, String title, String body) {
		String page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
				+ " (Adsgraph sandbox)</title><style>body{font-family:sans-serif;max-width:40em;margin:2em auto}"
				+ "label{display:block;margin:.3em 0}button{margin:1em .5em 0 0;padding:.4em 1.2em}</style>"
				+ "</head><body>" + body
				+ "<p><small>This page is the Adsgraph sandbox's stand-in for Amazon's; no real account is involved."
				+ "</small></p></body></html>";
		return ServerResponse.status(status)
			.header(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8")
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.header("X-Frame-Options", "DENY")
			.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
			.header("Referrer-Policy", "no-referrer")
			.bodyValue(page.getBytes(StandardCharsets.UTF_8));
	}

	static String hidden(String name, String value) {
		return "<input type=\"hidden\" name=\"" + escape(name) + "\" value=\"" + escape(value) + "\">";
	}

	static String escape(String text) {
		return HtmlUtils.htmlEscape((text != null) ? text : "", "UTF-8");
	}

	/**
	 * A single-valued parameter: null when absent or empty; {@link Repeated} when given
	 * twice.
	 */
	static String single(MultiValueMap<String, String> parameters, String name) {
		List<String> values = parameters.getOrDefault(name, List.of());
		if (values.size() > 1) {
			throw new Repeated(name);
		}
		return (values.isEmpty() || values.get(0).isEmpty()) ? null : values.get(0);
	}

	/** A parameter given more than once. */
	static final class Repeated extends RuntimeException {

		private final String name;

		Repeated(String name) {
			super("The parameter " + name + " is repeated.", null, false, false);
			this.name = name;
		}

		String name() {
			return this.name;
		}

	}

}
