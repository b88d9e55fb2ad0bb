package dev.adsgraph.sandbox.lwa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.adsgraph.sandbox.fixtures.Ids;

/**
 * LWA access tokens the sandbox issued, with whose they are and until when they live. A
 * token of an SP-API application also names the selling partner the refresh token
 * authorized; Ads tokens carry none, which is how each API tells the other's tokens
 * apart.
 */
public final class AccessTokens {

	// Purging on every issue would scan the map each time; past this size expired tokens
	// are worth it.
	private static final int PURGE_THRESHOLD = 1_000;

	private final Map<String, Issued> issued = new ConcurrentHashMap<>();

	private final Ids ids;

	private final Clock clock;

	private final Duration ttl;

	public AccessTokens(Ids ids, Clock clock, Duration ttl) {
		this.ids = ids;
		this.clock = clock;
		this.ttl = ttl;
	}

	Issued issue(String clientId, String userId, String sellingPartnerId) {
		Instant now = this.clock.instant();
		if (this.issued.size() > PURGE_THRESHOLD) {
			this.issued.values().removeIf((token) -> token.expired(now));
		}
		Issued token = new Issued(this.ids.accessToken(), clientId, userId, sellingPartnerId, now.plus(this.ttl));
		this.issued.put(token.accessToken(), token);
		return token;
	}

	/** The live token, or empty when it was never issued or has expired. */
	public Optional<Issued> find(String accessToken) {
		Issued token = this.issued.get(accessToken);
		if (token == null) {
			return Optional.empty();
		}
		if (token.expired(this.clock.instant())) {
			this.issued.remove(accessToken, token);
			return Optional.empty();
		}
		return Optional.of(token);
	}

	/** Whole seconds, rounded up, as {@code expires_in} reports them. */
	long expiresInSeconds() {
		return (this.ttl.toMillis() + 999) / 1000;
	}

	/** {@code sellingPartnerId} is null for Ads API tokens. */
	public record Issued(String accessToken, String clientId, String userId, String sellingPartnerId,
			Instant expiresAt) {

		public boolean forSellingPartnerApi() {
			return this.sellingPartnerId != null;
		}

		boolean expired(Instant now) {
			return !now.isBefore(this.expiresAt);
		}

	}

}
