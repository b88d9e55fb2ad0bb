package dev.adsgraph.access;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.adsgraph.access.AccessViews.AccessUserError;
import dev.adsgraph.access.AccessViews.AccountUserView;
import dev.adsgraph.access.AccessViews.InvitationInput;
import dev.adsgraph.access.AccessViews.InvitationStatus;
import dev.adsgraph.access.AccessViews.InvitationUpdatePayload;
import dev.adsgraph.access.AccessViews.InvitationUpdateResult;
import dev.adsgraph.access.AccessViews.InvitationView;
import dev.adsgraph.access.AccessViews.InviteUserResult;
import dev.adsgraph.access.AccessViews.InviteUsersPayload;
import dev.adsgraph.access.AccessViews.RoleView;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.upstream.UpstreamException;
import dev.adsgraph.upstream.ads.AdsAccount;
import dev.adsgraph.upstream.ads.AdsApiClient;
import dev.adsgraph.upstream.ads.UserAccess;

/**
 * Users and invitations of an ads account, through Amazon's user access operations on the
 * tenant's home region (the account is global; the call names it in
 * {@code Amazon-Ads-AccountId}). Every mutation checks its whole input first, and reads
 * the account and (for resend and revoke) each invitation, so a bad input changes nothing
 * at Amazon.
 */
@Service
class AccessService {

	/** Amazon's batch limit for creating and updating invitations. */
	static final int MAX_BATCH = 50;

	/** Pages read at most for one account's users or invitations. */
	private static final int MAX_PAGES = 20;

	/**
	 * How long readiness reuses "no invitation pending" for an account: an account with a
	 * pending invitation is asked again every time (the invitee may accept at any
	 * moment), one without is asked at most this often, and this replica's inviteUsers
	 * drops the answer at once (another replica's invitation shows within this time).
	 */
	static final Duration NONE_PENDING_REUSE = Duration.ofSeconds(30);

	private final AdsApiClient ads;

	private final Cache<String, Boolean> nonePending = Caffeine.newBuilder()
		.expireAfterWrite(NONE_PENDING_REUSE)
		.maximumSize(10_000)
		.build();

	AccessService(AdsApiClient ads) {
		this.ads = ads;
	}

	/** ListUsers, then each user's roles (QueryUserRoles). */
	Mono<List<AccountUserView>> users(Tenant tenant, String adsAccountId) {
		return pages(tenant, adsAccountId, null, 0).flatMapMany(Flux::fromIterable)
			.flatMapSequential(
					(user) -> this.ads.queryUserRoles(tenant.ads(), tenant.homeRegion(), adsAccountId, user.userId())
						.map((roles) -> new AccountUserView(user.userId(), user.emailAddress(),
								(user.countryCodes() != null) ? user.countryCodes() : List.of(),
								roles.roles()
									.stream()
									.map((r) -> new RoleView(AccessRoles.known(r.role()) ? r.role() : null,
											(r.type() != null) ? r.type() : "ROLE",
											(r.countryCodes() != null) ? r.countryCodes() : List.of()))
									.toList())),
					4)
			.collectList();
	}

	private Mono<List<UserAccess.AccountUser>> pages(Tenant tenant, String adsAccountId, String token, int page) {
		return this.ads.listUsers(tenant.ads(), tenant.homeRegion(), adsAccountId, 100, token).flatMap((users) -> {
			if (users.nextToken() == null || page + 1 >= MAX_PAGES) {
				return Mono.just(users.users());
			}
			return pages(tenant, adsAccountId, users.nextToken(), page + 1).map((rest) -> {
				List<UserAccess.AccountUser> all = new ArrayList<>(users.users());
				all.addAll(rest);
				return all;
			});
		});
	}

	/** The account's pending invitations (ListUserInvitations lists only those). */
	Mono<List<InvitationView>> pendingInvitations(Tenant tenant, String adsAccountId) {
		return invitationPages(tenant, adsAccountId, null, 0)
			.map((all) -> all.stream().map(InvitationView::of).toList());
	}

