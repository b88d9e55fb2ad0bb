package dev.adsgraph.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
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
	 * Beats once, waiting at most the command timeout (so a replica whose Redis answers
	 * starts shared), then every interval in the background.
	 */
	void start() {
		try {
			beat().block(this.timeout.multipliedBy(2));
		}
		catch (RuntimeException ex) {
			// Already recorded by beat(): the replica starts degraded.
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

	/** Stops beating and removes this replica from the count. */
	@Override
	public void close() {
		if (this.loop != null) {
			this.loop.dispose();
		}
		try {
			this.redis.zrem(this.key, this.id).timeout(this.timeout).block(this.timeout.multipliedBy(2));
		}
		catch (RuntimeException ex) {
			// Redis is down: the entry expires.
		}
	}

}
