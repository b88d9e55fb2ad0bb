package dev.adsgraph.sandbox.consent;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The "page tickets" that make a consent form safe to post: a page shown for a validated
 * request stores that request's parameters under a random ticket, and only a post that
 * carries a live ticket and the very same parameters is honoured. A forged post (another
 * client, another {@code redirect_uri}, a guessed ticket) is refused, never redirected. A
 * ticket lives 15 minutes on the sandbox's clock and is spent by its decision (the
 * sandbox's choice; Amazon does not document its pages' internals).
 */
public final class ConsentTickets {

	static final Duration LIFETIME = Duration.ofMinutes(15);

	private static final int PURGE_THRESHOLD = 1_000;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();

	private final Clock clock;

	public ConsentTickets(Clock clock) {
		this.clock = clock;
	}

	String issue(String page, Map<String, String> parameters) {
		Instant now = this.clock.instant();
		if (this.tickets.size() > PURGE_THRESHOLD) {
			this.tickets.values().removeIf((ticket) -> !now.isBefore(ticket.expiresAt()));
		}
		byte[] bytes = new byte[24];
		this.random.nextBytes(bytes);
		String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.tickets.put(id, new Ticket(page, Map.copyOf(parameters), now.plus(LIFETIME)));
		return id;
	}

	/**
	 * The live ticket of {@code page} whose parameters the post repeats exactly, and no
	 * other; empty otherwise. The ticket stays until {@link #spend}.
	 */
	Optional<Map<String, String>> check(String id, String page, Map<String, String> posted) {
		Ticket ticket = (id != null) ? this.tickets.get(id) : null;
		if (ticket == null || !ticket.page().equals(page) || !this.clock.instant().isBefore(ticket.expiresAt())) {
			return Optional.empty();
		}
		for (Map.Entry<String, String> parameter : ticket.parameters().entrySet()) {
			if (!parameter.getValue().equals(posted.get(parameter.getKey()))) {
				return Optional.empty();
			}
		}
		if (posted.values().stream().filter((value) -> value != null).count() != ticket.parameters().size()) {
			return Optional.empty();
		}
		return Optional.of(ticket.parameters());
	}

	/** Spends a ticket; false when another post spent it first. */
	boolean spend(String id) {
		return this.tickets.remove(id) != null;
	}

	public void clear() {
		this.tickets.clear();
	}

	private record Ticket(String page, Map<String, String> parameters, Instant expiresAt) {
	}

}
