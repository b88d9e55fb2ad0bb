package dev.adsgraph.sandbox.ads;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.ads.AdsGate.Call;
import dev.adsgraph.sandbox.ads.AdsGate.Operation;
import dev.adsgraph.sandbox.ads.CampaignStore.AdEntity;
import dev.adsgraph.sandbox.ads.CampaignStore.AdGroupEntity;
import dev.adsgraph.sandbox.ads.CampaignStore.CampaignEntity;
import dev.adsgraph.sandbox.ads.CampaignStore.State;
import dev.adsgraph.sandbox.ads.CampaignViews.AdGroupView;
import dev.adsgraph.sandbox.ads.CampaignViews.AdView;
import dev.adsgraph.sandbox.ads.CampaignViews.CampaignView;
import dev.adsgraph.sandbox.ads.V1Problems.ItemError;
import dev.adsgraph.sandbox.core.ApiException;
import dev.adsgraph.sandbox.core.Reply;
import dev.adsgraph.sandbox.core.SandboxJson;
import dev.adsgraph.sandbox.fixtures.Country;

/**
 * Ads API v1 campaign writes (AmazonAdsAPIALLMerged_prod_3p_ALL.json UpdateCampaign,
 * UpdateAdGroup, UpdateAd, DeleteCampaign, DeleteAd): {@code POST
 * /adsApi/v1/update/campaigns|adGroups|ads} and {@code /adsApi/v1/delete/campaigns|ads}.
 * Every batch answers 207 with {@code success} ({@code index} and the entity as it now
 * is) and {@code error} ({@code index} and every problem of that item, with its
 * {@code fieldLocation}); a bad item changes nothing of itself and never stops the
 * others. Only a malformed batch is refused whole: no array (400 BAD_REQUEST), an empty
 * one (400 FIELD_SIZE_IS_OUT_OF_RANGE), more than the contract's 1000 items (413
 * CONTENT_TOO_LARGE). A view-only profile is refused whole (403 FORBIDDEN).
 *
 * <p>
 * What changes: a campaign's state (ENABLED, PAUSED) and daily budget
 * ({@code budgets[0]}: MONETARY, DAILY, the marketplace's currency), an ad group's state
 * and {@code bid.defaultBid}, an ad's state; other members are answered per item with
 * ACTION_NOT_SUPPORTED. Delete archives: the contract's delete operations take ids only
 * and answer the entity, and ARCHIVED is the v1 state that is "permanently stopped and
 * cannot be reactivated", so a deleted campaign or ad stays listed as ARCHIVED (deleting
 * it again succeeds and changes nothing). Archiving a campaign leaves its ad groups' and
 * ads' own states alone; they stop delivering (status CAMPAIGN_ARCHIVED). Per-item
 * errors: unknown id or one outside the scope (NOT_FOUND), the same id twice in a batch
 * (DUPLICATE_RESOURCE_ID_FOUND), an archived entity (ARCHIVED_RESOURCE_CANNOT_EDIT) or
 * one under an archived campaign or ad group (ARCHIVED_PARENT_CANNOT_EDIT), a state
 * outside ENABLED/PAUSED (FIELD_VALUE_IS_INVALID), another ad product than the entity's
 * (FIELD_VALUE_MISMATCH), a currency other than the marketplace's (FIELD_VALUE_MISMATCH),
 * a budget or bid outside Amazon's Sponsored Products limits for the marketplace
 * ({@link SponsoredProductsLimits}: FIELD_VALUE_IS_BELOW_MINIMUM_LIMIT,
 * FIELD_VALUE_IS_ABOVE_MAXIMUM_LIMIT) or with more decimals than the currency has
 * (FIELD_VALUE_IS_INVALID).
 */
public final class CampaignWritesHandler {

	public static final Operation UPDATE_CAMPAIGNS = new Operation("UpdateCampaign", ErrorFamily.V1, true,
			List.of(Reply.JSON), Reply.JSON);

