package dev.adsgraph.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.adsgraph.testing.MutableClock;
import dev.adsgraph.testing.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replicas count one another through their heartbeats in Redis; the clock is the
 * replicas' own, moved by the test instead of waited for.
 */
class ReplicaHeartbeatTest {

	private static final Duration INTERVAL = Duration.ofSeconds(5);

	private static final Duration EXPIRY = Duration.ofSeconds(15);

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final String prefix = "heartbeat:" + UUID.randomUUID() + ":";

	private RedisClient client;

	private StatefulRedisConnection<String, String> connection;

	@BeforeEach
	void connect() {
		this.client = RedisClient.create(RedisServer.shared().url());
		this.connection = this.client.connect();
	}

	@AfterEach
	void disconnect() {
		this.connection.close();
		this.client.shutdown();
	}

	@Test
	void eachReplicaCountsTheLiveOnesAndADeadOneDropsOutOnceItsEntryExpires() {
		RedisStatus a = new RedisStatus(2);
		RedisStatus b = new RedisStatus(2);
		ReplicaHeartbeat first = heartbeat(a);
		ReplicaHeartbeat second = heartbeat(b);
		first.beat().block();
		assertThat(a.replicas()).isEqualTo(1);
		assertThat(a.shared()).isTrue();
		second.beat().block();
		first.beat().block();
		assertThat(a.replicas()).isEqualTo(2);
		assertThat(b.replicas()).isEqualTo(2);

		// The second replica dies (renews nothing): counted until its entry expires.
		this.clock.advance(EXPIRY);
		first.beat().block();
		assertThat(a.replicas()).isEqualTo(2);
		this.clock.advance(Duration.ofMillis(1));
		first.beat().block();
		assertThat(a.replicas()).isEqualTo(1);
	}

	@Test
	void aReplicaThatShutsDownLeavesTheCountAtOnce() {
		RedisStatus a = new RedisStatus(2);
		ReplicaHeartbeat first = heartbeat(a);
		ReplicaHeartbeat second = heartbeat(new RedisStatus(2));
		second.beat().block();
		first.beat().block();
		assertThat(a.replicas()).isEqualTo(2);
		second.close();
		first.beat().block();
		assertThat(a.replicas()).isEqualTo(1);
		assertThat(this.connection.sync().pttl(this.prefix + "replicas")).isPositive();
	}

	@Test
	void untilTheFirstHeartbeatAReplicaIsDegradedAndAssumesTheConfiguredCount() {
		RedisStatus status = new RedisStatus(3);
		assertThat(status.degraded()).isTrue();
		assertThat(status.counted()).isFalse();
		assertThat(status.replicas()).isEqualTo(3);
		heartbeat(status).beat().block();
		assertThat(status.degraded()).isFalse();
		assertThat(status.replicas()).isEqualTo(1);
	}

	@Test
	void startingWaitsForTheFirstHeartbeatAndClosingLeavesTheCount() {
		// A server of its own, which the test holds still for a moment.
		RedisServer redis = RedisServer.startPrivate();
		RedisClient held = RedisClient.create(redis.url());
		try (StatefulRedisConnection<String, String> connection = held.connect()) {
			RedisStatus status = new RedisStatus(3);
			ReplicaHeartbeat started = new ReplicaHeartbeat(connection.reactive(), this.prefix, INTERVAL, EXPIRY,
					Duration.ofSeconds(5), this.clock, status);
			// Redis answers nothing for 300 ms: a start that did not wait for the first
			// heartbeat would return before the replica is counted.
			connection.sync().clientPause(300);
			started.start();
			try {
				assertThat(status.shared()).isTrue();
				assertThat(status.replicas()).isEqualTo(1);
			}
			finally {
				started.close();
			}
			assertThat(connection.sync().zcard(this.prefix + "replicas")).isZero();
		}
		finally {
			held.shutdown();
			redis.close();
		}
	}

	@Test
	void aReplicaWhoseRedisDoesNotAnswerStartsDegradedAndStillCloses() {
		StatefulRedisConnection<String, String> gone = this.client.connect();
		gone.close();
		RedisStatus status = new RedisStatus(2);
		ReplicaHeartbeat started = new ReplicaHeartbeat(gone.reactive(), this.prefix, INTERVAL, EXPIRY,
				Duration.ofSeconds(1), this.clock, status);
		started.start();
		assertThat(status.degraded()).isTrue();
		assertThat(status.counted()).isFalse();
		started.close();
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
	}

	private ReplicaHeartbeat heartbeat(RedisStatus status) {
		return new ReplicaHeartbeat(this.connection.reactive(), this.prefix, INTERVAL, EXPIRY, Duration.ofSeconds(1),
				this.clock, status);
	}

}
