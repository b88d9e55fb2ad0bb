package dev.adsgraph.redis;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.adsgraph.testing.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The invalidation channel between replicas, on a real Redis. */
class RedisInvalidationsTest {

	private final String prefix = "test:" + UUID.randomUUID() + ":";

	private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();

	private final List<RedisClient> clients = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.closing) {
			closeable.close();
		}
		this.clients.forEach(RedisClient::shutdown);
	}

	private RedisInvalidations replica(String url) {
		RedisClient client = RedisClient.create(url);
		client.setOptions(ClientOptions.builder()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(1)))
			.build());
		this.clients.add(client);
		StatefulRedisConnection<String, String> connection = client.connect();
		this.closing.add(connection);
		RedisInvalidations invalidations = new RedisInvalidations(client, connection, this.prefix);
		this.closing.add(invalidations);
		return invalidations;
	}

	@Test
	void theOtherReplicasGetATopicsMessagesInOrderAndTheSenderIgnoresItsOwn() {
		RedisInvalidations a = replica(RedisServer.shared().url());
		RedisInvalidations b = replica(RedisServer.shared().url());
		List<String> onA = new CopyOnWriteArrayList<>();
		List<String> onB = new CopyOnWriteArrayList<>();
		a.subscribe("connections", onA::add);
		b.subscribe("connections", onB::add);
		b.subscribe("api-keys", (payload) -> onB.add("keys"));

		a.publish("connections", "acme");
		a.publish("profiles", "{\"tenantId\":\"acme\"}");
		a.publish("connections", "globex\nwith a newline");
		await().atMost(Duration.ofSeconds(5)).until(() -> onB.size() == 2);
		assertThat(onB).containsExactly("acme", "globex\nwith a newline");

		// A receives B's message after its own two, which it ignored.
		b.publish("connections", "initech");
		await().atMost(Duration.ofSeconds(5)).until(() -> !onA.isEmpty());
		assertThat(onA).containsExactly("initech");
	}

	@Test
	void aReplicaBackOnTheChannelAfterRedisWasDownRunsItsHooks() {
		RedisServer server = RedisServer.startPrivate();
		try {
			RedisInvalidations a = replica(server.url());
			AtomicInteger dropped = new AtomicInteger();
			a.onReconnected(dropped::incrementAndGet);

			server.stop();
			a.publish("connections", "acme");
			assertThat(dropped).hasValue(0);
			server.restart();

			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(dropped).hasValue(1));
			// And it is subscribed again (Lettuce resubscribes once reconnected).
			RedisInvalidations b = replica(server.url());
			List<String> onA = new CopyOnWriteArrayList<>();
			a.subscribe("connections", onA::add);
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				b.publish("connections", "globex");
				return onA.contains("globex");
			});
			assertThat(dropped).hasValue(1);
		}
		finally {
			server.close();
		}
	}

}
