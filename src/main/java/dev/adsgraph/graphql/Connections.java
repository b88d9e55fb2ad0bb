package dev.adsgraph.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import reactor.core.publisher.Mono;

/**
 * Builds a GraphQL connection page ({@code first}, {@code after}) from an upstream API
 * that pages with nextToken, following upstream pages until {@code first} items are
 * collected.
 */
public final class Connections {

	/** The largest {@code first} a connection accepts; Amazon's own page limit. */
	public static final int MAX_FIRST = 100;

	private Connections() {
	}

	/**
	 * The page size asked for, or {@code defaultSize}; anything outside 1 to
	 * {@link #MAX_FIRST} is a user error.
	 */
	public static int requireFirst(Integer first, int defaultSize) {
		int size = (first != null) ? first : defaultSize;
		if (size < 1 || size > MAX_FIRST) {
			throw new BadUserInputException("first must be between 1 and " + MAX_FIRST + "; got " + size + ".");
		}
		return size;
	}

	/**
	 * Checks an {@code after} argument: null, or a cursor of ours (an
	 * {@link ArgumentRules} check).
	 */
	public static void requireAfter(Object after) {
		if (after != null) {
			Cursors.decode((String) after);
		}
	}

	/**
	 * @param fetch one upstream page for a page token (null for the first page)
	 */
	public static <T> Mono<Connection<T>> page(Integer first, String after,
			Function<String, Mono<UpstreamPage<T>>> fetch) {
		// Inside defer, a wrong argument becomes the Mono's error rather than a throw at
		// assembly.
		return Mono.defer(() -> {
			int size = requireFirst(first, 20);
			Cursors.Position start = (after != null) ? Cursors.decode(after) : null;
			String token = (start != null) ? start.pageToken() : null;
			int skip = (start != null) ? start.index() + 1 : 0;
			return collect(fetch, token, skip, size, new ArrayList<>());
		});
	}

	private static <T> Mono<Connection<T>> collect(Function<String, Mono<UpstreamPage<T>>> fetch, String token,
			int skip, int size, List<Edge<T>> edges) {
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
				return Mono.just(new Connection<>(edges, hasNext));
			}
			return collect(fetch, page.nextToken(), 0, size, edges);
		});
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
	public record Connection<T>(List<Edge<T>> edges, boolean hasNextPage) {

		public List<T> nodes() {
			return this.edges.stream().map(Edge::node).toList();
		}

		public PageInfo pageInfo() {
			String end = this.edges.isEmpty() ? null : this.edges.get(this.edges.size() - 1).cursor();
			return new PageInfo(this.hasNextPage, end);
		}

	}

	/** The schema's {@code PageInfo}. */
	public record PageInfo(boolean hasNextPage, String endCursor) {
	}

}