	public static final Operation UPDATE_AD_GROUPS = new Operation("UpdateAdGroup", ErrorFamily.V1, true,
			List.of(Reply.JSON), Reply.JSON);

	public static final Operation UPDATE_ADS = new Operation("UpdateAd", ErrorFamily.V1, true, List.of(Reply.JSON),
			Reply.JSON);

	public static final Operation DELETE_CAMPAIGNS = new Operation("DeleteCampaign", ErrorFamily.V1, true,
			List.of(Reply.JSON), Reply.JSON);

	public static final Operation DELETE_ADS = new Operation("DeleteAd", ErrorFamily.V1, true, List.of(Reply.JSON),
			Reply.JSON);

	/** The contract's maxItems of every update and delete batch. */
	static final int MAX_BATCH = 1000;

	private static final Set<String> UPDATE_STATES = Set.of("ENABLED", "PAUSED");

	private static final String BUDGET_VALUE = "budgets[0].budgetValue.monetaryBudgetValue.monetaryBudget";

	private final AccountRegistry registry;

	private final CampaignStore store;

	public CampaignWritesHandler(AccountRegistry registry, CampaignStore store) {
		this.registry = registry;
		this.store = store;
	}

	public Reply updateCampaigns(Call call) {
		V1Scope scope = writable(call);
		return batch(call.body(), "campaigns", (item, seen) -> {
			CampaignEntity updated = this.store.atomically(() -> updateCampaign(scope, item, seen));
			return new CampaignSuccess(item.index(), CampaignViews.campaign(updated));
		});
	}

	public Reply updateAdGroups(Call call) {
		V1Scope scope = writable(call);
		return batch(call.body(), "adGroups",
				(item, seen) -> this.store.atomically(() -> updateAdGroup(scope, item, seen)));
	}

	public Reply updateAds(Call call) {
		V1Scope scope = writable(call);
		return batch(call.body(), "ads", (item, seen) -> this.store.atomically(() -> updateAd(scope, item, seen)));
	}

	public Reply deleteCampaigns(Call call) {
		V1Scope scope = writable(call);
		return batch(call.body(), "campaignIds", (item, seen) -> this.store.atomically(() -> {
			V1Problems problems = new V1Problems();
			CampaignEntity campaign = campaign(scope, id(item, "campaignId", seen, problems),
					"campaignIds[" + item.index() + "]", problems);
			problems.throwIfAny();
			if (campaign.state() != State.ARCHIVED) {
				campaign = campaign.with(State.ARCHIVED, campaign.budgetMinor(), this.store.now());
				this.store.replace(campaign);
			}
			return new CampaignSuccess(item.index(), CampaignViews.campaign(campaign));
		}));
	}

	public Reply deleteAds(Call call) {
		V1Scope scope = writable(call);
		return batch(call.body(), "adIds", (item, seen) -> this.store.atomically(() -> {
			V1Problems problems = new V1Problems();
			String location = "adIds[" + item.index() + "]";
			AdEntity ad = ad(scope, id(item, "adId", seen, problems), location, problems);
			problems.throwIfAny();
			if (ad.state() != State.ARCHIVED) {
				ad = ad.with(State.ARCHIVED, this.store.now());
				this.store.replace(ad);
			}
			return adSuccess(item.index(), ad, scope);
		}));
	}

	private V1Scope writable(Call call) {
		V1Scope scope = V1Scope.of(call, this.registry, this.store.now());
		scope.requireEdit();
		return scope;
	}

	// ---- one item of each operation, under the store's lock ----

