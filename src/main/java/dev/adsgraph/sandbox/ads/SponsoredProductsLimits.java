package dev.adsgraph.sandbox.ads;

import dev.adsgraph.sandbox.fixtures.Country;

/**
 * Amazon's published Sponsored Products bid and daily budget limits, in the marketplace's
 * currency (minor units), for the marketplaces the sandbox simulates. Source: Amazon Ads
 * API documentation, "Limits, constraints, and quotas"
 * (https://advertising.amazon.com/API/docs/en-us/reference/concepts/limits), tables "Bid
 * constraints by marketplace" (column "Min / Max bid for SP", keyword and target bids,
 * which the sandbox applies to ad group default bids too) and "Budget constraints by
 * marketplace", Sponsored Products (daily, seller and vendor alike):
 *
 * <pre>
 * marketplace  currency  bid min / max   daily budget min / max
 * US           USD       0.02 / 1000     1 / 1,000,000
 * CA           CAD       0.02 / 1000     1 / 1,000,000
 * MX           MXN       0.10 / 20000    1 / 21,000,000
 * UK           GBP       0.02 / 1000     1 / 1,000,000
 * DE FR IT ES  EUR       0.02 / 1000     1 / 1,000,000
 * JP           JPY       2 / 100000      100 / 21,000,000
 * AU           AUD       0.10 / 1410     1.40 / 1,500,000
 * </pre>
 *
 * The limits page gives AU's minimum bid as 0.02, while the bid description in Amazon's
 * Sponsored Products v3 model gives 0.10 (its table agrees with the page everywhere
 * else); the sandbox takes the stricter 0.10.
 */
record SponsoredProductsLimits(long minBidMinor, long maxBidMinor, long minBudgetMinor, long maxBudgetMinor) {

	static SponsoredProductsLimits of(Country country) {
		return switch (country) {
			case US, CA, UK, DE, FR, IT, ES -> new SponsoredProductsLimits(2, 100_000, 100, 100_000_000);
			case MX -> new SponsoredProductsLimits(10, 2_000_000, 100, 2_100_000_000L);
			case JP -> new SponsoredProductsLimits(2, 100_000, 100, 21_000_000);
			case AU -> new SponsoredProductsLimits(10, 141_000, 140, 150_000_000);
		};
	}

}
