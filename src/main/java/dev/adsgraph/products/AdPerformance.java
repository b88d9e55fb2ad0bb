package dev.adsgraph.products;

/**
 * The schema's {@code AdPerformance}: sponsored-products figures summed over a range or a
 * day.
 */
public record AdPerformance(long impressions, long clicks, Money spend, Money attributedSales, long attributedOrders,
		long attributedUnits) {

	static AdPerformance none(String currencyCode) {
		return new AdPerformance(0, 0, Money.zero(currencyCode), Money.zero(currencyCode), 0, 0);
	}

	AdPerformance plus(AdPerformance other) {
		return new AdPerformance(this.impressions + other.impressions, this.clicks + other.clicks,
				this.spend.plus(other.spend), this.attributedSales.plus(other.attributedSales),
				this.attributedOrders + other.attributedOrders, this.attributedUnits + other.attributedUnits);
	}

}
