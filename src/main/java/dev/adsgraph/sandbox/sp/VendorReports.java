package dev.adsgraph.sandbox.sp;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.adsgraph.sandbox.fixtures.Catalog;
import dev.adsgraph.sandbox.fixtures.Catalog.Listing;
import dev.adsgraph.sandbox.fixtures.Country;
import dev.adsgraph.sandbox.fixtures.Figures;
import dev.adsgraph.sandbox.fixtures.Figures.Retail;

/**
 * The vendor retail analytics reports the sandbox generates for vendors:
 * {@code GET_VENDOR_SALES_REPORT} (document schema vendorSalesReport.json) and
 * {@code GET_VENDOR_TRAFFIC_REPORT} (vendorTrafficReport.json), one marketplace each. The
 * numbers are the same {@link Figures} per listing and day as the sponsored-products
 * reports and {@code /sandbox/products}: ordered revenue and units are the day's sales,
 * glance views its page views.
 *
 * <p>
 * The rules, checked when the report is created:
 * <ul>
 * <li>the options the schemas list as required, with their enums: an unknown option or a
 * value outside an enum is a 400 {@code InvalidInput}; a missing required option is
 * accepted and the report ends FATAL with an {@code errorDetails} document, as Amazon was
 * seen to answer (selling-partner-api issue reports quote that document);</li>
 * <li>{@code dataStartTime} must be a first day and {@code dataEndTime} a last day of the
 * {@code reportPeriod} (the schemas' descriptions of {@code dataStartTime} and
 * {@code dataEndTime}; WEEK: Sunday to Saturday), else FATAL with errorDetails (the
 * sandbox's choice: Amazon's answer is not documented);</li>
 * <li>a period is only available {@link #DELAY_DAYS} days after it closed (a third-party
 * figure; Amazon's documentation found states none), else FATAL with errorDetails.</li>
 * </ul>
 */
final class VendorReports {

	static final String SALES = "GET_VENDOR_SALES_REPORT";

	static final String TRAFFIC = "GET_VENDOR_TRAFFIC_REPORT";

	static final Set<String> TYPES = Set.of(SALES, TRAFFIC);

	static final List<String> PERIODS = List.of("DAY", "WEEK", "MONTH", "QUARTER", "YEAR");

	static final List<String> DISTRIBUTOR_VIEWS = List.of("MANUFACTURING", "SOURCING");

	static final List<String> SELLING_PROGRAMS = List.of("RETAIL", "BUSINESS", "FRESH");

	/** Days after a period closes before its data is available. */
	static final int DELAY_DAYS = 3;

	private VendorReports() {
	}

	/**
	 * Checks the options' names and values (a 400 when wrong); returns them.
	 */
	static Map<String, String> checkOptions(String reportType, Map<String, String> options) {
		List<String> known = reportType.equals(SALES) ? List.of("reportPeriod", "distributorView", "sellingProgram")
				: List.of("reportPeriod");
		for (String name : options.keySet()) {
			if (!known.contains(name)) {
				throw SpParams.invalid("Unknown report option '" + name + "' for " + reportType + ".");
			}
		}
		enumValue(options, "reportPeriod", PERIODS);
		enumValue(options, "distributorView", DISTRIBUTOR_VIEWS);
		enumValue(options, "sellingProgram", SELLING_PROGRAMS);
		return options;
	}

	private static void enumValue(Map<String, String> options, String name, List<String> values) {
		String value = options.get(name);
		if (value != null && !values.contains(value)) {
			throw SpParams.invalid(name + " must be one of " + String.join(", ", values) + "; was '" + value + "'.");
		}
	}

