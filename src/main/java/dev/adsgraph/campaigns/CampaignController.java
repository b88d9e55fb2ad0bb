package dev.adsgraph.campaigns;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import dev.adsgraph.campaigns.CampaignLoaders.Key;
import dev.adsgraph.campaigns.CampaignLoaders.PerformanceKey;
import dev.adsgraph.campaigns.CampaignLoaders.ProductKey;
import dev.adsgraph.campaigns.CampaignViews.AdGroupView;
import dev.adsgraph.campaigns.CampaignViews.AdView;
import dev.adsgraph.campaigns.CampaignViews.CampaignView;
import dev.adsgraph.campaigns.CampaignViews.TargetView;
import dev.adsgraph.graphql.ArgumentRules;
import dev.adsgraph.graphql.Connections;
import dev.adsgraph.graphql.Cursors;
import dev.adsgraph.products.ProductJoin;
import dev.adsgraph.products.ProductView;
import dev.adsgraph.profiles.ProfileService;
import dev.adsgraph.profiles.ProfileView;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.TenantContextInterceptor;
import dev.adsgraph.upstream.Marketplaces;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.ads.Ad;
import dev.adsgraph.upstream.ads.AdsApiClient;
import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * The campaign graph: {@code Profile.campaigns} and the relations below it, each through
 * a batch loader ({@link CampaignLoaders}), and the joins with the products graph.
 */
@Controller
class CampaignController implements ArgumentRules.Configurer {

	private final CampaignService campaigns;

	private final ProductJoin products;

	private final ProfileService profiles;

	private final AdsApiClient ads;

	CampaignController(CampaignService campaigns, ProductJoin products, ProfileService profiles, AdsApiClient ads) {
		this.campaigns = campaigns;
		this.products = products;
		this.profiles = profiles;
		this.ads = ads;
	}

	/**
	 * Checked before the fields fan out (a page of profiles, of campaigns, of ad groups):
	 * a refused argument is one error for the field, and nothing is sent to Amazon.
	 */
	@Override
	public void configure(ArgumentRules rules) {
		rules.add("Profile", "campaigns", "filter", CampaignQuery::of)
			.add("Profile", "campaigns", "first", CampaignController::requireFirst)
			.addWithArguments("Profile", "campaigns", "after", (value, arguments) -> {
				if (value != null) {
					CampaignQuery.of(arguments.get("filter")).decode((String) value);
				}
			});
		for (String[] field : new String[][] { { "Campaign", "adGroups" }, { "AdGroup", "ads" },
				{ "AdGroup", "targets" } }) {
			rules.add(field[0], field[1], "first", CampaignController::requireFirst)
				.add(field[0], field[1], "after", (value) -> {
					if (value != null) {
						Cursors.decodeKey((String) value, "after");
					}
				});
		}
		ArgumentRules.Check range = this.products::requireRange;
		rules.add("Campaign", "performance", "dateRange", range).add("Ad", "product", "dateRange", range);
	}

	private static void requireFirst(Object value) {
		if (value != null) {
			Connections.requireFirst((Integer) value, CampaignService.DEFAULT_FIRST);
		}
	}

	@SchemaMapping(typeName = "Profile", field = "campaigns")
	Mono<CampaignConnection> campaigns(ProfileView profile, @Argument CampaignQuery.Filter filter,
			@Argument Integer first, @Argument String after,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		return Mono.defer(() -> this.campaigns.campaigns(tenant, profile, CampaignQuery.of(filter), first, after))
			.map(CampaignConnection::new);
	}

	@SchemaMapping(typeName = "Campaign", field = "adGroups")
	CompletableFuture<AdGroupConnection> adGroups(CampaignView campaign, @Argument Integer first,
			@Argument String after, DataFetchingEnvironment env) {
		DataLoader<Key, List<AdGroupView>> loader = env.getDataLoader(CampaignLoaders.AD_GROUPS);
		return loader.load(new Key(campaign.profile(), campaign.adProduct(), campaign.campaignId(), campaign))
			.thenApply((all) -> new AdGroupConnection(page(all, AdGroupView::adGroupId, first, after)));
	}

