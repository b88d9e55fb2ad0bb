package dev.adsgraph.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.adsgraph.buckets.RedisProxyManagers;
import dev.adsgraph.tenancy.RequestRate;
import dev.adsgraph.testing.ClosedPort;
import dev.adsgraph.testing.MutableClock;
import dev.adsgraph.testing.RedisServer;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.sp.BucketKey;
import dev.adsgraph.upstream.sp.SpOperation;
import dev.adsgraph.upstream.sp.SpRateLimit;
import dev.adsgraph.upstream.sp.TokenBucketStore.Reservation;
import dev.adsgraph.web.InMemoryRequestBucketStore;
import dev.adsgraph.web.RequestBucketStore.Admission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The buckets of a replica in Redis mode while Redis is lost (the replica's status says
 * degraded) and when it is back: a local share of each limit, then the shared bucket,
 * charged with what the share spent.
 */
class SharedOrLocalTokenBucketStoreTest {

	private static final Duration MAX_WAIT = Duration.ofSeconds(30);

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final String prefix = "shares:" + UUID.randomUUID() + ":";

	private final BucketKey key = new BucketKey(Region.NA, "app", "seller", SpOperation.values()[0]);

	private RedisClient client;

	private RedisStatus status;

	@BeforeEach
	void connect() {
		this.client = RedisClient.create(RedisServer.shared().url());
		this.status = new RedisStatus(2);
		this.status.heartbeat(2).block();
	}

	@AfterEach
	void disconnect() {
		this.client.shutdown();
	}

	@Test
	void whileDegradedEachReplicaTakesItsShareAndTheSharedBucketIsChargedWhenRedisIsBack() {
		SharedOrLocalTokenBucketStore store = new SharedOrLocalTokenBucketStore(RedisProxyManagers
			.proxyManager(this.client, this.prefix, BucketKey::asString, this.clock, Duration.ofSeconds(1)),
				this.status, this.clock);
		SpRateLimit metered = new SpRateLimit(1, 4);

		this.status.failed(new IllegalStateException("Redis lost"));
		// Half of the plan: 0.5 a second, two calls of the burst.
		assertThat(reserve(store, metered)).isEqualTo(Duration.ZERO);
		assertThat(reserve(store, metered)).isEqualTo(Duration.ZERO);
		assertThat(reserve(store, metered)).isEqualTo(Duration.ofSeconds(2));
		assertThat(this.status.fallbacks()).isEqualTo(3);
		// Two calls of the burst each keep the shares within the metered four.
		assertThat(store.spacing(this.key, metered)).isZero();

		// Back: the share is three calls short of full (two taken, one queued), which
		// the shared bucket (four, made afresh) gives up before anything else.
		this.status.heartbeat(2).block();
		assertThat(this.status.shared()).isTrue();
		assertThat(reserve(store, metered)).isEqualTo(Duration.ZERO);
		assertThat(reserve(store, metered)).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.status.fallbacks()).isEqualTo(3);

		// A second outage in which no local bucket was used charges nothing again.
		this.status.failed(new IllegalStateException("Redis lost again"));
		this.status.heartbeat(2).block();
		assertThat(reserve(store, metered)).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void aShareSmallerThanOneCallOfTheBurstStartsEmpty() {
		SharedOrLocalTokenBucketStore store = new SharedOrLocalTokenBucketStore(RedisProxyManagers
			.proxyManager(this.client, this.prefix, BucketKey::asString, this.clock, Duration.ofSeconds(1)),
				this.status, this.clock);
		this.status.failed(new IllegalStateException("Redis lost"));
		// 1.8 a second with a burst of one, over two replicas: 0.9 a second, no call at
		// once (two replicas sending one each could find Amazon's bucket spent).
		Duration first = reserve(store, new SpRateLimit(1.8, 1));
		assertThat(first).isBetween(Duration.ofMillis(1110), Duration.ofMillis(1112));
		// The two shares (one call each) hold Amazon's whole burst, none held back: each
		// call goes a refill interval after this replica's previous one, however late.
		assertThat(store.spacing(this.key, new SpRateLimit(1.8, 1))).isBetween(Duration.ofMillis(1110),
				Duration.ofMillis(1112));
		this.status.heartbeat(2).block();
		assertThat(store.spacing(this.key, new SpRateLimit(1.8, 1))).isZero();
	}

	@Test
	void aStepOfTheSharedBucketThatFailsRunsOnTheShareAndMakesTheReplicaDegraded() throws Exception {
		ClientResources resources = DefaultClientResources.create();
		try (ClosedPort closed = new ClosedPort()) {
			ReconnectingRedisClient unreachable = new ReconnectingRedisClient(resources,
					RedisURI.create("redis://127.0.0.1:" + closed.port()));
			SharedOrLocalTokenBucketStore store = new SharedOrLocalTokenBucketStore(RedisProxyManagers
				.proxyManager(unreachable, this.prefix, BucketKey::asString, this.clock, Duration.ofSeconds(1)),
					this.status, this.clock);
			assertThat(this.status.shared()).isTrue();
			assertThat(reserve(store, new SpRateLimit(1, 4))).isEqualTo(Duration.ZERO);
			assertThat(this.status.degraded()).isTrue();
			assertThat(this.status.fallbacks()).isEqualTo(1);
			unreachable.shutdown();
		}
		finally {
			resources.shutdown();
		}
	}

	@Test
	void requestBucketsShareTheKeysBudgetAndStartFull() {
		SharedOrLocalRequestBucketStore store = new SharedOrLocalRequestBucketStore(
				new InMemoryRequestBucketStore(RedisProxyManagers.proxyManager(this.client, this.prefix + "requests:",
						(String tenant) -> tenant, this.clock, Duration.ofSeconds(1))),
				this.status, this.clock);
		RequestRate rate = new RequestRate(0.01, 4);
		this.status.failed(new IllegalStateException("Redis lost"));
		assertThat(store.take("t", rate).block().admitted()).isTrue();
		assertThat(store.take("t", rate).block().admitted()).isTrue();
		Admission third = store.take("t", rate).block();
		assertThat(third.admitted()).isFalse();
		assertThat(third.retryAfter()).isEqualTo(Duration.ofSeconds(200));

		this.status.heartbeat(2).block();
		for (int i = 0; i < 4; i++) {
			assertThat(store.take("t", rate).block().admitted()).isTrue();
		}
		assertThat(store.take("t", rate).block().admitted()).isFalse();
	}

	private Duration reserve(SharedOrLocalTokenBucketStore store, SpRateLimit limit) {
		Reservation reservation = store.reserve(this.key, limit, MAX_WAIT).block();
		assertThat(reservation.granted()).isTrue();
		return reservation.delay();
	}

}
