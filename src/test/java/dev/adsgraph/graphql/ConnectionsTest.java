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

}
