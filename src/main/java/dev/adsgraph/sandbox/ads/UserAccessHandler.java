package dev.adsgraph.sandbox.ads;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.ads.AdsGate.Call;
import dev.adsgraph.sandbox.ads.AdsGate.Operation;
import dev.adsgraph.sandbox.ads.UserInvitations.Invitation;
import dev.adsgraph.sandbox.ads.UserInvitations.Member;
import dev.adsgraph.sandbox.core.ApiException;
import dev.adsgraph.sandbox.core.Reply;
import dev.adsgraph.sandbox.core.SandboxJson;
import dev.adsgraph.sandbox.fixtures.Access;
import dev.adsgraph.sandbox.fixtures.Account;
import dev.adsgraph.sandbox.fixtures.Fixtures;

/**
 * User access to ads accounts: the user invitation operations
 * (AdvertisingInvitations_prod_3p.json: CreateUserInvitations, UpdateUserInvitations,
 * ListUserInvitations, GetUserInvitation, RedeemUserInvitation) and the user listing
 * reads (AdvertisingUserPermissionsManagement_prod_3p.json: ListUsers, QueryUserRoles).
 *
 * <p>
 * The account is named by the {@code Amazon-Ads-AccountId} header (a global ads account
 * id). The caller's role on it: the owner's is derived per country from the fixture's
 * access (edit on everything: ADMIN; edit without billing: EDITOR; view only: VIEWER), a
 * user who redeemed an invitation has the invitation's role. Inviting, resending and
 * revoking need ADMIN in every country concerned (the spec's required permissions
 * {@code user_edit}/{@code manage_users}); a non-admin is answered 403. The invitation
 * operations answer errors as {@code {message}} (the spec's exception shapes), the
 * permission reads as {@code {code, message}}. Per-item refusals go into {@code errors}
 * with the item's e-mail or invitation id as {@code identifier}; their codes are the
 * sandbox's own (Amazon's spec gives errorCode as a plain string).
 */
public final class UserAccessHandler {

	static final String ACCOUNT_HEADER = "Amazon-Ads-AccountId";

	static final String CREATE_TYPE = "application/vnd.CreateUserInvitations.v1+json";

	static final String UPDATE_TYPE = "application/vnd.UpdateUserInvitations.v1+json";

	static final String LIST_TYPE = "application/vnd.ListUserInvitations.v1+json";

	static final String GET_TYPE = "application/vnd.GetUserInvitation.v1+json";

	static final String REDEEM_TYPE = "application/vnd.RedeemUserInvitation.v1+json";

	static final String LIST_USERS_TYPE = "application/vnd.listusers.v1+json";

	static final String USER_ROLES_TYPE = "application/vnd.queryuserroles.v1+json";

	public static final Operation CREATE = new Operation("CreateUserInvitations", ErrorFamily.MESSAGE, false,
			List.of(CREATE_TYPE), CREATE_TYPE);

	public static final Operation UPDATE = new Operation("UpdateUserInvitations", ErrorFamily.MESSAGE, false,
			List.of(UPDATE_TYPE), UPDATE_TYPE);

	public static final Operation LIST = new Operation("ListUserInvitations", ErrorFamily.MESSAGE, false,
			List.of(LIST_TYPE), LIST_TYPE);

	public static final Operation GET = new Operation("GetUserInvitation", ErrorFamily.MESSAGE, false, List.of(),
			GET_TYPE);

	public static final Operation REDEEM = new Operation("RedeemUserInvitation", ErrorFamily.MESSAGE, false,
			List.of(REDEEM_TYPE), REDEEM_TYPE);

	public static final Operation LIST_USERS = new Operation("ListUsers", ErrorFamily.V1, false,
			List.of(LIST_USERS_TYPE), LIST_USERS_TYPE);

	public static final Operation QUERY_USER_ROLES = new Operation("QueryUserRoles", ErrorFamily.V1, false,
			List.of(USER_ROLES_TYPE), USER_ROLES_TYPE);

	/** The permission reads' Role enum. */
	static final Set<String> ROLES = Set.of("ADMIN", "EDITOR", "VIEWER");

