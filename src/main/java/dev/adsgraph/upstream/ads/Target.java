package dev.adsgraph.upstream.ads;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An Ads API v1 target as QueryTarget answers it (AmazonAdsAPIALLMerged_prod_3p_ALL.json
 * Target), with the fields the gateway reads: {@code targetType} (KEYWORD, PRODUCT,
 * PRODUCT_CATEGORY, AUDIENCE and more), {@code negative}, and of the one-of
 * {@code targetDetails} the keyword and product targets.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Target(String targetId, String adGroupId, String campaignId, String adProduct, String state,
		Boolean negative, String targetType, String targetLevel, TargetDetails targetDetails, Bid bid, V1Status status,
		String creationDateTime, String lastUpdatedDateTime) {

	/** The keyword of a keyword target. */
	public String keyword() {
		return (this.targetDetails != null && this.targetDetails.keywordTarget() != null)
				? this.targetDetails.keywordTarget().keyword() : null;
	}

	/** The match type of a keyword or product target. */
	public String matchType() {
		if (this.targetDetails == null) {
			return null;
		}
		if (this.targetDetails.keywordTarget() != null) {
			return this.targetDetails.keywordTarget().matchType();
		}
		return (this.targetDetails.productTarget() != null) ? this.targetDetails.productTarget().matchType() : null;
	}

	/** The ASIN a product target names. */
	public String asin() {
		if (this.targetDetails == null || this.targetDetails.productTarget() == null) {
			return null;
		}
		ProductTarget product = this.targetDetails.productTarget();
		return ("ASIN".equals(product.productIdType()) && product.product() != null) ? product.product().productId()
				: null;
	}

	/** TargetDetails, a one-of; only keyword and product targets are read. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record TargetDetails(KeywordTarget keywordTarget, ProductTarget productTarget) {
	}

	/** {@code matchType} BROAD, EXACT or PHRASE. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record KeywordTarget(String keyword, String matchType) {
	}

	/**
	 * {@code productIdType} ASIN or SKU; {@code matchType} PRODUCT_EXACT, PRODUCT_SIMILAR
	 * and more.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record ProductTarget(String matchType, ProductValue product, String productIdType) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record ProductValue(String productId) {
	}

	/** TargetBid: {@code bid} in {@code currencyCode}. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Bid(BigDecimal bid, String currencyCode) {
	}

	/**
	 * What to ask {@code POST /adsApi/v1/query/targets} for; a null or empty filter is
	 * not sent. {@code adProduct} is required (exactly one), {@code campaignIds} and
	 * {@code adGroupIds} at most 100 each, {@code maxResults} 1 to 5000.
	 */
	public record Query(String adProduct, List<String> campaignIds, List<String> adGroupIds, List<String> states,
			Integer maxResults, String nextToken) {

		/** The contract's maxResults maximum for targets. */
		public static final int MAX_RESULTS = 5000;

		/** The contract's campaignIdFilter and adGroupIdFilter maxItems. */
		public static final int MAX_IDS = 100;

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Page(List<Target> targets, String nextToken) {
	}

}
