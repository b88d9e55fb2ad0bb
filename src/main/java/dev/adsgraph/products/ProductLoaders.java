package dev.adsgraph.products;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

import tools.jackson.core.type.TypeReference;

import dev.adsgraph.caching.CacheMetrics;
import dev.adsgraph.caching.CaffeineKeyedCache;
import dev.adsgraph.caching.KeyedCache;
import dev.adsgraph.caching.SharedKeyedCaches;
import dev.adsgraph.products.ProductFacts.CatalogSummary;
import dev.adsgraph.products.ProductFacts.Inventory;
import dev.adsgraph.products.ProductFacts.Listing;
import dev.adsgraph.products.ProductFacts.SalesRank;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.Tenant.SpConnection;
import dev.adsgraph.upstream.Marketplaces;
import dev.adsgraph.upstream.sp.CatalogItem;
import dev.adsgraph.upstream.sp.CatalogItemSearch;
import dev.adsgraph.upstream.sp.InventorySummariesQuery;
import dev.adsgraph.upstream.sp.InventorySummary;
import dev.adsgraph.upstream.sp.ListingsItem;
import dev.adsgraph.upstream.sp.ListingsItemSearch;
import dev.adsgraph.upstream.sp.SellingPartnerApiClient;
import org.dataloader.Try;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import graphql.GraphQLContext;
import graphql.schema.idl.RuntimeWiring;
import dev.adsgraph.tenancy.TenantContextInterceptor;
import org.dataloader.BatchLoaderEnvironment;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Component;

/**
 * Reads the per-product SP-API facts of one GraphQL request for all its products at once:
 * the catalog and listings in searches of at most 20 ASINs (Amazon's limit per call), FBA
 * inventory as one marketplace-wide list per request (cached briefly), so 100 products
 * cost 5 catalog calls, not 100. A page of products has what it selects read with the
 * page ({@link #withFacts}); any other product through the {@code Product} fields' data
 * loaders ({@link ProductFactFetcher}), batched the same way.
 */
@Component
class ProductLoaders implements RuntimeWiringConfigurer {

	/** The data loaders of a product made without its page's reads (an ad's product). */
	static final String CATALOG = "productCatalog";

	static final String LISTING = "productListing";

	static final String INVENTORY = "productInventory";

	/** Amazon's limit of identifiers per catalog or listings search. */
	static final int SEARCH_LIMIT = 20;

	private static final List<String> CATALOG_DATA = List.of("summaries", "images", "salesRanks");

	/**
	 * Status, price, issues (with their enforcement actions) and the merchant-fulfilled
	 * quantity: what the listing field and the alerts read, in the same call.
	 */
	private static final List<String> LISTING_DATA = List.of("summaries", "offers", "issues",
			"fulfillmentAvailability");

	private final SellingPartnerApiClient sp;

	private final KeyedCache<InventoryKey, Map<String, Inventory>> inventory;

	/**
	 * Catalog facts change rarely and searchCatalogItems allows two calls a second:
	 * cached.
	 */
	private final KeyedCache<TenantKey, Optional<CatalogSummary>> catalogCache;

	/**
	 * Listings change more often (price, status) but Amazon allows five searches a
	 * second: cached briefly.
	 */
	private final KeyedCache<TenantKey, Optional<Listing>> listingCache;

