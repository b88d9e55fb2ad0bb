package dev.adsgraph.reports;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adsgraph.reports.*}: how upstream reports are polled and how long their results
 * are reused.
 *
 * @param pollInitialDelay wait before the first status check, doubled after each check
 * @param pollMaxDelay cap of that doubling; Amazon throttles status checks that come too
 * fast
 * @param pollJitter fraction (0 to 1) by which each wait is randomly shortened, so
 * reports started together do not poll in lockstep
 * @param maxWait how long a report may take before it counts as failed (Amazon: up to 3
 * h)
 * @param grace how long a request for a report that is not ready waits for it before
 * answering PENDING, so fast reports come back in one request
 * @param ttl how long a result is reused when its range ended before today
 * @param ttlIncludingToday how long a result is reused when its range includes today,
 * whose numbers still grow
 * @param failedTtl how long a failure is answered from memory before the next request
 * tries again, so a failing upstream is not hammered
 * @param maxEntries how many results are kept in memory at most
 */
@Validated
@ConfigurationProperties("adsgraph.reports")
record ReportProperties(@NotNull @DefaultValue("1s") Duration pollInitialDelay,
		@NotNull @DefaultValue("30s") Duration pollMaxDelay, @DefaultValue("0.2") double pollJitter,
		@NotNull @DefaultValue("3h") Duration maxWait, @NotNull @DefaultValue("2s") Duration grace,
		@NotNull @DefaultValue("1h") Duration ttl, @NotNull @DefaultValue("10m") Duration ttlIncludingToday,
		@NotNull @DefaultValue("1m") Duration failedTtl, @DefaultValue("10000") long maxEntries) {

	ReportProperties {
		requirePositive("poll-initial-delay", pollInitialDelay);
		requirePositive("poll-max-delay", pollMaxDelay);
		if (pollInitialDelay != null && pollMaxDelay != null && pollMaxDelay.compareTo(pollInitialDelay) < 0) {
			throw new IllegalArgumentException("adsgraph.reports.poll-max-delay must not be below poll-initial-delay");
		}
		if (!(pollJitter >= 0 && pollJitter <= 1)) {
			throw new IllegalArgumentException(
					"adsgraph.reports.poll-jitter must be between 0 and 1, was " + pollJitter);
		}
		requirePositive("max-wait", maxWait);
		requireNotNegative("grace", grace);
		requireNotNegative("ttl", ttl);
		requireNotNegative("ttl-including-today", ttlIncludingToday);
		requireNotNegative("failed-ttl", failedTtl);
		if (maxEntries <= 0) {
			throw new IllegalArgumentException("adsgraph.reports.max-entries must be positive, was " + maxEntries);
		}
	}

	private static void requirePositive(String property, Duration duration) {
		if (duration != null && (duration.isZero() || duration.isNegative())) {
			throw new IllegalArgumentException("adsgraph.reports." + property + " must be positive, was " + duration);
		}
	}

	private static void requireNotNegative(String property, Duration duration) {
		if (duration != null && duration.isNegative()) {
			throw new IllegalArgumentException(
					"adsgraph.reports." + property + " must not be negative, was " + duration);
		}
	}

}
