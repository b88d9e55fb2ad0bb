package dev.adsgraph.sandbox.lwa;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.adsgraph.sandbox.fixtures.Fixtures;

/**
 * The refresh tokens LWA honours: the fixtures' (immutable, in {@link Fixtures.World}),
 * those the {@code authorization_code} grant issued, and the revocations of either.
 * Thread-safe.
 * <p>
 * An issued token carries its grant, sealed with an HMAC under a key fixed in the
 * sandbox, so a token stays valid when the sandbox restarts, as Amazon's refresh tokens
 * do: a gateway restarted next to a new sandbox keeps its connections. Each token has an
 * issue stamp (the wall clock in milliseconds, strictly increasing); a revocation covers
 * the matching tokens issued up to the moment it was made, and is forgotten when the
 * sandbox stops. {@link #clear()} revokes every issued token and forgets the other
 * revocations.
 */
public final class Grants {

	private static final String PREFIX = "Atzr|IwEB";

	/** Public on purpose: the sandbox's tokens are fixtures, not secrets. */
	private static final byte[] SEAL_KEY = "adsgraph-sandbox-refresh-token-seal-v1".getBytes(StandardCharsets.UTF_8);

	private final SecureRandom random = new SecureRandom();

	private final Map<String, Fixtures.Grant> fixtures;

	private final Set<String> revokedFixtures = ConcurrentHashMap.newKeySet();

	private final List<Revocation> revocations = new CopyOnWriteArrayList<>();

	private final AtomicLong lastStamp = new AtomicLong();

	/** The tokens this run issued, for the revocations' counts only. */
	private final Map<String, Sealed> issuedHere = new ConcurrentHashMap<>();

	public Grants(Map<String, Fixtures.Grant> fixtures) {
		this.fixtures = Map.copyOf(fixtures);
	}

	/**
	 * A refresh token's grant, or empty when it was never issued or has been revoked.
	 */
	public Optional<Grant> find(String refreshToken) {
		Fixtures.Grant fixture = this.fixtures.get(refreshToken);
		if (fixture != null) {
			return this.revokedFixtures.contains(refreshToken) ? Optional.empty() : Optional.of(Grant.of(fixture));
		}
		return unseal(refreshToken).filter((sealed) -> this.revocations.stream().noneMatch((r) -> r.covers(sealed)))
			.map(Sealed::grant);
	}

	/** A new refresh token for a grant the user (or seller) has just consented to. */
	String issue(Grant grant) {
		byte[] nonce = new byte[16];
		this.random.nextBytes(nonce);
		long stamp = this.lastStamp.updateAndGet((last) -> Math.max(last + 1, System.currentTimeMillis()));
		List<String> scopes = (grant.scopes() != null) ? grant.scopes().stream().sorted().toList() : null;
		String payload = String.join("\n", "v1", Long.toString(stamp), grant.clientId(), grant.userId(),
				Objects.toString(grant.sellingPartnerId(), ""), (scopes != null) ? String.join(" ", scopes) : "-",
				Base64.getUrlEncoder().withoutPadding().encodeToString(nonce));
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		String refreshToken = PREFIX + base64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
				+ base64.encodeToString(seal(payload));
		this.issuedHere.put(refreshToken, new Sealed(stamp, grant));
		return refreshToken;
	}

	/**
	 * Revokes every live refresh token whose grant matches, fixture or issued; a later
	 * consent issues a new one that works. Returns how many live tokens it revoked: the
	 * fixtures' and those this run issued (tokens issued before a restart are revoked
	 * too, uncounted).
	 */
	public int revoke(Predicate<Grant> matching) {
		int count = 0;
		for (Sealed sealed : this.issuedHere.values()) {
			if (matching.test(sealed.grant()) && this.revocations.stream().noneMatch((r) -> r.covers(sealed))) {
				count++;
			}
		}
		for (Map.Entry<String, Fixtures.Grant> entry : this.fixtures.entrySet()) {
			if (matching.test(Grant.of(entry.getValue())) && this.revokedFixtures.add(entry.getKey())) {
				count++;
			}
		}
		this.revocations.add(new Revocation(matching, this.lastStamp.get()));
		return count;
	}

	/** Revokes every issued refresh token and forgets every other revocation. */
	public void clear() {
		this.revokedFixtures.clear();
		this.revocations.clear();
		this.revocations.add(new Revocation((grant) -> true, this.lastStamp.get()));
		this.issuedHere.clear();
	}

	private static Optional<Sealed> unseal(String refreshToken) {
		if (!refreshToken.startsWith(PREFIX)) {
			return Optional.empty();
		}
		String body = refreshToken.substring(PREFIX.length());
		int dot = body.indexOf('.');
		if (dot < 0) {
			return Optional.empty();
		}
		try {
			String payload = new String(Base64.getUrlDecoder().decode(body.substring(0, dot)), StandardCharsets.UTF_8);
			byte[] seal = Base64.getUrlDecoder().decode(body.substring(dot + 1));
			if (!MessageDigest.isEqual(seal, seal(payload))) {
				return Optional.empty();
			}
			String[] fields = payload.split("\n", -1);
			if (fields.length != 7 || !"v1".equals(fields[0])) {
				return Optional.empty();
			}
			Set<String> scopes = "-".equals(fields[5]) ? null
					: (fields[5].isEmpty() ? Set.of() : Set.of(fields[5].split(" ")));
			return Optional.of(new Sealed(Long.parseLong(fields[1]),
					new Grant(fields[2], fields[3], fields[4].isEmpty() ? null : fields[4], scopes)));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static byte[] seal(String payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(SEAL_KEY, "HmacSHA256"));
			return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is required by every Java platform", ex);
		}
	}

	/** An issued token's grant and when it was issued. */
	private record Sealed(long stamp, Grant grant) {
	}

	/** The tokens of matching grants issued up to {@code stamp}. */
	private record Revocation(Predicate<Grant> matching, long stamp) {

		boolean covers(Sealed sealed) {
			return sealed.stamp() <= this.stamp && this.matching.test(sealed.grant());
		}

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
