package dev.adsgraph.upstream.sp;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * listingsItems_2021-08-01.json Item: a seller's listing of one SKU. Facets are present
 * only when asked for in {@code includedData}; product-type-specific attributes and
 * relationships are plain JSON values. Timestamps are kept as Amazon sent them (ISO
 * 8601).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListingsItem(String sku, List<Summary> summaries, Map<String, Object> attributes, List<Issue> issues,
		List<Offer> offers, List<FulfillmentAvailability> fulfillmentAvailability, List<Procurement> procurement,
		List<Map<String, Object>> relationships, List<ProductType> productTypes) {

	/** {@code status} holds BUYABLE and/or DISCOVERABLE. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Summary(String marketplaceId, String asin, String productType, String conditionType,
			List<String> status, String fnSku, String itemName, String createdDate, String lastUpdatedDate,
			Image mainImage) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Image(String link, Integer height, Integer width) {
	}

	/**
	 * Validation problems of a listing are issues, not HTTP errors. {@code severity} is
	 * ERROR, WARNING or INFO; {@code enforcements} says what Amazon did about it.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Issue(String code, String message, String severity, List<String> attributeNames,
			List<String> categories, Enforcements enforcements, List<String> marketplaceIds) {

		/** The enforcement actions in force: those of an issue that is not exempt. */
		public List<String> enforcedActions() {
			if (this.enforcements == null || this.enforcements.actions() == null) {
				return List.of();
			}
			Exemption exemption = this.enforcements.exemption();
			if (exemption != null && "EXEMPT".equals(exemption.status())) {
				return List.of();
			}
			return this.enforcements.actions().stream().map(EnforcementAction::action).toList();
		}

	}

	/**
	 * IssueEnforcements: the actions taken and whether the listing is exempt from them.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Enforcements(List<EnforcementAction> actions, Exemption exemption) {
	}

	/**
	 * {@code action}: LISTING_SUPPRESSED (not buyable), ATTRIBUTE_SUPPRESSED,
	 * CATALOG_ITEM_REMOVED or SEARCH_SUPPRESSED (hidden from search).
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record EnforcementAction(String action) {
	}

	/**
	 * {@code status}: EXEMPT, EXEMPT_UNTIL_EXPIRY_DATE (enforced from {@code expiryDate})
	 * or NOT_EXEMPT.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Exemption(String status, String expiryDate) {
	}

	/** {@code offerType} is B2C or B2B. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Offer(String marketplaceId, String offerType, Money price, Points points, Audience audience) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Points(Integer pointsNumber) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Audience(String value, String displayName) {
	}

	/**
	 * {@code fulfillmentChannelCode} is DEFAULT for the seller's own network, else an FBA
	 * code.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record FulfillmentAvailability(String fulfillmentChannelCode, Integer quantity) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Procurement(Money costPrice) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record ProductType(String marketplaceId, String productType) {
	}

	/** ItemSearchResults: one page of searchListingsItems. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record SearchResults(Integer numberOfResults, Pagination pagination, List<ListingsItem> items) {

		public SearchResults {
			items = (items != null) ? items : List.of();
		}

	}

}
