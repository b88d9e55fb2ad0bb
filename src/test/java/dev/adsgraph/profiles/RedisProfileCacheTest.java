package dev.adsgraph.profiles;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.adsgraph.caching.CacheMetrics;
import dev.adsgraph.redis.RedisInvalidations;
import dev.adsgraph.testing.MutableClock;
import dev.adsgraph.testing.RedisServer;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.ads.Profile;
import dev.adsgraph.upstream.ads.ProfileFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas' profile caches on a real Redis: a list read from Amazon by one is read
 * from Redis by the other, invalidations reach both, and a Redis that is down leaves each
 * replica with its memory and Amazon.
 */
class RedisProfileCacheTest {

	private static final Duration TTL = Duration.ofMinutes(5);

	private static final ProfileFilter LOOKUP = new ProfileFilter(null, "view", null, null);

	private static final ProfileFilter CAMPAIGN = new ProfileFilter("campaign", "edit", null, null);

	private static final ProfileCache.Key VIEW_NA = new ProfileCache.Key("acme", "c1", Region.NA, LOOKUP);

	private static final ProfileCache.Key EDIT_NA = new ProfileCache.Key("acme", "c1", Region.NA, CAMPAIGN);

	private static final ProfileCache.Key EDIT_EU = new ProfileCache.Key("acme", "c1", Region.EU, CAMPAIGN);

