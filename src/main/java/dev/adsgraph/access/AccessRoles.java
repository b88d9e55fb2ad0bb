package dev.adsgraph.access;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The pure rules of user access input: the roles Amazon's permission API names, a usable
 * e-mail address, country spellings.
 */
final class AccessRoles {

	/** The {@code Role} enum of AdvertisingUserPermissionsManagement_prod_3p.json. */
	static final List<String> ROLES = List.of("ADMIN", "EDITOR", "VIEWER");

	/**
	 * Something before one "@", a domain with a dot after it, no spaces: what an
	 * invitation e-mail can be delivered to.
	 */
	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$");

	private AccessRoles() {
	}

	static boolean known(String role) {
		return role != null && ROLES.contains(role.toUpperCase(Locale.ROOT));
	}

	static boolean isEmail(String value) {
		return value != null && value.length() <= 254 && EMAIL.matcher(value.trim()).matches();
	}

	/**
	 * The ISO spelling the invitation API takes: profiles and /adsAccounts write the
	 * United Kingdom as UK, ISO as GB.
	 */
	static String iso(String countryCode) {
		String upper = countryCode.trim().toUpperCase(Locale.ROOT);
		return "UK".equals(upper) ? "GB" : upper;
	}

}
