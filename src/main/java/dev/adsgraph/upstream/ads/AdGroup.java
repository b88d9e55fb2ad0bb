package dev.adsgraph.upstream.ads;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An Ads API v1 ad group as QueryAdGroup answers it
 * (AmazonAdsAPIALLMerged_prod_3p_ALL.json AdGroup), with the fields the gateway reads.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AdGroup(String adGroupId, String campaignId, String name, String adProduct, String state, V1Status status,
		Bid bid, String startDateTime, String endDateTime, String creationDateTime, String lastUpdatedDateTime) {

	/** AdGroupBid: the default bid of the ad group's targets, in {@code currencyCode}. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Bid(BigDecimal defaultBid, String currencyCode) {
	}

	/**
	 * What to ask {@code POST /adsApi/v1/query/adGroups} for; a null or empty filter is
	 * not sent. {@code adProduct} is required (exactly one), {@code campaignIds} and
	 * {@code adGroupIds} at most 100 each, {@code maxResults} 1 to 1000.
	 */
	public record Query(String adProduct, List<String> campaignIds, List<String> adGroupIds, List<String> states,
			Integer maxResults, String nextToken) {

		/** The contract's maxResults maximum for ad groups. */
		public static final int MAX_RESULTS = 1000;

		/** The contract's campaignIdFilter and adGroupIdFilter maxItems. */
		public static final int MAX_IDS = 100;

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Page(List<AdGroup> adGroups, String nextToken) {
	}

}
