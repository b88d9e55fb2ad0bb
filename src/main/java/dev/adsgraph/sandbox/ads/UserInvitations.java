package dev.adsgraph.sandbox.ads;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * User invitations to ads accounts (AdvertisingInvitations_prod_3p.json) and the users
 * they add once redeemed. An invitation is {@code PENDING} (or {@code RESENT} after a
 * resend, which restarts its lifetime) until it is redeemed ({@code REDEEMED}), revoked
 * ({@code REVOKED}) or outlives its expiration ({@code EXPIRED}, derived from the clock
 * or forced by the control endpoint). Amazon's spec gives {@code state} as a plain string
 * and names only REVOKED and RESENT (the update states); PENDING, REDEEMED and EXPIRED
 * are the sandbox's words for the lifecycle Amazon's release notes describe (pending
 * invitations, redemption, expiry after two weeks). Every check-then-change runs under
 * one lock.
 */
public final class UserInvitations {

	public static final String PENDING = "PENDING";

	public static final String RESENT = "RESENT";

	public static final String REVOKED = "REVOKED";

	public static final String REDEEMED = "REDEEMED";

	public static final String EXPIRED = "EXPIRED";

	/** Amazon's release notes: invitations expire after two weeks. */
	public static final Duration LIFETIME = Duration.ofDays(14);

	private final Map<String, Invitation> byId = new ConcurrentHashMap<>();

	private final Map<String, List<Member>> membersByAccount = new ConcurrentHashMap<>();

	private final ReentrantLock lock = new ReentrantLock();

	private final Clock clock;

	public UserInvitations(Clock clock) {
		this.clock = clock;
	}

	<T> T atomically(Supplier<T> change) {
		this.lock.lock();
		try {
			return change.get();
		}
		finally {
			this.lock.unlock();
		}
	}

	Instant now() {
		return this.clock.instant();
	}

	/** Call inside {@link #atomically}. */
	Invitation create(String adsAccountId, String createdBy, String email, String userName, String role,
			List<String> permissions, List<String> countries) {
		Instant now = now();
		Invitation invitation = new Invitation(UUID.randomUUID().toString(), adsAccountId, createdBy, email, userName,
				role, List.copyOf(permissions), List.copyOf(countries), now, now.plus(LIFETIME), PENDING);
		this.byId.put(invitation.invitationId(), invitation);
		return invitation;
	}

	public Optional<Invitation> find(String invitationId) {
		return Optional.ofNullable(this.byId.get(invitationId)).map(this::current);
	}

	/** The account's invitations in creation order, with their current state. */
	List<Invitation> ofAccount(String adsAccountId) {
		return this.byId.values()
			.stream()
			.filter((i) -> i.adsAccountId().equals(adsAccountId))
			.map(this::current)
			.sorted(Comparator.comparing(Invitation::createdAt).thenComparing(Invitation::invitationId))
			.toList();
	}

	/** Call inside {@link #atomically}. */
	Invitation update(Invitation invitation, String state) {
		Instant now = now();
		Invitation updated = switch (state) {
			case RESENT -> invitation.with(RESENT, now.plus(LIFETIME));
			default -> invitation.with(state, invitation.expiration());
		};
		this.byId.put(updated.invitationId(), updated);
		return updated;
	}

	/**
	 * The invitee redeems: the invitation becomes REDEEMED and its user a member of the
	 * account. Answers the refusal (the state that prevented it), or null when redeemed.
	 */
	public String redeem(String invitationId, String userId) {
		return atomically(() -> {
			Invitation invitation = find(invitationId).orElse(null);
			if (invitation == null) {
				return "UNKNOWN";
			}
			if (!invitation.isPending()) {
				return invitation.state();
			}
			this.byId.put(invitationId, invitation.with(REDEEMED, invitation.expiration()));
			this.membersByAccount.computeIfAbsent(invitation.adsAccountId(), (id) -> new ArrayList<>())
				.add(new Member(userId, invitation.email(), invitation.role(), invitation.countries()));
			return null;
		});
	}

	/** Forces a pending invitation past its expiration (the control endpoint). */
	public Optional<Invitation> expire(String invitationId) {
		return atomically(() -> find(invitationId).map((invitation) -> {
			if (!invitation.isPending()) {
				return invitation;
			}
			Invitation expired = invitation.with(EXPIRED, now());
			this.byId.put(invitationId, expired);
			return expired;
		}));
	}

	List<Member> members(String adsAccountId) {
		return atomically(() -> List.copyOf(this.membersByAccount.getOrDefault(adsAccountId, List.of())));
	}

	public void clear() {
		atomically(() -> {
			this.byId.clear();
			this.membersByAccount.clear();
			return null;
		});
	}

	private Invitation current(Invitation invitation) {
		if (invitation.isPending() && !now().isBefore(invitation.expiration())) {
			return invitation.with(EXPIRED, invitation.expiration());
		}
		return invitation;
	}

	/**
	 * One invitation; {@code role} is null for a custom permission set, whose names are
	 * in {@code permissions}; {@code countries} are ISO codes, empty for the whole
	 * account.
	 */
	public record Invitation(String invitationId, String adsAccountId, String createdBy, String email, String userName,
			String role, List<String> permissions, List<String> countries, Instant createdAt, Instant expiration,
			String state) {

		public boolean isPending() {
			return PENDING.equals(this.state) || RESENT.equals(this.state);
		}

		Invitation with(String state, Instant expiration) {
			return new Invitation(this.invitationId, this.adsAccountId, this.createdBy, this.email, this.userName,
					this.role, this.permissions, this.countries, this.createdAt, expiration, state);
		}

	}

	/** A user who redeemed an invitation; {@code countries} empty for every country. */
	record Member(String userId, String email, String role, List<String> countries) {
	}

}
