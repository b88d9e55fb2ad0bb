package dev.adsgraph.bench;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the scale-out run derives the replicas' Redis round trips from Redis's counts,
 * which include the commands Bucket4j's scripts run.
 */
class ScaleOutTest {

	@Test
	void eachScriptCountsOnceAndTheCommandsItRanAreTakenOff() {
		// 500 bucket steps without contention: GET, then EVAL (GET, PSETEX inside).
		assertThat(ScaleOut.roundTrips(Map.of("get", 1000L, "eval", 500L, "psetex", 500L))).isEqualTo(1000);
		// Two buckets created (EVAL running SET NX PX), one swap lost and retried (a GET
		// and an EVAL more, no PSETEX), one LWA token stored (SET from the client).
		assertThat(ScaleOut.roundTrips(Map.of("get", 6L, "eval", 5L, "set", 3L, "psetex", 2L))).isEqualTo(9);
	}

	@Test
	void withoutScriptsEveryCommandIsARoundTrip() {
		assertThat(ScaleOut.roundTrips(Map.of("get", 3L, "set", 2L, "publish", 1L))).isEqualTo(6);
		assertThat(ScaleOut.roundTrips(Map.of())).isZero();
	}

}
