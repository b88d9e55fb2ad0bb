package dev.adsgraph.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import reactor.core.publisher.Mono;

/**
 * Builds Relay connection pages: {@link #page} forward only ({@code first},
 * {@code after}) from an upstream API that pages with nextToken, following upstream pages
 * until {@code first} items are collected; {@link #slice} both ways ({@code first},
 * {@code after}, {@code last}, {@code before}) from a list the gateway holds whole.
 */
public final class Connections {

	/**
	 * The largest {@code first} or {@code last} a connection accepts; Amazon's own page
	 * limit.
	 */
	public static final int MAX_FIRST = 100;

	/**
	 * The page size of a connection that pages both ways when neither {@code first} nor
	 * {@code last} is given: its schema can give {@code first} no default, or a
	 * {@code last} would always come with a {@code first}.
	 */
	public static final int DEFAULT_SIZE = 50;

	private Connections() {
	}

	/**
	 * The page size asked for, or {@code defaultSize}; anything outside 1 to
	 * {@link #MAX_FIRST} is a user error.
	 */
	public static int requireFirst(Integer first, int defaultSize) {
		return requireSize("first", first, defaultSize);
	}

	private static int requireSize(String argument, Integer value, int defaultSize) {
		int size = (value != null) ? value : defaultSize;
		if (size < 1 || size > MAX_FIRST) {
			throw new BadUserInputException(argument + " must be between 1 and " + MAX_FIRST + "; got " + size + ".");
		}
		return size;
	}

	/**
	 * Checks the {@code after} argument of a forward-only connection: null, or a cursor
	 * of ours (an {@link ArgumentRules} check).
	 */
	public static void requireAfter(Object after) {
		if (after != null) {
			Cursors.decode((String) after, "after");
		}
	}

	/**
	 * The {@link ArgumentRules} checks of a connection over a list held whole (the checks
	 * of {@link Window}, each under its argument), so that a refused paging argument is
	 * one error for the field, before it fans out.
	 */
	public static void addWindowRules(ArgumentRules rules, String type, String field) {
		rules.add(type, field, "first", (value) -> requireOptionalSize("first", value))
			.addWithArguments(type, field, "last", (value, arguments) -> {
				if (value != null && arguments.get("first") != null) {
					throw new BadUserInputException("Give first or last, not both; got first: " + arguments.get("first")
							+ " and last: " + value + ".");
				}
				requireOptionalSize("last", value);
			})
			.add(type, field, "after", (value) -> requireKeyCursor("after", value))
			.add(type, field, "before", (value) -> requireKeyCursor("before", value));
	}

	private static void requireOptionalSize(String argument, Object value) {
		if (value != null) {
			requireSize(argument, (Integer) value, 0);
		}
	}

	private static void requireKeyCursor(String argument, Object value) {
		if (value != null) {
			Cursors.decodeKey((String) value, argument);
		}
	}

	/**
	 * A forward-only page over nextToken pagination. Nothing comes before the first page,
	 * and something (the item {@code after} names) comes before any other, so
	 * {@code hasPreviousPage} is exact without going back.
	 * @param fetch one upstream page for a page token (null for the first page)
	 */
	public static <T> Mono<Connection<T>> page(Integer first, String after,
			Function<String, Mono<UpstreamPage<T>>> fetch) {
		// Inside defer, a wrong argument becomes the Mono's error rather than a throw at
		// assembly.
		return Mono.defer(() -> {
			int size = requireFirst(first, 20);
			Cursors.Position start = (after != null) ? Cursors.decode(after, "after") : null;
			String token = (start != null) ? start.pageToken() : null;
			int skip = (start != null) ? start.index() + 1 : 0;
			return collect(fetch, token, skip, size, new ArrayList<>(), start != null);
		});
	}

	private static <T> Mono<Connection<T>> collect(Function<String, Mono<UpstreamPage<T>>> fetch, String token,
			int skip, int size, List<Edge<T>> edges, boolean hasPrevious) {
		return fetch.apply(token).flatMap((page) -> {
			List<T> items = page.items();
			int i = skip;
			while (i < items.size() && edges.size() < size) {
				edges.add(new Edge<>(Cursors.encode(token, i), items.get(i)));
				i++;
			}
			boolean moreInPage = i < items.size();
			if (edges.size() >= size || page.nextToken() == null) {
				boolean hasNext = moreInPage || page.nextToken() != null;
				return Mono.just(new Connection<>(edges, hasPrevious, hasNext));
			}
			return collect(fetch, page.nextToken(), 0, size, edges, hasPrevious);
		});
	}