	private CampaignEntity updateCampaign(V1Scope scope, Item item, Set<String> seen) {
		V1Problems problems = new V1Problems();
		JsonNode node = object(item, problems);
		unsupported(node, Set.of("campaignId", "adProduct", "state", "budgets"), "a campaign's state and budgets",
				problems);
		String id = problems.required(node, "campaignId", "campaignId", V1ErrorCode.FIELD_VALUE_IS_NULL);
		problems.throwIfAny();
		duplicate(id, "campaignId", seen, problems);
		CampaignEntity campaign = campaign(scope, id, "campaignId", problems);
		adProduct(node, problems);
		State state = state(node, problems);
		Long budget = budget(node, campaign.market().country(), problems);
		if (campaign.state() == State.ARCHIVED) {
			problems.add(V1ErrorCode.ARCHIVED_RESOURCE_CANNOT_EDIT, "campaignId",
					"Campaign " + id + " is archived and can no longer be changed.");
		}
		problems.throwIfAny();
		State newState = (state != null) ? state : campaign.state();
		long newBudget = (budget != null) ? budget : campaign.budgetMinor();
		if (newState != campaign.state() || newBudget != campaign.budgetMinor()) {
			campaign = campaign.with(newState, newBudget, this.store.now());
			this.store.replace(campaign);
		}
		return campaign;
	}

	private AdGroupSuccess updateAdGroup(V1Scope scope, Item item, Set<String> seen) {
		V1Problems problems = new V1Problems();
		JsonNode node = object(item, problems);
		unsupported(node, Set.of("adGroupId", "adProduct", "state", "bid"), "an ad group's state and default bid",
				problems);
		String id = problems.required(node, "adGroupId", "adGroupId", V1ErrorCode.FIELD_VALUE_IS_NULL);
		problems.throwIfAny();
		duplicate(id, "adGroupId", seen, problems);
		AdGroupEntity adGroup = this.store.adGroup(id).filter((g) -> scope.markets().contains(g.market())).orElse(null);
		if (adGroup == null) {
			problems.add(V1ErrorCode.NOT_FOUND, "adGroupId", "Ad group " + id + " was not found.");
			problems.throwIfAny();
		}
		adProduct(node, problems);
		State state = state(node, problems);
		Long bid = defaultBid(node, adGroup.market().country(), problems);
		CampaignEntity campaign = this.store.campaign(adGroup.campaignId()).orElseThrow();
		if (adGroup.state() == State.ARCHIVED) {
			problems.add(V1ErrorCode.ARCHIVED_RESOURCE_CANNOT_EDIT, "adGroupId",
					"Ad group " + id + " is archived and can no longer be changed.");
		}
		else if (campaign.state() == State.ARCHIVED) {
			problems.add(V1ErrorCode.ARCHIVED_PARENT_CANNOT_EDIT, "adGroupId",
					"Ad group " + id + " belongs to archived campaign " + campaign.campaignId() + ".");
		}
		problems.throwIfAny();
		State newState = (state != null) ? state : adGroup.state();
		long newBid = (bid != null) ? bid : adGroup.defaultBidMinor();
		if (newState != adGroup.state() || newBid != adGroup.defaultBidMinor()) {
			adGroup = adGroup.with(newState, newBid, this.store.now());
			this.store.replace(adGroup);
		}
		return new AdGroupSuccess(item.index(), CampaignViews.adGroup(adGroup, campaign));
	}

	private AdSuccess updateAd(V1Scope scope, Item item, Set<String> seen) {
		V1Problems problems = new V1Problems();
		JsonNode node = object(item, problems);
		// AdUpdate declares no adProduct; one sent anyway is still checked.
		unsupported(node, Set.of("adId", "adProduct", "state"), "an ad's state", problems);
		String id = problems.required(node, "adId", "adId", V1ErrorCode.FIELD_VALUE_IS_NULL);
		problems.throwIfAny();
		duplicate(id, "adId", seen, problems);
		AdEntity ad = ad(scope, id, "adId", problems);
		adProduct(node, problems);
		State state = state(node, problems);
		if (ad.state() == State.ARCHIVED) {
			problems.add(V1ErrorCode.ARCHIVED_RESOURCE_CANNOT_EDIT, "adId",
					"Ad " + id + " is archived and can no longer be changed.");
		}
		else {
			AdGroupEntity adGroup = this.store.adGroup(ad.adGroupId()).orElseThrow();
			CampaignEntity campaign = this.store.campaign(ad.campaignId()).orElseThrow();
			if (adGroup.state() == State.ARCHIVED || campaign.state() == State.ARCHIVED) {
				problems.add(
						V1ErrorCode.ARCHIVED_PARENT_CANNOT_EDIT, "adId", "Ad "
								+ id + " belongs to an archived " + ((campaign.state() == State.ARCHIVED)
										? "campaign " + campaign.campaignId() : "ad group " + adGroup.adGroupId())
								+ ".");
			}
		}
		problems.throwIfAny();
		if (state != null && state != ad.state()) {
			ad = ad.with(state, this.store.now());
			this.store.replace(ad);
		}
		return adSuccess(item.index(), ad, scope);
	}

