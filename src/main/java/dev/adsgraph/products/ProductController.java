package dev.adsgraph.products;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.adsgraph.graphql.ArgumentRules;
import dev.adsgraph.graphql.Connections;
import dev.adsgraph.graphql.Ids;
import dev.adsgraph.graphql.Selections;
import dev.adsgraph.graphql.SubscriptionErrors;
import dev.adsgraph.products.ProductService.DateRange;
import dev.adsgraph.profiles.ProfileView;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.Tenant.SpConnection;
import dev.adsgraph.tenancy.TenantContextInterceptor;
import dev.adsgraph.upstream.sp.MarketplaceParticipation;
import dev.adsgraph.watch.StatusWatcher;
import dev.adsgraph.watch.WatchKey;
import graphql.schema.DataFetchingEnvironment;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

@Controller
class ProductController implements ArgumentRules.Configurer {

	private final ProductService products;

	private final MarketplaceService marketplaces;

	private final StatusWatcher watcher;

	private final ProductLoaders loaders;

	ProductController(ProductService products, MarketplaceService marketplaces, StatusWatcher watcher,
			ProductLoaders loaders) {
		this.products = products;
		this.marketplaces = marketplaces;
		this.watcher = watcher;
		this.loaders = loaders;
	}

	/**
	 * Checked before the fields fan out: {@code Profile.products} and
	 * {@code Profile.performance} run once per profile, and a refused range is one error,
	 * not one per profile.
	 */
	@Override
	public void configure(ArgumentRules rules) {
		ArgumentRules.Check range = (value) -> this.products.requireRange(DateRange.of(value));
		rules.add("Query", "products", "marketplaceId", (value) -> ProductService.requireMarketplace((String) value))
			.add("Query", "products", "asins", (value) -> this.products.requireAsins(strings(value)))
			.add("Query", "products", "dateRange", range)
			.add("Profile", "products", "dateRange", range)
			.add("Profile", "performance", "dateRange", range);
		Connections.addWindowRules(rules, "Profile", "products");
	}

	private static List<String> strings(Object value) {
		return ((List<?>) value).stream().map((item) -> (String) item).toList();
	}

	/**
	 * The workspace's first SP-API connection's selling partner (the configured one, else
	 * the oldest).
	 */
	@QueryMapping
	Mono<SellingPartnerView> sellingPartner(@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		if (tenant.firstSpConnection().isEmpty()) {
			return Mono.empty();
		}
		SpConnection connection = tenant.firstSpConnection().get();
		return this.marketplaces.participations(tenant, connection).map((all) -> {
			String seller = connection.sellingPartnerId();
			return new SellingPartnerView(seller,
					all.stream()
						.filter((p) -> p.marketplace() != null)
						.map((p) -> ParticipationView.of(seller, p))
						.toList());
		});
	}

	@QueryMapping
	Mono<ProductService.Products> products(@Argument String marketplaceId, @Argument List<String> asins,
			@Argument DateRange dateRange, @ContextValue(TenantContextInterceptor.TENANT) Tenant tenant,
			DataFetchingEnvironment env) {
		return this.products.products(tenant, marketplaceId, asins, dateRange)
			.flatMap((found) -> withFacts(tenant, found.nodes(), env)
				.map((nodes) -> new ProductService.Products(nodes, found.freshness())));
	}

	/**
	 * The page's products with the catalog, listing and inventory the request selects
	 * under {@code nodes} or {@code edges.node}, read for the whole page at once (see
	 * {@link ProductLoaders#withFacts}).
	 */
	private Mono<List<ProductView>> withFacts(Tenant tenant, List<ProductView> page, DataFetchingEnvironment env) {
		Set<String> nodes = Selections.fieldNames(env, "nodes");
		Set<String> edgeNodes = Selections.fieldNames(env, "edges", "node");
		return this.loaders.withFacts(tenant, page, selects(nodes, edgeNodes, "catalog"),
				selects(nodes, edgeNodes, "listing"), selects(nodes, edgeNodes, "inventory"));
	}

	private static boolean selects(Set<String> nodes, Set<String> edgeNodes, String field) {
		return nodes.contains(field) || edgeNodes.contains(field);
	}

	/** Shared by every subscriber of the tenant to the same marketplace and range. */
	@SubscriptionMapping
	Flux<ReportStatusEvent> productsReportStatus(@Argument String marketplaceId, @Argument DateRange dateRange,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant, DataFetchingEnvironment env) {
		return SubscriptionErrors.tagged(Flux.defer(() -> {
			// Checked before anything is shared or started.
			Flux<Freshness.Both> status = this.products.reportStatus(tenant, marketplaceId, dateRange);
			// The connections are part of the key: which profile and seller answer
			// depends
			// on them.
			WatchKey key = new WatchKey(tenant.id(), "productsReport",
					marketplaceId + " " + dateRange.start() + ".." + dateRange.end() + " " + tenant.connectionIds());
			return this.watcher.follow(key, Freshness.Both.class, () -> status)
				.map((both) -> new ReportStatusEvent(marketplaceId, dateRange.start(), dateRange.end(), both,
						!"PENDING".equals(both.advertising().status()) && !"PENDING".equals(both.retail().status())));
		}), env);
	}