	/** The custom permissions the spec lists for sponsored ads accounts. */
	static final Set<String> SPONSORED_ADS_PERMISSIONS = Set.of("campaign_edit", "campaign_view", "reports_view",
			"brand_posts_edit", "store_edit", "payment_method_edit", "payment_method_view", "billing_edit",
			"billing_view", "user_edit");

	/** One "@", something on both sides, a dot in the domain, no spaces. */
	static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

	private static final int MAX_BATCH = 50;

	private final AccountRegistry registry;

	private final UserInvitations invitations;

	public UserAccessHandler(AccountRegistry registry, UserInvitations invitations) {
		this.registry = registry;
		this.invitations = invitations;
	}

	// CreateUserInvitations

	public Reply create(Call call) {
		Account account = account(call, "You do not have permission to manage users of this account.");
		JsonNode requests = array(call.body(), "userInvitationRequests", MAX_BATCH);
		Map<String, String> roles = roles(account, call.user().id());
		return this.invitations.atomically(() -> {
			List<Object> successes = new ArrayList<>();
			List<InvitationError> errors = new ArrayList<>();
			// Permission first, for the whole batch: nothing is created for a non-admin.
			for (JsonNode request : requests) {
				requireAdmin(roles, countries(request, account, new ArrayList<>()));
			}
			Set<String> seen = new LinkedHashSet<>();
			for (JsonNode request : requests) {
				JsonNode user = request.get("user");
				String email = (user != null && user.isObject()) ? SandboxJson.string(user, "emailAddress").orElse("")
						: "";
				String userName = (user != null && user.isObject()) ? SandboxJson.string(user, "userName").orElse("")
						: "";
				List<InvitationError> problems = new ArrayList<>();
				if (!EMAIL.matcher(email).matches()) {
					problems
						.add(error("INVALID_EMAIL_ADDRESS", "'" + email + "' is not a valid e-mail address.", email));
				}
				if (userName.isBlank()) {
					problems.add(error("INVALID_USER_NAME", "user.userName is required.", email));
				}
				List<String> permissions = new ArrayList<>();
				String role = permissionSet(request.get("permissionSet"), permissions, problems, email);
				List<String> countries = countries(request, account, problems);
				String key = email.toLowerCase(Locale.ROOT);
				if (problems.isEmpty() && (!seen.add(key) || hasPending(account, key))) {
					problems.add(error("DUPLICATE_INVITATION",
							"A pending invitation for " + email + " to this account already exists.", email));
				}
				if (problems.isEmpty() && isMember(account, key)) {
					problems.add(error("USER_ALREADY_EXISTS", email + " already has access to this account.", email));
				}
				if (!problems.isEmpty()) {
					errors.addAll(problems);
					continue;
				}
				Invitation created = this.invitations.create(account.adsAccountId(), amazonUserId(call.user().id()),
						email, userName, role, permissions, countries);
				successes.add(view(created));
			}
			return new Reply(200, CREATE_TYPE, new CreateResponse(errors, successes));
		});
	}

	// UpdateUserInvitations: revoke or resend.

	public Reply update(Call call) {
		Account account = account(call, "You do not have permission to manage users of this account.");
		JsonNode updates = array(call.body(), "updates", MAX_BATCH);
		Map<String, String> roles = roles(account, call.user().id());
		return this.invitations.atomically(() -> {
			List<InvitationError> errors = new ArrayList<>();
			List<Object> successes = new ArrayList<>();
			for (JsonNode update : updates) {
				String id = SandboxJson.string(update, "invitationId").orElse("");
				Invitation invitation = this.invitations.find(id)
					.filter((i) -> i.adsAccountId().equals(account.adsAccountId()))
					.orElse(null);
				requireAdmin(roles, (invitation != null) ? invitation.countries() : List.of());
			}
			for (JsonNode update : updates) {
				String id = SandboxJson.string(update, "invitationId").orElse("");
				String state = SandboxJson.string(update, "state").orElse("");
				Invitation invitation = this.invitations.find(id)
					.filter((i) -> i.adsAccountId().equals(account.adsAccountId()))
					.orElse(null);
				if (!UserInvitations.REVOKED.equals(state) && !UserInvitations.RESENT.equals(state)) {
					errors.add(error("INVALID_STATE", "state must be REVOKED or RESENT, not '" + state + "'.", id));
				}
				else if (invitation == null) {
					errors.add(error("INVITATION_NOT_FOUND", "No invitation " + id + " exists for this account.", id));
				}
				else if (!invitation.isPending()) {
					errors.add(error("INVITATION_NOT_PENDING",
							"Invitation " + id + " is " + invitation.state() + "; only a pending invitation can be "
									+ (UserInvitations.REVOKED.equals(state) ? "revoked" : "resent") + ".",
							id));
				}
				else {
					this.invitations.update(invitation, state);
					successes.add(new UpdateView(id, state));
				}
			}
			return new Reply(200, UPDATE_TYPE, new UpdateResponse(errors, successes.isEmpty() ? null : successes));
		});
	}

