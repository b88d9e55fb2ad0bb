package dev.adsgraph.upstream.lwa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.adsgraph.testing.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The LWA lease and token sharing in a real Redis: each cache stands for a replica (its
 * own connection and memory), and {@code request} counts the token requests that would
 * reach LWA.
 */
class RedisLwaTokenCacheTest {

	private static final LwaCredentials CREDENTIALS = new LwaCredentials("amzn1.application-oa2-client.x", "secret",
			"Atzr|refresh");

	private static final Duration LEASE = Duration.ofSeconds(2);

	private final Clock clock = Clock.systemUTC();

	private final String prefix = "test:" + UUID.randomUUID() + ":";

	private final RedisClient client = RedisClient.create(RedisServer.shared().url());

	private final StatefulRedisConnection<String, String> first = this.client.connect();

	private final StatefulRedisConnection<String, String> second = this.client.connect();

	private final AtomicInteger requests = new AtomicInteger();

	private final String key = CREDENTIALS.fingerprint();

	@AfterEach
	void close() {
		this.client.shutdown();
	}

	private RedisLwaTokenCache replica(StatefulRedisConnection<String, String> connection) {
		return new RedisLwaTokenCache(connection.reactive(), this.prefix, LEASE, Duration.ofSeconds(1), this.clock);
	}

	/** A token request to LWA that takes {@code delay} and is counted. */
	private Mono<LwaAccessToken> request(String value, Duration delay) {
		return Mono.delay(delay)
			.then(Mono.fromSupplier(() -> new LwaAccessToken(value + this.requests.incrementAndGet(),
					this.clock.instant().plus(Duration.ofHours(1)))));
	}

	private static boolean usable(LwaAccessToken token) {
		return token.expiresAt().isAfter(Instant.now().plusSeconds(60));
	}

	@Test
	void replicasRefreshingTogetherMakeOneRequestAndShareItsToken() {
		RedisLwaTokenCache a = replica(this.first);
		RedisLwaTokenCache b = replica(this.second);
		List<LwaAccessToken> tokens = Flux.merge(
				a.refresh(this.key, CREDENTIALS, RedisLwaTokenCacheTest::usable,
						request("Atza|", Duration.ofMillis(300))),
				b.refresh(this.key, CREDENTIALS, RedisLwaTokenCacheTest::usable,
						request("Atza|", Duration.ofMillis(300))))
			.collectList()
			.block(Duration.ofSeconds(10));

		assertThat(this.requests).hasValue(1);
		assertThat(tokens).extracting(LwaAccessToken::value).containsExactly("Atza|1", "Atza|1");
		// Each replica keeps it in memory too: no Redis read on the next call.
		assertThat(b.get(this.key).block()).isEqualTo(tokens.get(0));
	}

	@Test
	void theTokenIsStoredEncryptedAndOnlyTheCredentialReadsIt() {
		replica(this.first)
			.refresh(this.key, CREDENTIALS, RedisLwaTokenCacheTest::usable, request("Atza|", Duration.ZERO))
			.block();
		String stored = this.first.sync().get(this.prefix + "token:" + this.key);
		assertThat(stored).isNotNull().doesNotContain("Atza|1").doesNotContain("Atza");

		// Another client secret under the same key (a fingerprint covers the client id
		// and refresh token only) cannot read it, and refreshes for itself.
		LwaCredentials other = new LwaCredentials(CREDENTIALS.clientId(), "another secret", CREDENTIALS.refreshToken());
		LwaAccessToken token = replica(this.second)
			.refresh(this.key, other, RedisLwaTokenCacheTest::usable, request("Atza|", Duration.ZERO))
			.block();
		assertThat(token.value()).isEqualTo("Atza|2");
	}

	@Test
	void aLeaseLeftByAReplicaThatDiedIsTakenOverWhenItExpires() {
		this.first.sync().set(this.prefix + "lease:" + this.key, "a replica that died", SetArgs.Builder.px(500));
		long started = System.nanoTime();
		LwaAccessToken token = replica(this.second)
			.refresh(this.key, CREDENTIALS, RedisLwaTokenCacheTest::usable, request("Atza|", Duration.ZERO))
			.block(Duration.ofSeconds(10));

		assertThat(token.value()).isEqualTo("Atza|1");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
	}

	@Test
	void aReplicaWhoseRefreshFailedReleasesTheLeaseAndTheNextOneTries() {
		RedisLwaTokenCache a = replica(this.first);
		Mono<LwaAccessToken> failing = Mono.error(new IllegalStateException("LWA is down"));
		assertThat(a.refresh(this.key, CREDENTIALS, RedisLwaTokenCacheTest::usable, failing)
			.onErrorResume((ex) -> Mono.empty())
			.block()).isNull();
		assertThat(this.first.sync().exists(this.prefix + "lease:" + this.key)).isZero();

		long started = System.nanoTime();
		LwaAccessToken token = replica(this.second)
			.refresh(this.key, CREDENTIALS, RedisLwaTokenCacheTest::usable, request("Atza|", Duration.ZERO))
			.block(Duration.ofSeconds(10));
		assertThat(token.value()).isEqualTo("Atza|1");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(LEASE);
	}

	@Test
	void evictingARejectedTokenKeepsANewerOneAnotherReplicaStored() {
		RedisLwaTokenCache a = replica(this.first);
		RedisLwaTokenCache b = replica(this.second);
		a.refresh(this.key, CREDENTIALS, RedisLwaTokenCacheTest::usable, request("Atza|", Duration.ZERO)).block();
		b.refresh(this.key, CREDENTIALS, RedisLwaTokenCacheTest::usable, request("Atza|", Duration.ZERO)).block();
		assertThat(this.requests).hasValue(1);

		// Amazon refused token 1 to replica A: it evicts it and fetches token 2.
		a.evict(this.key).block();
		assertThat(this.first.sync().exists(this.prefix + "token:" + this.key)).isZero();
		a.refresh(this.key, CREDENTIALS, RedisLwaTokenCacheTest::usable, request("Atza|", Duration.ZERO)).block();

		// B, still holding token 1, is refused too: its eviction leaves token 2 in Redis.
		b.evict(this.key).block();
		LwaAccessToken token = b
			.refresh(this.key, CREDENTIALS, RedisLwaTokenCacheTest::usable, request("Atza|", Duration.ZERO))
			.block();
		assertThat(token.value()).isEqualTo("Atza|2");
		assertThat(this.requests).hasValue(2);
	}

	@Test
	void withRedisUnreachableTheReplicaRefreshesOnItsOwn() {
		RedisLwaTokenCache a = replica(this.first);
		this.first.close();
		LwaAccessToken token = a
			.refresh(this.key, CREDENTIALS, RedisLwaTokenCacheTest::usable, request("Atza|", Duration.ZERO))
			.block(Duration.ofSeconds(10));
		assertThat(token.value()).isEqualTo("Atza|1");
		assertThat(a.get(this.key).block()).isEqualTo(token);
		a.evict(this.key).block();
		assertThat(a.get(this.key).block()).isNull();
	}

}