	ProductLoaders(SellingPartnerApiClient sp, ProductsProperties properties, ObjectProvider<CacheMetrics> cacheMetrics,
			ObjectProvider<SharedKeyedCaches> sharedCaches, BatchLoaderRegistry registry) {
		this.sp = sp;
		registry.<ProductView, CatalogSummary>forName(CATALOG)
			.registerMappedBatchLoader((products, env) -> catalogOf(tenant(env), keys(products))
				.map((byKey) -> byProduct(products, byKey)));
		registry.<ProductView, Listing>forName(LISTING)
			.registerMappedBatchLoader((products, env) -> listingsOf(tenant(env), keys(products))
				.map((byKey) -> byProduct(products, byKey)));
		registry.<ProductView, Inventory>forName(INVENTORY)
			.registerMappedBatchLoader((products, env) -> inventoryOf(tenant(env), keys(products))
				.map((byKey) -> byProduct(products, byKey)));
		CacheMetrics metrics = cacheMetrics.getIfAvailable(() -> CacheMetrics.NONE);
		SharedKeyedCaches shared = sharedCaches.getIfAvailable(() -> SharedKeyedCaches.NONE);
		this.inventory = shared.share("inventory",
				new CaffeineKeyedCache<>("inventory", properties.inventoryTtl(), 10_000, metrics),
				properties.inventoryTtl(), new TypeReference<Map<String, Inventory>>() {
				});
		this.catalogCache = shared.share("catalog",
				new CaffeineKeyedCache<>("catalog", properties.catalogTtl(), 200_000, metrics), properties.catalogTtl(),
				new TypeReference<Optional<CatalogSummary>>() {
				});
		this.listingCache = shared.share("listings",
				new CaffeineKeyedCache<>("listings", properties.listingTtl(), 200_000, metrics),
				properties.listingTtl(), new TypeReference<Optional<Listing>>() {
				});
	}

	@Override
	public void configure(RuntimeWiring.Builder wiring) {
		ProductFactFetcher<CatalogSummary> catalog = new ProductFactFetcher<>(CATALOG, CatalogSummary.class,
				ProductView.Loaded::catalog);
		ProductFactFetcher<Listing> listing = new ProductFactFetcher<>(LISTING, Listing.class,
				ProductView.Loaded::listing);
		ProductFactFetcher<Inventory> inventory = new ProductFactFetcher<>(INVENTORY, Inventory.class,
				ProductView.Loaded::inventory);
		wiring.type("Product",
				(type) -> type.dataFetcher("catalog", catalog)
					.dataFetcher("listing", listing)
					.dataFetcher("inventory", inventory));
	}

	/**
	 * A page's products with the catalog, listing and inventory the request selects, each
	 * read once for the whole page ({@link #catalogOf} and the others): what the page
	 * reads, and when, is what the fields' data loaders would read at the next level. A
	 * read that fails, in part or whole, fails those products' fields only.
	 * @param tenant the workspace
	 * @param products the page, in order
	 * @param catalog whether {@code catalog} is selected
	 * @param listing whether {@code listing} is selected
	 * @param inventory whether {@code inventory} is selected
	 * @return the products, in order, with what was read
	 */
	Mono<List<ProductView>> withFacts(Tenant tenant, List<ProductView> products, boolean catalog, boolean listing,
			boolean inventory) {
		if (products.isEmpty() || !(catalog || listing || inventory)) {
			return Mono.just(products);
		}
		List<ProductKey> keys = keys(products);
		Mono<Map<ProductKey, Try<CatalogSummary>>> catalogs = catalog ? outcomes(catalogOf(tenant, keys), keys)
				: Mono.just(Map.of());
		Mono<Map<ProductKey, Try<Listing>>> listings = listing ? outcomes(listingsOf(tenant, keys), keys)
				: Mono.just(Map.of());
		Mono<Map<ProductKey, Try<Inventory>>> inventories = inventory ? outcomes(inventoryOf(tenant, keys), keys)
				: Mono.just(Map.of());
		return Mono.zip(catalogs, listings, inventories).map((read) -> {
			List<ProductView> loaded = new ArrayList<>(products.size());
			for (ProductView product : products) {
				ProductKey key = product.key();
				loaded.add(product.with(new ProductView.Loaded(catalog ? found(read.getT1(), key) : null,
						listing ? found(read.getT2(), key) : null, inventory ? found(read.getT3(), key) : null)));
			}
			return loaded;
		});
	}

	/** A product Amazon knows nothing of reads as null. */
	private static <V> Try<V> found(Map<ProductKey, Try<V>> read, ProductKey key) {
		Try<V> value = read.get(key);
		return (value != null) ? value : Try.succeeded(null);
	}

