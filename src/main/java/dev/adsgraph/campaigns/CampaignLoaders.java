package dev.adsgraph.campaigns;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

import dev.adsgraph.campaigns.CampaignViews.AdGroupView;
import dev.adsgraph.campaigns.CampaignViews.AdView;
import dev.adsgraph.campaigns.CampaignViews.CampaignView;
import dev.adsgraph.campaigns.CampaignViews.TargetView;
import dev.adsgraph.products.AdPerformance;
import dev.adsgraph.products.ProductJoin;
import dev.adsgraph.products.ProductView;
import dev.adsgraph.profiles.ProfileView;
import dev.adsgraph.reports.AdsProductReports;
import dev.adsgraph.reports.ReportResult;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.TenantContextInterceptor;
import dev.adsgraph.upstream.ads.Ad;
import dev.adsgraph.upstream.ads.AdGroup;
import dev.adsgraph.upstream.ads.AdsApiClient;
import dev.adsgraph.upstream.ads.Campaign;
import dev.adsgraph.upstream.ads.SpAdvertisedProductRow;
import dev.adsgraph.upstream.ads.Target;
import graphql.GraphQLContext;
import org.dataloader.BatchLoaderEnvironment;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Component;

/**
 * The batch loaders of the campaign graph, one per relation: every parent of a response
 * that asks for a relation is one key, and each loader asks Amazon once per profile, ad
 * product and 100 parents (the v1 id filters' limit), following {@code nextToken} with
 * the largest page the contract allows. A parent's children come back whole; its field
 * pages them.
 */
@Component
class CampaignLoaders {

	static final String SPONSORED_PRODUCTS = "SPONSORED_PRODUCTS";

	static final String AD_GROUPS = "campaignAdGroups";

	static final String ADS = "adGroupAds";

	static final String TARGETS = "adGroupTargets";

	static final String CAMPAIGN = "campaignById";

	static final String AD_GROUP = "adGroupById";

	static final String PRODUCT = "adProduct";

	static final String PERFORMANCE = "campaignPerformance";

	private final AdsApiClient ads;

	private final AdsProductReports reports;

	CampaignLoaders(AdsApiClient ads, ProductJoin products, AdsProductReports reports, BatchLoaderRegistry registry) {
		this.ads = ads;
		this.reports = reports;
		registry.<Key, List<AdGroupView>>forName(AD_GROUPS)
			.registerMappedBatchLoader(
					(keys, env) -> children(tenant(env), keys, AdGroup.Query.MAX_IDS,
							(tenant, group) -> allAdGroups(tenant, group, true), (group, parents) -> (g) -> AdGroupView
								.of(group.profile(), g, (CampaignView) parents.get(g.campaignId())),
							AdGroupView::campaignId));
		registry.<Key, List<AdView>>forName(ADS)
			.registerMappedBatchLoader((keys, env) -> children(tenant(env), keys, Ad.Query.MAX_IDS, this::allAds,
					(group, parents) -> (a) -> AdView.of(group.profile(), a, (AdGroupView) parents.get(a.adGroupId())),
					AdView::adGroupId));
		registry.<Key, List<TargetView>>forName(TARGETS)
			.registerMappedBatchLoader((keys, env) -> targets(tenant(env), keys));
		registry.<Key, CampaignView>forName(CAMPAIGN)
			.registerMappedBatchLoader((keys, env) -> campaignsById(tenant(env), keys));
		registry.<Key, AdGroupView>forName(AD_GROUP)
			.registerMappedBatchLoader((keys, env) -> adGroupsById(tenant(env), keys));
		registry.<ProductKey, ProductView>forName(PRODUCT)
			.registerMappedBatchLoader((keys, env) -> products(tenant(env), products, keys));
		registry.<PerformanceKey, CampaignPerformance>forName(PERFORMANCE)
			.registerMappedBatchLoader((keys, env) -> performance(tenant(env), keys));
	}

