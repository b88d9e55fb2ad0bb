package dev.adsgraph.upstream.ads;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Wire types of the user access operations: AdvertisingInvitations_prod_3p.json
 * (CreateUserInvitations, UpdateUserInvitations, ListUserInvitations, GetUserInvitation)
 * and AdvertisingUserPermissionsManagement_prod_3p.json (ListUsers, QueryUserRoles).
 * docs/contracts/user-access.md has the facts and their sources.
 */
public final class UserAccess {

	private UserAccess() {
	}

	/** {@code UserInvitation}; {@code state} is a plain string in the spec. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Invitation(String invitationId, String targetId, String state, User user, PermissionSet permissionSet,
			List<Country> countries, Double createdAt, Double expiration, String createdBy) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record User(String emailAddress, String userName) {
	}

	/** {@code type} ROLE with {@code role}, or CUSTOM_PERMISSION_SET with its names. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record PermissionSet(String type, Named role, List<Named> customPermissionSet) {

		public static PermissionSet role(String name) {
			return new PermissionSet("ROLE", new Named(name), null);
		}

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Named(String name) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Country(String countryCode) {
	}

	/** {@code UserInvitationRequest}; {@code countries} null for the whole account. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record InvitationRequest(User user, PermissionSet permissionSet, List<Country> countries) {
	}

	/** {@code InvitationError}: identifier is the e-mail or the invitation id. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record InvitationError(String errorCode, String errorMessage, String errorDetail, String identifier) {
	}

	/** 200 answer of CreateUserInvitations. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Created(List<Invitation> successes, List<InvitationError> errors) {
	}

	/** {@code Update}: REVOKED or RESENT. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Update(String invitationId, String state) {
	}

	/** 200 answer of UpdateUserInvitations. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Updated(List<Update> successes, List<InvitationError> errors) {
	}

	/** 200 answer of ListUserInvitations (the account's pending invitations). */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record InvitationPage(List<Invitation> invitations, String nextToken) {
	}

	/** 200 answer of GetUserInvitation. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Found(Invitation invitation, List<String> termsTypes) {
	}

	/** {@code User} of ListUsers: the e-mail address is masked. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record AccountUser(String userId, String emailAddress, List<String> countryCodes) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record UserPage(List<AccountUser> users, String nextToken) {
	}

	/**
	 * {@code RoleForCountries}: role ADMIN, EDITOR or VIEWER; type ROLE or
	 * CUSTOM_PERMISSION_SET.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record RoleForCountries(String role, String type, List<String> countryCodes) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record RolePage(List<RoleForCountries> roles, String nextToken) {
	}

}
