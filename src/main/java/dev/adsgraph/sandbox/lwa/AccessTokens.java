package dev.adsgraph.sandbox.lwa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

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

	Issued issue(Grants.Grant grant) {
		Instant now = this.clock.instant();
		if (this.issued.size() > PURGE_THRESHOLD) {
			this.issued.values().removeIf((token) -> token.expired(now));
		}
		Issued token = new Issued(this.ids.accessToken(), grant.clientId(), grant.userId(), grant.sellingPartnerId(),
				grant.scopes(), now.plus(this.ttl));
		this.issued.put(token.accessToken(), token);
		return token;
	}

	/**
	 * Ends every live token that matches now, before its expiry; returns how many. LWA
	 * itself never does this (see the revocation control endpoint).
	 */
	public int revoke(Predicate<Issued> matching) {
		int[] count = { 0 };
		this.issued.values().removeIf((token) -> {
			boolean match = matching.test(token);
			if (match) {
				count[0]++;
			}
			return match;
		});
		return count[0];
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

	/**
	 * {@code sellingPartnerId} is null for Ads API tokens; {@code scopes} are those of
	 * the consent behind the token, null for tokens of the fixtures' refresh tokens
	 * (their API, no customer profile).
	 */
	public record Issued(String accessToken, String clientId, String userId, String sellingPartnerId,
			Set<String> scopes, Instant expiresAt) {

		public boolean forSellingPartnerApi() {
			return this.sellingPartnerId != null;
		}

		/** Whether the consent behind the token included one of {@code anyOf}. */
		public boolean hasScope(Set<String> anyOf) {
			return this.scopes != null && this.scopes.stream().anyMatch(anyOf::contains);
		}

		boolean expired(Instant now) {
			return !now.isBefore(this.expiresAt);
		}

	}

}
