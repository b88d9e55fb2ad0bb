package dev.adsgraph.upstream.resilience;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ads API back-offs of replicas in Redis mode: a 429 seen by one replica makes every
 * replica leave that tenant and region alone until the back-off ends.
 * <p>
 * {@link #blockedUntil} runs before every Ads call and must not wait on the network, so
 * each replica keeps the back-offs in its own memory ({@link InMemoryThrottleStore}) and
 * the replicas tell one another: {@link #blockUntil} records the back-off here and
 * publishes it on a Redis channel ({@code <prefix>backoff}), to which every replica
 * listens. Nothing is stored in Redis: a replica that starts during a back-off learns of
 * it from its own first 429. When Redis is down a back-off stays with the replica that
 * saw the 429, as in memory.
 */
public final class RedisThrottleStore implements ThrottleStore, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RedisThrottleStore.class);

	private final InMemoryThrottleStore local = new InMemoryThrottleStore();

	private final StatefulRedisConnection<String, String> publisher;

	private final StatefulRedisPubSubConnection<String, String> subscriber;

	private final String channel;

	/**
	 * Subscribes to the back-off channel before returning, so a back-off published once
	 * this exists is seen.
	 */
	public RedisThrottleStore(RedisClient client, String prefix) {
		this.channel = Objects.requireNonNull(prefix, "prefix") + "backoff";
		this.publisher = client.connect();
		this.subscriber = client.connectPubSub();
		this.subscriber.addListener(new RedisPubSubAdapter<>() {

			@Override
			public void message(String channel, String message) {
				received(message);
			}

		});
		this.subscriber.sync().subscribe(this.channel);
	}

	@Override
	public Optional<Instant> blockedUntil(String key, Instant now) {
		return this.local.blockedUntil(key, now);
	}

	@Override
	public void blockUntil(String key, Instant until) {
		this.local.blockUntil(key, until);
		this.publisher.reactive()
			.publish(this.channel, until + "\n" + key)
			.subscribe(null,
					(ex) -> logger.warn("Could not share an Ads API back-off through Redis: {}", ex.toString()));
	}

	/**
	 * A back-off another replica (or this one) published: {@code until}, newline, key.
	 */
	private void received(String message) {
		int newline = message.indexOf('\n');
		if (newline < 0) {
			return;
		}
		try {
			this.local.blockUntil(message.substring(newline + 1), Instant.parse(message.substring(0, newline)));
		}
		catch (DateTimeParseException ex) {
			logger.warn("Ignoring an unreadable back-off message on {}", this.channel);
		}
	}

	@Override
	public void close() {
		this.subscriber.close();
		this.publisher.close();
	}

}