	// ListUserInvitations: the account's pending invitations.

	public Reply list(Call call) {
		Account account = account(call, "You do not have permission to view users of this account.");
		JsonNode body = call.body();
		int max = integer(body, "maxResults", 1, MAX_BATCH).orElse(MAX_BATCH);
		int from = offset(SandboxJson.string(body, "nextToken").orElse(null));
		List<Invitation> pending = this.invitations.ofAccount(account.adsAccountId())
			.stream()
			.filter(Invitation::isPending)
			.toList();
		if (from > pending.size()) {
			throw ApiException.badRequest("INVALID_ARGUMENT", "The nextToken is not valid.");
		}
		int to = Math.min(pending.size(), from + max);
		List<Object> page = pending.subList(from, to).stream().<Object>map(UserAccessHandler::view).toList();
		return new Reply(200, LIST_TYPE, new ListResponse(page, (to < pending.size()) ? Integer.toString(to) : null));
	}

	// GetUserInvitation: any holder of the id may read it (the invitee gets it by
	// e-mail).

	public Reply get(Call call) {
		String id = call.request().pathVariable("invitationId");
		Invitation invitation = this.invitations.find(id)
			.orElseThrow(() -> new ApiException(404, "NOT_FOUND", "Invitation " + id + " was not found."));
		return new Reply(200, GET_TYPE, new GetResponse(view(invitation), List.of("ADVERTISING")));
	}

	// RedeemUserInvitation: the invitee, signed in with the invited e-mail address.

	public Reply redeem(Call call) {
		String id = SandboxJson.string(call.body(), "invitationId")
			.orElseThrow(() -> ApiException.badRequest("INVALID_ARGUMENT", "invitationId is required."));
		Invitation invitation = this.invitations.find(id)
			.orElseThrow(() -> new ApiException(404, "NOT_FOUND", "Invitation " + id + " was not found."));
		String email = Fixtures.amazonAccount(call.user().id()).map(Fixtures.AmazonAccount::email).orElse("");
		if (!email.equalsIgnoreCase(invitation.email())) {
			throw new ApiException(403, "FORBIDDEN", "This invitation was sent to another e-mail address.");
		}
		String refusal = this.invitations.redeem(id, amazonUserId(call.user().id()));
		if (refusal != null) {
			throw ApiException.badRequest("INVALID_STATE",
					"Invitation " + id + " is " + refusal + " and cannot be redeemed.");
		}
		return new Reply(200, REDEEM_TYPE, null);
	}

	// ListUsers

	public Reply listUsers(Call call) {
		Account account = account(call, "You do not have permission to view users of this account.");
		JsonNode body = call.body();
		int max = integer(body, "maxResults", 1, 100).orElse(100);
		int from = offset(SandboxJson.string(body, "nextToken").orElse(null));
		Set<String> countryFilter = new LinkedHashSet<>(countryFilter(body));
		List<UserView> users = new ArrayList<>();
		for (Holder holder : holders(account)) {
			List<String> countries = holder.roles().keySet().stream().toList();
			if (!countryFilter.isEmpty() && countries.stream().noneMatch(countryFilter::contains)) {
				continue;
			}
			users.add(new UserView(countries, mask(holder.email()), holder.userId()));
		}
		if (from > users.size()) {
			throw new ApiException(400, "BAD_REQUEST", "The nextToken is not valid.");
		}
		int to = Math.min(users.size(), from + max);
		return new Reply(200, LIST_USERS_TYPE,
				new UsersResponse((to < users.size()) ? Integer.toString(to) : null, users.subList(from, to)));
	}

