package dev.adsgraph.upstream.ads;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An Ads API v1 campaign as QueryCampaign answers it
 * (AmazonAdsAPIALLMerged_prod_3p_ALL.json Campaign), with the fields the gateway reads;
 * unknown fields are ignored. One shape for every ad product ({@code adProduct}:
 * SPONSORED_PRODUCTS, SPONSORED_BRANDS, SPONSORED_DISPLAY, SPONSORED_TELEVISION,
 * AMAZON_DSP); {@code state} is ENABLED, PAUSED or ARCHIVED.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Campaign(String campaignId, String name, String adProduct, String state, V1Status status,
		List<Budget> budgets, String startDateTime, String endDateTime, String portfolioId, List<String> marketplaces,
		String creationDateTime, String lastUpdatedDateTime) {

	/** The daily monetary budget, when the campaign has one. */
	public MonetaryBudget dailyBudget() {
		if (this.budgets == null) {
			return null;
		}
		return this.budgets.stream()
			.filter((b) -> "DAILY".equals(b.recurrenceTimePeriod()) && b.monetary() != null)
			.map(Budget::monetary)
			.findFirst()
			.orElse(null);
	}

	/**
	 * Budget: {@code budgetType} MONETARY or IMPRESSION, {@code recurrenceTimePeriod}
	 * DAILY, MONTHLY or LIFETIME; {@code budgetValue} is a one-of.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Budget(String budgetType, BudgetValue budgetValue, String recurrenceTimePeriod) {

		/** The monetary amount, when this is a monetary budget. */
		public MonetaryBudget monetary() {
			return (this.budgetValue != null && this.budgetValue.monetaryBudgetValue() != null)
					? this.budgetValue.monetaryBudgetValue().monetaryBudget() : null;
		}

	}

	/** One-of: {@code monetaryBudgetValue} or {@code impressionBudgetValue}. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record BudgetValue(MonetaryBudgetValue monetaryBudgetValue, ImpressionBudgetValue impressionBudgetValue) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record MonetaryBudgetValue(MonetaryBudget monetaryBudget) {
	}

	/**
	 * {@code value} in {@code currencyCode} (a JSON number: read exactly from its
	 * digits).
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record MonetaryBudget(String currencyCode, BigDecimal value) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record ImpressionBudgetValue(Double impression) {
	}

	/**
	 * What to ask {@code POST /adsApi/v1/query/campaigns} for; a null or empty filter is
	 * not sent. {@code adProduct} is required (the contract's adProductFilter takes
	 * exactly one); {@code campaignIds} at most 1000, {@code names} at most 100 (matched
	 * BROAD_MATCH), {@code maxResults} 1 to 5000.
	 */
	public record Query(String adProduct, List<String> campaignIds, List<String> states, List<String> names,
			Integer maxResults, String nextToken) {

		/** The contract's maxResults maximum for campaigns. */
		public static final int MAX_RESULTS = 5000;

		/** The contract's campaignIdFilter maxItems. */
		public static final int MAX_IDS = 1000;

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Page(List<Campaign> campaigns, String nextToken) {
	}

}