	@SchemaMapping(typeName = "Campaign", field = "performance")
	CompletableFuture<CampaignPerformance> performance(CampaignView campaign, @Argument DateRange dateRange,
			DataFetchingEnvironment env) {
		DataLoader<PerformanceKey, CampaignPerformance> loader = env.getDataLoader(CampaignLoaders.PERFORMANCE);
		return loader.load(new PerformanceKey(campaign.profile(), dateRange.start(), dateRange.end(),
				campaign.campaignId(), campaign.adProduct()));
	}

	@SchemaMapping(typeName = "AdGroup", field = "campaign")
	CompletableFuture<CampaignView> adGroupCampaign(AdGroupView group, DataFetchingEnvironment env) {
		if (group.parent() != null) {
			return CompletableFuture.completedFuture(group.parent());
		}
		DataLoader<Key, CampaignView> loader = env.getDataLoader(CampaignLoaders.CAMPAIGN);
		return loader.load(new Key(group.profile(), group.adProduct(), group.campaignId(), null));
	}

	@SchemaMapping(typeName = "AdGroup", field = "ads")
	CompletableFuture<AdConnection> ads(AdGroupView group, @Argument Integer first, @Argument String after,
			DataFetchingEnvironment env) {
		DataLoader<Key, List<AdView>> loader = env.getDataLoader(CampaignLoaders.ADS);
		return loader.load(new Key(group.profile(), group.adProduct(), group.adGroupId(), group))
			.thenApply((all) -> new AdConnection(page(all, AdView::adId, first, after)));
	}

	@SchemaMapping(typeName = "AdGroup", field = "targets")
	CompletableFuture<TargetConnection> targets(AdGroupView group, @Argument Integer first, @Argument String after,
			DataFetchingEnvironment env) {
		DataLoader<Key, List<TargetView>> loader = env.getDataLoader(CampaignLoaders.TARGETS);
		return loader.load(new Key(group.profile(), group.adProduct(), group.adGroupId(), group))
			.thenApply((all) -> new TargetConnection(page(all, TargetView::targetId, first, after)));
	}

	@SchemaMapping(typeName = "Ad", field = "adGroup")
	CompletableFuture<AdGroupView> adGroup(AdView ad, DataFetchingEnvironment env) {
		if (ad.parent() != null) {
			return CompletableFuture.completedFuture(ad.parent());
		}
		DataLoader<Key, AdGroupView> loader = env.getDataLoader(CampaignLoaders.AD_GROUP);
		return loader.load(new Key(ad.profile(), ad.adProduct(), ad.adGroupId(), null));
	}

	@SchemaMapping(typeName = "Ad", field = "campaign")
	CompletableFuture<CampaignView> adCampaign(AdView ad, DataFetchingEnvironment env) {
		if (ad.parent() != null && ad.parent().parent() != null) {
			return CompletableFuture.completedFuture(ad.parent().parent());
		}
		DataLoader<Key, CampaignView> loader = env.getDataLoader(CampaignLoaders.CAMPAIGN);
		return loader.load(new Key(ad.profile(), ad.adProduct(), ad.campaignId(), null));
	}

	@SchemaMapping(typeName = "Ad", field = "product")
	CompletableFuture<ProductView> product(AdView ad, @Argument DateRange dateRange, DataFetchingEnvironment env) {
		if (ad.asin() == null) {
			return CompletableFuture.completedFuture(null);
		}
		DataLoader<ProductKey, ProductView> loader = env.getDataLoader(CampaignLoaders.PRODUCT);
		return loader.load(new ProductKey(ad.profile(), dateRange.start(), dateRange.end(), ad.asin()));
	}

