package dev.adsgraph.upstream.sp;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * catalogItems_2022-04-01.json Item. Each facet is present only when asked for in
 * {@code includedData} (null otherwise) and holds one entry per marketplace. Facets whose
 * shape depends on the product type (attributes, dimensions, relationships, vendor
 * details) are kept as plain JSON values.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogItem(String asin, Map<String, Object> attributes, List<Classifications> classifications,
		List<Map<String, Object>> dimensions, List<Identifiers> identifiers, List<Images> images,
		List<ProductType> productTypes, List<Map<String, Object>> relationships, List<SalesRanks> salesRanks,
		List<Summary> summaries, List<Map<String, Object>> vendorDetails) {

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Summary(String marketplaceId, Boolean adultProduct, Boolean autographed, String brand,
			BrowseClassification browseClassification, String color, List<Contributor> contributors,
			String itemClassification, String itemName, String manufacturer, Boolean memorabilia, String modelNumber,
			Integer packageQuantity, String partNumber, String releaseDate, String size, String style,
			Boolean tradeInEligible, String websiteDisplayGroup, String websiteDisplayGroupName) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record BrowseClassification(String displayName, String classificationId, BrowseClassification parent) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Contributor(Role role, String value) {

		@JsonIgnoreProperties(ignoreUnknown = true)
		public record Role(String displayName, String value) {
		}

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Classifications(String marketplaceId, List<BrowseClassification> classifications) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Identifiers(String marketplaceId, List<Identifier> identifiers) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Identifier(String identifierType, String identifier) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Images(String marketplaceId, List<Image> images) {
	}

	/** {@code variant} is MAIN or PT01..PT08 or SWCH. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Image(String variant, String link, Integer height, Integer width) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record ProductType(String marketplaceId, String productType) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record SalesRanks(String marketplaceId, List<ClassificationRank> classificationRanks,
			List<DisplayGroupRank> displayGroupRanks) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record ClassificationRank(String classificationId, String title, String link, Integer rank) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record DisplayGroupRank(String websiteDisplayGroup, String title, String link, Integer rank) {
	}

	/** ItemSearchResults: one page of searchCatalogItems. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record SearchResults(Integer numberOfResults, Pagination pagination, Refinements refinements,
			List<CatalogItem> items) {

		public SearchResults {
			items = (items != null) ? items : List.of();
		}

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Refinements(List<BrandRefinement> brands, List<ClassificationRefinement> classifications) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record BrandRefinement(Integer numberOfResults, String brandName) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record ClassificationRefinement(Integer numberOfResults, String displayName, String classificationId) {
	}

}