	/**
	 * The paging arguments of a connection that pages both ways, checked: {@code first}
	 * or {@code last} (not both; {@code defaultSize} from the start when neither), each 1
	 * to {@link #MAX_FIRST}; cursors are checked against the list in {@link #slice}.
	 */
	public record Window(Integer first, String after, Integer last, String before) {

		public Window {
			if (first != null && last != null) {
				throw new BadUserInputException(
						"Give first or last, not both; got first: " + first + " and last: " + last + ".");
			}
			if (first != null) {
				requireSize("first", first, 0);
			}
			if (last != null) {
				requireSize("last", last, 0);
			}
			if (after != null) {
				Cursors.decodeKey(after, "after");
			}
			if (before != null) {
				Cursors.decodeKey(before, "before");
			}
		}

	}

	/**
	 * A page of a list the gateway holds whole, as Relay's specification slices it: the
	 * items after {@code after} and before {@code before}, then the first {@code first}
	 * or the last {@code last} of those. A cursor names its item by {@code key}, so it
	 * stays valid when the list is read again and reordered; a cursor naming no item of
	 * the list is a user error. {@code hasPreviousPage} and {@code hasNextPage} say
	 * whether the list has items before and after the page.
	 */
	public static <T> Connection<T> slice(List<T> all, Function<T, String> key, Window window, int defaultSize) {
		if (all.isEmpty()) {
			// Nothing to check a cursor against: a list read again while its source is
			// not ready is empty, and that is not the caller's mistake.
			return new Connection<>(List.of(), false, false);
		}
		int from = 0;
		int to = all.size();
		if (window.after() != null) {
			from = indexOf(all, key, Cursors.decodeKey(window.after(), "after"), "after") + 1;
		}
		if (window.before() != null) {
			to = indexOf(all, key, Cursors.decodeKey(window.before(), "before"), "before");
		}
		to = Math.max(from, to);
		if (window.last() != null) {
			from = Math.max(from, to - window.last());
		}
		else {
			to = Math.min(to, from + ((window.first() != null) ? window.first() : defaultSize));
		}
		List<Edge<T>> edges = new ArrayList<>(to - from);
		for (T item : all.subList(from, to)) {
			edges.add(new Edge<>(Cursors.encodeKey(key.apply(item)), item));
		}
		return new Connection<>(edges, from > 0, to < all.size());
	}

	private static <T> int indexOf(List<T> all, Function<T, String> key, String wanted, String argument) {
		for (int i = 0; i < all.size(); i++) {
			if (wanted.equals(key.apply(all.get(i)))) {
				return i;
			}
		}
		throw new BadUserInputException(argument + " names an item that is not in this list (" + Ids.quote(wanted)
				+ "): take cursors from a page of the same field with the same arguments.");
	}

	/** One upstream page. */
	public record UpstreamPage<T>(List<T> items, String nextToken) {

		public UpstreamPage {
			items = (items != null) ? items : List.of();
		}

	}

	/** The schema's edge types. */
	public record Edge<T>(String cursor, T node) {
	}

	/** The schema's connection types: edges, nodes and pageInfo. */
	public record Connection<T>(List<Edge<T>> edges, boolean hasPreviousPage, boolean hasNextPage) {

		public List<T> nodes() {
			return this.edges.stream().map(Edge::node).toList();
		}

		/**
		 * The same page with each edge's node replaced, in order, under the same cursor.
		 * @param nodes as many as the page has edges
		 * @return the page
		 */
		public Connection<T> withNodes(List<T> nodes) {
			if (nodes.size() != this.edges.size()) {
				throw new IllegalArgumentException(
						"A page of " + this.edges.size() + " edges given " + nodes.size() + " nodes");
			}
			List<Edge<T>> replaced = new ArrayList<>(nodes.size());
			for (int i = 0; i < nodes.size(); i++) {
				replaced.add(new Edge<>(this.edges.get(i).cursor(), nodes.get(i)));
			}
			return new Connection<>(replaced, this.hasPreviousPage, this.hasNextPage);
		}

		public PageInfo pageInfo() {
			String start = this.edges.isEmpty() ? null : this.edges.get(0).cursor();
			String end = this.edges.isEmpty() ? null : this.edges.get(this.edges.size() - 1).cursor();
			return new PageInfo(this.hasNextPage, this.hasPreviousPage, start, end);
		}

	}

	/** The schema's {@code PageInfo}. */
	public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
	}

}