	/**
	 * The ads of every product of a response: per advertising profile, one walk of its
	 * sponsored products ads (1000 a page), indexed by advertised ASIN. The profile's ads
	 * rather than the report's rows: an ad advertises its product whether or not it had
	 * impressions in the range, and paused ads count too.
	 */
	@BatchMapping(typeName = "Product", field = "ads")
	Mono<Map<ProductView, List<AdView>>> productAds(List<ProductView> products,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		Map<Long, List<ProductView>> byProfile = new LinkedHashMap<>();
		Set<Region> regions = new LinkedHashSet<>();
		for (ProductView product : products) {
			if (product.profileId() != null) {
				byProfile.computeIfAbsent(Long.parseLong(product.profileId()), (id) -> new ArrayList<>()).add(product);
				Marketplaces.byId(product.marketplaceId()).ifPresent((m) -> regions.add(m.region()));
			}
		}
		if (byProfile.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.profiles.byIds(tenant, byProfile.keySet(), regions)
			.flatMapMany((found) -> Flux.fromIterable(byProfile.entrySet())
				.filter((entry) -> found.containsKey(entry.getKey()))
				.concatMap((entry) -> adsByAsin(tenant, found.get(entry.getKey())).map((byAsin) -> {
					Map<ProductView, List<AdView>> answers = new HashMap<>();
					entry.getValue()
						.forEach((product) -> answers.put(product, byAsin.getOrDefault(product.asin(), List.of())));
					return answers;
				})))
			.collect(HashMap::new, Map::putAll);
	}

	private Mono<Map<String, List<AdView>>> adsByAsin(Tenant tenant, ProfileView profile) {
		long profileId = Long.parseLong(profile.id());
		return CampaignService
			.allPages((token) -> CampaignService.call(tenant, profile,
					(c) -> this.ads.queryAds(c.credentials(), profile.region(), profileId,
							new Ad.Query(CampaignLoaders.SPONSORED_PRODUCTS, null, null, null, null,
									Ad.Query.MAX_RESULTS, token))),
					Ad.Page::ads, Ad.Page::nextToken)
			.filter((ad) -> ad.asin() != null)
			.collect(LinkedHashMap::new, (byAsin, ad) -> byAsin.computeIfAbsent(ad.asin(), (a) -> new ArrayList<>())
				.add(AdView.of(profile, ad, null)));
	}

	/** A page of a parent's children, held whole: cursors name a child by its id. */
	private static <T> Connections.Connection<T> page(List<T> all, Function<T, String> key, Integer first,
			String after) {
		Connections.Window window = new Connections.Window((first != null) ? first : CampaignService.DEFAULT_FIRST,
				after, null, null);
		return Connections.slice(all, key, window, CampaignService.DEFAULT_FIRST);
	}

	/** The schema's {@code DateRangeInput}. */
	record DateRange(LocalDate start, LocalDate end) {
	}

	// The connection types' names end with "Connection": see ProductController's
	// ProductConnection for why.

	record CampaignConnection(Connections.Connection<CampaignView> page) {

		public List<Connections.Edge<CampaignView>> edges() {
			return this.page.edges();
		}

		public List<CampaignView> nodes() {
			return this.page.nodes();
		}

		public Connections.PageInfo pageInfo() {
			return this.page.pageInfo();
		}

	}

	record AdGroupConnection(Connections.Connection<AdGroupView> page) {

		public List<Connections.Edge<AdGroupView>> edges() {
			return this.page.edges();
		}

		public List<AdGroupView> nodes() {
			return this.page.nodes();
		}

		public Connections.PageInfo pageInfo() {
			return this.page.pageInfo();
		}

	}

	record AdConnection(Connections.Connection<AdView> page) {

		public List<Connections.Edge<AdView>> edges() {
			return this.page.edges();
		}

		public List<AdView> nodes() {
			return this.page.nodes();
		}

		public Connections.PageInfo pageInfo() {
			return this.page.pageInfo();
		}

	}

	record TargetConnection(Connections.Connection<TargetView> page) {

		public List<Connections.Edge<TargetView>> edges() {
			return this.page.edges();
		}

		public List<TargetView> nodes() {
			return this.page.nodes();
		}

		public Connections.PageInfo pageInfo() {
			return this.page.pageInfo();
		}

	}

}