	/** A read that fails as a whole fails each of its products. */
	private static <V> Mono<Map<ProductKey, Try<V>>> outcomes(Mono<Map<ProductKey, Try<V>>> read,
			List<ProductKey> keys) {
		return read.onErrorResume((ex) -> {
			Map<ProductKey, Try<V>> failed = new HashMap<>();
			keys.forEach((key) -> failed.put(key, Try.failed(ex)));
			return Mono.just(failed);
		});
	}

	/** The products' keys, each once, in the order the products came. */
	private static List<ProductKey> keys(Collection<ProductView> products) {
		Set<ProductKey> keys = new LinkedHashSet<>();
		products.forEach((product) -> keys.add(product.key()));
		return new ArrayList<>(keys);
	}

	/**
	 * Each product's value, as java-dataloader reads a batch loader's: a {@link Try}
	 * completes the product's field with its value or fails it with its failure, whatever
	 * the declared type; a product with no entry answers null.
	 */
	@SuppressWarnings("unchecked")
	private static <V> Map<ProductView, V> byProduct(Collection<ProductView> products, Map<ProductKey, Try<V>> byKey) {
		Map<ProductView, Try<V>> result = new HashMap<>();
		for (ProductView product : products) {
			Try<V> value = byKey.get(product.key());
			if (value != null) {
				result.put(product, value);
			}
		}
		return (Map<ProductView, V>) (Map<ProductView, ?>) result;
	}

	private static Tenant tenant(BatchLoaderEnvironment env) {
		GraphQLContext context = env.getContext();
		return Objects.requireNonNull(context).get(TenantContextInterceptor.TENANT);
	}

	/**
	 * The catalog of a response's products (keys each once, in the order the products
	 * came): what the cache lacks in searches of at most {@link #SEARCH_LIMIT} ASINs, the
	 * rounds at the same time. A round that fails fails its products only; a product the
	 * catalog does not know has no entry.
	 */
	Mono<Map<ProductKey, Try<CatalogSummary>>> catalogOf(Tenant tenant, List<ProductKey> keys) {
		return inRounds(keys, SEARCH_LIMIT, (round) -> cached(this.catalogCache, tenant, round, this::catalog));
	}

	/** The listings of a response's products, as {@link #catalogOf}. */
	Mono<Map<ProductKey, Try<Listing>>> listingsOf(Tenant tenant, List<ProductKey> keys) {
		return inRounds(keys, SEARCH_LIMIT, (round) -> cached(this.listingCache, tenant, round, this::listings));
	}

	/**
	 * The FBA inventory of a response's products: one round, a marketplace-wide list per
	 * connection and marketplace.
	 */
	Mono<Map<ProductKey, Try<Inventory>>> inventoryOf(Tenant tenant, List<ProductKey> keys) {
		return inRounds(keys, Integer.MAX_VALUE, (round) -> inventory(tenant, round));
	}

	/**
	 * The keys in rounds of at most {@code size}, in order, run at the same time; each
	 * key found has its value, each key of a failed round that round's failure.
	 */
	static <V> Mono<Map<ProductKey, Try<V>>> inRounds(List<ProductKey> keys, int size,
			java.util.function.Function<Set<ProductKey>, Mono<Map<ProductKey, V>>> load) {
		return Flux.fromIterable(rounds(keys, size)).flatMap((round) -> load.apply(round).map((found) -> {
			Map<ProductKey, Try<V>> result = new HashMap<>();
			found.forEach((key, value) -> result.put(key, Try.succeeded(value)));
			return result;
		}).onErrorResume((ex) -> {
			Map<ProductKey, Try<V>> result = new HashMap<>();
			round.forEach((key) -> result.put(key, Try.failed(ex)));
			return Mono.just(result);
		})).collect(HashMap::new, Map::putAll);
	}

