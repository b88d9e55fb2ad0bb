package dev.adsgraph.graphql;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.adsgraph.caching.CacheMetrics;
import dev.adsgraph.testing.MutableClock;
import dev.adsgraph.testing.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Persisted queries shared by replicas through a real Redis: registered on one, found on
 * another; bounded by size and expiry; served from memory while Redis is down.
 */
class RedisPersistedQueryStoreTest {

	private static final Duration TTL = Duration.ofHours(1);

	private final String prefix = "test:" + UUID.randomUUID() + ":";

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));

	private final List<RedisClient> clients = new ArrayList<>();

	@AfterEach
	void close() {
		this.clients.forEach(RedisClient::shutdown);
	}

	private PersistedQueryStore replica(String url, long maxBytes) {
		RedisClient client = RedisClient.create(url);
		client.setOptions(ClientOptions.builder()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(1)))
			.build());
		this.clients.add(client);
		StatefulRedisConnection<String, String> connection = client.connect();
		return new RedisPersistedQueryStore(new CaffeinePersistedQueryStore(10_000, CacheMetrics.NONE, Runnable::run),
				connection, this.prefix, TTL, maxBytes, Duration.ofSeconds(1), this.clock);
	}

	private PersistedQueryStore replica() {
		return replica(RedisServer.shared().url(), 1_000);
	}

	/** What a replica that never saw the hash finds, once the registrations landed. */
	private String shared(String sha256) {
		return replica().get(sha256).block();
	}

	@Test
	void aDocumentRegisteredOnOneReplicaIsFoundOnAnother() {
		PersistedQueryStore a = replica();
		PersistedQueryStore b = replica();
		assertThat(b.get("h1").block()).isNull();

		a.put("h1", "{ profiles { id } }");

		await().atMost(Duration.ofSeconds(5)).until(() -> "{ profiles { id } }".equals(b.get("h1").block()));
		assertThat(a.get("h1").block()).isEqualTo("{ profiles { id } }");
	}

	@Test
	void theOldestRegistrationsGoWhenTheTotalSizeIsReached() {
		PersistedQueryStore a = replica(RedisServer.shared().url(), 100);
		a.put("a", "x".repeat(60));
		this.clock.advance(Duration.ofSeconds(1));
		a.put("b", "y".repeat(30));
		this.clock.advance(Duration.ofSeconds(1));
		a.put("c", "z".repeat(30));
		a.put("too-long", "w".repeat(101));
		// Registrations are sent in order on one connection: once the last is in, all
		// are.
		a.put("last", "v");
		await().atMost(Duration.ofSeconds(5)).until(() -> shared("last") != null);

		assertThat(shared("a")).isNull();
		assertThat(shared("b")).isEqualTo("y".repeat(30));
		assertThat(shared("c")).isEqualTo("z".repeat(30));
		assertThat(shared("too-long")).isNull();
		assertThat(a.get("too-long").block()).isEqualTo("w".repeat(101));
	}

	@Test
	void aDocumentRegisteredLongerAgoThanTheExpiryGoes() {
		PersistedQueryStore a = replica();
		a.put("old", "{ old }");
		this.clock.advance(TTL.plusSeconds(1));
		a.put("new", "{ new }");
		await().atMost(Duration.ofSeconds(5)).until(() -> shared("new") != null);

		assertThat(shared("old")).isNull();
	}

	@Test
	void withRedisDownDocumentsAreServedFromMemoryAndMissesAreMisses() {
		RedisServer server = RedisServer.startPrivate();
		try {
			PersistedQueryStore a = replica(server.url(), 1_000);
			PersistedQueryStore b = replica(server.url(), 1_000);
			a.put("h1", "{ one }");
			await().atMost(Duration.ofSeconds(5)).until(() -> b.get("h1").block() != null);
			server.stop();

			a.put("h2", "{ two }");
			assertThat(a.get("h2").block()).isEqualTo("{ two }");
			assertThat(b.get("h1").block()).isEqualTo("{ one }");
			assertThat(b.get("h2").block()).isNull();

			server.restart();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				a.put("h3", "{ three }");
				return "{ three }".equals(b.get("h3").block());
			});
		}
		finally {
			server.close();
		}
	}

}
