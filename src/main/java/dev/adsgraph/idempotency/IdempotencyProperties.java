package dev.adsgraph.idempotency;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adsgraph.idempotency.*}: how long the answers of mutations sent with an
 * idempotency key are kept (in the database), and how long an execution may hold its key.
 *
 * @param retention how long a finished execution's answer is replayed, counted from when
 * it finished
 * @param inFlightTimeout how long one execution may run before it is abandoned and its
 * key no longer waits for it; keep it well above the upstream timeouts (LWA plus Ads API)
 */
@Validated
@ConfigurationProperties("adsgraph.idempotency")
record IdempotencyProperties(
		@NotNull @DurationMin(nanos = 0, inclusive = false) @DefaultValue("24h") Duration retention,
		@NotNull @DurationMin(nanos = 0, inclusive = false) @DefaultValue("5m") Duration inFlightTimeout) {

}
