package dev.adsgraph.sandbox.ads;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.ads.AdsGate.Call;
import dev.adsgraph.sandbox.ads.AdsGate.Operation;
import dev.adsgraph.sandbox.ads.CampaignStore.AdGroupEntity;
import dev.adsgraph.sandbox.ads.CampaignStore.CampaignEntity;
import dev.adsgraph.sandbox.ads.CampaignViews.AdGroupView;
import dev.adsgraph.sandbox.ads.CampaignViews.AdView;
import dev.adsgraph.sandbox.ads.CampaignViews.CampaignView;
import dev.adsgraph.sandbox.ads.CampaignViews.TargetView;
import dev.adsgraph.sandbox.core.ApiException;
import dev.adsgraph.sandbox.core.PageTokens;
import dev.adsgraph.sandbox.core.Reply;

/**
 * Ads API v1 campaign reads: {@code POST /adsApi/v1/query/campaigns}, {@code /adGroups},
 * {@code /ads}, {@code /targets} (AmazonAdsAPIALLMerged_prod_3p_ALL.json QueryCampaign,
 * QueryAdGroup, QueryAd, QueryTarget), scoped as {@link V1Scope} says.
 *
 * <p>
 * {@code adProductFilter} is required (400 BAD_REQUEST without it) and holds exactly one
 * AdProduct; only SPONSORED_PRODUCTS has entities, the other ad products answer an empty
 * list. Filters honoured: the id filters, {@code campaignIdFilter} and
 * {@code adGroupIdFilter} on children, {@code stateFilter}, {@code nameFilter}
 * (campaigns, ad groups, ads) and {@code keywordFilter} (targets) with EXACT_MATCH (the
 * whole name, ignoring case) or BROAD_MATCH (every word of the term in the name, ignoring
 * case and order), {@code marketplaceScopeFilter} (every entity is SINGLE_MARKETPLACE),
 * {@code targetTypeFilter}, {@code negativeFilter}, {@code matchTypeFilter} and
 * {@code productIdFilter} (targets). Filters on attributes no sandbox entity has
 * ({@code portfolioIdFilter}, {@code goalFilter}, the DSP target filters) are validated
 * and match nothing. Include lists are bounded as the contract bounds them (400
 * FIELD_SIZE_IS_OUT_OF_RANGE beyond), and so is {@code maxResults}: 1 to 5000 for
 * campaigns and targets, 1 to 1000 for ad groups and ads, 100 when absent (the contract
 * gives no default). {@code nextToken} is opaque, bound to the user, the scope and the
 * filters; any other token is 400 FIELD_VALUE_IS_INVALID. States are not filtered unless
 * asked: ARCHIVED entities are listed too.
 */
public final class CampaignsHandler {

	public static final Operation QUERY_CAMPAIGNS = new Operation("QueryCampaign", ErrorFamily.V1, true,
			List.of(Reply.JSON), Reply.JSON);

	public static final Operation QUERY_AD_GROUPS = new Operation("QueryAdGroup", ErrorFamily.V1, true,
			List.of(Reply.JSON), Reply.JSON);

	public static final Operation QUERY_ADS = new Operation("QueryAd", ErrorFamily.V1, true, List.of(Reply.JSON),
			Reply.JSON);

	public static final Operation QUERY_TARGETS = new Operation("QueryTarget", ErrorFamily.V1, true,
			List.of(Reply.JSON), Reply.JSON);

	static final Set<String> AD_PRODUCTS = Set.of("AMAZON_DSP", "SPONSORED_BRANDS", "SPONSORED_DISPLAY",
			"SPONSORED_PRODUCTS", "SPONSORED_TELEVISION");

	static final Set<String> STATES = Set.of("ENABLED", "PAUSED", "ARCHIVED");

	private static final Set<String> MARKETPLACE_SCOPES = Set.of("GLOBAL", "SINGLE_MARKETPLACE");

	private static final Set<String> GOALS = Set.of("AWARENESS", "CONSIDERATION", "CONVERSIONS");

	private static final Set<String> MATCH_TYPES = Set.of("BROAD", "EXACT", "INTERESTED_AUDIENCE",
			"KEYWORDS_CLOSE_MATCH", "KEYWORDS_LOOSE_MATCH", "KEYWORDS_RELATED_TO_GIFTS",
			"KEYWORDS_RELATED_TO_PEER_BRANDS_PRODUCT_CATEGORY", "KEYWORDS_RELATED_TO_PRIME_DAY",
			"KEYWORDS_RELATED_TO_YOUR_BRAND", "KEYWORDS_RELATED_TO_YOUR_LANDING_PAGES",
			"KEYWORDS_RELATED_TO_YOUR_PRODUCT_CATEGORY", "PHRASE", "PRODUCTS_SIMILAR_TO_ADVERTISED_PRODUCTS",
			"PRODUCT_COMPLEMENTS", "PRODUCT_EXACT", "PRODUCT_REMARKETING", "PRODUCT_SIMILAR", "PRODUCT_SUBSTITUTES");

