package dev.adsgraph.products;

/** The schema's {@code RetailSales}: sales and traffic summed over a range or a day. */
public record RetailSales(long unitsOrdered, Money orderedProductSales, long sessions, long pageViews,
		Double buyBoxPercentage) {

	static RetailSales none(String currencyCode) {
		return new RetailSales(0, Money.zero(currencyCode), 0, 0, null);
	}

}
