package dev.adsgraph.products;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.dataloader.Try;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the {@code Product} batch mappings split a response's products into upstream
 * rounds: in order, at most {@link ProductLoaders#SEARCH_LIMIT} a round, and a failed
 * round fails its own products only, as the per-product loaders' batches did.
 */
class ProductLoadersRoundsTest {

	private static final List<ProductKey> KEYS = IntStream.range(0, 45)
		.mapToObj((i) -> new ProductKey("sp-1", "ATVPDKIKX0DER", String.format("B0%08d", i)))
		.toList();

	@Test
	void roundsAreInOrderAndAtMostTheSearchLimit() {
		List<List<ProductKey>> rounds = new ArrayList<>();
		Map<ProductKey, Try<String>> found = ProductLoaders
			.<String>inRounds(KEYS, ProductLoaders.SEARCH_LIMIT, (round) -> {
				synchronized (rounds) {
					rounds.add(List.copyOf(round));
				}
				Map<ProductKey, String> values = new HashMap<>();
				round.forEach((key) -> values.put(key, key.asin()));
				return Mono.just(values);
			})
			.block();
		assertThat(rounds).containsExactlyInAnyOrder(KEYS.subList(0, 20), KEYS.subList(20, 40), KEYS.subList(40, 45));
		assertThat(found).hasSize(45).allSatisfy((key, value) -> assertThat(value.get()).isEqualTo(key.asin()));
	}

	@Test
	void aFailedRoundFailsItsOwnProductsAndAnUnknownProductHasNoEntry() {
		IllegalStateException outage = new IllegalStateException("upstream down");
		ProductKey unknown = KEYS.get(44);
		Map<ProductKey, Try<String>> found = ProductLoaders
			.<String>inRounds(KEYS, ProductLoaders.SEARCH_LIMIT, (Set<ProductKey> round) -> {
				if (round.contains(KEYS.get(25))) {
					return Mono.error(outage);
				}
				Map<ProductKey, String> values = new HashMap<>();
				round.stream().filter((key) -> !key.equals(unknown)).forEach((key) -> values.put(key, key.asin()));
				return Mono.just(values);
			})
			.block();
		for (int i = 0; i < 45; i++) {
			ProductKey key = KEYS.get(i);
			if (i >= 20 && i < 40) {
				assertThat(found.get(key).isFailure()).as("%s", key).isTrue();
				assertThat(found.get(key).getThrowable()).isSameAs(outage);
			}
			else if (key.equals(unknown)) {
				assertThat(found).doesNotContainKey(key);
			}
			else {
				assertThat(found.get(key).get()).isEqualTo(key.asin());
			}
		}
	}

}
