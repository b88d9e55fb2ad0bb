package dev.adsgraph.products;

import java.util.List;

/** The schema's per-product facts that come from SP-API resources rather than reports. */
final class ProductFacts {

	private ProductFacts() {
	}

	record CatalogSummary(String title, String brand, String imageUrl, List<SalesRank> salesRanks) {
	}

	record SalesRank(String title, int rank) {
	}

	record Listing(String sku, List<String> status, Money price) {
	}

	record Inventory(int fulfillable, int inboundWorking, int inboundShipped, int inboundReceiving, int reserved) {

		Inventory plus(Inventory other) {
			return new Inventory(this.fulfillable + other.fulfillable, this.inboundWorking + other.inboundWorking,
					this.inboundShipped + other.inboundShipped, this.inboundReceiving + other.inboundReceiving,
					this.reserved + other.reserved);
		}

	}

}