	/**
	 * A parent (or an entity) of one profile and ad product, by Amazon's id; {@code view}
	 * is the parent's view, kept so its children can point back at it. Equal keys are one
	 * parent whatever view they carry.
	 */
	record Key(ProfileView profile, String adProduct, String id, Object view) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Key key && key.profile.equals(this.profile)
					&& Objects.equals(key.adProduct, this.adProduct) && key.id.equals(this.id);
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.profile, this.adProduct, this.id);
		}

	}

	/** An ad's product: an ASIN of a profile over a date range. */
	record ProductKey(ProfileView profile, LocalDate start, LocalDate end, String asin) {
	}

	/** A campaign's figures over a date range. */
	record PerformanceKey(ProfileView profile, LocalDate start, LocalDate end, String campaignId, String adProduct) {
	}

	private record Group(ProfileView profile, String adProduct) {
	}

	private static Tenant tenant(BatchLoaderEnvironment env) {
		GraphQLContext context = env.getContext();
		return Objects.requireNonNull(context).get(TenantContextInterceptor.TENANT);
	}

	private static Map<Group, List<Key>> byGroup(Set<Key> keys) {
		Map<Group, List<Key>> groups = new LinkedHashMap<>();
		keys.forEach(
				(key) -> groups.computeIfAbsent(new Group(key.profile(), key.adProduct()), (g) -> new ArrayList<>())
					.add(key));
		return groups;
	}

	private static <T> List<List<T>> chunks(List<T> all, int size) {
		List<List<T>> chunks = new ArrayList<>();
		for (int i = 0; i < all.size(); i += size) {
			chunks.add(all.subList(i, Math.min(all.size(), i + size)));
		}
		return chunks;
	}

	/**
	 * The children of every key: one upstream walk per profile, ad product and
	 * {@code maxIds} parents; a parent without children gets an empty list.
	 */
	private <U, V> Mono<Map<Key, List<V>>> children(Tenant tenant, Set<Key> keys, int maxIds,
			BiFunction<Tenant, Chunk, Flux<U>> load, BiFunction<Group, Map<String, Object>, Function<U, V>> view,
			Function<V, String> parentOf) {
		return Flux.fromIterable(byGroup(keys).entrySet())
			.concatMap((entry) -> Flux.fromIterable(chunks(entry.getValue(), maxIds)).concatMap((chunk) -> {
				Map<String, Object> parents = new HashMap<>();
				chunk.forEach((key) -> parents.put(key.id(), key.view()));
				Function<U, V> toView = view.apply(entry.getKey(), parents);
				return load.apply(tenant, new Chunk(entry.getKey(), chunk.stream().map(Key::id).toList()))
					.map(toView)
					.collectList()
					.map((found) -> {
						Map<Key, List<V>> result = new LinkedHashMap<>();
						chunk.forEach((key) -> result.put(key, new ArrayList<>()));
						Map<String, Key> byId = new HashMap<>();
						chunk.forEach((key) -> byId.put(key.id(), key));
						for (V child : found) {
							Key parent = byId.get(parentOf.apply(child));
							if (parent != null) {
								result.get(parent).add(child);
							}
						}
						return result;
					});
			}))
			.collect(LinkedHashMap::new, Map::putAll);
	}

	/** The ids of one upstream walk: at most the filter's limit. */
	private record Chunk(Group group, List<String> ids) {

		ProfileView profile() {
			return this.group.profile();
		}

		long profileId() {
			return Long.parseLong(this.group.profile().id());
		}

	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private Flux<AdGroup> allAdGroups(Tenant tenant, Chunk chunk, boolean byCampaign) {
		return CampaignService.allPages(
				(token) -> CampaignService.call(tenant, chunk.profile(),
						(c) -> this.ads.queryAdGroups(c.credentials(), chunk.profile().region(), chunk.profileId(),
								new AdGroup.Query(chunk.group().adProduct(), byCampaign ? chunk.ids() : null,
										byCampaign ? null : chunk.ids(), null, AdGroup.Query.MAX_RESULTS, token))),
				AdGroup.Page::adGroups, AdGroup.Page::nextToken);
	}

	private Flux<Ad> allAds(Tenant tenant, Chunk chunk) {
		return CampaignService.allPages(
				(token) -> CampaignService.call(tenant, chunk.profile(), (c) -> this.ads.queryAds(c.credentials(),
						chunk.profile().region(), chunk.profileId(), new Ad.Query(chunk.group().adProduct(), null,
								chunk.ids(), null, null, Ad.Query.MAX_RESULTS, token))),
				Ad.Page::ads, Ad.Page::nextToken);
	}

	private Mono<Map<Key, List<TargetView>>> targets(Tenant tenant, Set<Key> keys) {
		record Child(String adGroupId, TargetView view) {
		}
		Mono<Map<Key, List<Child>>> loaded = children(tenant, keys, Target.Query.MAX_IDS, (t, chunk) -> CampaignService
			.allPages(
					(token) -> CampaignService.call(t, chunk.profile(),
							(c) -> this.ads.queryTargets(c.credentials(), chunk.profile().region(), chunk.profileId(),
									new Target.Query(chunk.group().adProduct(), null, chunk.ids(), null,
											Target.Query.MAX_RESULTS, token))),
					Target.Page::targets, Target.Page::nextToken),
				(group, parents) -> (target) -> new Child(target.adGroupId(), TargetView.of(group.profile(), target)),
				Child::adGroupId);
		return loaded.map((byKey) -> {
			Map<Key, List<TargetView>> result = new LinkedHashMap<>();
			byKey.forEach((key, children) -> result.put(key, children.stream().map(Child::view).toList()));
			return result;
		});
	}

	/** Campaigns by id: one query per profile, ad product and 1000 ids. */
	private Mono<Map<Key, CampaignView>> campaignsById(Tenant tenant, Set<Key> keys) {
		return Flux.fromIterable(byGroup(keys).entrySet())
			.concatMap((entry) -> Flux.fromIterable(chunks(entry.getValue(), Campaign.Query.MAX_IDS))
				.concatMap((chunk) -> {
					Chunk ids = new Chunk(entry.getKey(), chunk.stream().map(Key::id).toList());
					return CampaignService
						.allPages(
								(token) -> CampaignService
									.call(tenant, ids.profile(), (c) -> this.ads.queryCampaigns(c.credentials(),
											ids.profile().region(), ids.profileId(),
											new Campaign.Query(ids.group().adProduct(), ids.ids(), null, null,
													Math.min(Campaign.Query.MAX_RESULTS, ids.ids().size()), token))),
								Campaign.Page::campaigns, Campaign.Page::nextToken)
						.map((campaign) -> Map.entry(
								new Key(ids.profile(), ids.group().adProduct(), campaign.campaignId(), null),
								CampaignView.of(ids.profile(), campaign)));
				}))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/** Ad groups by id: one query per profile, ad product and 100 ids. */
	private Mono<Map<Key, AdGroupView>> adGroupsById(Tenant tenant, Set<Key> keys) {
		return Flux.fromIterable(byGroup(keys).entrySet())
			.concatMap(
					(entry) -> Flux.fromIterable(chunks(entry.getValue(), AdGroup.Query.MAX_IDS)).concatMap((chunk) -> {
						Chunk ids = new Chunk(entry.getKey(), chunk.stream().map(Key::id).toList());
						return allAdGroups(tenant, ids, false).map((group) -> Map.entry(
								new Key(ids.profile(), ids.group().adProduct(), group.adGroupId(), null),
								AdGroupView.of(ids.profile(), group, null)));
					}))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/**
	 * The figures of every campaign of a response: the profile's daily sponsored-products
	 * report for the range (the products graph's own, from the shared report engine), its
	 * rows summed once by campaign. Campaigns of other ad products have none.
	 */
	private Mono<Map<PerformanceKey, CampaignPerformance>> performance(Tenant tenant, Set<PerformanceKey> keys) {
		record Range(ProfileView profile, LocalDate start, LocalDate end) {
		}
		Map<Range, List<PerformanceKey>> groups = new LinkedHashMap<>();
		keys.forEach((key) -> groups
			.computeIfAbsent(new Range(key.profile(), key.start(), key.end()), (r) -> new ArrayList<>())
			.add(key));
		return Flux.fromIterable(groups.entrySet()).concatMap((group) -> {
			Range range = group.getKey();
			ProfileView profile = range.profile();
			String currency = profile.currencyCode();
			Mono<ReportResult<List<SpAdvertisedProductRow>>> report = CampaignService.call(tenant, profile,
					(c) -> this.reports.advertisedProductsByDay(tenant.id(), c.id(), c.credentials(), profile.region(),
							Long.parseLong(profile.id()), range.start(), range.end()));
			return report.flatMapIterable((result) -> {
				CampaignPerformance.Freshness freshness = CampaignPerformance.Freshness.of(result);
				Map<String, AdPerformance> sums = (result.data() != null)
						? CampaignPerformance.byCampaign(result.data(), currency) : Map.of();
				List<Map.Entry<PerformanceKey, CampaignPerformance>> answers = new ArrayList<>();
				for (PerformanceKey key : group.getValue()) {
					CampaignPerformance answer;
					if (!SPONSORED_PRODUCTS.equals(key.adProduct())) {
						answer = CampaignPerformance.unavailable("Campaign figures come from the sponsored-products "
								+ "report; " + key.adProduct() + " campaigns have none here.");
					}
					else if (result.data() == null) {
						answer = CampaignPerformance.pending(freshness);
					}
					else {
						answer = CampaignPerformance
							.of(sums.getOrDefault(key.campaignId(), CampaignPerformance.none(currency)), freshness);
					}
					answers.add(Map.entry(key, answer));
				}
				return answers;
			});
		}).collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/**
	 * The products of every ad of a response: one products join per profile and range.
	 */
	private static Mono<Map<ProductKey, ProductView>> products(Tenant tenant, ProductJoin products,
			Set<ProductKey> keys) {
		record Range(ProfileView profile, LocalDate start, LocalDate end) {
		}
		Map<Range, Set<String>> groups = new LinkedHashMap<>();
		keys.forEach((key) -> groups
			.computeIfAbsent(new Range(key.profile(), key.start(), key.end()), (r) -> new LinkedHashSet<>())
			.add(key.asin()));
		return Flux.fromIterable(groups.entrySet()).concatMap((group) -> {
			Range range = group.getKey();
			return products.products(tenant, range.profile(), range.start(), range.end(), group.getValue())
				.flatMapIterable(Map::entrySet)
				.map((found) -> Map.entry(new ProductKey(range.profile(), range.start(), range.end(), found.getKey()),
						found.getValue()));
		}).collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

}
