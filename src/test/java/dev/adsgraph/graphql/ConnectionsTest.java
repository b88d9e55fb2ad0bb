package dev.adsgraph.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import dev.adsgraph.graphql.Connections.Connection;
import dev.adsgraph.graphql.Connections.UpstreamPage;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionsTest {

	/**
	 * 230 items served in upstream pages of 100, with the offset as nextToken like
	 * Amazon's opaque tokens.
	 */
	private final List<Integer> items = IntStream.range(0, 230).boxed().toList();

	private final AtomicInteger upstreamCalls = new AtomicInteger();

	private Mono<UpstreamPage<Integer>> fetch(String token) {
		this.upstreamCalls.incrementAndGet();
		int from = (token != null) ? Integer.parseInt(token) : 0;
		int to = Math.min(from + 100, this.items.size());
		return Mono.just(new UpstreamPage<>(this.items.subList(from, to), (to < this.items.size()) ? "" + to : null));
	}

	@Test
	void walkingEndCursorsVisitsEveryItemOnceInOrder() {
		List<Integer> seen = new ArrayList<>();
		String after = null;
		boolean more = true;
		while (more) {
			Connection<Integer> page = Connections.page(37, after, this::fetch).block();
			seen.addAll(page.nodes());
			more = page.pageInfo().hasNextPage();
			after = page.pageInfo().endCursor();
		}
		assertThat(seen).isEqualTo(this.items);
	}

	@Test
	void aPageSpanningTwoUpstreamPagesFollowsNextToken() {
		Connection<Integer> first = Connections.page(90, null, this::fetch).block();
		Connection<Integer> second = Connections.page(20, first.pageInfo().endCursor(), this::fetch).block();
		assertThat(second.nodes()).containsExactlyElementsOf(IntStream.range(90, 110).boxed().toList());
		assertThat(second.pageInfo().hasNextPage()).isTrue();
	}

	@Test
	void fiftyItemsCostOneUpstreamCall() {
		Connection<Integer> page = Connections.page(50, null, this::fetch).block();
		assertThat(page.nodes()).hasSize(50);
		assertThat(this.upstreamCalls).hasValue(1);
	}

	@Test
	void theLastPageSaysThereIsNoNextPage() {
		Connection<Integer> page = Connections.page(100, null, this::fetch).block();
		page = Connections.page(100, page.pageInfo().endCursor(), this::fetch).block();
		page = Connections.page(100, page.pageInfo().endCursor(), this::fetch).block();
		assertThat(page.nodes()).hasSize(30);
		assertThat(page.pageInfo().hasNextPage()).isFalse();
	}

	@Test
	void edgeCursorsResumeRightAfterTheirItem() {
		Connection<Integer> page = Connections.page(10, null, this::fetch).block();
		String third = page.edges().get(2).cursor();
		assertThat(Connections.page(2, third, this::fetch).block().nodes()).containsExactly(3, 4);
	}

	@Test
	void firstOutOfRangeIsABadUserInput() {
		assertThatThrownBy(() -> Connections.page(0, null, this::fetch).block())
			.isInstanceOf(BadUserInputException.class)
			.hasMessageContaining("between 1 and 100");
		assertThatThrownBy(() -> Connections.page(101, null, this::fetch).block())
			.isInstanceOf(BadUserInputException.class);
		assertThat(this.upstreamCalls).hasValue(0);
	}

	@Test
	void aForgedCursorIsABadUserInput() {
		assertThatThrownBy(() -> Connections.page(5, "not-a-cursor!", this::fetch).block())
			.isInstanceOf(BadUserInputException.class)
			.hasMessageContaining("endCursor");
		assertThatThrownBy(() -> Connections.page(5, "YWJj", this::fetch).block())
			.isInstanceOf(BadUserInputException.class);
	}

	@Test
	void aForwardPageKnowsWhetherItemsComeBeforeIt() {
		Connection<Integer> first = Connections.page(10, null, this::fetch).block();
		assertThat(first.pageInfo().hasPreviousPage()).isFalse();
		assertThat(first.pageInfo().startCursor()).isEqualTo(first.edges().get(0).cursor());
		Connection<Integer> second = Connections.page(10, first.pageInfo().endCursor(), this::fetch).block();
		assertThat(second.pageInfo().hasPreviousPage()).isTrue();
		assertThat(second.pageInfo().startCursor()).isEqualTo(second.edges().get(0).cursor());
	}

	/** A list held whole, keyed like ASINs. */
	private final List<String> held = IntStream.range(0, 25).mapToObj((i) -> "B%09d".formatted(i)).toList();

	private Connection<String> slice(Integer first, String after, Integer last, String before) {
		return Connections.slice(this.held, (s) -> s, new Connections.Window(first, after, last, before), 10);
	}

	@Test
	void aListHeldWholePagesForwardAndBack() {
		Connection<String> first = slice(null, null, null, null);
		assertThat(first.nodes()).isEqualTo(this.held.subList(0, 10));
		assertThat(first.pageInfo()).extracting("hasPreviousPage", "hasNextPage").containsExactly(false, true);
		Connection<String> second = slice(10, first.pageInfo().endCursor(), null, null);
		assertThat(second.nodes()).isEqualTo(this.held.subList(10, 20));
		assertThat(second.pageInfo()).extracting("hasPreviousPage", "hasNextPage").containsExactly(true, true);
		Connection<String> back = slice(null, null, 10, second.pageInfo().startCursor());
		assertThat(back.nodes()).isEqualTo(first.nodes());
		assertThat(back.pageInfo()).extracting("hasPreviousPage", "hasNextPage").containsExactly(false, true);
		Connection<String> tail = slice(null, null, 7, null);
		assertThat(tail.nodes()).isEqualTo(this.held.subList(18, 25));
		assertThat(tail.pageInfo()).extracting("hasPreviousPage", "hasNextPage").containsExactly(true, false);
		Connection<String> between = slice(null, first.edges().get(2).cursor(), null, first.edges().get(5).cursor());
		assertThat(between.nodes()).isEqualTo(this.held.subList(3, 5));
		Connection<String> crossed = slice(null, first.edges().get(5).cursor(), null, first.edges().get(2).cursor());
		assertThat(crossed.nodes()).isEmpty();
	}

	@Test
	void aCursorOfAListHeldWholeStaysOnItsItemWhenTheListIsReordered() {
		String cursor = slice(3, null, null, null).pageInfo().endCursor();
		List<String> reversed = new ArrayList<>(this.held);
		java.util.Collections.reverse(reversed);
		Connection<String> after = Connections.slice(reversed, (s) -> s, new Connections.Window(2, cursor, null, null),
				10);
		assertThat(after.nodes()).containsExactly("B000000001", "B000000000");
	}

	@Test
	void wrongPagingArgumentsOfAListHeldWholeAreBadUserInputs() {
		assertThatThrownBy(() -> slice(5, null, 5, null)).isInstanceOf(BadUserInputException.class)
			.hasMessageContaining("first or last, not both");
		assertThatThrownBy(() -> slice(-1, null, null, null)).isInstanceOf(BadUserInputException.class)
			.hasMessageContaining("first must be between 1 and 100; got -1");
		assertThatThrownBy(() -> slice(null, null, 0, null)).isInstanceOf(BadUserInputException.class)
			.hasMessageContaining("last must be between 1 and 100; got 0");
		assertThatThrownBy(() -> slice(null, null, 101, null)).isInstanceOf(BadUserInputException.class);
		String upstreamCursor = Cursors.encode("token", 3);
		assertThatThrownBy(() -> slice(null, upstreamCursor, null, null)).isInstanceOf(BadUserInputException.class)
			.hasMessageContaining("after must be a cursor");
		assertThatThrownBy(() -> slice(null, null, null, "%%%")).isInstanceOf(BadUserInputException.class)
			.hasMessageContaining("before must be a cursor");
		assertThatThrownBy(() -> slice(null, Cursors.encodeKey("B999999999"), null, null))
			.isInstanceOf(BadUserInputException.class)
			.hasMessageContaining("not in this list");
		// Nothing to check a cursor against while the list's source is not ready.
		assertThat(Connections
			.slice(List.<String>of(), (s) -> s,
					new Connections.Window(null, Cursors.encodeKey("B999999999"), null, null), 10)
			.nodes()).isEmpty();
	}

	@Test
	void aKeyedCursorIsNotAnUpstreamCursor() {
		assertThatThrownBy(() -> Connections.page(5, Cursors.encodeKey("B000000001"), this::fetch).block())
			.isInstanceOf(BadUserInputException.class)
			.hasMessageContaining("after must be a cursor");
	}

}
