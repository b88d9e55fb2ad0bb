package dev.adsgraph.products;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The document of a GET_SALES_AND_TRAFFIC_REPORT (sellerSalesAndTrafficReport.json), the
 * parts the products graph reads: per child ASIN, sales and traffic summed over the
 * report's range ({@code salesAndTrafficByAsin}), and the whole catalogue's sales and
 * traffic per period of the requested {@code dateGranularity}
 * ({@code salesAndTrafficByDate}; we ask for DAY).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record SalesAndTrafficDocument(List<ByDate> salesAndTrafficByDate, List<ByAsin> salesAndTrafficByAsin) {

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ByDate(String date, SalesByDate salesByDate, TrafficByDate trafficByDate) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record SalesByDate(Long unitsOrdered, Amount orderedProductSales, Long totalOrderItems) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record TrafficByDate(Long sessions, Long pageViews, Double buyBoxPercentage) {
	}

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

	/** Both views of the document. */
	RetailFigures figures(String currencyCode) {
		return new RetailFigures(byAsin(currencyCode), byDate(currencyCode));
	}

	/**
	 * Retail figures per ASIN. A child ASIN sold under several SKUs has a row per SKU:
	 * units, sales, sessions and page views add up; the buy box share is weighted by page
	 * views.
	 */
	Map<String, RetailSales> byAsin(String currencyCode) {
		Map<String, Acc> acc = new HashMap<>();
		if (this.salesAndTrafficByAsin != null) {
			for (ByAsin row : this.salesAndTrafficByAsin) {
				String asin = (row.childAsin() != null) ? row.childAsin() : row.parentAsin();
				if (asin == null) {
					continue;
				}
				Acc one = acc.computeIfAbsent(asin, (a) -> new Acc());
				if (row.salesByAsin() != null) {
					one.addSales(row.salesByAsin().unitsOrdered(), row.salesByAsin().orderedProductSales());
				}
				if (row.trafficByAsin() != null) {
					one.addTraffic(row.trafficByAsin().sessions(), row.trafficByAsin().pageViews(),
							row.trafficByAsin().buyBoxPercentage());
				}
			}
		}
		Map<String, RetailSales> result = new HashMap<>();
		acc.forEach((asin, a) -> result.put(asin, a.toSales(currencyCode)));
		return result;
	}

	/**
	 * The whole catalogue's retail figures per day, in date order. A day Amazon lists
	 * twice is summed (as SKU rows are); a row without a readable date makes the document
	 * unreadable, since its figures would be missing from every day.
	 */
	Map<LocalDate, RetailSales> byDate(String currencyCode) {
		Map<LocalDate, Acc> acc = new TreeMap<>();
		if (this.salesAndTrafficByDate != null) {
			for (ByDate row : this.salesAndTrafficByDate) {
				Acc one = acc.computeIfAbsent(date(row.date()), (d) -> new Acc());
				if (row.salesByDate() != null) {
					one.addSales(row.salesByDate().unitsOrdered(), row.salesByDate().orderedProductSales());
				}
				if (row.trafficByDate() != null) {
					one.addTraffic(row.trafficByDate().sessions(), row.trafficByDate().pageViews(),
							row.trafficByDate().buyBoxPercentage());
				}
			}
		}
		Map<LocalDate, RetailSales> result = new TreeMap<>();
		acc.forEach((date, a) -> result.put(date, a.toSales(currencyCode)));
		return result;
	}

	private static LocalDate date(String text) {
		if (text == null) {
			throw new UncheckedIOException(new IOException("a salesAndTrafficByDate row has no date"));
		}
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new UncheckedIOException(new IOException("unreadable salesAndTrafficByDate date " + text, ex));
		}
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

		void addSales(Long unitsOrdered, Amount orderedProductSales) {
			this.units += n(unitsOrdered);
			if (orderedProductSales != null && orderedProductSales.amount() != null) {
				this.sales = this.sales.add(orderedProductSales.amount());
				this.currency = orderedProductSales.currencyCode();
			}
		}

		void addTraffic(Long sessions, Long pageViews, Double buyBox) {
			long views = n(pageViews);
			this.sessions += n(sessions);
			this.pageViews += views;
			if (buyBox != null) {
				this.buyBoxWeighted += buyBox * views;
				this.buyBoxWeight += views;
				this.lastBuyBox = buyBox;
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
