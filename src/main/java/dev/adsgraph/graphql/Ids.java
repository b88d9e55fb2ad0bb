package dev.adsgraph.graphql;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.StringJoiner;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Parses ids that arrive as GraphQL {@code ID} strings, with an error naming the
 * argument; and composes the opaque ids of objects Amazon gives no id of their own.
 */
public final class Ids {

	/**
	 * Each workspace's scope, digested once: every product of an answer carries it in its
	 * id.
	 */
	private static final Cache<String, String> SCOPES = Caffeine.newBuilder().maximumSize(10_000).build();

	private static final Pattern ADS_ACCOUNT_ID = Pattern.compile("^[A-Za-z0-9.-]{1,128}$");

	private Ids() {
	}

	/** A profile id: a positive 64-bit integer. */
	public static long profileId(String value, String argument) {
		if (value != null && value.matches("[0-9]{1,19}")) {
			try {
				long id = Long.parseLong(value);
				if (id > 0) {
					return id;
				}
			}
			catch (NumberFormatException ex) {
				// larger than a long: reported below like any other malformed id
			}
		}
		throw new BadUserInputException(
				argument + " must be a profile id, a positive 64-bit integer such as \"3487239234237\"; got "
						+ quote(value) + ".");
	}

	/** An ads account or advertiser account id, in the character set Amazon allows. */
	public static String accountId(String value, String argument) {
		if (value == null || !ADS_ACCOUNT_ID.matcher(value).matches()) {
			throw new BadUserInputException(argument
					+ " must be an account id of letters, digits, '.' and '-' such as \"amzn1.ads-account.g.abc123\"; got "
					+ quote(value) + ".");
		}
		return value;
	}

	/**
	 * An opaque id for an object that has no Amazon id of its own, made of its type and
	 * everything its fields depend on: a normalised client cache (Apollo's
	 * {@code InMemoryCache}, Relay) keys it by this, so two objects whose fields differ
	 * must never share one. Base64url of {@code Type:part:part…}, each part
	 * percent-encoded so that a ':' in a part cannot make two lists of parts alike.
	 * Clients must not parse it (docs/schema.md).
	 */
	public static String opaque(String type, String... parts) {
		StringJoiner raw = new StringJoiner(":");
		raw.add(type);
		for (String part : parts) {
			raw.add(encoded((part != null) ? part : ""));
		}
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.toString().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * {@code URLEncoder.encode(part, UTF_8)}, without its buffers for a part it leaves as
	 * it is (letters, digits, {@code . - * _}: the ids, dates and ASINs most parts are).
	 */
	static String encoded(String part) {
		for (int i = 0; i < part.length(); i++) {
			char c = part.charAt(i);
			boolean unchanged = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
					|| c == '-' || c == '*' || c == '_';
			if (!unchanged) {
				return URLEncoder.encode(part, StandardCharsets.UTF_8);
			}
		}
		return part;
	}

	/**
	 * A tenant as a part of an opaque id: a digest of its id, so that ids of two tenants
	 * differ without showing the browser the tenant's configured id.
	 */
	public static String tenantScope(String tenantId) {
		return SCOPES.get(tenantId, Ids::digestScope);
	}

	private static String digestScope(String tenantId) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(("adsgraph-tenant:" + tenantId).getBytes(StandardCharsets.UTF_8));
			return "t" + HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	/**
	 * A caller's value, shortened and with control characters masked, for an error
	 * message.
	 */
	public static String quote(String value) {
		if (value == null) {
			return "nothing";
		}
		String shown = (value.length() > 40) ? value.substring(0, 40) + "…" : value;
		return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
	}

}
