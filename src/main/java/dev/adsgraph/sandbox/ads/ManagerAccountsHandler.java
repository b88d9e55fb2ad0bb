package dev.adsgraph.sandbox.ads;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.ads.AdsGate.Call;
import dev.adsgraph.sandbox.ads.AdsGate.Operation;
import dev.adsgraph.sandbox.ads.ManagerAccounts.Link;
import dev.adsgraph.sandbox.ads.ManagerAccounts.Manager;
import dev.adsgraph.sandbox.core.ApiException;
import dev.adsgraph.sandbox.core.Reply;
import dev.adsgraph.sandbox.fixtures.Access;
import dev.adsgraph.sandbox.fixtures.Account;
import dev.adsgraph.sandbox.fixtures.Account.Market;
import dev.adsgraph.sandbox.fixtures.SellingProgram;

/**
 * The manager account operations ({@code /managerAccounts}, Amazon's "Manager Account"
 * API 3.0; facts in docs/contracts/manager-accounts.md): list with the linked accounts of
 * the host's region, create, and link or unlink accounts with a result per account.
 *
 * <p>
 * An {@code ACCOUNT_ID} is a country's entity id (the ads account's alternate id) or a
 * seller's id as profiles give it in {@code accountInfo.id} (all the countries of that
 * seller's account). Linking needs Admin on the ads account, as Amazon documents: the
 * user is Admin on an account unless one of its countries was only shared with them to
 * view (Blue Harbor's IT and ES). Unlinking needs only the manager account.
 */
public final class ManagerAccountsHandler {

	static final String LIST_TYPE = "application/vnd.getmanageraccountsresponse.v1+json";

	static final String CREATE_REQUEST = "application/vnd.createmanageraccountrequest.v1+json";

	static final String MANAGER_ACCOUNT = "application/vnd.manageraccount.v1+json";

	static final String UPDATE_REQUEST = "application/vnd.updateadvertisingaccountsinmanageraccountrequest.v1+json";

	static final String UPDATE_RESPONSE = "application/vnd.updateadvertisingaccountsinmanageraccountresponse.v1+json";

	public static final Operation LIST = new Operation("getManagerAccountsForUser", ErrorFamily.MANAGER_ACCOUNTS, false,
			List.of(), LIST_TYPE);

	public static final Operation CREATE = new Operation("createManagerAccount", ErrorFamily.MANAGER_ACCOUNTS, false,
			List.of(CREATE_REQUEST), MANAGER_ACCOUNT);

	public static final Operation ASSOCIATE = new Operation("LinkAdvertisingAccountsToManagerAccountPublicAPI",
			ErrorFamily.MANAGER_ACCOUNTS, false, List.of(UPDATE_REQUEST), UPDATE_RESPONSE);

	public static final Operation DISASSOCIATE = new Operation("UnlinkAdvertisingAccountsToManagerAccountPublicAPI",
			ErrorFamily.MANAGER_ACCOUNTS, false, List.of(UPDATE_REQUEST), UPDATE_RESPONSE);

	/** Amazon returns at most this many linked accounts per manager account. */
	static final int MAX_LINKED_LISTED = 50;

	/** At most this many accounts per link or unlink request. */
	static final int MAX_ACCOUNTS = 20;

	private static final Set<String> TYPES = Set.of("Advertiser", "Agency");

	private static final Set<String> ROLES = Set.of("ENTITY_OWNER", "ENTITY_USER", "ENTITY_VIEWER", "SELLER_USER");

	private final ManagerAccounts managers;

	private final AccountRegistry registry;

	private final Clock clock;

	public ManagerAccountsHandler(ManagerAccounts managers, AccountRegistry registry, Clock clock) {
		this.managers = managers;
		this.registry = registry;
		this.clock = clock;
	}

