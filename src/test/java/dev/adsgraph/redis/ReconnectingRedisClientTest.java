package dev.adsgraph.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import dev.adsgraph.testing.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Connections opened while Redis is down: stand-ins that fail commands at once, keep
 * pub/sub listeners and subscriptions, and become the real connection when Redis starts;
 * from then on Lettuce reconnects and re-subscribes by itself.
 */
class ReconnectingRedisClientTest {

	private RedisServer redis;

	private ClientResources resources;

	private ReconnectingRedisClient client;

	@BeforeEach
	void start() {
		this.redis = RedisServer.startPrivate();
		this.resources = DefaultClientResources.create();
		this.client = new ReconnectingRedisClient(this.resources, RedisURI.create(this.redis.url()));
	}

	@AfterEach
	void stop() {
		this.client.shutdown();
		this.resources.shutdown();
		this.redis.close();
	}

	@Test
	void connectionsOpenedWhileRedisIsDownConnectWhenItStartsAndSubscriptionsSurviveRestarts() {
		this.redis.stop();
		StatefulRedisConnection<String, String> connection = this.client.connect();
		StatefulRedisPubSubConnection<String, String> subscriber = this.client.connectPubSub();
		List<String> received = new CopyOnWriteArrayList<>();
		subscriber.addListener(new RedisPubSubAdapter<>() {

			@Override
			public void message(String channel, String message) {
				received.add(message);
			}

		});
		subscriber.sync().subscribe("news");
		List<String> states = new CopyOnWriteArrayList<>();
		connection.addListener(new RedisConnectionStateListener() {

			@Override
			public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
				states.add("disconnected");
			}

		});

		assertThat(connection.isOpen()).isFalse();
		assertThatExceptionOfType(RedisConnectionException.class).isThrownBy(() -> connection.sync().ping());
		assertThat(connection.async().ping().toCompletableFuture()).failsWithin(Duration.ofSeconds(1));
		StepVerifier.create(connection.reactive().ping()).expectError(RedisConnectionException.class).verify();

		this.redis.restart();
		await().atMost(Duration.ofSeconds(30)).until(connection::isOpen);
		assertThat(connection.sync().ping()).isEqualTo("PONG");
		assertThat(connection.reactive().set("k", "v").block()).isEqualTo("OK");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			connection.sync().publish("news", "first");
			assertThat(received).contains("first");
		});

		// Lost and back again: Lettuce reconnects both and subscribes again; the
		// connection's listener, added before it was made, hears of it.
		this.redis.stop();
		await().atMost(Duration.ofSeconds(30)).until(() -> states.contains("disconnected"));
		this.redis.restart();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			connection.sync().publish("news", "second");
			assertThat(received).contains("second");
		});
	}

	@Test
	void withRedisUpConnectionsAreLettucesOwn() {
		StatefulRedisConnection<String, String> connection = this.client.connect();
		assertThat(connection.getClass().getName()).startsWith("io.lettuce");
		assertThat(connection.sync().ping()).isEqualTo("PONG");
		connection.close();
	}

	@Test
	void aStandInClosedBeforeRedisStartsNeverConnects() {
		this.redis.stop();
		StatefulRedisConnection<String, String> connection = this.client.connect();
		connection.close();
		this.redis.restart();
		StatefulRedisConnection<String, String> other = this.client.connect();
		await().atMost(Duration.ofSeconds(30)).until(other::isOpen);
		assertThat(connection.isOpen()).isFalse();
	}

}
