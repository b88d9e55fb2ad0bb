package dev.adsgraph.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Finds the workspace (a {@link Tenant}) of an API key on the request path: the
 * configured tenants first ({@link TenantRegistry}, as before, in constant time), then
 * the keys issued through the admin API, in PostgreSQL by SHA-256 digest
 * ({@link WorkspaceStore}). What the database answered, found or not, is remembered for
 * {@code adsgraph.workspaces.key-cache-ttl} in a bounded local cache, so a caller's
 * requests cost no statement; concurrent requests with one key share one look-up. A key
 * that is not shaped like an issued one ({@link #PREFIX} and 43 base64url characters)
 * never reaches the database.
 * <p>
 * A remembered key carries its expiry, checked against the clock on every request, so a
 * rotated key is refused when its overlap ends, on every replica. Revoking or rotating
 * through this replica forgets what it remembered at once ({@link #forgetIssuedKeys()});
 * in Redis mode the other replicas are told and forget theirs at once too
 * ({@link #forgetIssuedKeysElsewhere()}); without Redis, another replica may accept a
 * revoked key until its remembered answer is older than the TTL.
 */
@Component
public class ApiKeyResolver {

	/** How every issued key begins, so it is recognisable (in a leak scanner, say). */
	public static final String PREFIX = "agk_";

	private static final Pattern ISSUED = Pattern.compile("agk_[A-Za-z0-9_-]{43}");

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Found NONE = new Found(null, null);

	private final TenantRegistry configured;

	private final WorkspaceStore store;

	private final Clock clock;

	/**
	 * By the key's hex digest (never the key). Caffeine's maintenance runs on the
	 * caller's thread, so what a test sees does not depend on a pool.
	 */
	private final AsyncCache<String, Found> issued;

	private final List<Runnable> onForget = new CopyOnWriteArrayList<>();

	public ApiKeyResolver(TenantRegistry configured, WorkspaceStore store, WorkspacesProperties properties,
			Clock clock) {
		this.configured = configured;
		this.store = store;
		this.clock = clock;
		this.issued = Caffeine.newBuilder()
			.maximumSize(properties.keyCacheSize())
			.expireAfterWrite(properties.keyCacheTtl())
			.executor(Runnable::run)
			.buildAsync();
	}

	/**
	 * The configured tenant of the key, without any I/O: the fast path, taken before
	 * {@link #issued}.
	 */
	public Optional<Tenant> configured(String key) {
		return this.configured.findByApiKey(key);
	}

	/**
	 * The workspace of the key: configured, else issued and still accepted; empty for a
	 * missing, unknown, expired or revoked key. Fails only when the database cannot be
	 * asked about a key it was not asked about recently.
	 */
	public Mono<Tenant> resolve(String key) {
		Optional<Tenant> tenant = configured(key);
		return tenant.isPresent() ? Mono.just(tenant.get()) : issued(key);
	}

	/** The workspace of a key issued through the admin API, if it is still accepted. */
	public Mono<Tenant> issued(String key) {
		if (key == null || !ISSUED.matcher(key).matches()) {
			return Mono.empty();
		}
		return Mono.defer(() -> {
			byte[] digest = sha256(key);
			CompletableFuture<Found> found = this.issued.get(HexFormat.of().formatHex(digest),
					(hex, executor) -> lookUp(digest).toFuture());
			// Remembered: no reactive hop. In flight: wait for the one look-up without
			// cancelling it for the others when this request goes away.
			Mono<Found> answer = (found.isDone() && !found.isCompletedExceptionally()) ? Mono.just(found.join())
					: Mono.fromFuture(found, true);
			return answer.mapNotNull((entry) -> entry.acceptedAt(this.clock.instant()) ? entry.tenant() : null);
		});
	}

	/**
	 * Forgets every issued key remembered (and every look-up in flight), after a
	 * revocation or rotation on this replica: the next request with any issued key asks
	 * the database again.
	 */
	public void forgetIssuedKeys() {
		this.issued.synchronous().invalidateAll();
		this.onForget.forEach(Runnable::run);
	}

	/**
	 * Runs {@code listener} after each {@link #forgetIssuedKeys()}: how the other
	 * replicas are told (Redis mode).
	 */
	public void onForget(Runnable listener) {
		this.onForget.add(listener);
	}

	/**
	 * A key was revoked or rotated through another replica: forgets every issued key
	 * remembered, as {@link #forgetIssuedKeys()} without telling anyone.
	 */
	public void forgetIssuedKeysElsewhere() {
		this.issued.synchronous().invalidateAll();
	}

	private Mono<Found> lookUp(byte[] digest) {
		return this.store.findByDigest(digest).map((match) -> {
			WorkspaceStore.ApiKey key = match.key();
			if (key.revokedAt() != null) {
				return NONE;
			}
			return new Found(tenantOf(key.workspaceId(), match.workspaceName()), key.expiresAt());
		}).defaultIfEmpty(NONE);
	}

	/**
	 * The tenant a workspace id stands for: the configured one with its credentials, or a
	 * workspace created through the admin API, which has no connection yet.
	 */
	public Tenant tenantOf(String workspaceId, String name) {
		return this.configured.tenants()
			.stream()
			.filter((tenant) -> tenant.id().equals(workspaceId))
			.findFirst()
			.orElseGet(() -> new Tenant(workspaceId, name, List.of(), List.of(), List.of()));
	}

	/** A new key: {@link #PREFIX} and 32 random bytes in base64url, 47 characters. */
	public static String newKey() {
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
	}

	/** The SHA-256 of the key's UTF-8 bytes, as stored. */
	public static byte[] sha256(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

	/** A new key id. */
	public static UUID newKeyId() {
		return UUID.randomUUID();
	}

	/**
	 * What the database answered about a digest: the tenant and the key's expiry, or no
	 * tenant (unknown or revoked).
	 */
	private record Found(Tenant tenant, Instant expiresAt) {

		boolean acceptedAt(Instant now) {
			return this.tenant != null && (this.expiresAt == null || now.isBefore(this.expiresAt));
		}

	}

}
