package dev.adsgraph.sandbox.lwa;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The authorization codes the consent pages hand out and the {@code authorization_code}
 * grant redeems: random, valid five minutes on the sandbox's clock, single use, bound to
 * the client, the {@code redirect_uri} and the grant the user (or seller) consented to.
 */
public final class AuthorizationCodes {

	/** Amazon: "An LWA authorization code expires after five minutes." */
	public static final Duration LIFETIME = Duration.ofMinutes(5);

	private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private static final int PURGE_THRESHOLD = 1_000;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, Pending> pending = new ConcurrentHashMap<>();

	private final Clock clock;

	public AuthorizationCodes(Clock clock) {
		this.clock = clock;
	}

	/** A new code for a consent just given; {@code redirectUri} is where it was sent. */
	public String issue(Grants.Grant grant, String redirectUri) {
		Objects.requireNonNull(redirectUri);
		Instant now = this.clock.instant();
		if (this.pending.size() > PURGE_THRESHOLD) {
			this.pending.values().removeIf((code) -> !now.isBefore(code.expiresAt()));
		}
		StringBuilder code = new StringBuilder("AN");
		for (int i = 0; i < 18; i++) {
			code.append(LETTERS.charAt(this.random.nextInt(LETTERS.length())));
		}
		this.pending.put(code.toString(), new Pending(grant, redirectUri, now.plus(LIFETIME)));
		return code.toString();
	}

	/**
	 * Redeems a code for the client that authenticated. A code is spent by the first
	 * attempt of the client it was issued to, whatever the outcome (a wrong
	 * {@code redirect_uri} spends it too); another client's attempt leaves it alone.
	 */
	Redemption redeem(String code, String clientId, String redirectUri) {
		Pending found = this.pending.get(code);
		if (found == null || !found.grant().clientId().equals(clientId)) {
			return Redemption.INVALID;
		}
		if (!this.pending.remove(code, found)) {
			return Redemption.INVALID;
		}
		if (!this.clock.instant().isBefore(found.expiresAt())) {
			return Redemption.INVALID;
		}
		if (!found.redirectUri().equals(redirectUri)) {
			return Redemption.REDIRECT_MISMATCH;
		}
		return new Redemption(found.grant());
	}

	/** Forgets every code. */
	public void clear() {
		this.pending.clear();
	}

	private record Pending(Grants.Grant grant, String redirectUri, Instant expiresAt) {
	}

	/** The grant a code carried, or null with why not. */
	record Redemption(Grants.Grant grant, boolean redirectMismatch) {

		static final Redemption INVALID = new Redemption(null, false);

		static final Redemption REDIRECT_MISMATCH = new Redemption(null, true);

		Redemption(Grants.Grant grant) {
			this(grant, false);
		}

	}

}