	/** The schema's {@code ProductsReportStatusEvent}. */
	record ReportStatusEvent(String marketplaceId, LocalDate start, LocalDate end, Freshness.Both freshness,
			boolean terminal) {
	}

	/**
	 * All profiles of a response find their marketplace in the cached participation list
	 * of their seller's SP-API connection (the one whose selling partner id is the
	 * profile's account id and that covers its region); other profiles get none.
	 */
	@BatchMapping(typeName = "Profile")
	Mono<Map<ProfileView, ParticipationView>> marketplaceParticipation(List<ProfileView> profiles,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		Map<SpConnection, List<ProfileView>> bySeller = new LinkedHashMap<>();
		for (ProfileView profile : profiles) {
			tenant.spConnection(profile.accountInfo().id(), profile.region())
				.ifPresent((sp) -> bySeller.computeIfAbsent(sp, (k) -> new ArrayList<>()).add(profile));
		}
		return Flux.fromIterable(bySeller.entrySet())
			.concatMap((group) -> this.marketplaces.participations(tenant, group.getKey()).map((all) -> {
				String seller = group.getKey().sellingPartnerId();
				Map<ProfileView, ParticipationView> result = new LinkedHashMap<>();
				for (ProfileView profile : group.getValue()) {
					all.stream()
						.filter((p) -> p.marketplace() != null && p.marketplace().id().equals(profile.marketplaceId()))
						.findFirst()
						.ifPresent((p) -> result.put(profile, ParticipationView.of(seller, p)));
				}
				return result;
			}))
			.collect(LinkedHashMap::new, Map::putAll);
	}

	@SchemaMapping(typeName = "Profile", field = "products")
	Mono<ProductConnection> profileProducts(ProfileView profile, @Argument DateRange dateRange, @Argument Integer first,
			@Argument String after, @Argument Integer last, @Argument String before,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant, DataFetchingEnvironment env) {
		Connections.Window window = new Connections.Window(first, after, last, before);
		return this.products.profileProducts(tenant, profile, dateRange).flatMap((all) -> {
			Connections.Connection<ProductView> page = Connections.slice(all.nodes(), ProductView::asin, window,
					Connections.DEFAULT_SIZE);
			return withFacts(tenant, page.nodes(), env)
				.map((nodes) -> new ProductConnection(page.withNodes(nodes), all.freshness()));
		});
	}

	@SchemaMapping(typeName = "Profile", field = "performance")
	Mono<ProductService.Performance> performance(ProfileView profile, @Argument DateRange dateRange,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		return this.products.performance(tenant, profile, dateRange);
	}

	/** The schema's {@code SellingPartner}. */
	record SellingPartnerView(String id, List<ParticipationView> marketplaceParticipations) {
	}

	/**
	 * The schema's {@code MarketplaceParticipation}: the seller's own facts in a
	 * marketplace, under an id of the seller and the marketplace.
	 */
	record ParticipationView(String id, MarketplaceView marketplace, Boolean isParticipating,
			Boolean hasSuspendedListings, String storeName) {

		static ParticipationView of(String sellerId, MarketplaceParticipation p) {
			MarketplaceParticipation.Marketplace m = p.marketplace();
			return new ParticipationView(Ids.opaque("MarketplaceParticipation", sellerId, m.id()),
					new MarketplaceView(m.id(), m.name(), m.countryCode(), m.defaultCurrencyCode(),
							m.defaultLanguageCode(), m.domainName()),
					(p.participation() != null) ? p.participation().isParticipating() : null,
					(p.participation() != null) ? p.participation().hasSuspendedListings() : null, p.storeName());
		}

	}

	/**
	 * The schema's {@code Marketplace}: only what is the same for every seller, so its
	 * Amazon id is a safe cache key.
	 */
	record MarketplaceView(String id, String name, String countryCode, String defaultCurrencyCode,
			String defaultLanguageCode, String domainName) {
	}

	/**
	 * The schema's {@code ProductConnection}. Its name must end with "Connection": once a
	 * Spring Data module is on the classpath, Spring for GraphQL wraps every Relay
	 * connection field and refuses a returned object it has no {@code ConnectionAdapter}
	 * for unless its class name ends so (RelayContractTest fails otherwise).
	 */
	record ProductConnection(Connections.Connection<ProductView> page, Freshness.Both freshness) {

		public List<Connections.Edge<ProductView>> edges() {
			return this.page.edges();
		}

		public List<ProductView> nodes() {
			return this.page.nodes();
		}

		public Connections.PageInfo pageInfo() {
			return this.page.pageInfo();
		}

	}

}
