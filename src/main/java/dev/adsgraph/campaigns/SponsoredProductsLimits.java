package dev.adsgraph.campaigns;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * Amazon's published Sponsored Products limits on keyword and target bids (applied to ad
 * group default bids too) and daily budgets, in the marketplace's currency, for the
 * marketplaces whose figures are carried. Source: Amazon Ads API documentation, "Limits,
 * constraints, and quotas"
 * (https://advertising.amazon.com/API/docs/en-us/reference/concepts/limits), tables "Bid
 * constraints by marketplace" (Min / Max bid for SP) and "Budget constraints by
 * marketplace" (Sponsored Products); the same figures the sandbox enforces
 * ({@code sandbox.ads.SponsoredProductsLimits}, which the gateway does not import):
 *
 * <pre>
 * marketplace        currency  bid min / max   daily budget min / max
 * US, CA             USD, CAD  0.02 / 1000     1 / 1,000,000
 * GB, DE, FR, IT, ES GBP, EUR  0.02 / 1000     1 / 1,000,000
 * MX                 MXN       0.10 / 20000    1 / 21,000,000
 * JP                 JPY       2 / 100000      100 / 21,000,000
 * AU                 AUD       0.10 / 1410     1.40 / 1,500,000
 * </pre>
 *
 * AU's minimum bid is 0.02 on the limits page and 0.10 in the bid description of Amazon's
 * Sponsored Products v3 model; the stricter 0.10 is taken, as the sandbox does. Other
 * marketplaces have no figures here: their amounts are only checked to be above zero with
 * the currency's decimals, and Amazon judges the rest (its answer is the item's error).
 */
record SponsoredProductsLimits(BigDecimal minBid, BigDecimal maxBid, BigDecimal minBudget, BigDecimal maxBudget) {

	private static final SponsoredProductsLimits STANDARD = of("0.02", "1000", "1", "1000000");

	private static final Map<String, SponsoredProductsLimits> BY_COUNTRY = Map.of("US", STANDARD, "CA", STANDARD, "GB",
			STANDARD, "DE", STANDARD, "FR", STANDARD, "IT", STANDARD, "ES", STANDARD, "MX",
			of("0.10", "20000", "1", "21000000"), "JP", of("2", "100000", "100", "21000000"), "AU",
			of("0.10", "1410", "1.40", "1500000"));

	/** The limits of a marketplace, by its ISO country code (GB, not Amazon's UK). */
	static Optional<SponsoredProductsLimits> forCountry(String countryCode) {
		return Optional.ofNullable((countryCode != null) ? BY_COUNTRY.get(countryCode) : null);
	}

	private static SponsoredProductsLimits of(String minBid, String maxBid, String minBudget, String maxBudget) {
		return new SponsoredProductsLimits(new BigDecimal(minBid), new BigDecimal(maxBid), new BigDecimal(minBudget),
				new BigDecimal(maxBudget));
	}

}
