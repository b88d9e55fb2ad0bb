package dev.adsgraph.access;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import dev.adsgraph.upstream.ads.UserAccess;

/** The schema's user access types, as records the resolvers answer. */
final class AccessViews {

	private AccessViews() {
	}

	/** The schema's {@code InvitationStatus}, from Amazon's {@code state} word. */
	enum InvitationStatus {

		PENDING, REDEEMED, EXPIRED, REVOKED, OTHER;

		/**
		 * Amazon's spec gives {@code state} as a plain string and names REVOKED and
		 * RESENT; a resent invitation is still pending. docs/contracts/user-access.md.
		 */
		static InvitationStatus of(String state) {
			if (state == null) {
				return OTHER;
			}
			return switch (state.toUpperCase(Locale.ROOT)) {
				case "PENDING", "RESENT" -> PENDING;
				case "REDEEMED", "ACCEPTED" -> REDEEMED;
				case "EXPIRED" -> EXPIRED;
				case "REVOKED" -> REVOKED;
				default -> OTHER;
			};
		}

		boolean isFinal() {
			return this != PENDING;
		}

	}

	/** The schema's {@code UserInvitation}. */
	record InvitationView(String id, String adsAccountId, String emailAddress, String userName, String role,
			List<String> permissions, List<String> countryCodes, InvitationStatus status, String state,
			OffsetDateTime createdAt, OffsetDateTime expiresAt, String createdBy) {

		static InvitationView of(UserAccess.Invitation invitation) {
			UserAccess.PermissionSet set = invitation.permissionSet();
			String role = (set != null && set.role() != null && set.role().name() != null)
					? set.role().name().toUpperCase(Locale.ROOT) : null;
			List<String> permissions = (set != null && set.customPermissionSet() != null)
					? set.customPermissionSet().stream().map(UserAccess.Named::name).toList() : List.of();
			List<String> countries = (invitation.countries() != null)
					? invitation.countries().stream().map(UserAccess.Country::countryCode).toList() : List.of();
			UserAccess.User user = invitation.user();
			return new InvitationView(invitation.invitationId(), invitation.targetId(),
					(user != null) ? user.emailAddress() : "", (user != null) ? user.userName() : "",
					AccessRoles.known(role) ? role : null, permissions, countries,
					InvitationStatus.of(invitation.state()), (invitation.state() != null) ? invitation.state() : "",
					time(invitation.createdAt()), time(invitation.expiration()), invitation.createdBy());
		}

		// Numbers in the spec; epoch milliseconds assumed
		// (docs/contracts/user-access.md).
		private static OffsetDateTime time(Double epochMillis) {
			return (epochMillis != null)
					? OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis.longValue()), ZoneOffset.UTC) : null;
		}

	}

	/** The schema's {@code AdsAccountUser}. */
	record AccountUserView(String id, String emailAddress, List<String> countryCodes, List<RoleView> roles) {
	}

	/** The schema's {@code AdsAccountUserRole}: role null for a custom permission set. */
	record RoleView(String role, String type, List<String> countryCodes) {
	}

	/** The schema's {@code UserError}. */
	record AccessUserError(String code, String message, List<String> field) {

		AccessUserError {
			field = (field != null) ? List.copyOf(field) : List.of();
		}

		static AccessUserError of(String code, String message, String... field) {
			return new AccessUserError(code, message, List.of(field));
		}

	}

	/** The schema's {@code InviteUserResult}. */
	record InviteUserResult(int index, InvitationView invitation, List<AccessUserError> userErrors) {
	}

	/** The schema's {@code InviteUsersPayload}. */
	record InviteUsersPayload(List<InviteUserResult> results, List<AccessUserError> userErrors) {
	}

	/** The schema's {@code InvitationUpdateResult}. */
	record InvitationUpdateResult(int index, String invitationId, InvitationView invitation,
			List<AccessUserError> userErrors) {
	}

	/** The schema's {@code InvitationUpdatePayload}. */
	record InvitationUpdatePayload(List<InvitationUpdateResult> results, List<AccessUserError> userErrors) {
	}

	/** The schema's {@code InvitationStatusEvent}. */
	record InvitationStatusEvent(String invitationId, InvitationStatus status, InvitationView invitation,
			boolean terminal) {
	}

	/** The schema's {@code UserInvitationInput}. */
	record InvitationInput(String emailAddress, String userName, String role, List<String> countryCodes) {
	}

}
