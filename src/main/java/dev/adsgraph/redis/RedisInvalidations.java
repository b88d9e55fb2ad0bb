package dev.adsgraph.redis;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the other replicas that something this replica changed must be dropped from what
 * they keep in memory (a profile list, a workspace's connections, the remembered API
 * keys): one Redis channel, {@code <prefix>invalidate}, to which every replica listens.
 * <p>
 * A message is a topic and a payload. The replica that publishes it has already acted on
 * it; the others call the topic's subscribers. Publishing never waits and never fails the
 * caller: a message Redis does not take is logged (once per outage) and dropped. Messages
 * published while a replica is cut off from Redis are lost to it, so when its
 * subscription comes back it calls the {@link #onReconnected} hooks, which drop
 * everything that might have been invalidated meanwhile.
 */
public final class RedisInvalidations implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RedisInvalidations.class);

	private final String origin = UUID.randomUUID().toString();

	private final String channel;

	private final StatefulRedisConnection<String, String> publisher;

	private final StatefulRedisPubSubConnection<String, String> subscriber;

	private final Map<String, List<Consumer<String>>> subscribers = new ConcurrentHashMap<>();

	private final List<Runnable> reconnected = new CopyOnWriteArrayList<>();

	private final RedisOutageLog outages = new RedisOutageLog(logger, "the invalidation channel");

	private final RedisClient client;

	private final RedisConnectionStateListener connectionStates;

	private volatile boolean lost;

	/**
	 * Subscribes to the channel before returning, so a message published once this exists
	 * is received.
	 * @param publisher the connection messages are published on; commands a store issued
	 * on it before a message (a deletion) are carried out before the message is
	 */
	public RedisInvalidations(RedisClient client, StatefulRedisConnection<String, String> publisher, String prefix) {
		this.channel = Objects.requireNonNull(prefix, "prefix") + "invalidate";
		this.publisher = publisher;
		this.subscriber = client.connectPubSub();
		this.subscriber.addListener(new RedisPubSubAdapter<>() {

			@Override
			public void message(String channel, String message) {
				received(message);
			}

		});
		this.client = client;
		this.connectionStates = new RedisConnectionStateListener() {

			@Override
			public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
				if (connection == RedisInvalidations.this.subscriber) {
					RedisInvalidations.this.lost = true;
				}
			}

			@Override
			public void onRedisConnected(RedisChannelHandler<?, ?> connection, java.net.SocketAddress address) {
				if (connection == RedisInvalidations.this.subscriber && RedisInvalidations.this.lost) {
					RedisInvalidations.this.lost = false;
					logger.info("Back on the invalidation channel {}: dropping what may have been invalidated "
							+ "while it was unreachable", RedisInvalidations.this.channel);
					RedisInvalidations.this.reconnected.forEach(Runnable::run);
				}
			}

		};
		client.addListener(this.connectionStates);
		this.subscriber.sync().subscribe(this.channel);
	}

	/** The channel's name. */
	public String channel() {
		return this.channel;
	}

	/**
	 * Calls {@code subscriber} with the payload of each message of {@code topic} another
	 * replica publishes.
	 */
	public void subscribe(String topic, Consumer<String> subscriber) {
		this.subscribers.computeIfAbsent(topic, (t) -> new CopyOnWriteArrayList<>()).add(subscriber);
	}

	/**
	 * Runs {@code hook} when this replica is back on the channel after losing it (what
	 * the others published meanwhile is lost).
	 */
	public void onReconnected(Runnable hook) {
		this.reconnected.add(hook);
	}

	/** Tells the other replicas; returns at once. */
	public void publish(String topic, String payload) {
		this.publisher.reactive()
			.publish(this.channel, this.origin + "\n" + topic + "\n" + payload)
			.subscribe((receivers) -> this.outages.succeeded(), (ex) -> this.outages.failed("publishing " + topic, ex));
	}

	/** origin, newline, topic, newline, payload. */
	private void received(String message) {
		int first = message.indexOf('\n');
		int second = (first < 0) ? -1 : message.indexOf('\n', first + 1);
		if (second < 0) {
			logger.warn("Ignoring an unreadable message on {}", this.channel);
			return;
		}
		if (message.startsWith(this.origin + "\n")) {
			return;
		}
		String topic = message.substring(first + 1, second);
		String payload = message.substring(second + 1);
		for (Consumer<String> subscriber : this.subscribers.getOrDefault(topic, List.of())) {
			try {
				subscriber.accept(payload);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not apply an invalidation of {} received on {}: {}", topic, this.channel,
						ex.toString());
			}
		}
	}

	@Override
	public void close() {
		this.client.removeListener(this.connectionStates);
		this.subscriber.close();
	}

}
