package dev.adsgraph.buckets;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import dev.adsgraph.testing.MutableClock;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bucket4j buckets in memory on a hand-moved clock: one per key, dropped only once full
 * again.
 */
class InMemoryProxyManagerTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));

	private final InMemoryProxyManager<String> buckets = new InMemoryProxyManager<>(this.clock);

	/** Two tokens, one more every half second. */
	private AsyncBucketProxy bucket(String key) {
		return this.buckets.asAsync()
			.builder()
			.build(key, () -> CompletableFuture.completedFuture(TokenBuckets.configuration(2, 2)));
	}

	private long consume(String key) {
		return bucket(key).consumeIgnoringRateLimits(1).join();
	}

	@Test
	void eachKeyHasItsOwnBucketOnTheGivenClock() {
		assertThat(consume("a")).isZero();
		assertThat(consume("a")).isZero();
		assertThat(consume("a")).isEqualTo(Duration.ofMillis(500).toNanos());
		assertThat(consume("b")).isZero();
		assertThat(this.buckets.size()).isEqualTo(2);

		this.clock.advance(Duration.ofMillis(1250));

		assertThat(bucket("a").getAvailableTokens().join()).isEqualTo(1);
		assertThat(consume("a")).isZero();
		assertThat(consume("a")).isEqualTo(Duration.ofMillis(250).toNanos());
	}

	@Test
	void aBucketIsDroppedOnceItWouldBeFullAgainAndNotBefore() {
		consume("a");
		consume("a");
		consume("a");
		consume("a");
		// Two tokens short of empty: full again after (2 + 2) / 2 per second = 2 s.

		this.clock.advance(Duration.ofSeconds(2).plus(InMemoryProxyManager.KEPT_WHEN_FULL).minusNanos(1));
		assertThat(this.buckets.size()).isEqualTo(1);
		// Caffeine sweeps expired entries in spans of about a second (a bucket looked up
		// after its time is made afresh at once).
		this.clock.advance(Duration.ofSeconds(3));
		assertThat(this.buckets.size()).isZero();
	}

	@Test
	void aBucketMadeAgainStartsFullAsTheDroppedOneWouldBe() {
		consume("a");
		consume("a");
		this.clock.advance(Duration.ofHours(1));
		assertThat(this.buckets.size()).isZero();

		assertThat(consume("a")).isZero();
		assertThat(consume("a")).isZero();
		assertThat(consume("a")).isEqualTo(Duration.ofMillis(500).toNanos());
	}

	@Test
	void ratesAreCountedInWholeNanosecondsPerToken() {
		// 0.0167 per second (createReport): one token every 59.880239521 s.
		AsyncBucketProxy slow = this.buckets.asAsync()
			.builder()
			.build("slow", () -> CompletableFuture.completedFuture(TokenBuckets.configuration(0.0167, 1)));

		assertThat(slow.consumeIgnoringRateLimits(1).join()).isZero();
		assertThat(slow.consumeIgnoringRateLimits(1).join()).isEqualTo(59_880_239_521L);
		assertThat(slow.consumeIgnoringRateLimits(1).join()).isEqualTo(2 * 59_880_239_521L);
	}

}
