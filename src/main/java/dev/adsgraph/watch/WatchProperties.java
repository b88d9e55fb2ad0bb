package dev.adsgraph.watch;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

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
 * @param redisLease in Redis mode, how long one replica holds the right to poll a watched
 * id for the cluster; it renews it every third of this while it polls, and a replica that
 * dies holding it is replaced within this time
 */
@Validated
@ConfigurationProperties("adsgraph.subscriptions")
record WatchProperties(
		@NotNull @DurationMin(nanos = 0, inclusive = false) @DefaultValue("1s") Duration pollInitialDelay,
		@NotNull @DurationMin(nanos = 0, inclusive = false) @DefaultValue("15s") Duration pollMaxDelay,
		@NotNull @DurationMin(nanos = 0, inclusive = false) @DefaultValue("1h") Duration maxDuration,
		@Positive @DefaultValue("1000") int maxPollers, @Positive @DefaultValue("100") int maxPollersPerTenant,
		@NotNull @DurationMin(millis = 300) @DefaultValue("10s") Duration redisLease) {

	// Relations between settings, which Bean Validation's annotations cannot express.
	WatchProperties {
		if (pollInitialDelay != null && pollMaxDelay != null && pollMaxDelay.compareTo(pollInitialDelay) < 0) {
			throw new IllegalArgumentException(
					"adsgraph.subscriptions.poll-max-delay must not be below poll-initial-delay");
		}
		if (maxPollersPerTenant > maxPollers) {
			throw new IllegalArgumentException("adsgraph.subscriptions.max-pollers-per-tenant must be between 1 and"
					+ " max-pollers (" + maxPollers + "), was " + maxPollersPerTenant);
		}
	}

}