	// QueryUserRoles

	public Reply queryUserRoles(Call call) {
		Account account = account(call, "You do not have permission to view users of this account.");
		String userId = SandboxJson.string(call.body(), "userId")
			.orElseThrow(() -> new ApiException(400, "BAD_REQUEST", "userId is required."));
		Set<String> countryFilter = new LinkedHashSet<>(countryFilter(call.body()));
		Holder holder = holders(account).stream()
			.filter((h) -> h.userId().equals(userId))
			.findFirst()
			.orElseThrow(
					() -> new ApiException(404, "NOT_FOUND", "User " + userId + " has no access to this account."));
		Map<String, List<String>> byRole = new LinkedHashMap<>();
		holder.roles().forEach((country, role) -> {
			if (countryFilter.isEmpty() || countryFilter.contains(country)) {
				byRole.computeIfAbsent(role, (r) -> new ArrayList<>()).add(country);
			}
		});
		List<RoleView> roles = new ArrayList<>();
		byRole.forEach((role, countries) -> roles.add(new RoleView(countries, role, "ROLE")));
		return new Reply(200, USER_ROLES_TYPE, new RolesResponse(null, roles));
	}

	// The caller, the account and roles.

	/**
	 * The account of the {@code Amazon-Ads-AccountId} header, if the caller holds any
	 * role on it; an unknown account and another user's are refused alike (403).
	 */
	private Account account(Call call, String refusal) {
		String id = call.request().headers().firstHeader(ACCOUNT_HEADER);
		if (id == null || id.isBlank()) {
			throw ApiException.badRequest("INVALID_ARGUMENT", "The " + ACCOUNT_HEADER + " header is required.");
		}
		String userId = call.user().id();
		Optional<Account> owned = this.registry.find(userId, id.trim());
		if (owned.isPresent()) {
			return owned.get();
		}
		String amazonId = amazonUserId(userId);
		return this.registry.account(id.trim())
			.filter((account) -> this.invitations.members(account.adsAccountId())
				.stream()
				.anyMatch((m) -> m.userId().equals(amazonId)))
			.orElseThrow(() -> new ApiException(403, "FORBIDDEN", refusal));
	}

	/** ISO country → role of the caller on the account. */
	private Map<String, String> roles(Account account, String userId) {
		String amazonId = amazonUserId(userId);
		return holders(account).stream()
			.filter((h) -> h.userId().equals(amazonId))
			.findFirst()
			.map(Holder::roles)
			.orElse(Map.of());
	}

	private static void requireAdmin(Map<String, String> roles, List<String> countries) {
		List<String> concerned = countries.isEmpty() ? List.copyOf(roles.keySet()) : countries;
		boolean admin = !roles.isEmpty()
				&& concerned.stream().allMatch((country) -> "ADMIN".equals(roles.get(country)));
		if (!admin) {
			throw new ApiException(403, "FORBIDDEN",
					"Managing users of this account requires the Admin role (user_edit or manage_users permission).");
		}
	}

	/**
	 * The owner first, then users who redeemed invitations, each with roles by country.
	 */
	private List<Holder> holders(Account account) {
		List<Holder> holders = new ArrayList<>();
		Map<String, String> ownerRoles = new LinkedHashMap<>();
		for (Account.Market market : account.markets()) {
			ownerRoles.put(market.country().isoCode(), role(market.access()));
		}
		Fixtures.amazonAccount(account.userId())
			.ifPresent((owner) -> holders.add(new Holder(owner.accountId(), owner.email(), ownerRoles)));
		for (Member member : this.invitations.members(account.adsAccountId())) {
			Map<String, String> roles = new LinkedHashMap<>();
			List<String> countries = member.countries().isEmpty() ? List.copyOf(ownerRoles.keySet())
					: member.countries();
			countries.forEach((country) -> roles.put(country, (member.role() != null) ? member.role() : "EDITOR"));
			holders.add(new Holder(member.userId(), member.email(), roles));
		}
		return holders;
	}

