package dev.adsgraph.upstream.ads;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An Ads API v1 ad as QueryAd answers it (AmazonAdsAPIALLMerged_prod_3p_ALL.json Ad),
 * with the fields the gateway reads. A product ad ({@code adType} PRODUCT_AD) names its
 * product in {@code creative.productCreative.productCreativeSettings.advertisedProduct}:
 * the id the advertiser gave ({@code productId}, an ASIN or a SKU) and the one Amazon
 * resolved it to.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Ad(String adId, String adGroupId, String campaignId, String name, String adProduct, String adType,
		String state, V1Status status, Creative creative, String marketplaceScope, List<String> marketplaces,
		String creationDateTime, String lastUpdatedDateTime) {

	/** The advertised ASIN: the product id or the resolved one, whichever is an ASIN. */
	public String asin() {
		return productId("ASIN");
	}

	/** The advertised SKU: the product id or the resolved one, whichever is a SKU. */
	public String sku() {
		return productId("SKU");
	}

	private String productId(String type) {
		AdvertisedProduct product = advertisedProduct();
		if (product == null) {
			return null;
		}
		if (type.equals(product.productIdType()) && product.productId() != null) {
			return product.productId();
		}
		return type.equals(product.resolvedProductIdType()) ? product.resolvedProductId() : null;
	}

	private AdvertisedProduct advertisedProduct() {
		if (this.creative == null || this.creative.productCreative() == null
				|| this.creative.productCreative().productCreativeSettings() == null) {
			return null;
		}
		return this.creative.productCreative().productCreativeSettings().advertisedProduct();
	}

	/** Creative, a one-of; only the product creative is read. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Creative(ProductCreative productCreative) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record ProductCreative(ProductCreativeSettings productCreativeSettings) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record ProductCreativeSettings(AdvertisedProduct advertisedProduct, String headline) {
	}

	/**
	 * AdvertisedProducts: {@code productIdType} and {@code resolvedProductIdType} ASIN or
	 * SKU.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record AdvertisedProduct(String productId, String productIdType, String resolvedProductId,
			String resolvedProductIdType) {
	}

	/**
	 * What to ask {@code POST /adsApi/v1/query/ads} for; a null or empty filter is not
	 * sent. {@code adProduct} is required (exactly one), the id filters take at most 100
	 * ids each, {@code maxResults} 1 to 1000.
	 */
	public record Query(String adProduct, List<String> campaignIds, List<String> adGroupIds, List<String> adIds,
			List<String> states, Integer maxResults, String nextToken) {

		/** The contract's maxResults maximum for ads. */
		public static final int MAX_RESULTS = 1000;

		/** The contract's campaignIdFilter, adGroupIdFilter and adIdFilter maxItems. */
		public static final int MAX_IDS = 100;

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Page(List<Ad> ads, String nextToken) {
	}

}
