package dev.adsgraph.redis;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lettuce's {@link RedisClient} whose connections can be opened while Redis is down, so
 * that a replica starts (and serves, degraded) without its Redis.
 * <p>
 * Lettuce reconnects a connection on its own, but only one that connected once:
 * {@link RedisClient#connect} fails when Redis cannot be reached. Here
 * {@link #connect(RedisCodec)} and {@link #connectPubSub(RedisCodec)} try once, and when
 * that fails (or an earlier attempt found Redis unreachable) they answer a stand-in of
 * the connection ({@link LazyConnection}) at once and go on connecting in the background,
 * with a back-off of {@link #FIRST_RETRY} doubling up to {@link #LAST_RETRY}. Until the
 * connection is made, commands through the stand-in fail at once with a
 * {@link RedisConnectionException} (as Lettuce's own commands do on a connection that is
 * down, with {@code REJECT_COMMANDS}); pub/sub listeners and subscriptions are recorded
 * and made on the connection when it comes, after which Lettuce itself re-subscribes
 * whenever it reconnects. So beans may open their connections in their constructors, as
 * they would with Lettuce's client, whether Redis is up or not.
 */
final class ReconnectingRedisClient extends RedisClient {

	static final Duration FIRST_RETRY = Duration.ofMillis(100);

	static final Duration LAST_RETRY = Duration.ofSeconds(2);

	private static final Logger logger = LoggerFactory.getLogger(ReconnectingRedisClient.class);

	private final RedisURI uri;

	/** False once a connection attempt failed, until one succeeds. */
	private volatile boolean reachable = true;

	private volatile boolean shutdown;

	/** Stand-ins not connected yet. */
	private final Set<LazyConnection<?, ?>> pending = ConcurrentHashMap.newKeySet();

	ReconnectingRedisClient(ClientResources resources, RedisURI uri) {
		super(resources, uri);
		this.uri = uri;
	}

	@Override
	public StatefulRedisConnection<String, String> connect() {
		return connect(StringCodec.UTF8);
	}

	@Override
	public <K, V> StatefulRedisConnection<K, V> connect(RedisCodec<K, V> codec) {
		if (this.reachable) {
			try {
				return super.connect(codec);
			}
			catch (RedisConnectionException ex) {
				unreachable(ex);
			}
		}
		LazyConnection<K, V> lazy = new LazyConnection<>(false, codec, this);
		this.pending.add(lazy);
		retry(lazy, 0);
		return lazy.connection();
	}

	@Override
	public StatefulRedisPubSubConnection<String, String> connectPubSub() {
		return connectPubSub(StringCodec.UTF8);
	}

	@Override
	public <K, V> StatefulRedisPubSubConnection<K, V> connectPubSub(RedisCodec<K, V> codec) {
		if (this.reachable) {
			try {
				return super.connectPubSub(codec);
			}
			catch (RedisConnectionException ex) {
				unreachable(ex);
			}
		}
		LazyConnection<K, V> lazy = new LazyConnection<>(true, codec, this);
		this.pending.add(lazy);
		retry(lazy, 0);
		return lazy.pubSubConnection();
	}

	/**
	 * Whether every connection opened while Redis was unreachable has connected since (or
	 * was closed): until then some of the beans using Redis would still fail.
	 */
	boolean allConnected() {
		this.pending.removeIf(LazyConnection::isClosed);
		return this.pending.isEmpty();
	}

	private void unreachable(RedisConnectionException ex) {
		if (this.reachable) {
			logger.warn("Redis is unreachable ({}); going on without it and connecting in the background",
					ex.getMessage());
		}
		this.reachable = false;
	}

	/** Tries to connect the stand-in after the back-off of this attempt. */
	private <K, V> void retry(LazyConnection<K, V> lazy, int attempt) {
		if (this.shutdown || lazy.isClosed()) {
			return;
		}
		long delay = Math.min(FIRST_RETRY.toMillis() << Math.min(attempt, 20), LAST_RETRY.toMillis());
		try {
			getResources().eventExecutorGroup().schedule(() -> attempt(lazy, attempt), delay, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Lettuce's threads are shutting down: so is the application.
		}
	}

	private <K, V> void attempt(LazyConnection<K, V> lazy, int attempt) {
		if (this.shutdown || lazy.isClosed() || lazy.isConnected()) {
			return;
		}
		try {
			(lazy.isPubSub() ? connectPubSubAsync(lazy.codec(), this.uri) : connectAsync(lazy.codec(), this.uri))
				.whenComplete((connection, ex) -> {
					if (ex != null) {
						retry(lazy, attempt + 1);
					}
					else {
						if (!this.reachable) {
							logger.info("Redis is reachable again");
						}
						this.reachable = true;
						lazy.connected(connection);
						this.pending.remove(lazy);
						// Redis answers: the other stand-ins need not wait for their
						// back-off.
						this.pending.forEach((other) -> attempt(other, 0));
					}
				});
		}
		catch (RuntimeException ex) {
			// The client is shutting down.
			logger.debug("Could not try to connect to Redis: {}", ex.toString());
		}
	}

	@Override
	public void shutdown(long quietPeriod, long timeout, TimeUnit timeUnit) {
		this.shutdown = true;
		super.shutdown(quietPeriod, timeout, timeUnit);
	}

}
