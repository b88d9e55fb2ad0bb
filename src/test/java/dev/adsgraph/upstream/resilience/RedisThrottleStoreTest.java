package dev.adsgraph.upstream.resilience;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.adsgraph.testing.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Ads API back-offs told to every replica through a real Redis. */
class RedisThrottleStoreTest {

	private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

	private final String prefix = "test:" + UUID.randomUUID() + ":";

	private final RedisClient client = RedisClient.create(RedisServer.shared().url());

	private final RedisThrottleStore replicaA = new RedisThrottleStore(this.client, this.prefix);

	private final RedisThrottleStore replicaB = new RedisThrottleStore(this.client, this.prefix);

	@AfterEach
	void close() {
		this.replicaA.close();
		this.replicaB.close();
		this.client.shutdown();
	}

	@Test
	void aBackOffOneReplicaRecordsHoldsOnTheOtherAndEnds() {
		this.replicaA.blockUntil("ads|NA|acme", NOW.plusSeconds(2));

		assertThat(this.replicaA.blockedUntil("ads|NA|acme", NOW)).contains(NOW.plusSeconds(2));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.replicaB.blockedUntil("ads|NA|acme", NOW), Optional::isPresent);
		assertThat(this.replicaB.blockedUntil("ads|NA|acme", NOW)).contains(NOW.plusSeconds(2));
		assertThat(this.replicaB.blockedUntil("ads|EU|acme", NOW)).isEmpty();
		assertThat(this.replicaB.blockedUntil("ads|NA|acme", NOW.plusSeconds(2))).isEmpty();
	}

	@Test
	void aShorterBackOffFromAnotherReplicaNeverShortensOneInForce() {
		this.replicaB.blockUntil("ads|NA|acme", NOW.plusSeconds(10));
		this.replicaA.blockUntil("ads|NA|acme", NOW.plusSeconds(1));
		this.replicaA.blockUntil("ads|NA|acme", NOW.plusSeconds(3));

		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.replicaA.blockedUntil("ads|NA|acme", NOW),
					(until) -> until.equals(Optional.of(NOW.plusSeconds(10))));
		// Messages of one publisher arrive in order: once B has A's next one, it has had
		// the two shorter ones, and kept its own.
		this.replicaA.blockUntil("ads|EU|acme", NOW.plusSeconds(1));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.replicaB.blockedUntil("ads|EU|acme", NOW), Optional::isPresent);
		assertThat(this.replicaB.blockedUntil("ads|NA|acme", NOW)).contains(NOW.plusSeconds(10));
	}

}
