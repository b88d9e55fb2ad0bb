package dev.adsgraph.sandbox.sp;

import java.time.Duration;
import java.time.Instant;

import dev.adsgraph.testing.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The usage-plan buckets on the sandbox's clock, moved by the test. */
class RateLimitsTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));

	private final RateLimits limits = new RateLimits(this.clock, true);

	@Test
	void aBucketStartsFullAndThenRefillsAtItsRate() {
		for (int i = 0; i < 5; i++) {
			assertThat(this.limits.tryAcquire("seller/app/NA/getOrders", 2.0, 5)).as("token %d", i).isTrue();
		}
		assertThat(this.limits.tryAcquire("seller/app/NA/getOrders", 2.0, 5)).isFalse();
		this.clock.advance(Duration.ofMillis(499));
		assertThat(this.limits.tryAcquire("seller/app/NA/getOrders", 2.0, 5)).isFalse();
		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.limits.tryAcquire("seller/app/NA/getOrders", 2.0, 5)).isTrue();
		assertThat(this.limits.tryAcquire("seller/app/NA/getOrders", 2.0, 5)).isFalse();
	}

	@Test
	void refillStopsAtTheBurst() {
		assertThat(this.limits.tryAcquire("k", 1.0, 2)).isTrue();
		this.clock.advance(Duration.ofHours(1));
		assertThat(this.limits.tryAcquire("k", 1.0, 2)).isTrue();
		assertThat(this.limits.tryAcquire("k", 1.0, 2)).isTrue();
		assertThat(this.limits.tryAcquire("k", 1.0, 2)).isFalse();
	}

	@Test
	void aSlowPlanRefillsOneTokenPerMinuteAndAFraction() {
		assertThat(this.limits.tryAcquire("slow", 0.0167, 1)).isTrue();
		this.clock.advance(Duration.ofMillis(59_880));
		assertThat(this.limits.tryAcquire("slow", 0.0167, 1)).isFalse();
		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.limits.tryAcquire("slow", 0.0167, 1)).isTrue();
	}

	@Test
	void keysHaveBucketsOfTheirOwnAndResetRefillsThemAll() {
		assertThat(this.limits.tryAcquire("a", 1.0, 1)).isTrue();
		assertThat(this.limits.tryAcquire("a", 1.0, 1)).isFalse();
		assertThat(this.limits.tryAcquire("b", 1.0, 1)).isTrue();
		this.limits.reset();
		assertThat(this.limits.tryAcquire("a", 1.0, 1)).isTrue();
	}

	@Test
	void limitsNotEnforcedGrantEveryCall() {
		RateLimits open = new RateLimits(this.clock, false);
		for (int i = 0; i < 100; i++) {
			assertThat(open.tryAcquire("k", 0.0167, 1)).isTrue();
		}
	}

}
