package dev.adsgraph.upstream.sp;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * fbaInventory.json InventorySummary: one SKU's FBA stock in a marketplace. {@code
 * lastUpdatedTime} is kept as sent: Amazon answers an empty string when it has none.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InventorySummary(String asin, String fnSku, String sellerSku, String condition, Details inventoryDetails,
		String lastUpdatedTime, String productName, Integer totalQuantity, List<String> stores) {

	/**
	 * Present when the request asked for {@code details=true}, which this client always
	 * does.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Details(Integer fulfillableQuantity, Integer inboundWorkingQuantity, Integer inboundShippedQuantity,
			Integer inboundReceivingQuantity, Reserved reservedQuantity, Researching researchingQuantity,
			Unfulfillable unfulfillableQuantity) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Reserved(Integer totalReservedQuantity, Integer pendingCustomerOrderQuantity,
			Integer pendingTransshipmentQuantity, Integer fcProcessingQuantity) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Researching(Integer totalResearchingQuantity, List<ResearchingEntry> researchingQuantityBreakdown) {
	}

	/** {@code name} is researchingQuantityInShortTerm, ...InMidTerm or ...InLongTerm. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record ResearchingEntry(String name, Integer quantity) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Unfulfillable(Integer totalUnfulfillableQuantity, Integer customerDamagedQuantity,
			Integer warehouseDamagedQuantity, Integer distributorDamagedQuantity, Integer carrierDamagedQuantity,
			Integer defectiveQuantity, Integer expiredQuantity) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Granularity(String granularityType, String granularityId) {
	}

	/**
	 * One page of getInventorySummaries. {@code nextToken} expires 30 seconds after it
	 * was issued: ask for the next page at once.
	 */
	public record Page(Granularity granularity, List<InventorySummary> inventorySummaries, String nextToken) {

		public Page {
			inventorySummaries = (inventorySummaries != null) ? inventorySummaries : List.of();
		}

	}

}
