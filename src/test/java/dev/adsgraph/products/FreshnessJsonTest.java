package dev.adsgraph.products;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.adsgraph.watch.WatchValues;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code productsReportStatus} follows crosses replicas in Redis mode as JSON and
 * reads back equal, its instants and its derived {@code isReady} getter included.
 */
class FreshnessJsonTest {

	@Test
	void bothFreshnessesReadBackEqual() {
		for (Freshness.Both both : new Freshness.Both[] {
				new Freshness.Both(Freshness.ready(Instant.parse("2026-12-05T10:15:30.123Z")), Freshness.pending()),
				new Freshness.Both(Freshness.failed("Amazon gave up"), Freshness.ready(null)) }) {
			assertThat(WatchValues.read(WatchValues.write(both), Freshness.Both.class)).isEqualTo(both);
		}
	}

}
