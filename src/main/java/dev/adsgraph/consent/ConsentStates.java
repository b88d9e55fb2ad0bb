package dev.adsgraph.consent;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

import dev.adsgraph.connections.ConnectionKind;
import dev.adsgraph.upstream.Region;

/**
 * The consent flows' {@code state} values, in PostgreSQL (table {@code consent_state}):
 * 32 random bytes in base64url, of which only a SHA-256 is stored; each is bound to a
 * workspace, kind, region, return URL and redirect_uri, used at most once and only until
 * it expires.
 */
class ConsentStates {

	/** A state as {@link #issue} makes it: 32 bytes in unpadded base64url. */
	static final Pattern FORMAT = Pattern.compile("^[A-Za-z0-9_-]{43}$");

	/** How long expired rows are kept, so a late callback is told "expired". */
	private static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(1);

	private static final String INSERT = """
			INSERT INTO consent_state (state_sha256, workspace_id, kind, region, return_url, redirect_uri,
			    created_at, expires_at)
			VALUES (:digest, :workspace, :kind, :region, :returnUrl, :redirectUri, :now, :expires)""";

	private static final String CLEAN_UP = "DELETE FROM consent_state WHERE expires_at < :before";

	private static final String CONSUME = """
			UPDATE consent_state SET used_at = :now
			WHERE state_sha256 = :digest AND kind = :kind AND used_at IS NULL AND expires_at > :now
			RETURNING workspace_id, kind, region, return_url, redirect_uri, expires_at""";

	private static final String FIND = """
			SELECT kind, expires_at, used_at FROM consent_state WHERE state_sha256 = :digest""";

	private final DatabaseClient database;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	ConsentStates(DatabaseClient database, Clock clock) {
		this.database = database;
		this.clock = clock;
	}

	/**
	 * A new state bound to these values, valid for {@code lifetime}; rows expired long
	 * ago are deleted on the way.
	 */
	Mono<Issued> issue(String workspaceId, ConnectionKind kind, Region region, URI returnUrl, URI redirectUri,
			Duration lifetime) {
		return Mono.defer(() -> {
			byte[] bytes = new byte[32];
			this.random.nextBytes(bytes);
			String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
			Instant now = this.clock.instant();
			Instant expires = now.plus(lifetime);
			Mono<Long> cleanUp = this.database.sql(CLEAN_UP)
				.bind("before", now.minus(KEPT_AFTER_EXPIRY))
				.fetch()
				.rowsUpdated();
			Mono<Long> insert = this.database.sql(INSERT)
				.bind("digest", digest(state))
				.bind("workspace", workspaceId)
				.bind("kind", kind.name())
				.bind("region", region.name())
				.bind("returnUrl", returnUrl.toString())
				.bind("redirectUri", redirectUri.toString())
				.bind("now", now)
				.bind("expires", expires)
				.fetch()
				.rowsUpdated();
			return cleanUp.then(insert).thenReturn(new Issued(state, expires));
		});
	}

	/**
	 * Consumes a state for a callback of {@code kind}: its binding, once; an error
	 * {@link InvalidStateException} saying why when it is malformed, unknown, of another
	 * kind, used already or expired (then nothing is consumed).
	 */
	Mono<ConsentState> consume(String state, ConnectionKind kind) {
		return Mono.defer(() -> {
			if (state == null || state.isEmpty()) {
				return Mono.error(new InvalidStateException("The request has no state parameter."));
			}
			if (!FORMAT.matcher(state).matches()) {
				return Mono.error(new InvalidStateException("The state parameter is not one this gateway issued."));
			}
			byte[] digest = digest(state);
			Instant now = this.clock.instant();
			return this.database.sql(CONSUME)
				.bind("now", now)
				.bind("digest", digest)
				.bind("kind", kind.name())
				.map(this::state)
				.one()
				.switchIfEmpty(Mono.defer(() -> whyNot(digest, kind, now)));
		});
	}

	private Mono<ConsentState> whyNot(byte[] digest, ConnectionKind kind, Instant now) {
		return this.database.sql(FIND)
			.bind("digest", digest)
			.map((row) -> reason(row, kind, now))
			.one()
			.defaultIfEmpty("The state is unknown: it was not issued by this gateway, or expired long ago.")
			.flatMap((reason) -> Mono.error(new InvalidStateException(reason)));
	}

	private static String reason(Readable row, ConnectionKind kind, Instant now) {
		if (!kind.name().equals(row.get("kind", String.class))) {
			return "The state was issued for another kind of connection than this callback completes.";
		}
		if (row.get("used_at", Instant.class) != null) {
			return "The state was used already: each consent can be completed once.";
		}
		return "The state expired at " + row.get("expires_at", Instant.class) + ": start the connection again.";
	}

	private ConsentState state(Readable row) {
		return new ConsentState(row.get("workspace_id", String.class),
				ConnectionKind.valueOf(row.get("kind", String.class)), Region.valueOf(row.get("region", String.class)),
				URI.create(row.get("return_url", String.class)), URI.create(row.get("redirect_uri", String.class)),
				row.get("expires_at", Instant.class));
	}

	static byte[] digest(String state) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	/** A state as handed out, and when it expires. */
	record Issued(String state, Instant expiresAt) {

		@Override
		public String toString() {
			return "Issued[state=***, expiresAt=" + this.expiresAt + "]";
		}

	}

	/**
	 * A callback's state cannot be used: the gateway does not know where to send the
	 * user.
	 */
	static class InvalidStateException extends RuntimeException {

		InvalidStateException(String message) {
			super(message, null, false, false);
		}

	}

}
