package dev.adsgraph.idempotency;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The executor and its store: PostgreSQL ({@link PostgresIdempotencyStore}), purged of
 * lapsed keys every {@link #PURGE_INTERVAL}. An {@link IdempotencyStore} bean replaces
 * it; a {@link Clock} bean replaces the system clock.
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

	/** How often lapsed keys are deleted from the database. */
	static final Duration PURGE_INTERVAL = Duration.ofMinutes(10);

	@Bean
	@ConditionalOnMissingBean(IdempotencyStore.class)
	@DependsOnDatabaseInitialization
	PostgresIdempotencyStore idempotencyStore(DatabaseClient database, IdempotencyProperties properties, Clock clock) {
		return new PostgresIdempotencyStore(database, properties.retention(),
				properties.inFlightTimeout().plus(LAPSE_GRACE), clock);
	}

	@Bean
	@ConditionalOnBean(PostgresIdempotencyStore.class)
	IdempotencyPurge idempotencyPurge(PostgresIdempotencyStore store) {
		return new IdempotencyPurge(store);
	}

	@Bean
	IdempotencyExecutor idempotencyExecutor(IdempotencyStore idempotencyStore, IdempotencyProperties properties) {
		return new IdempotencyExecutor(idempotencyStore, properties.inFlightTimeout(), POLL_INTERVAL,
				Schedulers.parallel());
	}

	/** Deletes lapsed keys while the application runs, first one interval after start. */
	static final class IdempotencyPurge implements SmartLifecycle {

		private static final Logger log = LoggerFactory.getLogger(IdempotencyPurge.class);

		private final PostgresIdempotencyStore store;

		private volatile Disposable schedule;

		IdempotencyPurge(PostgresIdempotencyStore store) {
			this.store = store;
		}

		@Override
		public void start() {
			this.schedule = Flux.interval(PURGE_INTERVAL, PURGE_INTERVAL)
				.concatMap((tick) -> this.store.purge().onErrorResume((ex) -> {
					log.warn("Could not delete lapsed idempotency keys; trying again in {}", PURGE_INTERVAL, ex);
					return reactor.core.publisher.Mono.empty();
				}))
				.subscribe();
		}

		@Override
		public void stop() {
			Disposable running = this.schedule;
			if (running != null) {
				running.dispose();
			}
			this.schedule = null;
		}

		@Override
		public boolean isRunning() {
			return this.schedule != null;
		}

	}

}