	private AdSuccess adSuccess(int index, AdEntity ad, V1Scope scope) {
		AdGroupEntity adGroup = this.store.adGroup(ad.adGroupId()).orElseThrow();
		CampaignEntity campaign = this.store.campaign(ad.campaignId()).orElseThrow();
		return new AdSuccess(index, CampaignViews.ad(ad, adGroup, campaign, scope.vendor()));
	}

	// ---- shared checks ----

	private CampaignEntity campaign(V1Scope scope, String id, String location, V1Problems problems) {
		CampaignEntity campaign = (id != null)
				? this.store.campaign(id).filter((c) -> scope.markets().contains(c.market())).orElse(null) : null;
		if (campaign == null && id != null) {
			problems.add(V1ErrorCode.NOT_FOUND, location, "Campaign " + id + " was not found.");
		}
		problems.throwIfAny();
		return campaign;
	}

	private AdEntity ad(V1Scope scope, String id, String location, V1Problems problems) {
		AdEntity ad = (id != null) ? this.store.ad(id).filter((a) -> scope.markets().contains(a.market())).orElse(null)
				: null;
		if (ad == null && id != null) {
			problems.add(V1ErrorCode.NOT_FOUND, location, "Ad " + id + " was not found.");
		}
		problems.throwIfAny();
		return ad;
	}

	/** The id of a delete batch's item: the item itself, a string. */
	private static String id(Item item, String kind, Set<String> seen, V1Problems problems) {
		JsonNode node = item.node();
		String location = item.field() + "[" + item.index() + "]";
		if (!node.isString() || node.stringValue().isBlank()) {
			problems.add(V1ErrorCode.FIELD_VALUE_IS_INVALID, location, "Each " + kind + " must be a non-blank string.");
			problems.throwIfAny();
		}
		String id = node.stringValue().trim();
		duplicate(id, location, seen, problems);
		return id;
	}

	private static void duplicate(String id, String location, Set<String> seen, V1Problems problems) {
		if (!seen.add(id)) {
			problems.add(V1ErrorCode.DUPLICATE_RESOURCE_ID_FOUND, location,
					"The batch names " + id + " more than once.");
			problems.throwIfAny();
		}
	}

	private static JsonNode object(Item item, V1Problems problems) {
		if (!item.node().isObject()) {
			problems.add(V1ErrorCode.FIELD_VALUE_IS_INVALID, null, "Each item must be a JSON object.");
			problems.throwIfAny();
		}
		return item.node();
	}

	private static void unsupported(JsonNode node, Set<String> supported, String what, V1Problems problems) {
		for (String field : node.propertyNames()) {
			if (!supported.contains(field) && !node.get(field).isNull()) {
				problems.add(V1ErrorCode.ACTION_NOT_SUPPORTED, field,
						"The sandbox changes " + what + " only; " + field + " is not supported.");
			}
		}
	}

	private static void adProduct(JsonNode node, V1Problems problems) {
		String adProduct = problems.oneOf(node, "adProduct", "adProduct", CampaignsHandler.AD_PRODUCTS);
		if (adProduct != null && !adProduct.equals(CampaignStore.SPONSORED_PRODUCTS)) {
			problems.add(V1ErrorCode.FIELD_VALUE_MISMATCH, "adProduct",
					"The entity is SPONSORED_PRODUCTS, not " + adProduct + ".");
		}
	}