	private static final Set<String> TARGET_TYPES = Set.of("AD_INITIATION", "AD_PLAYER_SIZE", "APP", "AUDIENCE",
			"BRAND_SAFETY_CATEGORY", "BRAND_SAFETY_TIER", "CONTENT_CATEGORY", "CONTENT_GENRE",
			"CONTENT_INSTREAM_POSITION", "CONTENT_OUTSTREAM_POSITION", "CONTENT_RATING", "DAYPART", "DEVICE", "DOMAIN",
			"FOLD_POSITION", "INVENTORY_SOURCE", "KEYWORD", "LOCATION", "NATIVE_CONTENT_POSITION", "PLACEMENT_TYPE",
			"PRODUCT", "PRODUCT_AUDIENCE", "PRODUCT_CATEGORY", "THEME", "THIRD_PARTY", "VIDEO_AD_FORMAT",
			"VIDEO_CONTENT_DURATION");

	static final int DEFAULT_MAX_RESULTS = 100;

	private final AccountRegistry registry;

	private final CampaignStore store;

	public CampaignsHandler(AccountRegistry registry, CampaignStore store) {
		this.registry = registry;
		this.store = store;
	}

	public Reply queryCampaigns(Call call) {
		V1Scope scope = V1Scope.of(call, this.registry, this.store.now());
		JsonNode body = call.body();
		String adProduct = adProduct(body);
		List<String> ids = strings(body, "campaignIdFilter", 1000);
		List<String> states = values(body, "stateFilter", 3, STATES);
		NameFilter name = NameFilter.of(body, "nameFilter", 100);
		List<String> portfolios = strings(body, "portfolioIdFilter", 100);
		List<String> goals = values(body, "goalFilter", 3, GOALS);
		List<String> marketplaceScopes = values(body, "marketplaceScopeFilter", 1, MARKETPLACE_SCOPES);
		int maxResults = V1Queries.maxResults(body, 1, 5000, DEFAULT_MAX_RESULTS);
		boolean none = !sponsoredProducts(adProduct, marketplaceScopes) || portfolios != null || goals != null;
		List<Object> filters = Arrays.asList(scope.key(), adProduct, ids, states, name, portfolios, goals,
				marketplaceScopes);
		int offset = V1Queries.offset(body, "campaigns", call.user().id(), filters);
		List<CampaignView> views = this.store.atomically(() -> none ? List.<CampaignView>of()
				: this.store.campaigns(scope.markets())
					.stream()
					.filter((c) -> ids == null || ids.contains(c.campaignId()))
					.filter((c) -> states == null || states.contains(c.state().name()))
					.filter((c) -> name == null || name.matches(c.name()))
					.map(CampaignViews::campaign)
					.toList());
		PageTokens.Page<CampaignView> page = page(views, offset, maxResults, "campaigns", call, filters);
		return Reply.json(200, new CampaignPage(page.items(), page.nextToken()));
	}

	public Reply queryAdGroups(Call call) {
		V1Scope scope = V1Scope.of(call, this.registry, this.store.now());
		JsonNode body = call.body();
		String adProduct = adProduct(body);
		List<String> ids = strings(body, "adGroupIdFilter", 1000);
		List<String> campaignIds = strings(body, "campaignIdFilter", 100);
		List<String> states = values(body, "stateFilter", 3, STATES);
		NameFilter name = NameFilter.of(body, "nameFilter", 100);
		List<String> marketplaceScopes = values(body, "marketplaceScopeFilter", 1, MARKETPLACE_SCOPES);
		int maxResults = V1Queries.maxResults(body, 1, 1000, DEFAULT_MAX_RESULTS);
		boolean none = !sponsoredProducts(adProduct, marketplaceScopes);
		List<Object> filters = Arrays.asList(scope.key(), adProduct, ids, campaignIds, states, name, marketplaceScopes);
		int offset = V1Queries.offset(body, "adGroups", call.user().id(), filters);
		List<AdGroupView> views = this.store.atomically(() -> {
			if (none) {
				return List.<AdGroupView>of();
			}
			Map<String, CampaignEntity> campaigns = byId(this.store.campaigns(scope.markets()),
					CampaignEntity::campaignId);
			return this.store.adGroups(scope.markets())
				.stream()
				.filter((g) -> ids == null || ids.contains(g.adGroupId()))
				.filter((g) -> campaignIds == null || campaignIds.contains(g.campaignId()))
				.filter((g) -> states == null || states.contains(g.state().name()))
				.filter((g) -> name == null || name.matches(g.name()))
				.map((g) -> CampaignViews.adGroup(g, campaigns.get(g.campaignId())))
				.toList();
		});
		PageTokens.Page<AdGroupView> page = page(views, offset, maxResults, "adGroups", call, filters);
		return Reply.json(200, new AdGroupPage(page.items(), page.nextToken()));
	}

