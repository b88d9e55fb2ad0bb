package dev.adsgraph.upstream.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decisions of the adaptive limit (TCP Vegas over windows of calls), driven by a
 * clock the test moves: every call is sent 10 ms after the previous one, so a window of
 * 250 ms holds about 25 calls.
 */
class AdaptiveLimitTest {

	private static final long STEP = Duration.ofMillis(10).toNanos();

	private static final Duration WINDOW = Duration.ofMillis(250);

	private long now = Duration.ofHours(1).toNanos();

	private static ResilienceProperties.ConcurrencyLimit config(int initial, int min, int max) {
		return new ResilienceProperties.ConcurrencyLimit(true, initial, min, max, WINDOW, 10, 1, 30);
	}

	/**
	 * Sends calls for {@code windows} windows, each with the given latency, with as many
	 * in flight as the limit allows times {@code load}; when {@code throttledEvery} is
	 * positive, every such call is answered 429. Returns the limit after each window.
	 */
	private List<Integer> run(AdaptiveLimit limit, int windows, long latencyMillis, double load, int throttledEvery) {
		List<Integer> limits = new ArrayList<>();
		long rtt = Duration.ofMillis(latencyMillis).toNanos();
		int perWindow = (int) (WINDOW.toNanos() / STEP);
		for (int window = 0; window < windows; window++) {
			for (int call = 1; call <= perWindow; call++) {
				int inFlight = Math.max(1, (int) (limit.limit() * load));
				boolean throttled = throttledEvery > 0 && call % throttledEvery == 0;
				limit.sample(this.now, rtt, inFlight, throttled);
				this.now += STEP;
			}
			limits.add(limit.limit());
		}
		return limits;
	}

	@Test
	void startsAtTheInitialLimit() {
		assertThat(new AdaptiveLimit(config(32, 8, 256)).limit()).isEqualTo(32);
	}

	@Test
	void growsWhileLatencyStaysFlatUpToTheMaximum() {
		AdaptiveLimit limit = new AdaptiveLimit(config(20, 5, 100));
		List<Integer> limits = run(limit, 30, 25, 1.0, 0);

		assertThat(limits.get(5)).isGreaterThan(20);
		assertThat(limits).isSorted();
		assertThat(limits).allSatisfy((value) -> assertThat(value).isBetween(20, 100));
		assertThat(limit.limit()).as("bounded by max").isEqualTo(100);
	}

	@Test
	void doesNotGrowWhileFewerThanHalfTheSlotsAreUsed() {
		AdaptiveLimit limit = new AdaptiveLimit(config(20, 5, 100));
		assertThat(run(limit, 20, 25, 0.25, 0)).containsOnly(20);
	}

	@Test
	void shrinksWhenLatencyRisesDownToTheMinimum() {
		AdaptiveLimit limit = new AdaptiveLimit(config(40, 30, 100));
		run(limit, 3, 25, 1.0, 0);
		int before = limit.limit();
		assertThat(before).isGreaterThan(40);

		List<Integer> rising = run(limit, 5, 60, 1.0, 0);
		assertThat(rising.get(4)).isLessThan(before);
		assertThat(rising).isSortedAccordingTo((a, b) -> Integer.compare(b, a));

		List<Integer> longer = run(limit, 60, 60, 1.0, 0);
		assertThat(longer).allSatisfy((value) -> assertThat(value).isGreaterThanOrEqualTo(30));
		assertThat(limit.limit()).as("bounded by min").isEqualTo(30);
	}

	@Test
	void shrinksWhenTheUpstreamThrottlesAtFlatLatency() {
		AdaptiveLimit limit = new AdaptiveLimit(config(40, 8, 100));
		run(limit, 3, 25, 1.0, 0);
		int before = limit.limit();

		List<Integer> throttled = run(limit, 10, 25, 1.0, 20);
		assertThat(throttled).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
		assertThat(limit.limit()).isLessThan(before);

		List<Integer> recovered = run(limit, 10, 25, 1.0, 0);
		assertThat(recovered.get(9)).as("grows again once the 429s stop").isGreaterThan(throttled.get(9));
	}

}