	private static State state(JsonNode node, V1Problems problems) {
		String state = problems.text(node, "state", "state");
		if (state == null) {
			return null;
		}
		if (!UPDATE_STATES.contains(state)) {
			problems.add(V1ErrorCode.FIELD_VALUE_IS_INVALID, "state", "state must be ENABLED or PAUSED, was '" + state
					+ "'" + (state.equals("ARCHIVED") ? "; archive with the delete operation." : "."));
			return null;
		}
		return State.valueOf(state);
	}

	/**
	 * The daily budget of {@code budgets}, in minor units; null when absent or invalid.
	 */
	private static Long budget(JsonNode node, Country country, V1Problems problems) {
		JsonNode budgets = node.get("budgets");
		if (budgets == null || budgets.isNull()) {
			return null;
		}
		if (!budgets.isArray() || budgets.size() != 1 || !budgets.get(0).isObject()) {
			problems.add(V1ErrorCode.FIELD_SIZE_IS_OUT_OF_RANGE, "budgets",
					"A sponsored-products campaign has exactly one budget: budgets must hold one object.");
			return null;
		}
		JsonNode budget = budgets.get(0);
		String type = problems.text(budget, "budgetType", "budgets[0].budgetType");
		if (!"MONETARY".equals(type)) {
			problems.add(V1ErrorCode.FIELD_VALUE_IS_INVALID, "budgets[0].budgetType",
					"A sponsored-products budget is MONETARY.");
		}
		String recurrence = problems.text(budget, "recurrenceTimePeriod", "budgets[0].recurrenceTimePeriod");
		if (!"DAILY".equals(recurrence)) {
			problems.add(V1ErrorCode.FIELD_VALUE_IS_INVALID, "budgets[0].recurrenceTimePeriod",
					"A sponsored-products budget is DAILY.");
		}
		JsonNode monetary = budget.path("budgetValue").path("monetaryBudgetValue").path("monetaryBudget");
		if (!monetary.isObject()) {
			problems.add(V1ErrorCode.FIELD_VALUE_IS_NULL, BUDGET_VALUE, BUDGET_VALUE + " is required.");
			return null;
		}
		// CreateMonetaryBudget requires the currency.
		if (!SandboxJson.present(monetary, "currencyCode")) {
			problems.add(V1ErrorCode.FIELD_VALUE_IS_NULL, BUDGET_VALUE + ".currencyCode",
					BUDGET_VALUE + ".currencyCode is required.");
		}
		currency(monetary, BUDGET_VALUE + ".currencyCode", country, problems);
		SponsoredProductsLimits limits = SponsoredProductsLimits.of(country);
		return amount(monetary, "value", BUDGET_VALUE + ".value", "daily budget", country, limits.minBudgetMinor(),
				limits.maxBudgetMinor(), problems);
	}

	/** {@code bid.defaultBid} in minor units; null when absent or invalid. */
	private static Long defaultBid(JsonNode node, Country country, V1Problems problems) {
		JsonNode bid = node.get("bid");
		if (bid == null || bid.isNull()) {
			return null;
		}
		if (!bid.isObject()) {
			problems.add(V1ErrorCode.FIELD_VALUE_IS_INVALID, "bid", "bid must be an object.");
			return null;
		}
		for (String field : bid.propertyNames()) {
			if (!field.equals("defaultBid") && !field.equals("currencyCode") && !bid.get(field).isNull()) {
				problems.add(V1ErrorCode.ACTION_NOT_SUPPORTED, "bid." + field,
						"The sandbox changes an ad group's default bid only; bid." + field + " is not supported.");
			}
		}
		currency(bid, "bid.currencyCode", country, problems);
		SponsoredProductsLimits limits = SponsoredProductsLimits.of(country);
		return amount(bid, "defaultBid", "bid.defaultBid", "default bid", country, limits.minBidMinor(),
				limits.maxBidMinor(), problems);
	}

