package dev.adsgraph.products;

import dev.adsgraph.products.ProductFacts.CatalogSummary;
import dev.adsgraph.products.ProductFacts.Inventory;
import dev.adsgraph.products.ProductFacts.Listing;
import org.dataloader.Try;

/**
 * The schema's {@code Product}: the report-based figures are attached when the product is
 * made (one report serves every product of a request); catalog, listing and inventory are
 * read for all the products of a page at once, when the page is made and only if the
 * request selects them ({@link Loaded}); a product made without them (an ad's product)
 * has them read through data loaders, one call per field for all such products of a
 * response ({@link ProductFactFetcher}).
 *
 * @param id opaque, of the tenant, advertising profile, marketplace, ASIN and date range
 * @param advertising null while the advertising report is not ready
 * @param sales null while the retail report is not ready
 * @param spConnectionId the SP-API connection catalog, listing and inventory are read
 * through; null when the workspace has none
 * @param profileId the advertising profile whose report gave the figures (and whose ads
 * advertise the product); null when there is none
 * @param loaded what was read with the page
 */
public record ProductView(String id, String asin, String marketplaceId, AdPerformance advertising, RetailSales sales,
		String spConnectionId, String profileId, Loaded loaded) {

	ProductView(String id, String asin, String marketplaceId, AdPerformance advertising, RetailSales sales,
			String spConnectionId, String profileId) {
		this(id, asin, marketplaceId, advertising, sales, spConnectionId, profileId, Loaded.NOTHING);
	}

	/** The schema's {@code Product.metrics}: public, so it is read as a property. */
	public Metrics metrics() {
		return Metrics.of(this.advertising, this.sales);
	}

	ProductKey key() {
		return new ProductKey(this.spConnectionId, this.marketplaceId, this.asin);
	}

	ProductView with(Loaded loaded) {
		return new ProductView(this.id, this.asin, this.marketplaceId, this.advertising, this.sales,
				this.spConnectionId, this.profileId, loaded);
	}

	/**
	 * Catalog, listing and inventory as read with the page: each null when it was not
	 * read, else the outcome (a value, null when Amazon has none for the product, or the
	 * failure of the call that served it). A {@code Try} is equal only to itself, so two
	 * products are equal with their reads only if they share them.
	 */
	public record Loaded(Try<CatalogSummary> catalog, Try<Listing> listing, Try<Inventory> inventory) {

		static final Loaded NOTHING = new Loaded(null, null, null);

	}

}