	/**
	 * Serves what the cache has and loads the rest in one upstream round. A product the
	 * upstream does not know is cached as absent too, so asking again costs no call.
	 */
	private static <V> Mono<Map<ProductKey, V>> cached(KeyedCache<TenantKey, Optional<V>> cache, Tenant tenant,
			Set<ProductKey> keys, BiFunction<Tenant, Set<ProductKey>, Mono<Map<ProductKey, V>>> load) {
		Set<TenantKey> wanted = new LinkedHashSet<>();
		keys.forEach((key) -> wanted.add(new TenantKey(tenant.id(), key)));
		return cache.getAll(wanted, (missing) -> {
			Set<ProductKey> products = new LinkedHashSet<>();
			missing.forEach((key) -> products.add(key.product()));
			return load.apply(tenant, products).map((found) -> {
				Map<TenantKey, Optional<V>> loaded = new HashMap<>();
				missing.forEach((key) -> loaded.put(key, Optional.ofNullable(found.get(key.product()))));
				return loaded;
			});
		}).map((hits) -> {
			Map<ProductKey, V> result = new HashMap<>();
			hits.forEach((key, value) -> value.ifPresent((v) -> result.put(key.product(), v)));
			return result;
		});
	}

	/**
	 * Each product through its own SP-API connection
	 * ({@link ProductKey#spConnectionId()}): one upstream round per connection; a product
	 * without a usable connection has nothing.
	 */
	private static <V> Mono<Map<ProductKey, V>> perConnection(Tenant tenant, Set<ProductKey> keys,
			BiFunction<SpConnection, Set<ProductKey>, Mono<Map<ProductKey, V>>> load) {
		Map<String, Set<ProductKey>> groups = new LinkedHashMap<>();
		keys.stream()
			.filter((key) -> key.spConnectionId() != null)
			.forEach((key) -> groups.computeIfAbsent(key.spConnectionId(), (id) -> new LinkedHashSet<>()).add(key));
		return Flux.fromIterable(groups.entrySet())
			.flatMap((group) -> tenant.spConnection(group.getKey())
				.map((sp) -> load.apply(sp, group.getValue()))
				.orElseGet(() -> Mono.just(Map.of())))
			.collect(HashMap::new, Map::putAll);
	}

	private Mono<Map<ProductKey, CatalogSummary>> catalog(Tenant tenant, Set<ProductKey> keys) {
		return perConnection(tenant, keys, this::catalog);
	}

	private Mono<Map<ProductKey, CatalogSummary>> catalog(SpConnection sp, Set<ProductKey> keys) {
		return Flux.fromIterable(byMarketplace(keys).entrySet()).flatMap((group) -> {
			String marketplaceId = group.getKey();
			List<String> asins = group.getValue();
			return this.sp
				.searchCatalogItems(sp.credentials(), region(marketplaceId),
						CatalogItemSearch.byIdentifiers("ASIN", asins, marketplaceId, CATALOG_DATA)
							.withPageSize(SEARCH_LIMIT))
				.flatMapIterable((results) -> (results.items() != null) ? results.items() : List.of())
				.map((item) -> Map.entry(new ProductKey(sp.id(), marketplaceId, item.asin()),
						summary(item, marketplaceId)));
		}).collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	private Mono<Map<ProductKey, Listing>> listings(Tenant tenant, Set<ProductKey> keys) {
		return perConnection(tenant, keys, this::listings);
	}

	private Mono<Map<ProductKey, Listing>> listings(SpConnection sp, Set<ProductKey> keys) {
		String sellerId = sp.sellingPartnerId();
		return Flux.fromIterable(byMarketplace(keys).entrySet()).flatMap((group) -> {
			String marketplaceId = group.getKey();
			ListingsItemSearch search = new ListingsItemSearch(sellerId, List.of(marketplaceId), group.getValue(),
					"ASIN", LISTING_DATA, SEARCH_LIMIT, null);
			return this.sp.searchListingsItems(sp.credentials(), region(marketplaceId), search)
				.flatMapIterable((results) -> (results.items() != null) ? results.items() : List.of())
				.flatMapIterable((item) -> listing(sp.id(), item, marketplaceId));
		}).collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new);
	}

	private Mono<Map<ProductKey, Inventory>> inventory(Tenant tenant, Set<ProductKey> keys) {
		return perConnection(tenant, keys, (sp, group) -> inventory(tenant, sp, group));
	}

