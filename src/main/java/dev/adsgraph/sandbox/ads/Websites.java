package dev.adsgraph.sandbox.ads;

import java.net.URI;
import java.util.Locale;

/** Website addresses as registration forms receive them: with or without a scheme. */
final class Websites {

	private Websites() {
	}

	/**
	 * The lower-case host, or null when the text is not an http(s) address with a dotted
	 * host.
	 */
	static String host(String website) {
		if (website == null || website.isBlank() || website.contains(" ")) {
			return null;
		}
		String candidate = website.trim().contains("://") ? website.trim() : "https://" + website.trim();
		try {
			URI uri = URI.create(candidate);
			String host = uri.getHost();
			boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
			return (web && host != null && host.contains(".")) ? host.toLowerCase(Locale.ROOT) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
