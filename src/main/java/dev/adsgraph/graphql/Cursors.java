package dev.adsgraph.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque connection cursors over Amazon's nextToken pagination. A cursor names an item by
 * the upstream token of the page it was on and its index in that page; a page fetched
 * with the same token starts at the same item, so "after" resumes exactly behind it.
 */
public final class Cursors {

	private static final String VERSION = "c1";

	private Cursors() {
	}

	public static String encode(String pageToken, int index) {
		String raw = VERSION + ":" + index + ":" + ((pageToken != null) ? pageToken : "");
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	/** Decodes a cursor from {@code after}; a cursor we did not make is a user error. */
	public static Position decode(String cursor) {
		try {
			String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			String[] parts = raw.split(":", 3);
			if (parts.length == 3 && parts[0].equals(VERSION)) {
				int index = Integer.parseInt(parts[1]);
				if (index >= 0) {
					return new Position(parts[2].isEmpty() ? null : parts[2], index);
				}
			}
		}
		catch (IllegalArgumentException ex) {
			// not base64 or not a number: reported below
		}
		throw new BadUserInputException(
				"after must be a cursor taken from a previous page's endCursor or an edge's cursor; "
						+ Ids.quote(cursor) + " is not one.");
	}

	/** An item's place: the upstream token of its page and its index in that page. */
	public record Position(String pageToken, int index) {
	}

}
