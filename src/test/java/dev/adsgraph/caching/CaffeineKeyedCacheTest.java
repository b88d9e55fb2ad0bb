package dev.adsgraph.caching;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

class CaffeineKeyedCacheTest {

	private final CaffeineKeyedCache<String, Integer> cache = new CaffeineKeyedCache<>(Duration.ofMinutes(1), 1000);

	@Test
	void concurrentRequestsForTheSameKeysShareOneLoad() {
		Set<String> keys = Set.of("a", "b", "c");
		AtomicInteger loads = new AtomicInteger();
		Sinks.One<Map<String, Integer>> upstream = Sinks.one();
		List<Mono<Map<String, Integer>>> calls = IntStream.range(0, 20)
			.mapToObj((i) -> this.cache.getAll(keys, (missing) -> {
				loads.incrementAndGet();
				return upstream.asMono();
			}))
			.toList();
		Flux<Map<String, Integer>> all = Flux.merge(calls);
		upstream.tryEmitValue(Map.of("a", 1, "b", 2, "c", 3));
		assertThat(all.collectList().block()).hasSize(20).allSatisfy((m) -> assertThat(m).containsEntry("b", 2));
		assertThat(loads).hasValue(1);
	}

	@Test
	void onlyMissingKeysAreLoadedAndKeysTheLoadLeavesOutStayUncached() {
		AtomicInteger loads = new AtomicInteger();
		Map<String, Set<String>> asked = new HashMap<>();
		this.cache.getAll(Set.of("a", "gone"), (missing) -> {
			loads.incrementAndGet();
			asked.put("first", missing);
			return Mono.just(Map.of("a", 1));
		}).block();
		Map<String, Integer> second = this.cache.getAll(Set.of("a", "b", "gone"), (missing) -> {
			loads.incrementAndGet();
			asked.put("second", missing);
			return Mono.just(Map.of("b", 2));
		}).block();
		assertThat(second).containsOnly(Map.entry("a", 1), Map.entry("b", 2));
		assertThat(asked.get("second")).containsExactlyInAnyOrder("b", "gone");
		assertThat(loads).hasValue(2);
	}

	@Test
	void aFailedLoadIsNotCached() {
		Mono<Map<String, Integer>> failing = this.cache.getAll(Set.of("x"),
				(missing) -> Mono.error(new IllegalStateException("upstream down")));
		assertThat(failing.onErrorResume((ex) -> Mono.just(Map.of())).block()).isEmpty();
		assertThat(this.cache.getAll(Set.of("x"), (missing) -> Mono.just(Map.of("x", 7))).block()).containsEntry("x",
				7);
	}

}