	/**
	 * Why the report cannot be generated, as its FATAL document's {@code errorDetails};
	 * null when it can.
	 */
	static String whyNot(String reportType, Map<String, String> options, LocalDate start, LocalDate end,
			LocalDate today) {
		List<String> required = reportType.equals(SALES) ? List.of("reportPeriod", "distributorView", "sellingProgram")
				: List.of("reportPeriod");
		if (!options.keySet().containsAll(required)) {
			return "This report type requires the " + String.join(", ", required)
					+ " reportOption to be specified. Please review the document for this report type on GitHub, "
					+ "provide a value for this reportOption in your request, and try again.";
		}
		String period = options.get("reportPeriod");
		if (!start.equals(periodStart(period, start)) || !end.equals(periodEnd(period, end))) {
			return "dataStartTime and dataEndTime must be the first and last days of a " + period + " reportPeriod; "
					+ start + " to " + end + " is not.";
		}
		if (end.plusDays(1 + DELAY_DAYS).isAfter(today)) {
			return "Data for the period ending " + end + " is not available yet.";
		}
		return null;
	}

	static LocalDate periodStart(String period, LocalDate date) {
		return switch (period) {
			case "WEEK" -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
			case "MONTH" -> date.withDayOfMonth(1);
			case "QUARTER" -> date.with(IsoFields.DAY_OF_QUARTER, 1);
			case "YEAR" -> date.withDayOfYear(1);
			default -> date;
		};
	}

	static LocalDate periodEnd(String period, LocalDate date) {
		return switch (period) {
			case "WEEK" -> date.with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY));
			case "MONTH" -> date.with(TemporalAdjusters.lastDayOfMonth());
			case "QUARTER" -> periodStart("QUARTER", date).plusMonths(3).minusDays(1);
			case "YEAR" -> date.with(TemporalAdjusters.lastDayOfYear());
			default -> date;
		};
	}

	/** The document of a report that can be generated. */
	static Map<String, Object> document(Catalog catalog, String partnerId, String reportType, Country country,
			LocalDate start, LocalDate end, Map<String, String> options, Instant now) {
		String period = options.get("reportPeriod");
		List<Listing> listings = catalog.inCatalog(partnerId, country);
		List<Map<String, Object>> aggregate = new ArrayList<>();
		List<Map<String, Object>> byAsin = new ArrayList<>();
		boolean sales = reportType.equals(SALES);
		for (LocalDate from = start; !from.isAfter(end); from = periodEnd(period, from).plusDays(1)) {
			LocalDate to = periodEnd(period, from);
			Retail total = Retail.ZERO;
			for (Listing listing : listings) {
				Retail retail = Figures.retail(listing, from, to);
				total = total.plus(retail);
				Map<String, Object> row = CatalogHandler.ordered("startDate", from.toString(), "endDate",
						to.toString());
				row.put("asin", listing.asin());
				figures(row, retail, sales, country);
				byAsin.add(row);
			}
			Map<String, Object> row = CatalogHandler.ordered("startDate", from.toString(), "endDate", to.toString());
			figures(row, total, sales, country);
			aggregate.add(row);
		}
		Map<String, Object> specification = new LinkedHashMap<>();
		specification.put("reportType", reportType);
		specification.put("reportOptions", options);
		specification.put("lastUpdatedDate", now.atZone(country.zone()).toLocalDate().toString());
		specification.put("dataStartTime", start.toString());
		specification.put("dataEndTime", end.toString());
		specification.put("marketplaceIds", List.of(country.marketplaceId()));
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("reportSpecification", specification);
		document.put(sales ? "salesAggregate" : "trafficAggregate", aggregate);
		document.put(sales ? "salesByAsin" : "trafficByAsin", byAsin);
		return document;
	}

	private static void figures(Map<String, Object> row, Retail retail, boolean sales, Country country) {
		if (!sales) {
			row.put("glanceViews", retail.pageViews());
			return;
		}
		row.put("customerReturns", retail.unitsRefunded());
		row.put("orderedRevenue", amount(retail.salesMinor(), country));
		row.put("orderedUnits", retail.units());
		// Amazon's cost of the goods it shipped: the sandbox's vendors sell to Amazon at
		// 60 %
		// of the retail price.
		row.put("shippedCogs", amount(retail.salesMinor() * 6 / 10, country));
		row.put("shippedRevenue", amount(retail.salesMinor(), country));
		row.put("shippedUnits", retail.units());
	}

	private static Map<String, Object> amount(long minor, Country country) {
		return CatalogHandler.ordered("amount", Figures.money(minor, country), "currencyCode", country.currencyCode());
	}

}
