package dev.adsgraph.products;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import reactor.core.publisher.Mono;

import dev.adsgraph.profiles.ProfileView;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.Tenant.SpConnection;
import dev.adsgraph.upstream.Marketplaces;

import org.springframework.stereotype.Component;

/**
 * What other features (the alert checks) may read about a profile's products outside a
 * GraphQL request: the same cached catalog, listing and FBA inventory reads as the
 * products graph's loaders, and the units ordered from the shared sales and traffic
 * report, so a check spends nothing a dashboard already spent and respects the same usage
 * plans. A source that cannot be read is null, with the reason in {@code unavailable},
 * never an error: the caller decides what an unknown source means.
 */
@Component
public class ProductSignals {

	private final ProductLoaders loaders;

	private final SalesAndTrafficReports retail;

	ProductSignals(ProductLoaders loaders, SalesAndTrafficReports retail) {
		this.loaders = loaders;
		this.retail = retail;
	}

	/**
	 * The facts of {@code asins} in the profile's marketplace, read through the SP-API
	 * connection of the profile's own seller (listings and inventory are the seller's;
	 * the catalog falls back to the workspace's first connection, as the products graph
	 * does), and the units ordered per ASIN between {@code salesStart} and
	 * {@code salesEnd}.
	 */
	public Mono<Snapshot> read(Tenant tenant, ProfileView profile, Collection<String> asins, LocalDate salesStart,
			LocalDate salesEnd) {
		Optional<Marketplaces.Marketplace> marketplace = Marketplaces.byId(profile.marketplaceId());
		if (marketplace.isEmpty()) {
			String why = "The profile's marketplace is unknown.";
			return Mono.just(new Snapshot(null, null, null, null,
					Map.of("inventory", why, "listings", why, "catalog", why, "sales", why)));
		}
		Optional<SpConnection> own = tenant.spConnection(profile.accountInfo().id(), profile.region());
		Optional<SpConnection> any = own.or(tenant::firstSpConnection);
		Map<String, String> unavailable = new ConcurrentHashMap<>();
		String noSeller = "The workspace has no SP-API authorization of this profile's seller.";
		Mono<Optional<Map<String, Stock>>> inventory = own
			.map((sp) -> this.loaders.cachedInventory(tenant, keys(sp, profile, asins))
				.map((found) -> Optional.of(byAsin(found, (i) -> new Stock(i.fulfillable())))))
			.orElseGet(() -> Mono.just(Optional.empty()));
		Mono<Optional<Map<String, ListingFacts>>> listings = own
			.map((sp) -> this.loaders.cachedListings(tenant, keys(sp, profile, asins))
				.map((found) -> Optional.of(byAsin(found, ProductSignals::listing))))
			.orElseGet(() -> Mono.just(Optional.empty()));
		Mono<Optional<Map<String, CatalogFacts>>> catalog = any
			.map((sp) -> this.loaders.cachedCatalog(tenant, keys(sp, profile, asins))
				.map((found) -> Optional.of(byAsin(found, (c) -> new CatalogFacts(c.title(), c.imageUrl())))))
			.orElseGet(() -> Mono.just(Optional.empty()));
		Mono<Optional<Map<String, Sales>>> sales = own
			.map((sp) -> this.retail.figures(tenant, sp, marketplace.get(), salesStart, salesEnd).map((sourced) -> {
				if (sourced.data() == null) {
					unavailable.put("sales", "The sales and traffic report is " + sourced.freshness().status()
							+ ((sourced.freshness().message() != null) ? ": " + sourced.freshness().message() : "."));
					return Optional.<Map<String, Sales>>empty();
				}
				Map<String, Sales> units = new HashMap<>();
				sourced.data()
					.byAsin()
					.forEach((asin, s) -> units.put(asin, new Sales(s.unitsOrdered(), s.buyBoxPercentage())));
				return Optional.of(units);
			}))
			.orElseGet(() -> Mono.just(Optional.empty()));
		if (own.isEmpty()) {
			unavailable.put("inventory", noSeller);
			unavailable.put("listings", noSeller);
			unavailable.put("sales", noSeller);
		}
		if (any.isEmpty()) {
			unavailable.put("catalog", "The workspace has no SP-API authorization.");
		}
		return Mono
			.zip(guard(inventory, "inventory", unavailable), guard(listings, "listings", unavailable),
					guard(catalog, "catalog", unavailable), guard(sales, "sales", unavailable))
			.map((all) -> new Snapshot(all.getT1().orElse(null), all.getT2().orElse(null), all.getT3().orElse(null),
					all.getT4().orElse(null), Map.copyOf(unavailable)));
	}