	public Reply list(Call call) {
		List<ManagerAccountView> views = new ArrayList<>();
		for (Manager manager : this.managers.list(call.user().id())) {
			List<LinkedAccount> linked = new ArrayList<>();
			for (Link link : manager.links) {
				if (link.country().region() != call.region() || linked.size() == MAX_LINKED_LISTED) {
					continue;
				}
				this.registry.find(call.user().id(), link.adsAccountId())
					.flatMap((account) -> market(account, link).map((market) -> LinkedAccount.of(account, market)))
					.ifPresent(linked::add);
			}
			views.add(new ManagerAccountView(linked, manager.id, manager.name));
		}
		return new Reply(200, LIST_TYPE, Map.of("managerAccounts", views));
	}

	public Reply create(Call call) {
		JsonNode body = call.body();
		String name = text(body, "managerAccountName");
		String type = text(body, "managerAccountType");
		if (name == null || name.isBlank()) {
			return error(400, MANAGER_ACCOUNT, "managerAccountName is required and must not be blank.");
		}
		if (type == null || !TYPES.contains(type)) {
			return error(400, MANAGER_ACCOUNT, "managerAccountType must be Advertiser or Agency.");
		}
		Manager created = this.managers.create(call.user().id(), name.trim(), type);
		return new Reply(200, MANAGER_ACCOUNT, new ManagerAccountView(List.of(), created.id, created.name));
	}

	public Reply associate(Call call) {
		return update(call, true);
	}

	public Reply disassociate(Call call) {
		return update(call, false);
	}

	private Reply update(Call call, boolean link) {
		String managerAccountId = call.request().pathVariable("managerAccountId");
		JsonNode accounts = call.body().get("accounts");
		if (accounts == null || !accounts.isArray() || accounts.isEmpty()) {
			return error(400, UPDATE_RESPONSE, "accounts must list 1 to " + MAX_ACCOUNTS + " accounts.");
		}
		if (accounts.size() > MAX_ACCOUNTS) {
			return error(400, UPDATE_RESPONSE,
					"accounts lists " + accounts.size() + " accounts; at most " + MAX_ACCOUNTS + " are allowed.");
		}
		String userId = call.user().id();
		return this.managers.atomically(() -> {
			Optional<Manager> found = this.managers.find(userId, managerAccountId);
			if (found.isEmpty()) {
				return error(403, UPDATE_RESPONSE,
						"The user has no access to manager account " + managerAccountId + ".");
			}
			Manager manager = found.get();
			List<Object> succeeded = new ArrayList<>();
			List<Failure> failed = new ArrayList<>();
			for (JsonNode item : accounts) {
				AccountToUpdate account = AccountToUpdate.of(item);
				String problem = problem(account);
				if (problem != null) {
					failed.add(new Failure(account, new ErrorDetail("BAD_REQUEST", problem)));
					continue;
				}
				Resolved resolved = resolve(userId, account.id());
				if (resolved == null) {
					failed.add(new Failure(account, new ErrorDetail("BAD_REQUEST",
							"No advertising account with id " + account.id() + " is visible to the user.")));
				}
				else if (link && !isAdmin(resolved.account())) {
					failed.add(new Failure(account,
							new ErrorDetail("FORBIDDEN", "Linking needs Admin access to advertising account "
									+ account.id() + "; the user's access to it is view only in some countries.")));
				}
				else if (link) {
					manager.links.addAll(resolved.links());
					succeeded.add(account.withDefaultRole(defaultRole(resolved.account())));
				}
				else if (resolved.links().stream().noneMatch(manager.links::contains)) {
					failed.add(new Failure(account, new ErrorDetail("BAD_REQUEST", "Advertising account " + account.id()
							+ " is not linked to manager account " + managerAccountId + ".")));
				}
				else {
					manager.links.removeAll(resolved.links());
					succeeded.add(account);
				}
			}
			return new Reply(207, UPDATE_RESPONSE, new UpdateResponse(failed, succeeded));
		});
	}

