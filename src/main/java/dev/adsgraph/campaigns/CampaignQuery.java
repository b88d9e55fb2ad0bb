package dev.adsgraph.campaigns;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.adsgraph.graphql.BadUserInputException;
import dev.adsgraph.graphql.Ids;

/**
 * {@code Profile.campaigns}' filter, checked, and its cursors. Amazon queries campaigns
 * one ad product at a time, so a page position is the ad product's place in the filter,
 * the upstream {@code nextToken} of the page to ask for and how many of its campaigns to
 * skip. A cursor is that position after its campaign, with a digest of the filter: a
 * cursor of another filter, or one we did not make, is refused before anything is sent.
 *
 * @param adProducts the ad products in query order, at least one
 * @param states null for every state
 * @param name null for every name
 */
record CampaignQuery(List<String> adProducts, List<String> states, String name) {

	/** The sponsored-ads ad products: what a profile's campaigns are without a filter. */
	static final List<String> DEFAULT_AD_PRODUCTS = List.of("SPONSORED_PRODUCTS", "SPONSORED_BRANDS",
			"SPONSORED_DISPLAY");

	static final int MAX_NAME = 255;

	private static final String VERSION = "cq1";

	/** The schema's {@code CampaignFilter}. */
	record Filter(List<String> adProducts, List<String> states, String name) {
	}

	/**
	 * The filter as graphql-java coerced it (a map, or null), checked; an
	 * {@link dev.adsgraph.graphql.ArgumentRules} check.
	 */
	static CampaignQuery of(Object filterArgument) {
		if (filterArgument == null) {
			return of((Filter) null);
		}
		Map<?, ?> map = (Map<?, ?>) filterArgument;
		return of(new Filter(strings(map.get("adProducts")), strings(map.get("states")), (String) map.get("name")));
	}

	static CampaignQuery of(Filter filter) {
		if (filter == null) {
			return new CampaignQuery(DEFAULT_AD_PRODUCTS, null, null);
		}
		List<String> adProducts = DEFAULT_AD_PRODUCTS;
		if (filter.adProducts() != null) {
			List<String> distinct = List.copyOf(new LinkedHashSet<>(filter.adProducts()));
			if (distinct.isEmpty()) {
				throw new BadUserInputException(
						"filter.adProducts must name at least one ad product; leave it out for every sponsored-ads campaign.");
			}
			if (distinct.contains("AMAZON_DSP")) {
				throw new BadUserInputException("filter.adProducts cannot include AMAZON_DSP: DSP campaigns belong to "
						+ "a DSP advertiser, not to an advertising profile.");
			}
			adProducts = distinct;
		}
		List<String> states = null;
		if (filter.states() != null) {
			if (filter.states().isEmpty()) {
				throw new BadUserInputException(
						"filter.states must name at least one state; leave it out for every state.");
			}
			states = List.copyOf(new TreeSet<>(filter.states()));
		}
		String name = null;
		if (filter.name() != null) {
			name = filter.name().strip();
			if (name.isEmpty() || name.length() > MAX_NAME) {
				throw new BadUserInputException(
						"filter.name must be 1 to " + MAX_NAME + " characters; got " + Ids.quote(filter.name()) + ".");
			}
		}
		return new CampaignQuery(adProducts, states, name);
	}

	private static List<String> strings(Object value) {
		return (value == null) ? null : ((List<?>) value).stream().map(String::valueOf).toList();
	}

	/** Where a page starts: before the first campaign when there is no cursor. */
	Position start(String after) {
		return (after != null) ? decode(after) : new Position(0, null, 0);
	}

	/**
	 * A place in the campaigns: the ad product's index in {@link #adProducts}, the
	 * upstream page token (null for the first page) and how many of that page's campaigns
	 * come before it.
	 */
	record Position(int adProduct, String token, int skip) {
	}

	String encode(Position position) {
		String raw = VERSION + ":" + digest() + ":" + position.adProduct() + ":" + position.skip() + ":"
				+ ((position.token() != null) ? position.token() : "");
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	/** Checks {@code after} against this filter; an argument check. */
	Position decode(String cursor) {
		String raw;
		try {
			raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw notACursor(cursor);
		}
		String[] parts = raw.split(":", 5);
		if (parts.length != 5 || !parts[0].equals(VERSION)) {
			throw notACursor(cursor);
		}
		if (!parts[1].equals(digest())) {
			throw new BadUserInputException("after is a cursor of Profile.campaigns with another filter: "
					+ "pass the same filter as the page it came from.");
		}
		try {
			int adProduct = Integer.parseInt(parts[2]);
			int skip = Integer.parseInt(parts[3]);
			if (adProduct < 0 || adProduct > this.adProducts.size() || skip < 0 || skip > 5000) {
				throw notACursor(cursor);
			}
			return new Position(adProduct, parts[4].isEmpty() ? null : parts[4], skip);
		}
		catch (NumberFormatException ex) {
			throw notACursor(cursor);
		}
	}

	private String digest() {
		List<String> parts = new ArrayList<>();
		parts.add(String.join(",", this.adProducts));
		parts.add((this.states != null) ? String.join(",", this.states) : "");
		parts.add((this.name != null) ? this.name : "");
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256")
				.digest(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 6);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static BadUserInputException notACursor(String cursor) {
		return new BadUserInputException("after must be a cursor taken from a page of Profile.campaigns "
				+ "(a pageInfo endCursor or an edge's cursor); " + Ids.quote(cursor) + " is not one.");
	}

}