	/** A source that fails is unknown for this read, with the reason kept. */
	private static <T> Mono<Optional<T>> guard(Mono<Optional<T>> source, String name, Map<String, String> unavailable) {
		return source.onErrorResume((ex) -> {
			unavailable.put(name, (ex.getMessage() != null) ? ex.getMessage() : ex.toString());
			return Mono.just(Optional.empty());
		});
	}

	private static ListingFacts listing(ProductFacts.Listing listing) {
		List<String> enforced = listing.issues()
			.stream()
			.filter((issue) -> issue.enforcementActions() != null && !issue.enforcementActions().isEmpty())
			.map((issue) -> issue.code() + ": " + String.join(", ", issue.enforcementActions()))
			.toList();
		return new ListingFacts(listing.sku(), listing.status(), enforced, listing.merchantQuantity());
	}

	private static Set<ProductKey> keys(SpConnection sp, ProfileView profile, Collection<String> asins) {
		Set<ProductKey> keys = new LinkedHashSet<>();
		asins.forEach((asin) -> keys.add(new ProductKey(sp.id(), profile.marketplaceId(), asin)));
		return keys;
	}

	private static <V, R> Map<String, R> byAsin(Map<ProductKey, V> found, java.util.function.Function<V, R> convert) {
		Map<String, R> result = new HashMap<>();
		found.forEach((key, value) -> result.put(key.asin(), convert.apply(value)));
		return result;
	}

	/**
	 * The facts of a profile's products; a map is null when its source could not be read,
	 * and an ASIN absent from a map that is there has nothing in that source (no FBA
	 * inventory, no listing of the seller, not in the catalog).
	 *
	 * @param unavailable why each missing source is missing ({@code inventory},
	 * {@code listings}, {@code catalog}, {@code sales})
	 */
	public record Snapshot(Map<String, Stock> inventory, Map<String, ListingFacts> listings,
			Map<String, CatalogFacts> catalog, Map<String, Sales> sales, Map<String, String> unavailable) {
	}

	/**
	 * An ASIN's retail figures over the range.
	 *
	 * @param buyBoxPercentage the share of its sessions in which the seller held the
	 * Featured Offer; null when it had no sessions
	 */
	public record Sales(long unitsOrdered, Double buyBoxPercentage) {
	}

	/**
	 * @param fulfillable FBA fulfillable quantity, summed over the ASIN's SKUs
	 */
	public record Stock(int fulfillable) {
	}

	/**
	 * @param status the Listings Items API's summary status ({@code BUYABLE},
	 * {@code DISCOVERABLE})
	 * @param enforcedIssues the listing's issues with an enforcement action in force (not
	 * exempt), as {@code code: ACTION, ...} ({@code 18027: LISTING_SUPPRESSED})
	 * @param merchantQuantity units the merchant fulfills itself (channel DEFAULT)
	 */
	public record ListingFacts(String sku, List<String> status, List<String> enforcedIssues, int merchantQuantity) {
	}

	/**
	 * @param imageUrl the MAIN image's link; null when the catalog has none
	 */
	public record CatalogFacts(String title, String imageUrl) {
	}

}
