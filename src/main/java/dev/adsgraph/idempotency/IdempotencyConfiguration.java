package dev.adsgraph.idempotency;

import java.time.Clock;
import java.time.Duration;

import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The executor and its store. An {@link IdempotencyStore} bean (Redis, for several
 * replicas) replaces the in-memory store; a {@link Clock} bean replaces the system clock.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdempotencyProperties.class)
class IdempotencyConfiguration {

	/**
	 * A claim lapses this long after its owner abandons the execution, so a live owner
	 * always settles its own key first; only the claims of a replica that vanished lapse.
	 */
	static final Duration LAPSE_GRACE = Duration.ofSeconds(5);

	/** How often a caller asks about a key another replica holds. */
	static final Duration POLL_INTERVAL = Duration.ofMillis(250);

	@Bean
	@ConditionalOnMissingBean(IdempotencyStore.class)
	IdempotencyStore idempotencyStore(IdempotencyProperties properties, Clock clock) {
		return new CaffeineIdempotencyStore(properties.retention(), properties.maxEntries(),
				properties.inFlightTimeout().plus(LAPSE_GRACE), clock);
	}

	@Bean
	IdempotencyExecutor idempotencyExecutor(IdempotencyStore idempotencyStore, IdempotencyProperties properties) {
		return new IdempotencyExecutor(idempotencyStore, properties.inFlightTimeout(), POLL_INTERVAL,
				Schedulers.parallel());
	}

}
