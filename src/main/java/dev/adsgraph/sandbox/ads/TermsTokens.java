package dev.adsgraph.sandbox.ads;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Terms tokens and their state machine CREATED → ACCEPTED → REDEEMED. Acceptance comes
 * from the simulated terms page, the control endpoint, or (when configured) by itself
 * after a delay; the status is derived from timestamps, and state changes go through
 * {@code compute} so two callers can never both redeem one token.
 */
public final class TermsTokens {

	static final String CREATED = "CREATED";

	static final String ACCEPTED = "ACCEPTED";

	public static final String REDEEMED = "REDEEMED";

	private final Map<String, Entry> tokens = new ConcurrentHashMap<>();

	private final Clock clock;

	private final Duration autoAcceptDelay;

	public TermsTokens(Clock clock, Duration autoAcceptDelay) {
		this.clock = clock;
		this.autoAcceptDelay = autoAcceptDelay;
	}

	Entry create(String userId, String termsType) {
		Entry entry = new Entry(UUID.randomUUID().toString(), userId, termsType, this.clock.instant(), null, null);
		this.tokens.put(entry.termsToken(), entry);
		return entry;
	}

	/**
	 * Any user's token, for the acceptance page, which the user reaches without an API
	 * token.
	 */
	Optional<Entry> find(String termsToken) {
		return Optional.ofNullable(this.tokens.get(termsToken));
	}

	/** A token is visible only to the user who created it. */
	Optional<Entry> find(String termsToken, String userId) {
		return find(termsToken).filter((entry) -> entry.userId().equals(userId));
	}

	/**
	 * Marks the token accepted; accepting twice is harmless, a redeemed token stays
	 * redeemed.
	 */
	public Optional<Entry> accept(String termsToken) {
		Instant now = this.clock.instant();
		return Optional.ofNullable(this.tokens.computeIfPresent(termsToken, (key,
				entry) -> (entry.acceptedAt() != null || entry.redeemedAt() != null) ? entry : entry.acceptedAt(now)));
	}

	/**
	 * Consumes an ACCEPTED token of the user. Answers null when it was redeemed,
	 * otherwise what prevented it: CREATED, REDEEMED, or "unknown" when the user has no
	 * such token.
	 */
	String redeem(String termsToken, String userId) {
		Instant now = this.clock.instant();
		String[] refusal = { "unknown" };
		this.tokens.computeIfPresent(termsToken, (key, entry) -> {
			if (!entry.userId().equals(userId)) {
				return entry;
			}
			String status = status(entry);
			if (!ACCEPTED.equals(status)) {
				refusal[0] = status;
				return entry;
			}
			refusal[0] = null;
			return entry.redeemedAt(now);
		});
		return refusal[0];
	}

	public String status(Entry entry) {
		if (entry.redeemedAt() != null) {
			return REDEEMED;
		}
		if (entry.acceptedAt() != null) {
			return ACCEPTED;
		}
		boolean acceptedByItself = this.autoAcceptDelay != null
				&& !this.clock.instant().isBefore(entry.createdAt().plus(this.autoAcceptDelay));
		return acceptedByItself ? ACCEPTED : CREATED;
	}

	public void clear() {
		this.tokens.clear();
	}

	public record Entry(String termsToken, String userId, String termsType, Instant createdAt, Instant acceptedAt,
			Instant redeemedAt) {

		Entry acceptedAt(Instant when) {
			return new Entry(this.termsToken, this.userId, this.termsType, this.createdAt, when, this.redeemedAt);
		}

		Entry redeemedAt(Instant when) {
			return new Entry(this.termsToken, this.userId, this.termsType, this.createdAt, this.acceptedAt, when);
		}

	}

}
