package dev.adsgraph.reports;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

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
 * @param claimExpiry in Redis mode, how long a replica's claim on a report lasts unless
 * renewed (the claimant renews it three times per expiry while it follows the report);
 * when a claimant dies, another replica takes over after at most this long
 * @param claimCheck in Redis mode, how often a replica waiting for another's report looks
 * for its result (and for a claim to take over)
 */
@Validated
@ConfigurationProperties("adsgraph.reports")
record ReportProperties(
		@NotNull @DurationMin(nanos = 0, inclusive = false) @DefaultValue("1s") Duration pollInitialDelay,
		@NotNull @DurationMin(nanos = 0, inclusive = false) @DefaultValue("30s") Duration pollMaxDelay,
		@DecimalMin("0") @DecimalMax("1") @DefaultValue("0.2") double pollJitter,
		@NotNull @DurationMin(nanos = 0, inclusive = false) @DefaultValue("3h") Duration maxWait,
		@NotNull @DurationMin(nanos = 0) @DefaultValue("2s") Duration grace,
		@NotNull @DurationMin(nanos = 0) @DefaultValue("1h") Duration ttl,
		@NotNull @DurationMin(nanos = 0) @DefaultValue("10m") Duration ttlIncludingToday,
		@NotNull @DurationMin(nanos = 0) @DefaultValue("1m") Duration failedTtl,
		@Positive @DefaultValue("10000") long maxEntries,
		@NotNull @DurationMin(millis = 100) @DefaultValue("30s") Duration claimExpiry,
		@NotNull @DurationMin(nanos = 0, inclusive = false) @DefaultValue("1s") Duration claimCheck) {

	// A relation between settings, which Bean Validation's annotations cannot express.
	ReportProperties {
		if (pollInitialDelay != null && pollMaxDelay != null && pollMaxDelay.compareTo(pollInitialDelay) < 0) {
			throw new IllegalArgumentException("adsgraph.reports.poll-max-delay must not be below poll-initial-delay");
		}
	}

}
