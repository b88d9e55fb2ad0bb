package dev.adsgraph.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.adsgraph.graphql.CodedException;
import dev.adsgraph.graphql.NotFoundException;
import dev.adsgraph.testing.RedisServer;

import org.springframework.graphql.execution.ErrorType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas' watchers on one real Redis (each with its own client, as two processes
 * would have): one poll loop per key between them, its events reaching both.
 */
class RedisWatchClusterTest {

	private static final Duration WAIT = Duration.ofSeconds(20);

	/**
	 * Long enough that a holder on a busy machine renews it in time (a test that counts
	 * one poller must not see a takeover), short enough for a takeover test.
	 */
	private static final Duration LEASE = Duration.ofSeconds(5);

	/** For the takeover after a holder died. */
	private static final Duration SHORT_LEASE = Duration.ofMillis(600);

	private final String prefix = "test:" + UUID.randomUUID() + ":";

	private final WatchKey key = new WatchKey("demo", "adsAccount", "a1");

	/** The upstream's status, which the test sets. */
	private final AtomicReference<String> status = new AtomicReference<>("PENDING");

	private final List<AutoCloseable> closing = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (int i = this.closing.size() - 1; i >= 0; i--) {
			this.closing.get(i).close();
		}
	}

	/** One replica: its client, its cluster, its watcher, its count of upstream polls. */
	final class Replica {

		final RedisClient client;

		final RedisWatchCluster cluster;

		final StatusWatcher watcher;

		final AtomicInteger polls = new AtomicInteger();

		Replica(String url) {
			this(url, LEASE);
		}

		Replica(String url, Duration lease) {
			this.client = RedisClient.create(url);
			// As RedisConfiguration sets it up.
			this.client.setOptions(ClientOptions.builder()
				.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
				.timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(1)))
				.build());
			StatefulRedisConnection<String, String> connection = this.client.connect();
			this.cluster = new RedisWatchCluster(connection.reactive(), this.client, RedisWatchClusterTest.this.prefix,
					lease, Duration.ofSeconds(1), Schedulers.parallel());
			this.watcher = new StatusWatcher(new WatchProperties(Duration.ofMillis(50), Duration.ofMillis(100),
					Duration.ofHours(1), 10, 10, lease), Schedulers.parallel(), this.cluster);
			RedisWatchClusterTest.this.closing.add(this.client::shutdown);
			RedisWatchClusterTest.this.closing.add(this.cluster);
		}

		Mono<String> poll() {
			return Mono.fromSupplier(() -> {
				this.polls.incrementAndGet();
				return RedisWatchClusterTest.this.status.get();
			});
		}

		Events follow(WatchKey key) {
			return follow(key, poll());
		}

		Events follow(WatchKey key, Mono<String> poll) {
			Events events = new Events();
			events.subscription = this.watcher
				.poll(key, String.class, poll, (s) -> s, (s) -> !"PENDING".equals(s) && !"SLOW".equals(s))
				.subscribe(events.values::add, events.error::set, () -> events.values.add("complete"));
			RedisWatchClusterTest.this.closing.add(events.subscription::dispose);
			return events;
		}

		boolean polling(WatchKey key) {
			return this.cluster.polling().contains(key);
		}

	}

	static final class Events {

		final List<String> values = new CopyOnWriteArrayList<>();

		final AtomicReference<Throwable> error = new AtomicReference<>();

		Disposable subscription;

	}

	private Replica replica() {
		return new Replica(RedisServer.shared().url());
	}

	@Test
	void twoReplicasFollowingOneKeyRunOnePollLoopAndBothGetEveryChange() {
		Replica a = replica();
		Replica b = replica();
		Events onA = a.follow(this.key);
		await().atMost(WAIT).until(() -> a.polling(this.key) && onA.values.contains("PENDING"));
		Events onB = b.follow(this.key);
		// B's subscriber gets the latest state from Redis without polling.
		await().atMost(WAIT).until(() -> onB.values.contains("PENDING"));
		// Several polls later, still one poller: A.
		int before = a.polls.get();
		await().atMost(WAIT).until(() -> a.polls.get() >= before + 3);
		assertThat(b.polls).hasValue(0);
		assertThat(b.polling(this.key)).isFalse();

		this.status.set("SLOW");
		await().atMost(WAIT).until(() -> onB.values.contains("SLOW"));
		this.status.set("CREATED");
		await().atMost(WAIT).until(() -> onA.values.contains("complete") && onB.values.contains("complete"));
		assertThat(onA.values).containsExactly("PENDING", "SLOW", "CREATED", "complete");
		assertThat(onB.values).containsExactly("PENDING", "SLOW", "CREATED", "complete");
		assertThat(b.polls).hasValue(0);
		await().atMost(WAIT)
			.until(() -> a.cluster.polling().isEmpty() && a.watcher.running().isEmpty()
					&& b.watcher.running().isEmpty());
	}

	@Test
	void whenTheHoldersLastSubscriberLeavesAnotherInterestedReplicaPollsOn() {
		Replica a = replica();
		Replica b = replica();
		Events onA = a.follow(this.key);
		await().atMost(WAIT).until(() -> a.polling(this.key));
		Events onB = b.follow(this.key);
		await().atMost(WAIT).until(() -> onB.values.contains("PENDING"));
		assertThat(b.polling(this.key)).isFalse();

		onA.subscription.dispose();
		await().atMost(WAIT).until(() -> b.polling(this.key) && !a.polling(this.key));
		int aPolls = a.polls.get();
		this.status.set("CREATED");
		await().atMost(WAIT).until(() -> onB.values.contains("complete"));
		// The new poller's first read repeats the known state: not told again.
		assertThat(onB.values).containsExactly("PENDING", "CREATED", "complete");
		assertThat(a.polls).hasValue(aPolls);
	}

	@Test
	void aHolderThatDiesIsReplacedOnceItsLeaseExpires() {
		Replica a = new Replica(RedisServer.shared().url(), SHORT_LEASE);
		Replica b = new Replica(RedisServer.shared().url(), SHORT_LEASE);
		Events onA = a.follow(this.key);
		await().atMost(WAIT).until(() -> a.polling(this.key));
		Events onB = b.follow(this.key);
		await().atMost(WAIT).until(() -> onB.values.contains("PENDING"));

		// A's process gone, as Redis sees it: its connections drop, nothing is let go.
		a.client.shutdown();
		await().atMost(WAIT).until(() -> b.polling(this.key));
		this.status.set("CREATED");
		await().atMost(WAIT).until(() -> onB.values.contains("complete"));
		assertThat(onB.values).containsExactly("PENDING", "CREATED", "complete");
		assertThat(b.polls).hasPositiveValue();
		onA.subscription.dispose();
	}

	@Test
	void anErrorOfThePollerEndsEveryReplicasSubscribersWithTheSameError() {
		Replica a = replica();
		Replica b = replica();
		AtomicBoolean fail = new AtomicBoolean();
		Mono<String> failing = Mono.defer(() -> fail.get()
				? Mono.error(new NotFoundException("No ads account with id a1 is visible to this API key."))
				: Mono.just("PENDING"));
		Events onA = a.follow(this.key, failing);
		await().atMost(WAIT).until(() -> a.polling(this.key));
		Events onB = b.follow(this.key);
		await().atMost(WAIT).until(() -> onB.values.contains("PENDING"));
		fail.set(true);
		await().atMost(WAIT).until(() -> onA.error.get() != null && onB.error.get() != null);
		assertThat(onB.error.get()).isInstanceOf(NotFoundException.class).hasMessage(onA.error.get().getMessage());
		assertThat(onB.values).containsExactly("PENDING");
		assertThat(b.polls).hasValue(0);
		await().atMost(WAIT).until(() -> a.watcher.running().isEmpty() && b.watcher.running().isEmpty());
	}

	@Test
	void aCodedErrorKeepsItsCodeClassificationAndExtensionsAcrossReplicas() {
		Replica a = replica();
		Replica b = replica();
		AtomicBoolean fail = new AtomicBoolean();
		Mono<String> limited = Mono.defer(() -> fail.get()
				? Mono.error(new CodedException("SUBSCRIPTION_LIMIT", ErrorType.BAD_REQUEST,
						"This API key already has 2 subscriptions", Map.of("limit", "maxPollers", "max", 2)))
				: Mono.just("PENDING"));
		a.follow(this.key, limited);
		await().atMost(WAIT).until(() -> a.polling(this.key));
		Events onB = b.follow(this.key);
		await().atMost(WAIT).until(() -> onB.values.contains("PENDING"));
		fail.set(true);
		await().atMost(WAIT).until(() -> onB.error.get() != null);
		assertThat(onB.error.get()).isInstanceOf(CodedException.class)
			.hasMessage("This API key already has 2 subscriptions");
		CodedException coded = (CodedException) onB.error.get();
		assertThat(coded.code()).isEqualTo("SUBSCRIPTION_LIMIT");
		assertThat(coded.type()).isEqualTo(ErrorType.BAD_REQUEST);
		assertThat(coded.extensions()).containsEntry("max", 2).containsEntry("limit", "maxPollers");
	}

	@Test
	void withRedisDownAReplicaPollsAloneAndSharesAgainOnceRedisIsBack() {
		RedisServer redis = RedisServer.startPrivate();
		this.closing.add(redis::close);
		Replica a = new Replica(redis.url());
		redis.stop();
		Events alone = a.follow(this.key);
		await().atMost(WAIT).until(() -> alone.values.contains("PENDING") && a.polling(this.key));
		assertThat(alone.error.get()).isNull();
		this.status.set("SLOW");
		await().atMost(WAIT).until(() -> alone.values.contains("SLOW"));

		redis.restart();
		// Back: a new poller is the cluster's again, seen by a replica that polls
		// nothing.
		WatchKey other = new WatchKey("demo", "adsAccount", "a2");
		Replica b = new Replica(redis.url());
		// A subscription started before A's connections are back polls alone: end it
		// and start another until one takes the lease.
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
			Events shared = a.follow(other);
			await().atMost(WAIT).until(() -> !shared.values.isEmpty());
			if (lease(redis, other) != null) {
				return true;
			}
			shared.subscription.dispose();
			return false;
		});
		Events onB = b.follow(other);
		await().atMost(WAIT).until(() -> onB.values.contains("SLOW"));
		assertThat(b.polls).hasValue(0);
		this.status.set("CREATED");
		await().atMost(WAIT).until(() -> alone.values.contains("complete") && onB.values.contains("complete"));
	}

	private String lease(RedisServer redis, WatchKey key) {
		RedisClient client = RedisClient.create(redis.url());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return connection.sync().get(this.prefix + "watch:lease:" + RedisWatchCluster.name(key));
		}
		finally {
			client.shutdown();
		}
	}

}
