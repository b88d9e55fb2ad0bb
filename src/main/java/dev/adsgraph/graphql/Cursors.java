package dev.adsgraph.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque connection cursors, of two kinds. Over Amazon's nextToken pagination a cursor
 * names an item by the upstream token of the page it was on and its index in that page; a
 * page fetched with the same token starts at the same item, so "after" resumes exactly
 * behind it. Over a list the gateway holds whole, a cursor names an item by its key (an
 * ASIN), so it finds the item again however the list is ordered when read again. A cursor
 * of one kind is refused where the other is expected.
 */
public final class Cursors {

	private static final String VERSION = "c1";

	private static final String KEYED = "k1";

	private Cursors() {
	}

	public static String encode(String pageToken, int index) {
		return base64(VERSION + ":" + index + ":" + ((pageToken != null) ? pageToken : ""));
	}

	/** A cursor naming an item of a list held whole by its key. */
	public static String encodeKey(String key) {
		return base64(KEYED + ":" + key);
	}

	/**
	 * Decodes a nextToken cursor given as {@code argument}; a cursor we did not make is a
	 * user error.
	 */
	public static Position decode(String cursor, String argument) {
		String raw = raw(cursor);
		if (raw != null) {
			String[] parts = raw.split(":", 3);
			if (parts.length == 3 && parts[0].equals(VERSION)) {
				try {
					int index = Integer.parseInt(parts[1]);
					if (index >= 0) {
						return new Position(parts[2].isEmpty() ? null : parts[2], index);
					}
				}
				catch (NumberFormatException ex) {
					// reported below
				}
			}
		}
		throw notACursor(cursor, argument);
	}

	/**
	 * The key a cursor of a list held whole names; a cursor we did not make is a user
	 * error.
	 */
	public static String decodeKey(String cursor, String argument) {
		String raw = raw(cursor);
		if (raw != null && raw.startsWith(KEYED + ":") && raw.length() > KEYED.length() + 1) {
			return raw.substring(KEYED.length() + 1);
		}
		throw notACursor(cursor, argument);
	}

	private static String base64(String raw) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	private static String raw(String cursor) {
		try {
			return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static BadUserInputException notACursor(String cursor, String argument) {
		return new BadUserInputException(argument + " must be a cursor taken from a page of the same field "
				+ "(a pageInfo startCursor or endCursor, or an edge's cursor); " + Ids.quote(cursor) + " is not one.");
	}

	/** An item's place: the upstream token of its page and its index in that page. */
	public record Position(String pageToken, int index) {
	}

}