	public Reply queryAds(Call call) {
		V1Scope scope = V1Scope.of(call, this.registry, this.store.now());
		JsonNode body = call.body();
		String adProduct = adProduct(body);
		List<String> ids = strings(body, "adIdFilter", 100);
		List<String> adGroupIds = strings(body, "adGroupIdFilter", 100);
		List<String> campaignIds = strings(body, "campaignIdFilter", 100);
		List<String> states = values(body, "stateFilter", 3, STATES);
		NameFilter name = NameFilter.of(body, "nameFilter", 10);
		List<String> marketplaceScopes = values(body, "marketplaceScopeFilter", 1, MARKETPLACE_SCOPES);
		int maxResults = V1Queries.maxResults(body, 1, 1000, DEFAULT_MAX_RESULTS);
		// Product ads have no name in the sandbox: a name filter matches none of them.
		boolean none = !sponsoredProducts(adProduct, marketplaceScopes) || name != null;
		List<Object> filters = Arrays.asList(scope.key(), adProduct, ids, adGroupIds, campaignIds, states, name,
				marketplaceScopes);
		int offset = V1Queries.offset(body, "ads", call.user().id(), filters);
		List<AdView> views = this.store.atomically(() -> {
			if (none) {
				return List.<AdView>of();
			}
			Map<String, CampaignEntity> campaigns = byId(this.store.campaigns(scope.markets()),
					CampaignEntity::campaignId);
			Map<String, AdGroupEntity> adGroups = byId(this.store.adGroups(scope.markets()), AdGroupEntity::adGroupId);
			return this.store.ads(scope.markets())
				.stream()
				.filter((a) -> ids == null || ids.contains(a.adId()))
				.filter((a) -> adGroupIds == null || adGroupIds.contains(a.adGroupId()))
				.filter((a) -> campaignIds == null || campaignIds.contains(a.campaignId()))
				.filter((a) -> states == null || states.contains(a.state().name()))
				.map((a) -> CampaignViews.ad(a, adGroups.get(a.adGroupId()), campaigns.get(a.campaignId()),
						scope.vendor()))
				.toList();
		});
		PageTokens.Page<AdView> page = page(views, offset, maxResults, "ads", call, filters);
		return Reply.json(200, new AdPage(page.items(), page.nextToken()));
	}

	public Reply queryTargets(Call call) {
		V1Scope scope = V1Scope.of(call, this.registry, this.store.now());
		JsonNode body = call.body();
		String adProduct = adProduct(body);
		List<String> ids = strings(body, "targetIdFilter", 100);
		List<String> adGroupIds = strings(body, "adGroupIdFilter", 100);
		List<String> campaignIds = strings(body, "campaignIdFilter", 100);
		List<String> states = values(body, "stateFilter", 3, STATES);
		List<String> types = values(body, "targetTypeFilter", 17, TARGET_TYPES);
		List<String> negative = V1Queries.include(body, "negativeFilter", 1, 1, JsonNode::isBoolean, "booleans");
		List<String> matchTypes = values(body, "matchTypeFilter", 10, MATCH_TYPES);
		NameFilter keyword = NameFilter.of(body, "keywordFilter", 100);
		NameFilter productId = NameFilter.of(body, "productIdFilter", 100);
		List<String> marketplaceScopes = values(body, "marketplaceScopeFilter", 1, MARKETPLACE_SCOPES);
		// DSP filters: validated as lists, and no sponsored-products target carries them.
		boolean dsp = V1Queries.include(body, "inventorySourceIdFilter", 1, 10, JsonNode::isObject, "objects") != null
				| V1Queries.include(body, "inventorySourceTypeFilter", 1, 1, JsonNode::isString, "strings") != null
				| V1Queries.include(body, "nativeLanguageLocaleFilter", 1, 1, JsonNode::isString, "strings") != null;
		int maxResults = V1Queries.maxResults(body, 1, 5000, DEFAULT_MAX_RESULTS);
		boolean none = !sponsoredProducts(adProduct, marketplaceScopes) || dsp;
		List<Object> filters = Arrays.asList(scope.key(), adProduct, ids, adGroupIds, campaignIds, states, types,
				negative, matchTypes, keyword, productId, marketplaceScopes);
		int offset = V1Queries.offset(body, "targets", call.user().id(), filters);
		List<TargetView> views = this.store.atomically(() -> {
			if (none) {
				return List.<TargetView>of();
			}
			Map<String, CampaignEntity> campaigns = byId(this.store.campaigns(scope.markets()),
					CampaignEntity::campaignId);
			Map<String, AdGroupEntity> adGroups = byId(this.store.adGroups(scope.markets()), AdGroupEntity::adGroupId);
			return this.store.targets(scope.markets())
				.stream()
				.filter((t) -> ids == null || ids.contains(t.targetId()))
				.filter((t) -> adGroupIds == null || adGroupIds.contains(t.adGroupId()))
				.filter((t) -> campaignIds == null || campaignIds.contains(t.campaignId()))
				.filter((t) -> states == null || states.contains(t.state().name()))
				.filter((t) -> types == null || types.contains(t.targetType()))
				.filter((t) -> negative == null || Boolean.parseBoolean(negative.get(0)) == t.negative())
				.filter((t) -> matchTypes == null || matchTypes.contains(t.matchType()))
				.filter((t) -> keyword == null || (t.keyword() != null && keyword.matches(t.keyword())))
				.filter((t) -> productId == null || (t.asin() != null && productId.matches(t.asin())))
				.map((t) -> CampaignViews.target(t, adGroups.get(t.adGroupId()), campaigns.get(t.campaignId())))
				.toList();
		});
		PageTokens.Page<TargetView> page = page(views, offset, maxResults, "targets", call, filters);
		return Reply.json(200, new TargetPage(page.items(), page.nextToken(), views.size()));
	}

