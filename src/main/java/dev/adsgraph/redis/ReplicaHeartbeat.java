package dev.adsgraph.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * How replicas count one another: each adds itself to the sorted set
 * {@code <prefix>replicas} every {@code interval}, scored with the time its entry expires
 * ({@code expiry} later), drops the entries whose time has passed, and counts the rest,
 * in one script (one round trip). A replica that stops renewing (it died, or lost Redis)
 * drops out of the count once its entry expires; one that shuts down removes its entry at
 * once. The times are the replicas' clocks, which must agree (as for the buckets).
 * <p>
 * The heartbeat is also how a degraded replica learns that Redis is back
 * ({@link RedisStatus#heartbeat}).
 */
final class ReplicaHeartbeat implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ReplicaHeartbeat.class);

	private static final String BEAT = "redis.call('zadd', KEYS[1], ARGV[1], ARGV[2]) "
			+ "redis.call('zremrangebyscore', KEYS[1], '-inf', '(' .. ARGV[3]) "
			+ "redis.call('pexpire', KEYS[1], ARGV[4]) " + "return redis.call('zcard', KEYS[1])";

	private final RedisReactiveCommands<String, String> redis;

	private final String key;

	private final String id = UUID.randomUUID().toString();

	private final Duration interval;

	private final Duration expiry;

	private final Duration timeout;

	private final Clock clock;

	private final RedisStatus status;

	private final BooleanSupplier ready;

	private Disposable loop;

	ReplicaHeartbeat(RedisReactiveCommands<String, String> redis, String prefix, Duration interval, Duration expiry,
			Duration timeout, Clock clock, RedisStatus status) {
		this(redis, prefix, interval, expiry, timeout, clock, status, () -> true);
	}

	/**
	 * @param ready whether every connection of the replica is there (see
	 * {@link RedisStatus#heartbeat(int, boolean)})
	 */
	ReplicaHeartbeat(RedisReactiveCommands<String, String> redis, String prefix, Duration interval, Duration expiry,
			Duration timeout, Clock clock, RedisStatus status, BooleanSupplier ready) {
		this.ready = ready;
		this.redis = Objects.requireNonNull(redis, "redis");
		this.key = prefix + "replicas";
		this.interval = interval;
		this.expiry = expiry;
		this.timeout = timeout;
		this.clock = clock;
		this.status = status;
	}

	/**
	 * Beats once, waiting at most twice the command timeout (so a replica whose Redis
	 * answers starts shared), then every interval in the background. Called while the
	 * beans are created, on the thread that creates them (never an event loop): the
	 * replica must not serve before it knows whether Redis answers, so this waits.
	 */
	void start() {
		if (!await(beat())) {
			logger.debug("The first Redis heartbeat did not succeed; the replica starts degraded");
		}
		this.loop = Mono.delay(this.interval)
			.then(Mono.defer(this::beat))
			.onErrorResume((ex) -> Mono.empty())
			.repeat()
			.subscribe();
	}

	/** One heartbeat; a failure makes the replica degraded. */
	Mono<Void> beat() {
		long now = this.clock.millis();
		return this.redis
			.<Long>eval(BEAT, ScriptOutputType.INTEGER, new String[] { this.key },
					Long.toString(now + this.expiry.toMillis()), this.id, Long.toString(now),
					Long.toString(this.expiry.toMillis()))
			.single()
			.timeout(this.timeout)
			.flatMap((count) -> this.status.heartbeat(count.intValue(), this.ready.getAsBoolean()))
			.doOnError((ex) -> {
				if (this.status.shared()) {
					logger.debug("Redis heartbeat failed: {}", ex.toString());
				}
				this.status.failed(ex);
			});
	}

	/**
	 * Stops beating and removes this replica from the count, waiting at most twice the
	 * command timeout: called when the application context closes (a bean's destruction
	 * waits for it, before the Redis connection is closed).
	 */
	@Override
	public void close() {
		if (this.loop != null) {
			this.loop.dispose();
		}
		if (!await(this.redis.zrem(this.key, this.id).timeout(this.timeout))) {
			logger.debug("Could not remove this replica from the count; its entry expires in {}", this.expiry);
		}
	}

	/**
	 * Waits for {@code command} on this (lifecycle) thread for at most twice the command
	 * timeout; false when it failed (a heartbeat's failure is already recorded by
	 * {@link #beat()}) or did not finish in time (then it is cancelled). An interrupt
	 * cancels it too, and is kept for the caller.
	 */
	private boolean await(Mono<?> command) {
		CompletableFuture<?> done = command.toFuture();
		try {
			done.get(this.timeout.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (ExecutionException ex) {
			return false;
		}
		catch (TimeoutException ex) {
			// Past the command's own timeout: something else hangs (a reconciliation).
			logger.warn("A Redis heartbeat command did not finish within {}; cancelled", this.timeout.multipliedBy(2));
			done.cancel(true);
			return false;
		}
		catch (InterruptedException ex) {
			done.cancel(true);
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
