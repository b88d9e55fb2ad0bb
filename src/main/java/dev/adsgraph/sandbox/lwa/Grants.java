package dev.adsgraph.sandbox.lwa;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import dev.adsgraph.sandbox.fixtures.Fixtures;

/**
 * The refresh tokens LWA honours: the fixtures' (immutable, in {@link Fixtures.World}),
 * those the {@code authorization_code} grant issued since start or the last reset, and
 * the revocations of either. Thread-safe; {@link #clear()} restores the start-up state.
 */
public final class Grants {

	private final SecureRandom random = new SecureRandom();

	private final Map<String, Fixtures.Grant> fixtures;

	private final Map<String, Grant> issued = new ConcurrentHashMap<>();

	private final Set<String> revoked = ConcurrentHashMap.newKeySet();

	public Grants(Map<String, Fixtures.Grant> fixtures) {
		this.fixtures = Map.copyOf(fixtures);
	}

	/**
	 * A refresh token's grant, or empty when it was never issued or has been revoked.
	 */
	public Optional<Grant> find(String refreshToken) {
		if (this.revoked.contains(refreshToken)) {
			return Optional.empty();
		}
		Grant grant = this.issued.get(refreshToken);
		if (grant != null) {
			return Optional.of(grant);
		}
		return Optional.ofNullable(this.fixtures.get(refreshToken)).map(Grant::of);
	}

	/** A new refresh token for a grant the user (or seller) has just consented to. */
	String issue(Grant grant) {
		byte[] bytes = new byte[48];
		this.random.nextBytes(bytes);
		String refreshToken = "Atzr|IwEB" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.issued.put(refreshToken, grant);
		return refreshToken;
	}

	/**
	 * Revokes every live refresh token whose grant matches, fixture or issued; a later
	 * consent issues a new one that works. Returns how many were revoked.
	 */
	public int revoke(Predicate<Grant> matching) {
		int count = 0;
		for (Map.Entry<String, Fixtures.Grant> entry : this.fixtures.entrySet()) {
			if (matching.test(Grant.of(entry.getValue())) && this.revoked.add(entry.getKey())) {
				count++;
			}
		}
		for (Map.Entry<String, Grant> entry : this.issued.entrySet()) {
			if (matching.test(entry.getValue()) && this.revoked.add(entry.getKey())) {
				count++;
			}
		}
		return count;
	}

	/** Forgets every issued refresh token and every revocation. */
	public void clear() {
		this.issued.clear();
		this.revoked.clear();
	}

	/**
	 * What a refresh token grants: one client access to one user's data, and for an
	 * SP-API application to one selling partner ({@code sellingPartnerId}, null for Ads
	 * grants). {@code scopes} are those the user consented to; null for the fixtures'
	 * tokens, which grant their API and no customer profile.
	 */
	public record Grant(String clientId, String userId, String sellingPartnerId, Set<String> scopes) {

		public Grant {
			Objects.requireNonNull(clientId);
			Objects.requireNonNull(userId);
			scopes = (scopes != null) ? Set.copyOf(scopes) : null;
		}

		static Grant of(Fixtures.Grant grant) {
			return new Grant(grant.clientId(), grant.userId(), grant.sellingPartnerId(), null);
		}

	}

}
