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
import tools.jackson.databind.json.JsonMapper;

/**
 * The documents of the vendor retail analytics reports, the parts the products graph
 * reads: GET_VENDOR_SALES_REPORT (vendorSalesReport.json: {@code salesByAsin} and
 * {@code salesAggregate}, ordered revenue and units) and GET_VENDOR_TRAFFIC_REPORT
 * (vendorTrafficReport.json: {@code trafficByAsin} and {@code trafficAggregate}, glance
 * views). Each becomes {@link RetailFigures}: the range's sums per ASIN, and per day when
 * the report period is DAY (a longer period's rows are not days, so there are none).
 */
final class VendorReportDocuments {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private VendorReportDocuments() {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Sales(List<SalesRow> salesAggregate, List<SalesRow> salesByAsin) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record SalesRow(String startDate, String endDate, String asin, Amount orderedRevenue, Long orderedUnits) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Traffic(List<TrafficRow> trafficAggregate, List<TrafficRow> trafficByAsin) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record TrafficRow(String startDate, String endDate, String asin, Long glanceViews) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Amount(BigDecimal amount, String currencyCode) {
	}

	/**
	 * Ordered revenue and units (the MANUFACTURING view's figures, comparable to a
	 * seller's ordered product sales); no sessions or page views.
	 */
	static RetailFigures sales(byte[] document, String currencyCode, boolean daily) {
		Sales sales = read(document, Sales.class, "vendor sales");
		Map<String, RetailSales> byAsin = new HashMap<>();
		for (SalesRow row : list(sales.salesByAsin())) {
			if (row.asin() != null) {
				byAsin.merge(row.asin(), sales(row, currencyCode), VendorReportDocuments::plus);
			}
		}
		Map<LocalDate, RetailSales> byDate = null;
		if (daily) {
			byDate = new TreeMap<>();
			for (SalesRow row : list(sales.salesAggregate())) {
				byDate.merge(date(row.startDate()), sales(row, currencyCode), VendorReportDocuments::plus);
			}
		}
		return new RetailFigures(byAsin, byDate);
	}

	/** Glance views as page views; no units, sales or sessions. */
	static RetailFigures traffic(byte[] document, String currencyCode, boolean daily) {
		Traffic traffic = read(document, Traffic.class, "vendor traffic");
		Map<String, RetailSales> byAsin = new HashMap<>();
		for (TrafficRow row : list(traffic.trafficByAsin())) {
			if (row.asin() != null) {
				byAsin.merge(row.asin(), views(row, currencyCode), VendorReportDocuments::plus);
			}
		}
		Map<LocalDate, RetailSales> byDate = null;
		if (daily) {
			byDate = new TreeMap<>();
			for (TrafficRow row : list(traffic.trafficAggregate())) {
				byDate.merge(date(row.startDate()), views(row, currencyCode), VendorReportDocuments::plus);
			}
		}
		return new RetailFigures(byAsin, byDate);
	}

	/** Both reports' figures in one: sales from the one, glance views from the other. */
	static RetailFigures combine(RetailFigures sales, RetailFigures traffic) {
		Map<String, RetailSales> byAsin = new HashMap<>(sales.byAsin());
		traffic.byAsin().forEach((asin, views) -> byAsin.merge(asin, views, VendorReportDocuments::plus));
		if (sales.byDate() == null || traffic.byDate() == null) {
			return new RetailFigures(byAsin, null);
		}
		Map<LocalDate, RetailSales> byDate = new TreeMap<>(sales.byDate());
		traffic.byDate().forEach((date, views) -> byDate.merge(date, views, VendorReportDocuments::plus));
		return new RetailFigures(byAsin, byDate);
	}

	private static RetailSales sales(SalesRow row, String currencyCode) {
		BigDecimal amount = (row.orderedRevenue() != null && row.orderedRevenue().amount() != null)
				? row.orderedRevenue().amount() : BigDecimal.ZERO;
		String currency = (row.orderedRevenue() != null && row.orderedRevenue().currencyCode() != null)
				? row.orderedRevenue().currencyCode() : currencyCode;
		return new RetailSales((row.orderedUnits() != null) ? row.orderedUnits() : 0, new Money(amount, currency), 0, 0,
				null);
	}

	private static RetailSales views(TrafficRow row, String currencyCode) {
		return new RetailSales(0, Money.zero(currencyCode), 0, (row.glanceViews() != null) ? row.glanceViews() : 0,
				null);
	}

	private static RetailSales plus(RetailSales a, RetailSales b) {
		return new RetailSales(a.unitsOrdered() + b.unitsOrdered(),
				new Money(a.orderedProductSales().amount().add(b.orderedProductSales().amount()),
						a.orderedProductSales().currencyCode()),
				a.sessions() + b.sessions(), a.pageViews() + b.pageViews(), null);
	}

	private static <T> List<T> list(List<T> rows) {
		return (rows != null) ? rows : List.of();
	}

	private static LocalDate date(String text) {
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException | NullPointerException ex) {
			throw new UncheckedIOException(new IOException("a vendor report row without a readable startDate", ex));
		}
	}

	private static <T> T read(byte[] document, Class<T> type, String what) {
		try {
			return JSON.readValue(document, type);
		}
		catch (tools.jackson.core.JacksonException ex) {
			throw new UncheckedIOException(new IOException("unreadable " + what + " document", ex));
		}
	}

}
