package dev.adsgraph.products;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The document of a GET_SALES_AND_TRAFFIC_REPORT (sellerSalesAndTrafficReport.json), the parts
 * the products graph reads: per child ASIN, sales and traffic summed over the report's range.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record SalesAndTrafficDocument(List<ByAsin> salesAndTrafficByAsin) {

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ByAsin(String parentAsin, String childAsin, String sku, SalesByAsin salesByAsin,
			TrafficByAsin trafficByAsin) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record SalesByAsin(Long unitsOrdered, Amount orderedProductSales, Long totalOrderItems) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record TrafficByAsin(Long sessions, Long pageViews, Double buyBoxPercentage) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Amount(BigDecimal amount, String currencyCode) {
	}

	/**
	 * Retail figures per ASIN. A child ASIN sold under several SKUs has a row per SKU: units,
	 * sales, sessions and page views add up; the buy box share is weighted by page views.
	 */
	Map<String, RetailSales> byAsin(String currencyCode) {
		Map<String, Acc> acc = new HashMap<>();
		if (this.salesAndTrafficByAsin != null) {
			for (ByAsin row : this.salesAndTrafficByAsin) {
				String asin = (row.childAsin() != null) ? row.childAsin() : row.parentAsin();
				if (asin == null) {
					continue;
				}
				acc.computeIfAbsent(asin, (a) -> new Acc()).add(row);
			}
		}
		Map<String, RetailSales> result = new HashMap<>();
		acc.forEach((asin, a) -> result.put(asin, a.toSales(currencyCode)));
		return result;
	}

	private static final class Acc {

		long units;

		BigDecimal sales = BigDecimal.ZERO;

		String currency;

		long sessions;

		long pageViews;

		double buyBoxWeighted;

		long buyBoxWeight;

		Double lastBuyBox;

		void add(ByAsin row) {
			if (row.salesByAsin() != null) {
				this.units += n(row.salesByAsin().unitsOrdered());
				Amount amount = row.salesByAsin().orderedProductSales();
				if (amount != null && amount.amount() != null) {
					this.sales = this.sales.add(amount.amount());
					this.currency = amount.currencyCode();
				}
			}
			if (row.trafficByAsin() != null) {
				long views = n(row.trafficByAsin().pageViews());
				this.sessions += n(row.trafficByAsin().sessions());
				this.pageViews += views;
				Double buyBox = row.trafficByAsin().buyBoxPercentage();
				if (buyBox != null) {
					this.buyBoxWeighted += buyBox * views;
					this.buyBoxWeight += views;
					this.lastBuyBox = buyBox;
				}
			}
		}

		RetailSales toSales(String fallbackCurrency) {
			Double buyBox = (this.buyBoxWeight > 0) ? this.buyBoxWeighted / this.buyBoxWeight : this.lastBuyBox;
			String currency = (this.currency != null) ? this.currency : fallbackCurrency;
			return new RetailSales(this.units, new Money(this.sales, currency), this.sessions, this.pageViews, buyBox);
		}

		private static long n(Long value) {
			return (value != null) ? value : 0;
		}

	}

}