	private static String role(Access access) {
		return switch (access) {
			case FULL -> "ADMIN";
			case NO_BILLING -> "EDITOR";
			case VIEW_ONLY -> "VIEWER";
		};
	}

	private boolean hasPending(Account account, String email) {
		return this.invitations.ofAccount(account.adsAccountId())
			.stream()
			.anyMatch((i) -> i.isPending() && i.email().equalsIgnoreCase(email));
	}

	private boolean isMember(Account account, String email) {
		return holders(account).stream().anyMatch((h) -> h.email().equalsIgnoreCase(email));
	}

	/**
	 * The Amazon customer id of a sandbox user, or (for an invitee who is no sandbox
	 * user) one derived from the e-mail address.
	 */
	public static String amazonUserId(String userIdOrEmail) {
		return Fixtures.amazonAccount(userIdOrEmail)
			.map(Fixtures.AmazonAccount::accountId)
			.or(() -> Fixtures.AMAZON_ACCOUNTS.stream()
				.filter((a) -> a.email().equalsIgnoreCase(userIdOrEmail))
				.map(Fixtures.AmazonAccount::accountId)
				.findFirst())
			.orElseGet(() -> "amzn1.account." + digest(userIdOrEmail.toLowerCase(Locale.ROOT)));
	}

	private static String digest(String text) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().withUpperCase().formatHex(hash, 0, 14);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Amazon lists users with a masked e-mail: the first letter of the local part. */
	static String mask(String email) {
		int at = email.indexOf('@');
		return (at <= 1) ? email : email.charAt(0) + "***" + email.substring(at);
	}

	// Request reading.

	private static JsonNode array(JsonNode body, String field, int max) {
		JsonNode items = body.get(field);
		if (items == null || !items.isArray() || items.isEmpty() || items.size() > max) {
			throw ApiException.badRequest("INVALID_ARGUMENT", field + " must be an array of 1 to " + max + " items.");
		}
		for (JsonNode item : items) {
			if (!item.isObject()) {
				throw ApiException.badRequest("INVALID_ARGUMENT", "Each item of " + field + " must be an object.");
			}
		}
		return items;
	}

	/**
	 * The role name of a ROLE permission set (ADMIN, EDITOR, VIEWER, any case), or null
	 * for a custom set, whose names go into {@code permissions}.
	 */
	private static String permissionSet(JsonNode set, List<String> permissions, List<InvitationError> problems,
			String email) {
		if (set == null || !set.isObject()) {
			problems.add(error("INVALID_PERMISSION_SET", "permissionSet is required.", email));
			return null;
		}
		String type = SandboxJson.string(set, "type").orElse("");
		if ("ROLE".equals(type)) {
			JsonNode role = set.get("role");
			String name = (role != null && role.isObject()) ? SandboxJson.string(role, "name").orElse("") : "";
			String upper = name.toUpperCase(Locale.ROOT);
			if (!ROLES.contains(upper)) {
				problems.add(error("INVALID_ROLE",
						"Unknown role '" + name + "'; expected one of ADMIN, EDITOR, VIEWER.", email));
				return null;
			}
			return upper;
		}
		if ("CUSTOM_PERMISSION_SET".equals(type)) {
			JsonNode custom = set.get("customPermissionSet");
			if (custom == null || !custom.isArray() || custom.isEmpty() || custom.size() > 200) {
				problems
					.add(error("INVALID_PERMISSION_SET", "customPermissionSet must list 1 to 200 permissions.", email));
				return null;
			}
			for (JsonNode permission : custom) {
				String name = permission.isObject() ? SandboxJson.string(permission, "name").orElse("") : "";
				if (!SPONSORED_ADS_PERMISSIONS.contains(name)) {
					problems.add(error("INVALID_PERMISSION", "Unknown permission '" + name + "'.", email));
					return null;
				}
				permissions.add(name);
			}
			return null;
		}
		problems.add(error("INVALID_PERMISSION_SET",
				"permissionSet.type must be ROLE or CUSTOM_PERMISSION_SET, not '" + type + "'.", email));
		return null;
	}

