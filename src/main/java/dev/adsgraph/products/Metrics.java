package dev.adsgraph.products;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The schema's {@code Metrics}, derived from advertising and retail figures. Every ratio
 * is null when one of its inputs is missing or its denominator is zero: a dashboard shows
 * "no value" rather than infinity or a misleading zero.
 */
public record Metrics(Double ctr, Double cvr, Money cpc, Double acos, Double roas, Double tacos, Money organicSales,
		Double organicShare) {

	private static final MathContext RATIO = new MathContext(10, RoundingMode.HALF_EVEN);

	static final Metrics NONE = new Metrics(null, null, null, null, null, null, null, null);

	/**
	 * @param ads null while the advertising figures are not known
	 * @param sales null while the retail figures are not known
	 */
	public static Metrics of(AdPerformance ads, RetailSales sales) {
		Double ctr = null;
		Double cvr = null;
		Money cpc = null;
		Double acos = null;
		Double roas = null;
		if (ads != null) {
			ctr = ratio(BigDecimal.valueOf(ads.clicks()), BigDecimal.valueOf(ads.impressions()));
			cvr = ratio(BigDecimal.valueOf(ads.attributedOrders()), BigDecimal.valueOf(ads.clicks()));
			if (ads.clicks() > 0) {
				cpc = new Money(
						ads.spend().amount().divide(BigDecimal.valueOf(ads.clicks()), 2, RoundingMode.HALF_EVEN),
						ads.spend().currencyCode());
			}
			acos = ratio(ads.spend().amount(), ads.attributedSales().amount());
			roas = ratio(ads.attributedSales().amount(), ads.spend().amount());
		}
		Double tacos = null;
		Money organic = null;
		Double organicShare = null;
		if (ads != null && sales != null) {
			BigDecimal total = sales.orderedProductSales().amount();
			tacos = ratio(ads.spend().amount(), total);
			// Attribution windows can credit ads with more than the period's sales;
			// organic sales
			// are then zero, not negative.
			BigDecimal organicAmount = total.subtract(ads.attributedSales().amount()).max(BigDecimal.ZERO);
			organic = new Money(organicAmount, sales.orderedProductSales().currencyCode());
			organicShare = ratio(organicAmount, total);
		}
		return new Metrics(ctr, cvr, cpc, acos, roas, tacos, organic, organicShare);
	}

	private static Double ratio(BigDecimal numerator, BigDecimal denominator) {
		if (numerator == null || denominator == null || denominator.signum() == 0) {
			return null;
		}
		return numerator.divide(denominator, RATIO).doubleValue();
	}

}
