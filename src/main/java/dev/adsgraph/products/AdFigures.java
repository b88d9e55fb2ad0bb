package dev.adsgraph.products;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.adsgraph.upstream.ads.SpAdvertisedProductRow;

/**
 * What one daily sponsored-products report gives, summed two ways: per ASIN over the
 * whole range (the days of an ad added up, as a SUMMARY report would answer) and per day
 * over every ASIN. One report serves both, so the days always add up to the range.
 */
record AdFigures(Map<String, AdPerformance> byAsin, Map<LocalDate, AdPerformance> byDate) {

	/**
	 * Rows are per ad and day. A row without an ASIN is left out of both (it joins no
	 * product, and the totals are the products' sum); a row without a date, which a DAILY
	 * report does not have, would count for its ASIN but on no day.
	 */
	static AdFigures of(List<SpAdvertisedProductRow> rows, String currencyCode) {
		Map<String, AdPerformance> byAsin = new HashMap<>();
		Map<LocalDate, AdPerformance> byDate = new TreeMap<>();
		for (SpAdvertisedProductRow row : rows) {
			AdPerformance one = new AdPerformance(row.impressions(), row.clicks(), new Money(row.cost(), currencyCode),
					new Money(row.sales7d(), currencyCode), row.purchases7d(), row.unitsSoldClicks7d());
			if (row.advertisedAsin() == null) {
				continue;
			}
			byAsin.merge(row.advertisedAsin(), one, AdPerformance::plus);
			if (row.date() != null) {
				byDate.merge(row.date(), one, AdPerformance::plus);
			}
		}
		return new AdFigures(byAsin, byDate);
	}

}
