package dev.adsgraph.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.adsgraph.buckets.RedisProxyManagers;
import dev.adsgraph.tenancy.RequestRate;
import dev.adsgraph.testing.MutableClock;
import dev.adsgraph.testing.RedisServer;
import dev.adsgraph.web.InMemoryRequestBucketStore;
import dev.adsgraph.web.RequestBucketStore.Admission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An API key's request bucket in Redis is one key every request of the key steps. Steps
 * of one replica that meet there go to Redis together (Bucket4j's batching), instead of
 * each failing the other's compare-and-swap and starting again.
 */
class RequestBucketsOnRedisTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private RedisServer redis;

	private RedisClient client;

	private final AtomicInteger commands = new AtomicInteger();

	@BeforeEach
	void start() {
		this.redis = RedisServer.startPrivate();
		this.client = RedisClient.create(this.redis.url());
		this.client.addListener(new CommandListener() {

			@Override
			public void commandStarted(CommandStartedEvent event) {
				RequestBucketsOnRedisTest.this.commands.incrementAndGet();
			}

		});
	}

	@AfterEach
	void stop() {
		this.client.shutdown();
		this.redis.close();
	}

	@Test
	void fiftyConcurrentRequestsOfOneKeyStepItsBucketInAFewRoundTrips() {
		InMemoryRequestBucketStore store = new InMemoryRequestBucketStore(RedisProxyManagers.proxyManager(this.client,
				"requests:", (String tenant) -> tenant, this.clock, Duration.ofSeconds(10)));
		RequestRate rate = new RequestRate(100, 40);
		this.commands.set(0);
		// Redis holds every client's commands for a moment: the first step is on its way
		// while the other 49 arrive, as under load.
		RedisClient admin = RedisClient.create(this.redis.url());
		try (StatefulRedisConnection<String, String> connection = admin.connect()) {
			connection.sync().clientPause(300);
		}
		finally {
			admin.shutdown();
		}
		List<Admission> admissions = Flux
			.merge(IntStream.range(0, 50).mapToObj((i) -> store.take("hot", rate)).toList())
			.collectList()
			.block(Duration.ofSeconds(30));

		assertThat(admissions).hasSize(50);
		// The burst: 40 admitted, the ten others told when to come back.
		assertThat(admissions.stream().filter(Admission::admitted)).hasSize(40);
		// One by one, every step would be a read and a swap at least: 100 round trips.
		assertThat(this.commands.get()).isLessThanOrEqualTo(8);
		assertThat(store.take("hot", rate).map(Admission::admitted).block()).isFalse();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(Mono.defer(() -> store.take("hot", rate)).map(Admission::admitted).block()).isTrue();
	}

}