	private final String prefix = "test:" + UUID.randomUUID() + ":";

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));

	private final List<AutoCloseable> closing = new ArrayList<>();

	private final List<RedisClient> clients = new ArrayList<>();

	private final AtomicInteger upstreamCalls = new AtomicInteger();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.closing) {
			closeable.close();
		}
		this.clients.forEach(RedisClient::shutdown);
	}

	/**
	 * A replica's cache, as Redis mode builds it: its own client, connection, channel.
	 */
	private ProfileCache replica(String url) {
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
		ProfileCache local = new ProfilesConfiguration.InMemoryProfileCache(
				new ProfileCacheProperties(TTL, 100, Duration.ofSeconds(30)), CacheMetrics.NONE);
		return new RedisProfileCache(local, connection, invalidations, this.prefix, TTL, Duration.ofSeconds(1),
				this.clock);
	}

	private List<Profile> amazon(long id) {
		return List.of(new Profile(id, "US", "USD", new BigDecimal("12.50"), "America/Los_Angeles",
				new Profile.AccountInfo("ATVPDKIKX0DER", "A1", "seller", "Acme \"Outdoor\" ü", null, true)));
	}

	private Mono<List<Profile>> load(long id) {
		return Mono.fromSupplier(() -> {
			this.upstreamCalls.incrementAndGet();
			return amazon(id);
		});
	}

	@Test
	void aListOneReplicaReadFromAmazonIsReadFromRedisByTheOther() {
		ProfileCache a = replica(RedisServer.shared().url());
		ProfileCache b = replica(RedisServer.shared().url());

		assertThat(a.get(EDIT_NA, () -> load(1)).block()).isEqualTo(amazon(1));
		// The write is not waited for: B may miss it for a moment, never for long.
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			ProfileCache fresh = replica(RedisServer.shared().url());
			int before = this.upstreamCalls.get();
			fresh.get(EDIT_NA, () -> load(99)).block();
			return this.upstreamCalls.get() == before;
		});
		int before = this.upstreamCalls.get();
		assertThat(b.get(EDIT_NA, () -> load(2)).block()).isEqualTo(amazon(1));
		assertThat(b.get(EDIT_NA, () -> load(2)).block()).isEqualTo(amazon(1));
		assertThat(this.upstreamCalls.get()).isEqualTo(before);
	}

	@Test
	void severalListsAtOnceReadRedisForWhatIsThereAndAmazonOnceForTheRest() {
		ProfileCache a = replica(RedisServer.shared().url());
		a.get(EDIT_NA, () -> load(1)).block();
		List<Set<ProfileCache.Key>> asked = new ArrayList<>();

		Map<ProfileCache.Key, List<Profile>> found = replica(RedisServer.shared().url())
			.getAll(Set.of(EDIT_NA, EDIT_EU), (missing) -> {
				asked.add(missing);
				return Mono.just(Map.of(EDIT_EU, amazon(2)));
			})
			.block();

		assertThat(asked).containsExactly(Set.of(EDIT_EU));
		assertThat(found).containsEntry(EDIT_NA, amazon(1)).containsEntry(EDIT_EU, amazon(2));
		assertThat(replica(RedisServer.shared().url()).get(EDIT_EU, () -> load(3)).block()).isEqualTo(amazon(2));
	}

	@Test
	void aListOlderThanTheLifetimeInRedisIsReadFromAmazonAgain() {
		ProfileCache a = replica(RedisServer.shared().url());
		a.get(EDIT_NA, () -> load(1)).block();
		awaitInRedis(EDIT_NA);

		this.clock.advance(TTL.plusSeconds(1));
		ProfileCache b = replica(RedisServer.shared().url());
		assertThat(b.get(EDIT_NA, () -> load(2)).block()).isEqualTo(amazon(2));
	}

	@Test
	void anInvalidationDropsTheListsEverywhereButTheOneJustRead() {
		ProfileCache a = replica(RedisServer.shared().url());
		ProfileCache b = replica(RedisServer.shared().url());
		a.get(EDIT_NA, () -> load(1)).block();
		a.get(EDIT_EU, () -> load(1)).block();
		b.get(VIEW_NA, () -> load(1)).block();
		awaitInRedis(EDIT_NA);
		awaitInRedis(EDIT_EU);
		awaitInRedis(VIEW_NA);
		b.get(EDIT_NA, () -> load(9)).block();

		// A reads the viewable list from Amazon again and drops the region's others.
		a.invalidate(new ProfileCache.Lists("acme", "c1", Region.NA, null));
		assertThat(a.get(VIEW_NA, () -> load(3)).block()).isEqualTo(amazon(3));
		a.invalidate(new ProfileCache.Lists("acme", "c1", Region.NA, LOOKUP));

		// B drops its copies on A's message: its next read of the edit list goes to
		// Amazon (deleted in Redis), of the viewable list to Redis (A's new one).
		await().atMost(Duration.ofSeconds(5)).until(() -> b.get(EDIT_NA, () -> load(4)).block().equals(amazon(4)));
		assertThat(b.get(VIEW_NA, () -> load(5)).block()).isEqualTo(amazon(3));
		// The other region is untouched.
		int before = this.upstreamCalls.get();
		assertThat(b.get(EDIT_EU, () -> load(6)).block()).isEqualTo(amazon(1));
		assertThat(this.upstreamCalls.get()).isEqualTo(before);
	}

	@Test
	void aWorkspaceInvalidatedDropsAllItsLists() {
		ProfileCache a = replica(RedisServer.shared().url());
		ProfileCache b = replica(RedisServer.shared().url());
		ProfileCache.Key other = new ProfileCache.Key("globex", "c1", Region.NA, CAMPAIGN);
		a.get(EDIT_NA, () -> load(1)).block();
		a.get(other, () -> load(1)).block();
		awaitInRedis(EDIT_NA);
		awaitInRedis(other);
		b.get(EDIT_NA, () -> load(9)).block();

		a.invalidate(ProfileCache.Lists.ofWorkspace("acme"));

		await().atMost(Duration.ofSeconds(5)).until(() -> b.get(EDIT_NA, () -> load(2)).block().equals(amazon(2)));
		assertThat(replica(RedisServer.shared().url()).get(other, () -> load(3)).block()).isEqualTo(amazon(1));
	}

	@Test
	void withRedisDownListsComeFromMemoryAndAmazonAndRedisIsUsedAgainWhenBack() {
		RedisServer server = RedisServer.startPrivate();
		try {
			ProfileCache a = replica(server.url());
			ProfileCache b = replica(server.url());
			a.get(EDIT_NA, () -> load(1)).block();
			server.stop();

			// Memory first; then Amazon, without waiting on Redis.
			long started = System.nanoTime();
			assertThat(a.get(EDIT_NA, () -> load(2)).block()).isEqualTo(amazon(1));
			assertThat(b.get(EDIT_NA, () -> load(2)).block()).isEqualTo(amazon(2));
			a.invalidate(ProfileCache.Lists.ofWorkspace("acme"));
			assertThat(a.get(EDIT_NA, () -> load(3)).block()).isEqualTo(amazon(3));
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));

			server.restart();
			// Lettuce reconnects: B's reconnection drops what it kept, and A's list,
			// written once Redis answers, is what B reads.
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				a.invalidate(ProfileCache.Lists.ofWorkspace("acme"));
				a.get(EDIT_NA, () -> load(4)).block();
				return b.get(EDIT_NA, () -> load(5)).block().equals(amazon(4));
			});
		}
		finally {
			server.close();
		}
	}

	/** Waits until a replica that never held the key finds it in Redis. */
	private void awaitInRedis(ProfileCache.Key key) {
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			AtomicInteger loads = new AtomicInteger();
			replica(RedisServer.shared().url()).get(key, () -> {
				loads.incrementAndGet();
				return Mono.just(List.of());
			}).block();
			return loads.get() == 0;
		});
	}

}