	private static <T> PageTokens.Page<T> page(List<T> items, int offset, int maxResults, String listing, Call call,
			Object filters) {
		return PageTokens.page(items, offset, maxResults,
				(next) -> PageTokens.encode(listing, call.user().id(), filters, next));
	}

	private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
		return items.stream().collect(Collectors.toMap(id, Function.identity()));
	}

	private static boolean sponsoredProducts(String adProduct, List<String> marketplaceScopes) {
		return adProduct.equals(CampaignStore.SPONSORED_PRODUCTS)
				&& (marketplaceScopes == null || marketplaceScopes.contains("SINGLE_MARKETPLACE"));
	}

	static String adProduct(JsonNode body) {
		JsonNode filter = body.get("adProductFilter");
		if (filter == null || filter.isNull()) {
			throw ApiException.badRequest(V1ErrorCode.BAD_REQUEST.name(), "adProductFilter is required.");
		}
		return values(body, "adProductFilter", 1, AD_PRODUCTS).get(0);
	}

	private static List<String> strings(JsonNode body, String filter, int max) {
		return V1Queries.include(body, filter, 1, max, JsonNode::isString, "strings");
	}

	/**
	 * An include list of enum values; a value outside the enum is 400
	 * FIELD_VALUE_IS_INVALID.
	 */
	static List<String> values(JsonNode body, String filter, int max, Set<String> allowed) {
		List<String> values = V1Queries.include(body, filter, 1, max, JsonNode::isString, "strings");
		if (values != null) {
			for (String value : values) {
				if (!allowed.contains(value)) {
					throw ApiException.badRequest(V1ErrorCode.FIELD_VALUE_IS_INVALID.name(),
							"'" + value + "' is not a valid value of " + filter + ".include.");
				}
			}
		}
		return values;
	}

	/**
	 * A name or keyword filter: {@code include} (terms) and {@code queryTermMatchType}
	 * (required by the contract).
	 */
	record NameFilter(List<String> terms, boolean exact) {

		static NameFilter of(JsonNode body, String filter, int max) {
			List<String> terms = V1Queries.include(body, filter, 1, max, JsonNode::isString, "strings");
			if (terms == null) {
				return null;
			}
			JsonNode type = body.get(filter).get("queryTermMatchType");
			if (type == null || !type.isString()
					|| !Set.of("EXACT_MATCH", "BROAD_MATCH").contains(type.stringValue())) {
				throw ApiException.badRequest(V1ErrorCode.FIELD_VALUE_IS_INVALID.name(),
						filter + ".queryTermMatchType must be EXACT_MATCH or BROAD_MATCH.");
			}
			return new NameFilter(List.copyOf(terms), type.stringValue().equals("EXACT_MATCH"));
		}

		boolean matches(String name) {
			String lower = name.toLowerCase(Locale.ROOT);
			for (String term : this.terms) {
				String wanted = term.trim().toLowerCase(Locale.ROOT);
				if (this.exact ? lower.equals(wanted) : Arrays.stream(wanted.split("\\s+")).allMatch(lower::contains)) {
					return true;
				}
			}
			return false;
		}

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record CampaignPage(List<CampaignView> campaigns, String nextToken) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record AdGroupPage(List<AdGroupView> adGroups, String nextToken) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record AdPage(List<AdView> ads, String nextToken) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record TargetPage(List<TargetView> targets, String nextToken, Integer totalResults) {
	}

}
