package dev.adsgraph.consent;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The allow-list of return URLs: where a consent may send the user back to. A return URL
 * is allowed when it has the scheme, host and port of an entry and, for an entry with a
 * path, that path or one below it. Anything a browser would read differently from this
 * check (user info, backslashes, dot segments, encoded dots) is refused.
 */
final class ReturnUrls {

	/** The longest return URL taken. */
	static final int MAX_LENGTH = 2048;

	private final List<URI> allowed;

	ReturnUrls(List<String> allowed) {
		this.allowed = allowed.stream().map(ReturnUrls::requireAllowListEntry).toList();
	}

	List<URI> allowed() {
		return this.allowed;
	}

	/**
	 * An entry of {@code adsgraph.consent.allowed-return-urls}: an absolute http(s) URL
	 * without user info, query or fragment.
	 */
	static URI requireAllowListEntry(String entry) {
		URI uri;
		try {
			uri = new URI(entry.trim());
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException(
					"adsgraph.consent.allowed-return-urls: '" + entry + "' is not a URL: " + ex.getReason());
		}
		if (!isHttp(uri) || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw new IllegalArgumentException("adsgraph.consent.allowed-return-urls: '" + entry
					+ "' must be an origin (https://app.example.com) or a URL prefix"
					+ " (https://app.example.com/settings/), without user info, query or fragment");
		}
		return uri;
	}

	/** Why {@code returnUrl} may not be used, or empty when it may. */
	Optional<String> refusal(String returnUrl) {
		if (returnUrl.length() > MAX_LENGTH) {
			return Optional.of("returnUrl is longer than " + MAX_LENGTH + " characters.");
		}
		URI uri;
		try {
			uri = new URI(returnUrl);
		}
		catch (URISyntaxException ex) {
			return Optional.of("returnUrl is not a valid URL: " + ex.getReason() + ".");
		}
		if (!isHttp(uri)) {
			return Optional.of("returnUrl must be an absolute http or https URL.");
		}
		String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
		if (uri.getRawUserInfo() != null || returnUrl.indexOf('\\') >= 0
				|| path.toLowerCase(Locale.ROOT).contains("%2e") || !uri.normalize().getRawPath().equals(path)
				|| uri.getRawFragment() != null) {
			return Optional
				.of("returnUrl must not have user info, a fragment, backslashes or dot segments in its path.");
		}
		for (URI entry : this.allowed) {
			if (matches(entry, uri, path)) {
				return Optional.empty();
			}
		}
		return Optional.of("returnUrl " + origin(uri)
				+ " is not on this gateway's allow-list of return URLs (adsgraph.consent.allowed-return-urls).");
	}

	private static boolean matches(URI entry, URI uri, String path) {
		if (!entry.getScheme().equalsIgnoreCase(uri.getScheme()) || !entry.getHost().equalsIgnoreCase(uri.getHost())
				|| port(entry) != port(uri)) {
			return false;
		}
		String prefix = (entry.getRawPath() != null) ? entry.getRawPath() : "";
		if (prefix.isEmpty() || prefix.equals("/")) {
			return true;
		}
		if (prefix.endsWith("/")) {
			return path.startsWith(prefix) || path.equals(prefix.substring(0, prefix.length() - 1));
		}
		return path.equals(prefix) || path.startsWith(prefix + "/");
	}

	private static boolean isHttp(URI uri) {
		return uri.isAbsolute() && uri.getHost() != null
				&& ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	private static String origin(URI uri) {
		return uri.getScheme() + "://" + uri.getRawAuthority();
	}

}
