package dev.adsgraph.watch;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adsgraph.subscriptions.*}: how subscriptions poll the upstream and how many
 * pollers may run at once.
 *
 * @param pollInitialDelay wait after a poll that saw a change, doubled after each poll
 * that saw none
 * @param pollMaxDelay cap of that doubling
 * @param maxDuration how long one poller may run before its subscribers get an error and
 * it stops, so a token nobody accepts does not cost upstream calls forever
 * @param maxPollers pollers running at once, all tenants together
 * @param maxPollersPerTenant pollers running at once for one tenant, so one tenant cannot
 * use up the others' share (its Amazon quota is its own, the gateway's pollers are not)
 */
@Validated
@ConfigurationProperties("adsgraph.subscriptions")
record WatchProperties(@NotNull @DefaultValue("1s") Duration pollInitialDelay,
		@NotNull @DefaultValue("15s") Duration pollMaxDelay, @NotNull @DefaultValue("1h") Duration maxDuration,
		@DefaultValue("1000") int maxPollers, @DefaultValue("100") int maxPollersPerTenant) {

	WatchProperties {
		requirePositive("poll-initial-delay", pollInitialDelay);
		requirePositive("poll-max-delay", pollMaxDelay);
		requirePositive("max-duration", maxDuration);
		if (pollInitialDelay != null && pollMaxDelay != null && pollMaxDelay.compareTo(pollInitialDelay) < 0) {
			throw new IllegalArgumentException(
					"adsgraph.subscriptions.poll-max-delay must not be below poll-initial-delay");
		}
		if (maxPollers <= 0) {
			throw new IllegalArgumentException(
					"adsgraph.subscriptions.max-pollers must be positive, was " + maxPollers);
		}
		if (maxPollersPerTenant <= 0 || maxPollersPerTenant > maxPollers) {
			throw new IllegalArgumentException("adsgraph.subscriptions.max-pollers-per-tenant must be between 1 and"
					+ " max-pollers (" + maxPollers + "), was " + maxPollersPerTenant);
		}
	}

	private static void requirePositive(String property, Duration duration) {
		if (duration != null && (duration.isZero() || duration.isNegative())) {
			throw new IllegalArgumentException(
					"adsgraph.subscriptions." + property + " must be positive, was " + duration);
		}
	}

}
