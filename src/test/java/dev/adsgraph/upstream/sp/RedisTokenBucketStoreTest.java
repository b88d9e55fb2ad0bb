package dev.adsgraph.upstream.sp;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.adsgraph.buckets.RedisProxyManagers;
import dev.adsgraph.testing.MutableClock;
import dev.adsgraph.testing.RedisServer;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.sp.TokenBucketStore.Reservation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SP-API buckets in a real Redis, as replicas in Redis mode hold them: two stores
 * over two clients (two replicas) draw from one bucket, with the same answers as
 * {@link InMemoryTokenBucketStoreTest}'s single store, and a bucket's key expires once it
 * would be full again.
 */
class RedisTokenBucketStoreTest {

	private static final SpRateLimit TWO_PER_SECOND = new SpRateLimit(2, 2);

	private static final Duration LONG = Duration.ofMinutes(1);

	private final RedisServer server = RedisServer.shared();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));

	/** Keys of this test alone: the server is shared by the JVM's tests. */
	private final String prefix = "test:" + UUID.randomUUID() + ":";

	private final RedisClient first = RedisClient.create(this.server.url());

	private final RedisClient second = RedisClient.create(this.server.url());

	private final TokenBucketStore replicaA = store(this.first);

	private final TokenBucketStore replicaB = store(this.second);

	private final BucketKey key = new BucketKey(Region.NA, "amzn1.application-oa2-client.sp", "A1SELLER",
			SpOperation.SEARCH_CATALOG_ITEMS);

	private TokenBucketStore store(RedisClient client) {
		return new InMemoryTokenBucketStore(RedisProxyManagers.proxyManager(client, this.prefix, BucketKey::asString,
				this.clock, Duration.ofSeconds(5)));
	}

	@AfterEach
	void close() {
		this.first.shutdown();
		this.second.shutdown();
	}

	private static Reservation reserve(TokenBucketStore store, BucketKey key, Duration maxWait) {
		return store.reserve(key, TWO_PER_SECOND, maxWait).block();
	}

	private static Reservation after(long millis) {
		return new Reservation(true, Duration.ofMillis(millis));
	}

	@Test
	void twoReplicasQueueOnOneBucket() {
		assertThat(reserve(this.replicaA, this.key, LONG)).isEqualTo(Reservation.now());
		assertThat(reserve(this.replicaB, this.key, LONG)).isEqualTo(Reservation.now());
		assertThat(reserve(this.replicaA, this.key, LONG)).isEqualTo(after(500));
		assertThat(reserve(this.replicaB, this.key, LONG)).isEqualTo(after(1000));

		this.clock.advance(Duration.ofMillis(250));
		assertThat(reserve(this.replicaA, this.key, LONG)).isEqualTo(after(1250));
		assertThat(reserve(this.replicaB, this.key, Duration.ofMillis(1000)))
			.isEqualTo(new Reservation(false, Duration.ofMillis(1750)));
	}

	@Test
	void anotherSellerOrOperationHasABucketOfItsOwn() {
		reserve(this.replicaA, this.key, LONG);
		reserve(this.replicaA, this.key, LONG);
		BucketKey otherSeller = new BucketKey(Region.NA, this.key.applicationId(), "A2OTHER", this.key.operation());
		BucketKey otherOperation = new BucketKey(Region.NA, this.key.applicationId(), this.key.sellingPartner(),
				SpOperation.GET_INVENTORY_SUMMARIES);
		assertThat(reserve(this.replicaB, otherSeller, LONG)).isEqualTo(Reservation.now());
		assertThat(reserve(this.replicaB, otherOperation, LONG)).isEqualTo(Reservation.now());
		assertThat(reserve(this.replicaB, this.key, LONG)).isEqualTo(after(500));
	}

	@Test
	void aRateReportedToOneReplicaAndADrainAfterA429HoldForTheOther() {
		reserve(this.replicaA, this.key, LONG);
		this.replicaA.drain(this.key, TWO_PER_SECOND).block();
		assertThat(reserve(this.replicaB, this.key, LONG)).isEqualTo(after(500));

		this.clock.advance(Duration.ofSeconds(10));
		this.replicaB.updateRate(this.key, TWO_PER_SECOND, 1).block();
		reserve(this.replicaA, this.key, LONG);
		reserve(this.replicaA, this.key, LONG);
		assertThat(reserve(this.replicaA, this.key, LONG)).isEqualTo(after(1000));
	}

	@Test
	void aBucketsKeyExpiresOnceItWouldBeFullAgain() {
		reserve(this.replicaA, this.key, LONG);
		try (var connection = this.first.connect()) {
			String redisKey = this.prefix + this.key.asString();
			assertThat(connection.sync().exists(redisKey)).isEqualTo(1);
			// One token missing at two a second: full after 0.5 s, kept 1 s more (less
			// whatever time has passed since).
			assertThat(connection.sync().pttl(redisKey)).isPositive().isLessThanOrEqualTo(1_500L);
		}
	}

}
