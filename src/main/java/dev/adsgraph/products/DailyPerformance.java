package dev.adsgraph.products;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The schema's {@code DailyPerformance}: one day of a profile's figures, with the same
 * derived metrics as its totals.
 *
 * @param id opaque, of the tenant, profile, date range and day
 * @param advertising null while the advertising report is not ready
 * @param sales null while the retail report is not ready (or there is none)
 */
record DailyPerformance(String id, LocalDate date, AdPerformance advertising, RetailSales sales, Metrics metrics) {

	/**
	 * One entry per day from {@code start} to {@code end}, in order, whatever the sources
	 * say: a source that is not ready ({@code null}) leaves that figure null on every
	 * day; a ready source that is silent about a day (nothing advertised or sold) gives
	 * zero for it.
	 */
	static List<DailyPerformance> series(LocalDate start, LocalDate end, Map<LocalDate, AdPerformance> ads,
			Map<LocalDate, RetailSales> retail, String currencyCode, Function<LocalDate, String> id) {
		List<DailyPerformance> days = new ArrayList<>();
		for (LocalDate date = start; !date.isAfter(end); date = date.plusDays(1)) {
			AdPerformance ad = (ads != null) ? ads.getOrDefault(date, AdPerformance.none(currencyCode)) : null;
			RetailSales sales = (retail != null) ? retail.getOrDefault(date, RetailSales.none(currencyCode)) : null;
			days.add(new DailyPerformance(id.apply(date), date, ad, sales, Metrics.of(ad, sales)));
		}
		return days;
	}

}