	/** The request's countries (ISO codes of the account), empty for every country. */
	private static List<String> countries(JsonNode request, Account account, List<InvitationError> problems) {
		JsonNode countries = request.get("countries");
		if (countries == null || countries.isNull()) {
			return List.of();
		}
		Set<String> known = new LinkedHashSet<>();
		account.markets().forEach((m) -> known.add(m.country().isoCode()));
		List<String> codes = new ArrayList<>();
		if (countries.isArray()) {
			for (JsonNode country : countries) {
				codes.add(country.isObject() ? SandboxJson.string(country, "countryCode").orElse("") : "");
			}
		}
		String email = Optional.ofNullable(request.get("user"))
			.filter(JsonNode::isObject)
			.flatMap((u) -> SandboxJson.string(u, "emailAddress"))
			.orElse("");
		if (codes.isEmpty() || !known.containsAll(codes)) {
			problems.add(error("INVALID_COUNTRY", "countries must name countries of the account, among " + known + ".",
					email));
			return List.of();
		}
		return List.copyOf(new LinkedHashSet<>(codes));
	}

	private static List<String> countryFilter(JsonNode body) {
		JsonNode filter = body.get("countryCodesFilter");
		List<String> codes = new ArrayList<>();
		if (filter != null && filter.isObject() && filter.get("include") != null && filter.get("include").isArray()) {
			filter.get("include").forEach((code) -> codes.add(code.asString()));
		}
		return codes;
	}

	private static Optional<Integer> integer(JsonNode body, String field, int min, int max) {
		JsonNode value = body.get(field);
		if (value == null || value.isNull()) {
			return Optional.empty();
		}
		if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
			throw ApiException.badRequest("INVALID_ARGUMENT",
					field + " must be a number from " + min + " to " + max + ".");
		}
		return Optional.of(value.asInt());
	}

	private static int offset(String nextToken) {
		if (nextToken == null) {
			return 0;
		}
		try {
			int offset = Integer.parseInt(nextToken);
			if (offset < 0) {
				throw new NumberFormatException();
			}
			return offset;
		}
		catch (NumberFormatException ex) {
			throw ApiException.badRequest("INVALID_ARGUMENT", "The nextToken is not valid.");
		}
	}

	private static InvitationError error(String code, String message, String identifier) {
		return new InvitationError(code, message, message, identifier);
	}

	// Wire shapes (the spec's schemas).

	static Map<String, Object> view(Invitation invitation) {
		Map<String, Object> view = new LinkedHashMap<>();
		if (!invitation.countries().isEmpty()) {
			view.put("countries", invitation.countries().stream().map((c) -> Map.of("countryCode", c)).toList());
		}
		view.put("createdAt", (double) invitation.createdAt().toEpochMilli());
		view.put("createdBy", invitation.createdBy());
		view.put("expiration", (double) invitation.expiration().toEpochMilli());
		view.put("invitationId", invitation.invitationId());
		Map<String, Object> permissionSet = new LinkedHashMap<>();
		if (invitation.role() != null) {
			permissionSet.put("role", Map.of("name", invitation.role()));
			permissionSet.put("type", "ROLE");
		}
		else {
			permissionSet.put("customPermissionSet",
					invitation.permissions().stream().map((p) -> Map.of("name", p)).toList());
			permissionSet.put("type", "CUSTOM_PERMISSION_SET");
		}
		view.put("permissionSet", permissionSet);
		view.put("state", invitation.state());
		view.put("targetId", invitation.adsAccountId());
		view.put("user", Map.of("emailAddress", invitation.email(), "userName", invitation.userName()));
		return view;
	}

	record Holder(String userId, String email, Map<String, String> roles) {
	}

	record InvitationError(String errorCode, String errorDetail, String errorMessage, String identifier) {
	}

	record CreateResponse(List<InvitationError> errors, List<Object> successes) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record UpdateResponse(List<InvitationError> errors, List<Object> successes) {
	}

	record UpdateView(String invitationId, String state) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ListResponse(List<Object> invitations, String nextToken) {
	}

	record GetResponse(Object invitation, List<String> termsTypes) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record UsersResponse(String nextToken, List<UserView> users) {
	}

	record UserView(List<String> countryCodes, String emailAddress, String userId) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record RolesResponse(String nextToken, List<RoleView> roles) {
	}

	record RoleView(List<String> countryCodes, String role, String type) {
	}

}