	private static String problem(AccountToUpdate account) {
		if (account.id() == null || account.id().isBlank()) {
			return "id is required.";
		}
		if (account.type() != null && !account.type().equals("ACCOUNT_ID")
				&& !account.type().equals("DSP_ADVERTISER_ID")) {
			return "type must be ACCOUNT_ID or DSP_ADVERTISER_ID.";
		}
		if ("DSP_ADVERTISER_ID".equals(account.type())) {
			return "No DSP advertiser with id " + account.id() + " is visible to the user.";
		}
		if (account.roles() != null && account.roles().size() > 1) {
			return "Only one role at a time is supported.";
		}
		if (account.roles() != null && !ROLES.containsAll(account.roles())) {
			return "roles must be one of ENTITY_OWNER, ENTITY_USER, ENTITY_VIEWER, SELLER_USER.";
		}
		return null;
	}

	/**
	 * The countries an id names: one country's entity id, or a seller id for all of its
	 * account's countries.
	 */
	private Resolved resolve(String userId, String id) {
		for (Account account : this.registry.list(userId)) {
			Set<Link> links = new LinkedHashSet<>();
			boolean seller = account.partner() != null && account.partner().program() == SellingProgram.AMAZON_SELLER
					&& account.partner().partnerId().equals(id);
			for (Market market : account.liveMarkets(this.clock.instant())) {
				if (seller || market.entityId().equals(id)) {
					links.add(new Link(account.adsAccountId(), market.country()));
				}
			}
			if (!links.isEmpty()) {
				return new Resolved(account, links);
			}
		}
		return null;
	}

	private static boolean isAdmin(Account account) {
		return account.markets().stream().noneMatch((market) -> market.access() == Access.VIEW_ONLY);
	}

	private static String defaultRole(Account account) {
		return (account.partner() != null && account.partner().program() == SellingProgram.AMAZON_SELLER)
				? "SELLER_USER" : "ENTITY_USER";
	}

	private static Optional<Market> market(Account account, Link link) {
		return account.markets().stream().filter((market) -> market.country() == link.country()).findFirst();
	}

	private static Reply error(int status, String contentType, String message) {
		return new Reply(status, contentType, ErrorFamily.MANAGER_ACCOUNTS.body(status, null, message));
	}

	private static String text(JsonNode body, String field) {
		JsonNode value = (body != null) ? body.get(field) : null;
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	private record Resolved(Account account, Set<Link> links) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record AccountToUpdate(String id, List<String> roles, String type) {

		static AccountToUpdate of(JsonNode item) {
			if (item == null || !item.isObject()) {
				return new AccountToUpdate(null, null, null);
			}
			List<String> roles = null;
			JsonNode rolesNode = item.get("roles");
			if (rolesNode != null && rolesNode.isArray()) {
				roles = new ArrayList<>();
				for (JsonNode role : rolesNode) {
					roles.add(role.isString() ? role.stringValue() : role.toString());
				}
			}
			return new AccountToUpdate(text(item, "id"), roles, text(item, "type"));
		}

		AccountToUpdate withDefaultRole(String role) {
			return (this.roles == null || this.roles.isEmpty())
					? new AccountToUpdate(this.id, List.of(role), (this.type != null) ? this.type : "ACCOUNT_ID")
					: this;
		}

	}

	record ErrorDetail(String code, String message) {
	}

	record Failure(AccountToUpdate account, ErrorDetail error) {
	}

	record UpdateResponse(List<Failure> failedAccounts, List<Object> succeedAccounts) {
	}

	record ManagerAccountView(List<LinkedAccount> linkedAccounts, String managerAccountId, String managerAccountName) {
	}

	/** {@code Account}: one country of a linked ads account. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record LinkedAccount(String accountId, String accountName, String accountType, String marketplaceId,
			String profileId) {

		static LinkedAccount of(Account account, Market market) {
			String type = (account.partner() != null && account.partner().program() == SellingProgram.AMAZON_SELLER)
					? "SELLER" : "VENDOR";
			return new LinkedAccount(market.entityId(), account.accountName(), type, market.country().marketplaceId(),
					Long.toString(market.profileId()));
		}

	}

}