	/**
	 * The account's pending invitations for readiness: none, without asking Amazon, when
	 * the account was seen without one within {@link #NONE_PENDING_REUSE}.
	 */
	Mono<List<InvitationView>> pendingInvitationsForReadiness(Tenant tenant, String adsAccountId) {
		String key = nonePendingKey(tenant, adsAccountId);
		if (this.nonePending.getIfPresent(key) != null) {
			return Mono.just(List.of());
		}
		return pendingInvitations(tenant, adsAccountId).doOnNext((pending) -> {
			if (pending.isEmpty()) {
				this.nonePending.put(key, Boolean.TRUE);
			}
		});
	}

	private static String nonePendingKey(Tenant tenant, String adsAccountId) {
		return tenant.id() + "\n" + adsAccountId;
	}

	private Mono<List<UserAccess.Invitation>> invitationPages(Tenant tenant, String adsAccountId, String token,
			int page) {
		return this.ads.listUserInvitations(tenant.ads(), tenant.homeRegion(), adsAccountId, MAX_BATCH, token)
			.flatMap((invitations) -> {
				if (invitations.nextToken() == null || page + 1 >= MAX_PAGES) {
					return Mono.just(invitations.invitations());
				}
				return invitationPages(tenant, adsAccountId, invitations.nextToken(), page + 1).map((rest) -> {
					List<UserAccess.Invitation> all = new ArrayList<>(invitations.invitations());
					all.addAll(rest);
					return all;
				});
			});
	}

	/** GetUserInvitation; empty when Amazon knows no such invitation. */
	Mono<InvitationView> invitation(Tenant tenant, String invitationId) {
		return this.ads.getUserInvitation(tenant.ads(), tenant.homeRegion(), invitationId)
			.mapNotNull(UserAccess.Found::invitation)
			.map(InvitationView::of);
	}

	// inviteUsers

	Mono<InviteUsersPayload> invite(Tenant tenant, String adsAccountId, List<InvitationInput> inputs, boolean notify) {
		// A readiness read in flight may put "none pending" back: drop it before and
		// after.
		String key = nonePendingKey(tenant, adsAccountId);
		return Mono.defer(() -> {
			this.nonePending.invalidate(key);
			return inviteOnce(tenant, adsAccountId, inputs, notify);
		}).doFinally((signal) -> this.nonePending.invalidate(key));
	}

	private Mono<InviteUsersPayload> inviteOnce(Tenant tenant, String adsAccountId, List<InvitationInput> inputs,
			boolean notify) {
		if (inputs.isEmpty() || inputs.size() > MAX_BATCH) {
			return Mono.just(new InviteUsersPayload(List.of(), List.of(AccessUserError.of("INVALID_INPUT",
					"Invite 1 to " + MAX_BATCH + " users at a time; got " + inputs.size() + ".", "invitations"))));
		}
		return account(tenant, adsAccountId).flatMap((account) -> {
			if (account.adsAccountId() == null) {
				return Mono.just(new InviteUsersPayload(List.of(), List.of(unknownAccount(adsAccountId))));
			}
			Set<String> countries = new HashSet<>();
			if (account.countryCodes() != null) {
				account.countryCodes().forEach((c) -> countries.add(AccessRoles.iso(c)));
			}
			List<List<AccessUserError>> problems = check(inputs, countries);
			if (problems.stream().anyMatch((p) -> !p.isEmpty())) {
				List<InviteUserResult> results = new ArrayList<>();
				for (int i = 0; i < inputs.size(); i++) {
					results.add(new InviteUserResult(i, null, problems.get(i)));
				}
				return Mono.just(new InviteUsersPayload(results, List.of(AccessUserError.of("NOTHING_SENT",
						"No invitation was sent: correct the inputs with errors and try again."))));
			}
			List<UserAccess.InvitationRequest> requests = inputs.stream()
				.map((input) -> new UserAccess.InvitationRequest(
						new UserAccess.User(input.emailAddress().trim(), input.userName().trim()),
						UserAccess.PermissionSet.role(input.role().toUpperCase(Locale.ROOT)),
						(input.countryCodes() == null || input.countryCodes().isEmpty()) ? null
								: input.countryCodes()
									.stream()
									.map(AccessRoles::iso)
									.distinct()
									.map(UserAccess.Country::new)
									.toList()))
				.toList();
			return this.ads.createUserInvitations(tenant.ads(), tenant.homeRegion(), adsAccountId, requests, notify)
				.map((created) -> created(inputs, created))
				.onErrorResume(AccessService::isAboutInput, (ex) -> Mono
					.just(new InviteUsersPayload(List.of(), List.of(refused((UpstreamException) ex, "invitations")))));
		});
	}

