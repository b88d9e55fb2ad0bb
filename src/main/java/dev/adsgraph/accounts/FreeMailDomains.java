package dev.adsgraph.accounts;

import java.util.Locale;
import java.util.Set;

/**
 * Consumer mail domains. Amazon refuses them for business and author registrations (it
 * wants a professional domain), so the gateway refuses them first, with a message naming
 * the field.
 */
final class FreeMailDomains {

	private static final Set<String> DOMAINS = Set.of("gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk",
			"yahoo.co.jp", "yahoo.de", "yahoo.fr", "ymail.com", "hotmail.com", "hotmail.co.uk", "hotmail.de",
			"hotmail.fr", "outlook.com", "live.com", "msn.com", "aol.com", "icloud.com", "me.com", "mac.com",
			"protonmail.com", "proton.me", "gmx.com", "gmx.de", "gmx.net", "mail.com", "yandex.com", "yandex.ru",
			"qq.com", "163.com", "126.com", "web.de");

	private FreeMailDomains() {
	}

	/**
	 * Whether the host (or any domain it is a subdomain of) is a consumer mail domain.
	 */
	static boolean isFree(String host) {
		if (host == null) {
			return false;
		}
		String h = host.toLowerCase(Locale.ROOT);
		if (h.startsWith("www.")) {
			h = h.substring(4);
		}
		while (true) {
			if (DOMAINS.contains(h)) {
				return true;
			}
			int dot = h.indexOf('.');
			if (dot < 0) {
				return false;
			}
			h = h.substring(dot + 1);
		}
	}

}
