package dev.adsgraph.sandbox.core;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Opaque {@code nextToken}s. A token names the listing, the user and the filters it was
 * issued for, so a token replayed by another user or with other filters is rejected
 * instead of paging through the wrong list. Listings are append-only, so an offset stays
 * valid while data grows.
 */
public final class PageTokens {

	private PageTokens() {
	}

	public static String encode(String listing, String userId, Object filters, int offset) {
		String plain = listing + "\n" + userId + "\n" + Integer.toHexString(filters.hashCode()) + "\n" + offset;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The offset the token stands for, or -1 when it is not a token of this listing, user
	 * and filters.
	 */
	public static int decode(String token, String listing, String userId, Object filters) {
		String plain;
		try {
			plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return -1;
		}
		String[] parts = plain.split("\n", -1);
		if (parts.length != 4 || !parts[0].equals(listing) || !parts[1].equals(userId)
				|| !parts[2].equals(Integer.toHexString(filters.hashCode()))) {
			return -1;
		}
		try {
			int offset = Integer.parseInt(parts[3]);
			return (offset > 0) ? offset : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * One page of {@code items} from {@code offset}; the token is null on the last page.
	 */
	public static <T> Page<T> page(List<T> items, int offset, int maxResults, IntFunction<String> tokenForOffset) {
		int from = Math.min(offset, items.size());
		int to = Math.min(from + maxResults, items.size());
		return new Page<>(items.subList(from, to), (to < items.size()) ? tokenForOffset.apply(to) : null);
	}

	public record Page<T>(List<T> items, String nextToken) {
	}

}