	/** Each input's problems, at its index; none for a good input. */
	static List<List<AccessUserError>> check(List<InvitationInput> inputs, Set<String> accountCountries) {
		List<List<AccessUserError>> problems = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < inputs.size(); i++) {
			InvitationInput input = inputs.get(i);
			String index = Integer.toString(i);
			List<AccessUserError> errors = new ArrayList<>();
			if (!AccessRoles.isEmail(input.emailAddress())) {
				errors.add(AccessUserError.of("INVALID_EMAIL",
						"'" + input.emailAddress() + "' is not an e-mail address an invitation can be sent to.",
						"invitations", index, "emailAddress"));
			}
			else if (!seen.add(input.emailAddress().trim().toLowerCase(Locale.ROOT))) {
				errors.add(AccessUserError.of("DUPLICATE_EMAIL",
						input.emailAddress() + " is invited twice in this request.", "invitations", index,
						"emailAddress"));
			}
			if (input.userName() == null || input.userName().isBlank()) {
				errors.add(AccessUserError.of("INVALID_USER_NAME", "The invited user's name is required.",
						"invitations", index, "userName"));
			}
			if (!AccessRoles.known(input.role())) {
				errors.add(AccessUserError.of("UNKNOWN_LEVEL", "Unknown permission level '" + input.role()
						+ "'; use one of " + String.join(", ", AccessRoles.ROLES) + ".", "invitations", index, "role"));
			}
			if (input.countryCodes() != null) {
				for (String country : input.countryCodes()) {
					if (!accountCountries.contains(AccessRoles.iso(country))) {
						errors.add(AccessUserError.of("UNKNOWN_COUNTRY",
								"The account does not advertise in '" + country + "'; it advertises in "
										+ accountCountries.stream().sorted().toList() + ".",
								"invitations", index, "countryCodes"));
						break;
					}
				}
			}
			problems.add(errors);
		}
		return problems;
	}

	/**
	 * Amazon's answer matched to the inputs by e-mail address (the answer has no index):
	 * a success by its user's address, a refusal by its identifier.
	 */
	private static InviteUsersPayload created(List<InvitationInput> inputs, UserAccess.Created created) {
		Map<String, UserAccess.Invitation> byEmail = new HashMap<>();
		if (created.successes() != null) {
			created.successes()
				.stream()
				.filter((s) -> s.user() != null && s.user().emailAddress() != null)
				.forEach((s) -> byEmail.put(s.user().emailAddress().toLowerCase(Locale.ROOT), s));
		}
		Map<String, List<AccessUserError>> errorsByEmail = new HashMap<>();
		List<AccessUserError> unmatched = new ArrayList<>();
		Set<String> emails = new LinkedHashSet<>();
		inputs.forEach((input) -> emails.add(input.emailAddress().trim().toLowerCase(Locale.ROOT)));
		if (created.errors() != null) {
			for (UserAccess.InvitationError error : created.errors()) {
				String key = (error.identifier() != null) ? error.identifier().toLowerCase(Locale.ROOT) : "";
				AccessUserError userError = new AccessUserError(
						(error.errorCode() != null) ? error.errorCode() : "REJECTED",
						"Amazon refused the invitation: "
								+ ((error.errorMessage() != null) ? error.errorMessage() : error.errorDetail()),
						List.of());
				if (emails.contains(key)) {
					errorsByEmail.computeIfAbsent(key, (k) -> new ArrayList<>()).add(userError);
				}
				else {
					unmatched.add(userError);
				}
			}
		}
		List<InviteUserResult> results = new ArrayList<>();
		for (int i = 0; i < inputs.size(); i++) {
			String key = inputs.get(i).emailAddress().trim().toLowerCase(Locale.ROOT);
			UserAccess.Invitation invitation = byEmail.get(key);
			List<AccessUserError> errors = new ArrayList<>();
			for (AccessUserError error : errorsByEmail.getOrDefault(key, List.of())) {
				errors.add(new AccessUserError(error.code(), error.message(),
						List.of("invitations", Integer.toString(i))));
			}
			results.add(new InviteUserResult(i, (invitation != null) ? InvitationView.of(invitation) : null, errors));
		}
		return new InviteUsersPayload(results, unmatched);
	}

	// resendInvitations, revokeInvitations

	/** {@code state} is RESENT or REVOKED, the spec's update states. */
	Mono<InvitationUpdatePayload> update(Tenant tenant, String adsAccountId, List<String> invitationIds, String state) {
		if (invitationIds.isEmpty() || invitationIds.size() > MAX_BATCH) {
			return Mono.just(new InvitationUpdatePayload(List.of(),
					List.of(AccessUserError.of("INVALID_INPUT",
							"Give 1 to " + MAX_BATCH + " invitations at a time; got " + invitationIds.size() + ".",
							"invitationIds"))));
		}
		String verb = "REVOKED".equals(state) ? "revoked" : "resent";
		return account(tenant, adsAccountId).flatMap((account) -> {
			if (account.adsAccountId() == null) {
				return Mono.just(new InvitationUpdatePayload(List.of(), List.of(unknownAccount(adsAccountId))));
			}
			return Flux.fromIterable(invitationIds)
				.flatMapSequential((id) -> invitation(tenant, id).map(List::of).defaultIfEmpty(List.of()), 4)
				.collectList()
				.flatMap((found) -> {
					List<List<AccessUserError>> problems = new ArrayList<>();
					Set<String> seen = new HashSet<>();
					for (int i = 0; i < invitationIds.size(); i++) {
						String id = invitationIds.get(i);
						InvitationView invitation = found.get(i).isEmpty() ? null : found.get(i).get(0);
						problems.add(updateProblems(id, invitation, adsAccountId, verb, i, seen));
					}
					if (problems.stream().anyMatch((p) -> !p.isEmpty())) {
						List<InvitationUpdateResult> results = new ArrayList<>();
						for (int i = 0; i < invitationIds.size(); i++) {
							InvitationView current = found.get(i).isEmpty() ? null : found.get(i).get(0);
							results.add(new InvitationUpdateResult(i, invitationIds.get(i),
									(current != null && adsAccountId.equals(current.adsAccountId())) ? current : null,
									problems.get(i)));
						}
						return Mono
							.just(new InvitationUpdatePayload(results, List.of(AccessUserError.of("NOTHING_CHANGED",
									"No invitation was " + verb + ": correct the inputs with errors and try again."))));
					}
					List<UserAccess.Update> updates = invitationIds.stream()
						.map((id) -> new UserAccess.Update(id, state))
						.toList();
					return this.ads
						.updateUserInvitations(tenant.ads(), tenant.homeRegion(), adsAccountId, updates,
								"RESENT".equals(state))
						.flatMap((updated) -> updated(tenant, invitationIds, updated))
						.onErrorResume(AccessService::isAboutInput,
								(ex) -> Mono.just(new InvitationUpdatePayload(List.of(),
										List.of(refused((UpstreamException) ex, "invitation update")))));
				});
		});
	}

	static List<AccessUserError> updateProblems(String id, InvitationView invitation, String adsAccountId, String verb,
			int index, Set<String> seen) {
		String at = Integer.toString(index);
		if (!seen.add(id)) {
			return List.of(AccessUserError.of("DUPLICATE_INVITATION", "Invitation " + id + " is given twice.",
					"invitationIds", at));
		}
		if (invitation == null || !adsAccountId.equals(invitation.adsAccountId())) {
			return List.of(AccessUserError.of("UNKNOWN_INVITATION",
					"No invitation " + id + " exists for ads account " + adsAccountId + ".", "invitationIds", at));
		}
		if (invitation.status() != InvitationStatus.PENDING) {
			return List.of(AccessUserError.of("INVITATION_" + invitation.status().name(),
					"Invitation " + id + " is " + invitation.status().name().toLowerCase(Locale.ROOT)
							+ "; only a pending invitation can be " + verb + ". Invite the user again instead.",
					"invitationIds", at));
		}
		return List.of();
	}

	/** Amazon's answer, each id at its index, with the invitation read again. */
	private Mono<InvitationUpdatePayload> updated(Tenant tenant, List<String> ids, UserAccess.Updated updated) {
		Map<String, List<AccessUserError>> errors = new HashMap<>();
		List<AccessUserError> unmatched = new ArrayList<>();
		if (updated.errors() != null) {
			for (UserAccess.InvitationError error : updated.errors()) {
				AccessUserError userError = new AccessUserError(
						(error.errorCode() != null) ? error.errorCode() : "REJECTED",
						"Amazon refused the update: "
								+ ((error.errorMessage() != null) ? error.errorMessage() : error.errorDetail()),
						List.of());
				if (error.identifier() != null && ids.contains(error.identifier())) {
					errors.computeIfAbsent(error.identifier(), (k) -> new ArrayList<>()).add(userError);
				}
				else {
					unmatched.add(userError);
				}
			}
		}
		return Flux.range(0, ids.size())
			.flatMapSequential((i) -> invitation(tenant, ids.get(i)).map(List::of)
				.defaultIfEmpty(List.of())
				.map((found) -> new InvitationUpdateResult(i, ids.get(i), found.isEmpty() ? null : found.get(0),
						errors.getOrDefault(ids.get(i), List.of())
							.stream()
							.map((e) -> new AccessUserError(e.code(), e.message(),
									List.of("invitationIds", Integer.toString(i))))
							.toList())),
					4)
			.collectList()
			.map((results) -> new InvitationUpdatePayload(results, unmatched));
	}

	/**
	 * The account as GetAccount reads it; an account without id when Amazon knows none
	 * for this tenant.
	 */
	private Mono<AdsAccount> account(Tenant tenant, String adsAccountId) {
		return this.ads.getAdsAccount(tenant.ads(), tenant.homeRegion(), adsAccountId)
			.defaultIfEmpty(new AdsAccount(null, null, null, null, null, null));
	}

	private static AccessUserError unknownAccount(String adsAccountId) {
		return AccessUserError.of("UNKNOWN_ACCOUNT",
				"No ads account with id " + adsAccountId + " is visible to this API key.", "adsAccountId");
	}

	private static boolean isAboutInput(Throwable ex) {
		return ex instanceof UpstreamException upstream && upstream.httpStatus() >= 400 && upstream.httpStatus() < 500
				&& upstream.httpStatus() != 401 && upstream.httpStatus() != 429;
	}

	/** A whole-request refusal: 403 is the caller's missing Admin role. */
	private static AccessUserError refused(UpstreamException ex, String what) {
		String reason = (ex.upstreamMessage() != null) ? ex.upstreamMessage() : "no reason given";
		if (ex.httpStatus() == 403) {
			return AccessUserError.of("NOT_ADMIN", "Amazon refused the " + what
					+ ": managing users needs the Admin role on the account (" + reason + ").");
		}
		return AccessUserError.of((ex.code() != null) ? ex.code() : "REJECTED",
				"Amazon refused the " + what + ": " + reason);
	}

}
