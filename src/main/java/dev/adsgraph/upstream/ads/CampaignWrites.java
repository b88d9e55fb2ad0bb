package dev.adsgraph.upstream.ads;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the Ads API v1 campaign writes send (AmazonAdsAPIALLMerged_prod_3p_ALL.json
 * UpdateCampaign, UpdateAdGroup, UpdateAd): only the fields the gateway changes, so
 * Amazon leaves the others as they are. The 207 answers carry {@link Campaign},
 * {@link AdGroup} and {@link Ad} as the reads do.
 */
public final class CampaignWrites {

	private CampaignWrites() {
	}

	/** A {@code CampaignUpdate}: a new state, or a new daily budget. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record CampaignChange(String campaignId, String state, List<Campaign.Budget> budgets) {

		/** {@code state} is an {@code UpdateState}: ENABLED or PAUSED. */
		public static CampaignChange state(String campaignId, String state) {
			return new CampaignChange(campaignId, state, null);
		}

		/**
		 * A daily monetary budget (CreateBudget), the budget a Sponsored Products
		 * campaign has.
		 */
		public static CampaignChange dailyBudget(String campaignId, BigDecimal value, String currencyCode) {
			Campaign.BudgetValue budgetValue = new Campaign.BudgetValue(
					new Campaign.MonetaryBudgetValue(new Campaign.MonetaryBudget(currencyCode, value)), null);
			return new CampaignChange(campaignId, null, List.of(new Campaign.Budget("MONETARY", budgetValue, "DAILY")));
		}

	}

	/** An {@code AdGroupUpdate} that sets the default bid ({@code UpdateAdGroupBid}). */
	public record AdGroupChange(String adGroupId, BidChange bid) {

		public static AdGroupChange defaultBid(String adGroupId, BigDecimal defaultBid) {
			return new AdGroupChange(adGroupId, new BidChange(defaultBid));
		}

	}

	/** An {@code UpdateAdGroupBid} with the default bid only. */
	public record BidChange(BigDecimal defaultBid) {
	}

	/**
	 * An {@code AdUpdate} that sets the state ({@code UpdateState}: ENABLED or PAUSED).
	 */
	public record AdChange(String adId, String state) {
	}

}
