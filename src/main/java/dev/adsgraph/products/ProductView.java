package dev.adsgraph.products;

/**
 * The schema's {@code Product}: the report-based figures are attached when the product is
 * made (one report serves every product of a request); catalog, listing and inventory are
 * resolved per field through batch mappings (one call per field for all the products of a
 * response).
 *
 * @param id opaque, of the tenant, advertising profile, marketplace, ASIN and date range
 * @param advertising null while the advertising report is not ready
 * @param sales null while the retail report is not ready
 * @param spConnectionId the SP-API connection catalog, listing and inventory are read
 * through; null when the workspace has none
 * @param profileId the advertising profile whose report gave the figures (and whose ads
 * advertise the product); null when there is none
 */
public record ProductView(String id, String asin, String marketplaceId, AdPerformance advertising, RetailSales sales,
		String spConnectionId, String profileId) {

	Metrics metrics() {
		return Metrics.of(this.advertising, this.sales);
	}

	ProductKey key() {
		return new ProductKey(this.spConnectionId, this.marketplaceId, this.asin);
	}

}
