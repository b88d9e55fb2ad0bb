package dev.adsgraph.upstream.lwa;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The {@link LwaTokenCache} of replicas in Redis mode: one LWA refresh per credential
 * across all of them.
 * <p>
 * Each replica keeps the tokens it uses in its own memory ({@link #get}, {@link #put}, as
 * in memory). When it finds none usable, it looks in Redis for the token another replica
 * fetched; when there is none either, it takes the credential's <em>lease</em> (a
 * {@code SET NX} with expiry) and fetches one, or, when another replica holds the lease,
 * waits for that replica's token to appear (polling every {@link #POLL}). A replica that
 * dies holding the lease loses it when it expires, and the next one takes over.
 * <p>
 * Tokens are stored in Redis encrypted (AES-256-GCM, the Redis key as associated data),
 * under a key derived from the credential's client secret and refresh token: a replica
 * serving that credential can read them, someone reading Redis cannot. They are stored at
 * all because the replicas waiting on the lease need the result: without it each would
 * have to fetch its own, which is what the lease is for. Next to the ciphertext is a
 * SHA-256 of the token, so that a replica Amazon refused a token to can remove exactly
 * that token ({@link #evict}) and not a newer one another replica stored.
 * <p>
 * Redis failing or slow (each command is bounded by {@code timeout}) never fails a
 * refresh: the replica fetches the token itself, as in memory.
 */
public final class RedisLwaTokenCache implements LwaTokenCache {

	/** How often a replica waiting on another's lease looks for its token. */
	static final Duration POLL = Duration.ofMillis(20);

	private static final Logger logger = LoggerFactory.getLogger(RedisLwaTokenCache.class);

	private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then "
			+ "return redis.call('del', KEYS[1]) else return 0 end";

	private static final String DELETE_IF_TOKEN = "local v = redis.call('get', KEYS[1]) "
			+ "if v and string.sub(v, 1, string.len(ARGV[1])) == ARGV[1] then "
			+ "return redis.call('del', KEYS[1]) else return 0 end";

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom random = new SecureRandom();

	private final Map<String, LwaAccessToken> local = new ConcurrentHashMap<>();

	private final RedisReactiveCommands<String, String> redis;

	private final String prefix;

	private final Duration lease;

	private final Duration timeout;

	private final Clock clock;

	/**
	 * @param prefix put before the keys written ({@code token:} and {@code lease:}, then
	 * the credential's fingerprint)
	 * @param lease how long a replica may hold a credential's lease
	 * @param timeout bound on each Redis command
	 */
	public RedisLwaTokenCache(RedisReactiveCommands<String, String> redis, String prefix, Duration lease,
			Duration timeout, Clock clock) {
		this.redis = Objects.requireNonNull(redis, "redis");
		this.prefix = Objects.requireNonNull(prefix, "prefix");
		this.lease = Objects.requireNonNull(lease, "lease");
		this.timeout = Objects.requireNonNull(timeout, "timeout");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	public Mono<LwaAccessToken> get(String key) {
		return Mono.fromSupplier(() -> this.local.get(key));
	}

	@Override
	public Mono<Void> put(String key, LwaAccessToken token) {
		return Mono.fromRunnable(() -> this.local.put(key, token));
	}

	/**
	 * Forgets the token here and, when Redis holds the same one, there too; a newer token
	 * another replica stored stays.
	 */
	@Override
	public Mono<Void> evict(String key) {
		return Mono.defer(() -> {
			LwaAccessToken removed = this.local.remove(key);
			Mono<Long> shared = (removed != null) ? this.redis
				.<Long>eval(DELETE_IF_TOKEN, ScriptOutputType.INTEGER, new String[] { tokenKey(key) },
						digest(removed.value()) + ":")
				.next() : this.redis.del(tokenKey(key));
			return bounded(shared).onErrorResume((ex) -> {
				logger.warn("Could not remove an LWA token from Redis: {}", ex.toString());
				return Mono.empty();
			}).then();
		});
	}

	@Override
	public Mono<LwaAccessToken> refresh(String key, LwaCredentials credentials, Predicate<LwaAccessToken> usable,
			Mono<LwaAccessToken> request) {
		return Mono.defer(() -> {
			Refresh refresh = new Refresh(key, secretKey(credentials), usable, request,
					this.clock.instant().plus(this.lease));
			return refresh.attempt().flatMap((token) -> put(key, token).thenReturn(token));
		});
	}

	/** One replica's refresh of one credential: from Redis, under the lease, or alone. */
	private final class Refresh {

		private final String key;

		private final SecretKey secret;

		private final Predicate<LwaAccessToken> usable;

		private final Mono<LwaAccessToken> request;

		private final Instant giveUpWaiting;

		private final String owner = UUID.randomUUID().toString();

		Refresh(String key, SecretKey secret, Predicate<LwaAccessToken> usable, Mono<LwaAccessToken> request,
				Instant giveUpWaiting) {
			this.key = key;
			this.secret = secret;
			this.usable = usable;
			this.request = request;
			this.giveUpWaiting = giveUpWaiting;
		}

		Mono<LwaAccessToken> attempt() {
			return shared().switchIfEmpty(Mono.defer(this::lease));
		}

		/** The usable token Redis holds, if any; nothing when Redis cannot answer. */
		private Mono<LwaAccessToken> shared() {
			return bounded(RedisLwaTokenCache.this.redis.get(tokenKey(this.key)))
				.mapNotNull((stored) -> decrypt(this.key, stored, this.secret))
				.filter(this.usable)
				.onErrorResume((ex) -> Mono.empty());
		}

		private Mono<LwaAccessToken> lease() {
			return bounded(RedisLwaTokenCache.this.redis.set(leaseKey(this.key), this.owner,
					SetArgs.Builder.nx().px(RedisLwaTokenCache.this.lease)))
				.map((ok) -> Lease.TAKEN)
				.defaultIfEmpty(Lease.HELD_ELSEWHERE)
				.onErrorResume((ex) -> {
					logger.warn("Redis unavailable for the LWA lease; refreshing without it: {}", ex.toString());
					return Mono.just(Lease.UNAVAILABLE);
				})
				.flatMap((lease) -> switch (lease) {
					case TAKEN -> fetchAndShare();
					case HELD_ELSEWHERE -> awaitOther();
					case UNAVAILABLE -> this.request;
				});
		}

		/**
		 * Under the lease: looks once more (the previous holder may have stored its token
		 * and let go between our read and our lease), then fetches, stores and lets go,
		 * before the caller sees the outcome.
		 */
		private Mono<LwaAccessToken> fetchAndShare() {
			return shared().switchIfEmpty(Mono.defer(() -> this.request))
				.flatMap((token) -> store(token).then(release()).thenReturn(token))
				.onErrorResume((ex) -> release().then(Mono.error(ex)))
				.doOnCancel(() -> release().subscribe());
		}

		private Mono<Void> store(LwaAccessToken token) {
			Duration left = Duration.between(RedisLwaTokenCache.this.clock.instant(), token.expiresAt());
			if (left.toMillis() <= 0) {
				return Mono.empty();
			}
			String value = digest(token.value()) + ":" + encrypt(this.key, token, this.secret);
			return bounded(RedisLwaTokenCache.this.redis.set(tokenKey(this.key), value, SetArgs.Builder.px(left)))
				.onErrorResume((ex) -> {
					logger.warn("Could not share an LWA token through Redis: {}", ex.toString());
					return Mono.empty();
				})
				.then();
		}

		private Mono<Void> release() {
			return bounded(RedisLwaTokenCache.this.redis
				.eval(RELEASE, ScriptOutputType.INTEGER, new String[] { leaseKey(this.key) }, this.owner)
				.next()).onErrorResume((ex) -> Mono.empty()).then();
		}

		/**
		 * Waits for the lease holder's token; when the lease goes without one (its holder
		 * failed or died) or this has waited a whole lease, starts over.
		 */
		private Mono<LwaAccessToken> awaitOther() {
			return Mono.delay(POLL).then(shared()).switchIfEmpty(Mono.defer(() -> {
				Mono<Long> held = bounded(RedisLwaTokenCache.this.redis.exists(leaseKey(this.key)))
					.onErrorResume((ex) -> Mono.just(0L));
				return held.flatMap((count) -> {
					boolean waiting = count > 0 && RedisLwaTokenCache.this.clock.instant().isBefore(this.giveUpWaiting);
					return waiting ? awaitOther() : lease();
				});
			}));
		}

	}

	private enum Lease {

		TAKEN, HELD_ELSEWHERE, UNAVAILABLE

	}

	private <T> Mono<T> bounded(Mono<T> command) {
		return command.timeout(this.timeout);
	}

	private String tokenKey(String key) {
		return this.prefix + "token:" + key;
	}

	private String leaseKey(String key) {
		return this.prefix + "lease:" + key;
	}

	/**
	 * AES-256 key of a credential: an HMAC-SHA256 of its client id, secret and refresh
	 * token, under a fixed label. Not the credential's fingerprint (a SHA-256 of the
	 * refresh token alone, which is part of the Redis key), and not derivable from it.
	 */
	static SecretKey secretKey(LwaCredentials credentials) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec("adsgraph lwa token cache v1".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			for (String part : new String[] { credentials.clientId(), credentials.clientSecret(),
					credentials.refreshToken() }) {
				mac.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
				mac.update((byte) 0);
			}
			return new SecretKeySpec(mac.doFinal(), "AES");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every Java runtime", ex);
		}
	}

	private String encrypt(String key, LwaAccessToken token, SecretKey secret) {
		try {
			byte[] iv = new byte[IV_BYTES];
			random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, secret, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(tokenKey(key).getBytes(StandardCharsets.UTF_8));
			byte[] plain = (token.expiresAt() + "\n" + token.value()).getBytes(StandardCharsets.UTF_8);
			byte[] sealed = cipher.doFinal(plain);
			return Base64.getEncoder()
				.encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES/GCM is part of every Java runtime", ex);
		}
	}

	/** The token stored, or null when it cannot be read (another format, tampered). */
	private LwaAccessToken decrypt(String key, String stored, SecretKey secret) {
		try {
			int colon = stored.indexOf(':');
			byte[] bytes = Base64.getDecoder().decode(stored.substring(colon + 1));
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, secret, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
			cipher.updateAAD(tokenKey(key).getBytes(StandardCharsets.UTF_8));
			String plain = new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
			int newline = plain.indexOf('\n');
			return new LwaAccessToken(plain.substring(newline + 1), Instant.parse(plain.substring(0, newline)));
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			logger.warn("Ignoring an unreadable LWA token in Redis: {}", ex.getClass().getSimpleName());
			return null;
		}
	}

	private static String digest(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

}