	private Mono<Map<ProductKey, Inventory>> inventory(Tenant tenant, SpConnection sp, Set<ProductKey> keys) {
		return Flux.fromIterable(byMarketplace(keys).keySet())
			.flatMap((marketplaceId) -> this.inventory
				.get(new InventoryKey(tenant.id(), sp.id(), marketplaceId),
						() -> this.sp
							.getAllInventorySummaries(sp.credentials(), region(marketplaceId),
									InventorySummariesQuery.of(marketplaceId))
							.map(ProductLoaders::inventoryByAsin))
				.map((byAsin) -> Map.entry(marketplaceId, byAsin)))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.map((byMarketplace) -> {
				Map<ProductKey, Inventory> result = new HashMap<>();
				for (ProductKey key : keys) {
					Inventory found = byMarketplace.getOrDefault(key.marketplaceId(), Map.of()).get(key.asin());
					if (found != null) {
						result.put(key, found);
					}
				}
				return result;
			});
	}

	/**
	 * The same cached catalog reads as {@link #catalogOf}, for callers outside a GraphQL
	 * request (the alert checks): what the cache holds costs no call.
	 */
	Mono<Map<ProductKey, CatalogSummary>> cachedCatalog(Tenant tenant, Set<ProductKey> keys) {
		return inBatches(keys, (batch) -> cached(this.catalogCache, tenant, batch, this::catalog));
	}

	/** The same cached listings reads as {@link #listingsOf}. */
	Mono<Map<ProductKey, Listing>> cachedListings(Tenant tenant, Set<ProductKey> keys) {
		return inBatches(keys, (batch) -> cached(this.listingCache, tenant, batch, this::listings));
	}

	/**
	 * As {@link #catalogOf}'s rounds: at most {@link #SEARCH_LIMIT} keys a round, here
	 * one at a time.
	 */
	private static <V> Mono<Map<ProductKey, V>> inBatches(Set<ProductKey> keys,
			java.util.function.Function<Set<ProductKey>, Mono<Map<ProductKey, V>>> load) {
		return Flux.fromIterable(rounds(keys, SEARCH_LIMIT)).concatMap(load).collect(HashMap::new, Map::putAll);
	}

	/** The keys in their order, in rounds of at most {@code size}. */
	private static List<Set<ProductKey>> rounds(Collection<ProductKey> keys, int size) {
		List<Set<ProductKey>> rounds = new ArrayList<>();
		for (ProductKey key : keys) {
			if (rounds.isEmpty() || rounds.get(rounds.size() - 1).size() == size) {
				rounds.add(new LinkedHashSet<>());
			}
			rounds.get(rounds.size() - 1).add(key);
		}
		return rounds;
	}

	/**
	 * The same cached marketplace-wide inventory lists as {@link #inventoryOf}.
	 */
	Mono<Map<ProductKey, Inventory>> cachedInventory(Tenant tenant, Set<ProductKey> keys) {
		return inventory(tenant, keys);
	}

	private static Map<String, Inventory> inventoryByAsin(List<InventorySummary> summaries) {
		Map<String, Inventory> byAsin = new HashMap<>();
		for (InventorySummary s : summaries) {
			if (s.asin() == null) {
				continue;
			}
			InventorySummary.Details d = s.inventoryDetails();
			Inventory inventory = (d == null) ? new Inventory(0, 0, 0, 0, 0)
					: new Inventory(n(d.fulfillableQuantity()), n(d.inboundWorkingQuantity()),
							n(d.inboundShippedQuantity()), n(d.inboundReceivingQuantity()),
							(d.reservedQuantity() != null) ? n(d.reservedQuantity().totalReservedQuantity()) : 0);
			// One ASIN can be stocked under several SKUs (conditions, bundles): the
			// product has them all.
			byAsin.merge(s.asin(), inventory, Inventory::plus);
		}
		return byAsin;
	}

