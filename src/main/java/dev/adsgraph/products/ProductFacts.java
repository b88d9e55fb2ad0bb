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

	/**
	 * The seller's listing of the product in one marketplace: {@code status} BUYABLE
	 * and/or DISCOVERABLE, the listing's issues, and its fulfillment availability per
	 * channel (DEFAULT is the merchant's own network; an FBA channel's quantity is
	 * informational, FBA stock is in {@link Inventory}).
	 */
	record Listing(String sku, List<String> status, Money price, List<ListingIssue> issues,
			List<FulfillmentAvailability> fulfillmentAvailability) {

		Listing {
			issues = (issues != null) ? List.copyOf(issues) : List.of();
			fulfillmentAvailability = (fulfillmentAvailability != null) ? List.copyOf(fulfillmentAvailability)
					: List.of();
		}

		/**
		 * Units the merchant fulfills itself (channel DEFAULT); 0 when it fulfills none.
		 */
		int merchantQuantity() {
			return this.fulfillmentAvailability.stream()
				.filter((a) -> "DEFAULT".equals(a.fulfillmentChannelCode()) && a.quantity() != null)
				.mapToInt(FulfillmentAvailability::quantity)
				.sum();
		}

	}

	/**
	 * One issue of a listing: code, message, severity (ERROR, WARNING, INFO), categories
	 * and the enforcement actions in force (LISTING_SUPPRESSED, SEARCH_SUPPRESSED, ...).
	 */
	record ListingIssue(String code, String message, String severity, List<String> categories,
			List<String> enforcementActions) {
	}

	record FulfillmentAvailability(String fulfillmentChannelCode, Integer quantity) {
	}

	record Inventory(int fulfillable, int inboundWorking, int inboundShipped, int inboundReceiving, int reserved) {

		Inventory plus(Inventory other) {
			return new Inventory(this.fulfillable + other.fulfillable, this.inboundWorking + other.inboundWorking,
					this.inboundShipped + other.inboundShipped, this.inboundReceiving + other.inboundReceiving,
					this.reserved + other.reserved);
		}

	}

}