	private static void currency(JsonNode parent, String location, Country country, V1Problems problems) {
		String currency = problems.text(parent, "currencyCode", location);
		if (currency != null && !currency.equals(country.currencyCode())) {
			problems.add(V1ErrorCode.FIELD_VALUE_MISMATCH, location, "Amounts in " + country.isoCode() + " are in "
					+ country.currencyCode() + ", not " + currency + ".");
		}
	}

	private static Long amount(JsonNode parent, String field, String location, String what, Country country,
			long minMinor, long maxMinor, V1Problems problems) {
		JsonNode value = parent.get(field);
		if (value == null || value.isNull()) {
			problems.add(V1ErrorCode.FIELD_VALUE_IS_NULL, location, location + " is required.");
			return null;
		}
		if (!value.isNumber()) {
			problems.add(V1ErrorCode.FIELD_VALUE_IS_INVALID, location, location + " must be a number.");
			return null;
		}
		BigDecimal amount = value.decimalValue();
		int digits = country.currencyDigits();
		if (amount.stripTrailingZeros().scale() > digits) {
			problems.add(V1ErrorCode.FIELD_VALUE_IS_INVALID, location, "A " + what + " in " + country.currencyCode()
					+ " has at most " + digits + " decimals, was " + amount.toPlainString() + ".");
			return null;
		}
		BigDecimal minor = amount.movePointRight(digits);
		if (minor.compareTo(BigDecimal.valueOf(minMinor)) < 0) {
			problems.add(V1ErrorCode.FIELD_VALUE_IS_BELOW_MINIMUM_LIMIT, location,
					"The " + what + " " + amount.toPlainString() + " is below Amazon's minimum of "
							+ CampaignViews.money(minMinor, country).toPlainString() + " " + country.currencyCode()
							+ " in " + country.isoCode() + ".");
			return null;
		}
		if (minor.compareTo(BigDecimal.valueOf(maxMinor)) > 0) {
			problems.add(V1ErrorCode.FIELD_VALUE_IS_ABOVE_MAXIMUM_LIMIT, location,
					"The " + what + " " + amount.toPlainString() + " is above Amazon's maximum of "
							+ CampaignViews.money(maxMinor, country).toPlainString() + " " + country.currencyCode()
							+ " in " + country.isoCode() + ".");
			return null;
		}
		return minor.longValueExact();
	}

	// ---- the batch ----

	private static Reply batch(JsonNode body, String field, ItemHandler handler) {
		JsonNode items = body.get(field);
		if (items == null || !items.isArray()) {
			throw ApiException.badRequest(V1ErrorCode.BAD_REQUEST.name(),
					field + " must be an array of 1 to " + MAX_BATCH + " items.");
		}
		if (items.isEmpty()) {
			throw ApiException.badRequest(V1ErrorCode.FIELD_SIZE_IS_OUT_OF_RANGE.name(),
					field + " must hold 1 to " + MAX_BATCH + " items, had none.");
		}
		if (items.size() > MAX_BATCH) {
			throw new ApiException(413, V1ErrorCode.CONTENT_TOO_LARGE.name(),
					field + " must hold at most " + MAX_BATCH + " items, had " + items.size() + ".");
		}
		List<Object> success = new ArrayList<>();
		List<Failure> error = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (int index = 0; index < items.size(); index++) {
			try {
				success.add(handler.handle(new Item(field, index, items.get(index)), seen));
			}
			catch (V1Problems.Rejected rejected) {
				error.add(new Failure(index, rejected.errors()));
			}
		}
		return Reply.json(207, new MultiStatus(success, error));
	}

	@FunctionalInterface
	private interface ItemHandler {

		Object handle(Item item, Set<String> seen);

	}

	private record Item(String field, int index, JsonNode node) {
	}

	record CampaignSuccess(int index, CampaignView campaign) {
	}

	record AdGroupSuccess(int index, AdGroupView adGroup) {
	}

	record AdSuccess(int index, AdView ad) {
	}

	record Failure(int index, List<ItemError> errors) {
	}

	/** {@code *MultiStatusResponseWithPartialErrors}, without partial successes. */
	record MultiStatus(List<Object> success, List<Failure> error) {
	}

}