	private static CatalogSummary summary(CatalogItem item, String marketplaceId) {
		CatalogItem.Summary summary = first(item.summaries(), CatalogItem.Summary::marketplaceId, marketplaceId);
		CatalogItem.Images images = first(item.images(), CatalogItem.Images::marketplaceId, marketplaceId);
		CatalogItem.SalesRanks ranks = first(item.salesRanks(), CatalogItem.SalesRanks::marketplaceId, marketplaceId);
		String image = (images == null || images.images() == null) ? null
				: images.images()
					.stream()
					.filter((i) -> "MAIN".equals(i.variant()))
					.map(CatalogItem.Image::link)
					.findFirst()
					.orElse(null);
		List<SalesRank> salesRanks = new ArrayList<>();
		if (ranks != null) {
			if (ranks.displayGroupRanks() != null) {
				ranks.displayGroupRanks()
					.stream()
					.filter((r) -> r.rank() != null)
					.forEach((r) -> salesRanks.add(new SalesRank(r.title(), r.rank())));
			}
			if (ranks.classificationRanks() != null) {
				ranks.classificationRanks()
					.stream()
					.filter((r) -> r.rank() != null)
					.forEach((r) -> salesRanks.add(new SalesRank(r.title(), r.rank())));
			}
			salesRanks.sort((a, b) -> Integer.compare(a.rank(), b.rank()));
		}
		return new CatalogSummary((summary != null) ? summary.itemName() : null,
				(summary != null) ? summary.brand() : null, image, salesRanks);
	}

	private static List<Map.Entry<ProductKey, Listing>> listing(String spConnectionId, ListingsItem item,
			String marketplaceId) {
		ListingsItem.Summary summary = first(item.summaries(), ListingsItem.Summary::marketplaceId, marketplaceId);
		if (summary == null || summary.asin() == null) {
			return List.of();
		}
		ListingsItem.Offer offer = (item.offers() == null) ? null
				: item.offers()
					.stream()
					.filter((o) -> marketplaceId.equals(o.marketplaceId()) && !"B2B".equals(o.offerType()))
					.findFirst()
					.orElse(null);
		Money price = (offer != null && offer.price() != null)
				? new Money(offer.price().amount(), offer.price().currencyCode()) : null;
		List<ProductFacts.ListingIssue> issues = (item.issues() == null) ? List.of()
				: item.issues()
					.stream()
					.filter((i) -> i.marketplaceIds() == null || i.marketplaceIds().isEmpty()
							|| i.marketplaceIds().contains(marketplaceId))
					.map((i) -> new ProductFacts.ListingIssue(i.code(), i.message(), i.severity(),
							(i.categories() != null) ? i.categories() : List.of(), i.enforcedActions()))
					.toList();
		List<ProductFacts.FulfillmentAvailability> availability = (item.fulfillmentAvailability() == null) ? List.of()
				: item.fulfillmentAvailability()
					.stream()
					.map((a) -> new ProductFacts.FulfillmentAvailability(a.fulfillmentChannelCode(), a.quantity()))
					.toList();
		return List.of(Map.entry(new ProductKey(spConnectionId, marketplaceId, summary.asin()), new Listing(item.sku(),
				(summary.status() != null) ? summary.status() : List.of(), price, issues, availability)));
	}

	private static Map<String, List<String>> byMarketplace(Collection<ProductKey> keys) {
		Map<String, List<String>> groups = new LinkedHashMap<>();
		keys.forEach((key) -> groups.computeIfAbsent(key.marketplaceId(), (m) -> new ArrayList<>()).add(key.asin()));
		return groups;
	}

	private static dev.adsgraph.upstream.Region region(String marketplaceId) {
		return Marketplaces.byId(marketplaceId)
			.orElseThrow(() -> new IllegalArgumentException("unknown marketplace " + marketplaceId))
			.region();
	}

	private static <T> T first(List<T> values, java.util.function.Function<T, String> marketplace, String id) {
		return (values == null) ? null
				: values.stream().filter((v) -> id.equals(marketplace.apply(v))).findFirst().orElse(null);
	}

	private static int n(Integer value) {
		return (value != null) ? value : 0;
	}

	record InventoryKey(String tenantId, String spConnectionId, String marketplaceId) {
	}

	record TenantKey(String tenantId, ProductKey product) {
	}

}
