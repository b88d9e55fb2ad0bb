package dev.adsgraph.sandbox.sp;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.core.ApiException;
import dev.adsgraph.sandbox.core.Reply;
import dev.adsgraph.sandbox.core.PresignedUrls;
import dev.adsgraph.sandbox.core.ReportDocuments;
import dev.adsgraph.sandbox.core.ReportHold;
import dev.adsgraph.sandbox.core.SandboxJson;
import dev.adsgraph.sandbox.fixtures.AdsRegion;
import dev.adsgraph.sandbox.fixtures.Catalog;
import dev.adsgraph.sandbox.fixtures.Catalog.Listing;
import dev.adsgraph.sandbox.fixtures.Country;
import dev.adsgraph.sandbox.fixtures.Figures;
import dev.adsgraph.sandbox.fixtures.Figures.Retail;
import dev.adsgraph.sandbox.fixtures.SellingProgram;

/**
 * Reports 2021-06-30 (reports_2021-06-30.json): createReport, getReports, getReport,
 * cancelReport and getReportDocument. A report is IN_QUEUE for the first half of the
 * configured processing time, IN_PROGRESS for the second, then DONE with a document; the
 * state is derived from timestamps. The sandbox generates
 * {@code GET_SALES_AND_TRAFFIC_REPORT} for sellers (one marketplace, the document schema
 * of sellerSalesAndTrafficReport.json) and the vendor retail analytics reports for
 * vendors ({@link VendorReports}); other report types are a 400.
 *
 * <p>
 * FATAL triggers: a report for a marketplace of this region in which the authorized
 * seller does not sell, or whose data range starts after today, ends FATAL (without a
 * document), as Amazon's reports do when there is no data to report. Document links last
 * 5 minutes. {@code dataStartTime}/{@code dataEndTime} select calendar dates as written
 * (their local date part); they default to the 30 days before today.
 */
public final class SpReportsHandler {

	public static final SpGate.Operation CREATE = new SpGate.Operation("createReport", false, 0.0167, 15, true);

	public static final SpGate.Operation LIST = new SpGate.Operation("getReports", false, 0.0222, 10, false);

	public static final SpGate.Operation GET = new SpGate.Operation("getReport", false, 2, 15, false);

	public static final SpGate.Operation CANCEL = new SpGate.Operation("cancelReport", false, 0.0222, 10, false);

	public static final SpGate.Operation DOCUMENT = new SpGate.Operation("getReportDocument", false, 0.0167, 15, false);

	static final String SALES_AND_TRAFFIC = "GET_SALES_AND_TRAFFIC_REPORT";

	// reports_2021-06-30.json getReportDocument: the url "expires after 5 minutes".
	static final Duration LINK_LIFETIME = Duration.ofMinutes(5);

	// A gzip body clients inflate themselves (compressionAlgorithm GZIP), so no
	// Content-Encoding.
	static final String DOCUMENT_TYPE = "application/octet-stream";

	private static final Set<String> STATUSES = Set.of("CANCELLED", "DONE", "FATAL", "IN_PROGRESS", "IN_QUEUE");

	private final Map<String, Entry> reports = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong(50_031_018_000L);

	private final Catalog catalog;

	private final ReportDocuments documents;

	private final Clock clock;

	private final Duration processingTime;

	private final ReportHold hold;

	public SpReportsHandler(Catalog catalog, ReportDocuments documents, Clock clock, Duration processingTime,
			ReportHold hold) {
		this.catalog = catalog;
		this.documents = documents;
		this.clock = clock;
		this.processingTime = processingTime;
		this.hold = hold;
	}

	public Reply create(SpGate.Call call) {
		JsonNode body = call.body();
		String reportType = SandboxJson.string(body, "reportType").orElse(null);
		if (reportType == null || reportType.isBlank()) {
			throw SpParams.invalid("reportType is required.");
		}
		JsonNode ids = body.get("marketplaceIds");
		if (ids == null || !ids.isArray() || ids.isEmpty() || ids.size() > 25) {
			throw SpParams.invalid("marketplaceIds must be an array of 1 to 25 marketplace ids.");
		}
		List<Country> marketplaces = new ArrayList<>();
		for (JsonNode id : ids) {
			Country country = Country.byMarketplaceId(id.asString())
				.orElseThrow(() -> SpParams.invalid("Invalid marketplace identifier: '" + id.asString() + "'."));
			if (country.region() != call.region()) {
				throw SpParams
					.invalid("Marketplace " + country.marketplaceId() + " is not served by this regional endpoint.");
			}
			marketplaces.add(country);
		}
		boolean vendorReport = VendorReports.TYPES.contains(reportType);
		if (!reportType.equals(SALES_AND_TRAFFIC) && !vendorReport) {
			throw SpParams.invalid("Report type " + reportType + " is not supported by the sandbox; it generates "
					+ SALES_AND_TRAFFIC + ", " + VendorReports.SALES + " and " + VendorReports.TRAFFIC + ".");
		}
		boolean vendor = call.partner().program() == SellingProgram.AMAZON_VENDOR;
		if (vendorReport != vendor) {
			throw SpParams.invalid("Report type " + reportType + " is available to "
					+ (vendorReport ? "vendors" : "sellers") + " only.");
		}
		if (marketplaces.size() != 1) {
			throw SpParams.invalid(reportType + " takes exactly one marketplace.");
		}
		Map<String, String> options = vendorReport
				? VendorReports.checkOptions(reportType, strings(body.get("reportOptions")))
				: options(body.get("reportOptions"));
		Instant now = this.clock.instant();
		LocalDate today = now.atZone(marketplaces.get(0).zone()).toLocalDate();
		OffsetDateTime start = dateTime(body, "dataStartTime");
		OffsetDateTime end = dateTime(body, "dataEndTime");
		LocalDate startDate = (start != null) ? start.toLocalDate() : today.minusDays(30);
		LocalDate endDate = (end != null) ? end.toLocalDate() : today.minusDays(1);
		if (startDate.isAfter(endDate)) {
			throw SpParams.invalid("dataStartTime must not be after dataEndTime.");
		}
		if (startDate.isBefore(today.minusYears(2))) {
			throw SpParams.invalid("dataStartTime must be within the last two years.");
		}
		// The documented FATAL triggers: no data can exist for a marketplace the seller
		// does not sell
		// in, nor for a range that has not started yet.
		boolean fatal = !call.partner().countries().contains(marketplaces.get(0)) || startDate.isAfter(today);
		// A vendor report its options or dates cannot answer ends FATAL with a document
		// saying why.
		String errorDetails = vendorReport ? VendorReports.whyNot(reportType, options, startDate, endDate, today)
				: null;
		fatal = fatal || errorDetails != null;
		String reportId = Long.toString(this.ids.incrementAndGet());
		Entry entry = new Entry(reportId, call.sellerId(), call.region(), reportType, List.copyOf(marketplaces),
				(start != null) ? start.toInstant() : startDate.atStartOfDay(marketplaces.get(0).zone()).toInstant(),
				(end != null) ? end.toInstant()
						: endDate.plusDays(1).atStartOfDay(marketplaces.get(0).zone()).toInstant(),
				startDate, endDate, options, now, null, fatal,
				"amzn1.spdoc.1.4." + call.region().path() + "." + UUID.randomUUID(), errorDetails);
		this.reports.put(reportId, entry);
		return Reply.json(202, Map.of("reportId", reportId));
	}

	public Reply list(SpGate.Call call) {
		Map<String, List<String>> params = call.request().queryParams();
		String nextToken = call.query("nextToken").orElse(null);
		Instant now = this.clock.instant();
		List<String> types;
		List<String> statuses;
		List<String> marketplaceIds;
		int pageSize;
		Instant since;
		Instant until;
		int offset = 0;
		if (nextToken != null) {
			if (params.size() != 1) {
				throw SpParams.invalid("When nextToken is given it must be the only parameter.");
			}
			try {
				String[] parts = new String(java.util.Base64.getUrlDecoder().decode(nextToken),
						java.nio.charset.StandardCharsets.UTF_8)
					.split("\n", -1);
				if (parts.length != 8 || !parts[0].equals("reports") || !parts[1].equals(call.sellerId())) {
					throw SpParams.invalid("Invalid nextToken.");
				}
				types = split(parts[2]);
				statuses = split(parts[3]);
				marketplaceIds = split(parts[4]);
				pageSize = Integer.parseInt(parts[5]);
				since = Instant.parse(parts[6]);
				String[] untilAndOffset = parts[7].split("@");
				until = Instant.parse(untilAndOffset[0]);
				offset = Integer.parseInt(untilAndOffset[1]);
			}
			catch (IllegalArgumentException | DateTimeParseException | IndexOutOfBoundsException ex) {
				throw SpParams.invalid("Invalid nextToken.");
			}
		}
		else {
			types = call.csv("reportTypes");
			if (types == null) {
				throw SpParams.invalid("reportTypes is required when nextToken is not given.");
			}
			if (types.isEmpty() || types.size() > 10) {
				throw SpParams.invalid("reportTypes accepts 1 to 10 report types.");
			}
			statuses = call.csv("processingStatuses");
			if (statuses != null && !STATUSES.containsAll(statuses)) {
				throw SpParams.invalid("Invalid processingStatuses " + statuses + ".");
			}
			marketplaceIds = call.csv("marketplaceIds");
			if (marketplaceIds != null && marketplaceIds.size() > 10) {
				throw SpParams.invalid("marketplaceIds accepts 1 to 10 marketplaces.");
			}
			pageSize = SpParams.pageSize(call, 10, 100);
			since = instant(call, "createdSince", now.minus(Duration.ofDays(90)));
			until = instant(call, "createdUntil", now);
		}
		List<String> typeFilter = types;
		List<String> statusFilter = statuses;
		List<String> marketplaceFilter = marketplaceIds;
		List<Entry> matching = this.reports.values()
			.stream()
			.filter((e) -> e.sellerId().equals(call.sellerId()) && e.region() == call.region())
			.filter((e) -> typeFilter.contains(e.reportType()))
			.filter((e) -> statusFilter == null || statusFilter.contains(status(e, now)))
			.filter((e) -> marketplaceFilter == null
					|| e.marketplaces().stream().anyMatch((c) -> marketplaceFilter.contains(c.marketplaceId())))
			.filter((e) -> !e.createdAt().isBefore(since) && !e.createdAt().isAfter(until))
			.sorted(Comparator.comparing(Entry::createdAt).reversed().thenComparing(Entry::reportId))
			.toList();
		int to = Math.min(offset + pageSize, matching.size());
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("reports", matching.subList(Math.min(offset, to), to).stream().map((e) -> view(e, now)).toList());
		if (to < matching.size()) {
			String plain = String.join("\n", "reports", call.sellerId(), String.join(",", types),
					(statuses != null) ? String.join(",", statuses) : "",
					(marketplaceIds != null) ? String.join(",", marketplaceIds) : "", Integer.toString(pageSize),
					since.toString(), until + "@" + to);
			result.put("nextToken",
					java.util.Base64.getUrlEncoder()
						.withoutPadding()
						.encodeToString(plain.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
		return Reply.json(200, result);
	}

	public Reply get(SpGate.Call call) {
		return Reply.json(200, view(find(call), this.clock.instant()));
	}

	public Reply cancel(SpGate.Call call) {
		Entry entry = find(call);
		Instant now = this.clock.instant();
		String[] refusal = { null };
		this.reports.computeIfPresent(entry.reportId(), (id, current) -> {
			String status = status(current, now);
			if (!status.equals("IN_QUEUE")) {
				refusal[0] = status;
				return current;
			}
			return current.cancelledAt(now);
		});
		if (refusal[0] != null) {
			throw SpParams.invalid("Only reports that are IN_QUEUE can be cancelled; report " + entry.reportId()
					+ " is " + refusal[0] + ".");
		}
		return Reply.json(200, null);
	}

	public Reply document(SpGate.Call call) {
		String documentId = call.request().pathVariable("reportDocumentId");
		Instant now = this.clock.instant();
		Entry entry = this.reports.values()
			.stream()
			.filter((e) -> e.documentId().equals(documentId) && e.sellerId().equals(call.sellerId())
					&& e.region() == call.region() && hasDocument(e, status(e, now)))
			.findFirst()
			.orElseThrow(() -> new ApiException(404, "NotFound", "Report document " + documentId + " was not found."));
		String key = "NinetyDays/" + documentId;
		this.documents.content(key, DOCUMENT_TYPE, () -> SandboxJson.write(documentOf(entry, now)));
		PresignedUrls.Presigned link = this.documents.link(call.request(), key, LINK_LIFETIME);
		Map<String, Object> document = CatalogHandler.ordered("reportDocumentId", documentId, "url", link.url());
		document.put("compressionAlgorithm", "GZIP");
		return Reply.json(200, document);
	}

	/** DONE reports have their document; FATAL ones a document saying why, when known. */
	private static boolean hasDocument(Entry entry, String status) {
		return status.equals("DONE") || (status.equals("FATAL") && entry.errorDetails() != null);
	}

	private Object documentOf(Entry entry, Instant now) {
		if (entry.errorDetails() != null) {
			return Map.of("errorDetails", entry.errorDetails());
		}
		if (VendorReports.TYPES.contains(entry.reportType())) {
			return VendorReports.document(this.catalog, entry.sellerId(), entry.reportType(),
					entry.marketplaces().get(0), entry.startDate(), entry.endDate(), entry.options(), now);
		}
		return salesAndTraffic(entry);
	}

	public void clear() {
		this.reports.clear();
	}

	private Entry find(SpGate.Call call) {
		String reportId = call.request().pathVariable("reportId");
		Entry entry = this.reports.get(reportId);
		if (entry == null || !entry.sellerId().equals(call.sellerId()) || entry.region() != call.region()) {
			throw new ApiException(404, "NotFound", "Report " + reportId + " was not found.");
		}
		return entry;
	}

	private String status(Entry entry, Instant now) {
		if (entry.cancelledAt() != null) {
			return "CANCELLED";
		}
		Duration elapsed = Duration.between(entry.createdAt(), now);
		if (elapsed.compareTo(this.processingTime.dividedBy(2)) < 0) {
			return "IN_QUEUE";
		}
		if (elapsed.compareTo(this.processingTime) < 0
				|| this.hold.holds(entry.createdAt().plus(this.processingTime))) {
			return "IN_PROGRESS";
		}
		return entry.fatal() ? "FATAL" : "DONE";
	}

	private Map<String, Object> view(Entry entry, Instant now) {
		String status = status(entry, now);
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("reportId", entry.reportId());
		report.put("reportType", entry.reportType());
		report.put("dataStartTime", entry.dataStartTime());
		report.put("dataEndTime", entry.dataEndTime());
		report.put("marketplaceIds", entry.marketplaces().stream().map(Country::marketplaceId).toList());
		report.put("createdTime", entry.createdAt());
		report.put("processingStatus", status);
		if (!status.equals("IN_QUEUE") && !status.equals("CANCELLED")) {
			report.put("processingStartTime", entry.createdAt().plus(this.processingTime.dividedBy(2)));
		}
		if (status.equals("DONE") || status.equals("FATAL")) {
			report.put("processingEndTime", entry.createdAt().plus(this.processingTime));
		}
		if (hasDocument(entry, status)) {
			report.put("reportDocumentId", entry.documentId());
		}
		return report;
	}

	/**
	 * The GET_SALES_AND_TRAFFIC_REPORT document: per period for the whole catalogue, and
	 * per product.
	 */
	private Map<String, Object> salesAndTraffic(Entry entry) {
		Country country = entry.marketplaces().get(0);
		String dateGranularity = entry.options().getOrDefault("dateGranularity", "DAY");
		String asinGranularity = entry.options().getOrDefault("asinGranularity", "PARENT");
		List<Listing> listings = this.catalog.inCatalog(entry.sellerId(), country);
		Map<LocalDate, Retail> byPeriod = new LinkedHashMap<>();
		Map<Listing, Retail> byListing = new LinkedHashMap<>();
		for (LocalDate date = entry.startDate(); !date.isAfter(entry.endDate()); date = date.plusDays(1)) {
			LocalDate period = switch (dateGranularity) {
				case "WEEK" -> max(date.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY)), entry.startDate());
				case "MONTH" -> max(date.withDayOfMonth(1), entry.startDate());
				default -> date;
			};
			for (Listing listing : listings) {
				Retail day = Figures.day(listing, date).retail();
				byPeriod.merge(period, day, Retail::plus);
				byListing.merge(listing, day, Retail::plus);
			}
		}
		Map<String, Object> specification = new LinkedHashMap<>();
		specification.put("reportType", SALES_AND_TRAFFIC);
		specification.put("reportOptions",
				CatalogHandler.ordered("dateGranularity", dateGranularity, "asinGranularity", asinGranularity));
		specification.put("dataStartTime", entry.startDate().toString());
		specification.put("dataEndTime", entry.endDate().toString());
		specification.put("marketplaceIds", List.of(country.marketplaceId()));
		List<Map<String, Object>> dates = new ArrayList<>();
		byPeriod.forEach((period, retail) -> {
			Map<String, Object> row = CatalogHandler.ordered("date", period.toString(), "salesByDate",
					salesByDate(retail, country));
			row.put("trafficByDate", trafficByDate(retail, listings.size()));
			dates.add(row);
		});
		Retail total = byListing.values().stream().reduce(Retail.ZERO, Retail::plus);
		List<Map<String, Object>> asins = new ArrayList<>();
		byListing.forEach((listing, retail) -> {
			// The fixtures have no variation families: every product is its own parent.
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("parentAsin", listing.asin());
			if (!asinGranularity.equals("PARENT")) {
				row.put("childAsin", listing.asin());
			}
			if (asinGranularity.equals("SKU")) {
				row.put("sku", listing.sku());
			}
			Map<String, Object> sales = CatalogHandler.ordered("unitsOrdered", retail.units(), "orderedProductSales",
					amount(retail.salesMinor(), country));
			sales.put("totalOrderItems", retail.orderItems());
			row.put("salesByAsin", sales);
			row.put("trafficByAsin", trafficByAsin(retail, total));
			asins.add(row);
		});
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("reportSpecification", specification);
		document.put("salesAndTrafficByDate", dates);
		document.put("salesAndTrafficByAsin", asins);
		return document;
	}

	private static Map<String, Object> salesByDate(Retail r, Country country) {
		Map<String, Object> sales = new LinkedHashMap<>();
		sales.put("orderedProductSales", amount(r.salesMinor(), country));
		sales.put("unitsOrdered", r.units());
		sales.put("totalOrderItems", r.orderItems());
		sales.put("averageSalesPerOrderItem", amount(divide(r.salesMinor(), r.orderItems()), country));
		sales.put("averageUnitsPerOrderItem", Figures.ratio(r.units(), r.orderItems()));
		sales.put("averageSellingPrice", amount(divide(r.salesMinor(), r.units()), country));
		sales.put("unitsRefunded", r.unitsRefunded());
		sales.put("refundRate", Figures.percent(r.unitsRefunded(), r.units()));
		sales.put("claimsGranted", 0);
		sales.put("claimsAmount", amount(0, country));
		sales.put("shippedProductSales", amount(r.salesMinor(), country));
		sales.put("unitsShipped", r.units());
		sales.put("ordersShipped", r.orders());
		return sales;
	}

	private static Map<String, Object> trafficByDate(Retail r, int offers) {
		Map<String, Object> traffic = new LinkedHashMap<>();
		traffic.put("browserPageViews", r.browserPageViews());
		traffic.put("mobileAppPageViews", r.pageViews() - r.browserPageViews());
		traffic.put("pageViews", r.pageViews());
		traffic.put("browserSessions", r.browserSessions());
		traffic.put("mobileAppSessions", r.sessions() - r.browserSessions());
		traffic.put("sessions", r.sessions());
		traffic.put("buyBoxPercentage", r.buyBoxPercentage());
		traffic.put("orderItemSessionPercentage", Figures.percent(r.orderItems(), r.sessions()));
		traffic.put("unitSessionPercentage", Figures.percent(r.units(), r.sessions()));
		traffic.put("averageOfferCount", offers);
		traffic.put("averageParentItems", offers);
		traffic.put("feedbackReceived", 0);
		traffic.put("negativeFeedbackReceived", 0);
		traffic.put("receivedNegativeFeedbackRate", 0.0);
		return traffic;
	}

	private static Map<String, Object> trafficByAsin(Retail r, Retail total) {
		Map<String, Object> traffic = new LinkedHashMap<>();
		traffic.put("browserSessions", r.browserSessions());
		traffic.put("mobileAppSessions", r.sessions() - r.browserSessions());
		traffic.put("sessions", r.sessions());
		traffic.put("browserSessionPercentage", Figures.percent(r.browserSessions(), total.browserSessions()));
		traffic.put("mobileAppSessionPercentage",
				Figures.percent(r.sessions() - r.browserSessions(), total.sessions() - total.browserSessions()));
		traffic.put("sessionPercentage", Figures.percent(r.sessions(), total.sessions()));
		traffic.put("browserPageViews", r.browserPageViews());
		traffic.put("mobileAppPageViews", r.pageViews() - r.browserPageViews());
		traffic.put("pageViews", r.pageViews());
		traffic.put("browserPageViewsPercentage", Figures.percent(r.browserPageViews(), total.browserPageViews()));
		traffic.put("mobileAppPageViewsPercentage",
				Figures.percent(r.pageViews() - r.browserPageViews(), total.pageViews() - total.browserPageViews()));
		traffic.put("pageViewsPercentage", Figures.percent(r.pageViews(), total.pageViews()));
		traffic.put("buyBoxPercentage", r.buyBoxPercentage());
		traffic.put("unitSessionPercentage", Figures.percent(r.units(), r.sessions()));
		return traffic;
	}

	/**
	 * The document's {@code Amount}: a JSON number, unlike the APIs' decimal-string
	 * Money.
	 */
	private static Map<String, Object> amount(long minor, Country country) {
		return CatalogHandler.ordered("amount", Figures.money(minor, country), "currencyCode", country.currencyCode());
	}

	private static long divide(long minor, long count) {
		return (count == 0) ? 0
				: BigDecimal.valueOf(minor).divide(BigDecimal.valueOf(count), 0, RoundingMode.HALF_UP).longValue();
	}

	private static LocalDate max(LocalDate a, LocalDate b) {
		return a.isAfter(b) ? a : b;
	}

	private static Map<String, String> options(JsonNode node) {
		Map<String, String> options = strings(node);
		for (String name : options.keySet()) {
			if (!name.equals("dateGranularity") && !name.equals("asinGranularity")) {
				throw SpParams.invalid("Unknown report option '" + name + "' for " + SALES_AND_TRAFFIC + ".");
			}
		}
		if (!List.of("DAY", "WEEK", "MONTH").contains(options.getOrDefault("dateGranularity", "DAY"))) {
			throw SpParams.invalid("dateGranularity must be DAY, WEEK or MONTH.");
		}
		if (!List.of("PARENT", "CHILD", "SKU").contains(options.getOrDefault("asinGranularity", "PARENT"))) {
			throw SpParams.invalid("asinGranularity must be PARENT, CHILD or SKU.");
		}
		return options;
	}

	/** reportOptions: an object of strings (reports_2021-06-30.json ReportOptions). */
	private static Map<String, String> strings(JsonNode node) {
		Map<String, String> options = new LinkedHashMap<>();
		if (node == null || node.isNull()) {
			return options;
		}
		if (!node.isObject()) {
			throw SpParams.invalid("reportOptions must be an object of strings.");
		}
		for (Map.Entry<String, JsonNode> option : node.properties()) {
			if (!option.getValue().isString()) {
				throw SpParams.invalid("reportOptions." + option.getKey() + " must be a string.");
			}
			options.put(option.getKey(), option.getValue().stringValue());
		}
		return options;
	}

	private static OffsetDateTime dateTime(JsonNode body, String field) {
		String text = SandboxJson.string(body, field).orElse(null);
		if (text == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw SpParams.invalid(field + " must be an ISO-8601 date-time, was '" + text + "'.");
		}
	}

	private static Instant instant(SpGate.Call call, String name, Instant fallback) {
		String text = call.query(name).orElse(null);
		if (text == null) {
			return fallback;
		}
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw SpParams.invalid(name + " must be an ISO-8601 date-time.");
		}
	}

	private static List<String> split(String text) {
		return text.isEmpty() ? null : List.of(text.split(","));
	}

	record Entry(String reportId, String sellerId, AdsRegion region, String reportType, List<Country> marketplaces,
			Instant dataStartTime, Instant dataEndTime, LocalDate startDate, LocalDate endDate,
			Map<String, String> options, Instant createdAt, Instant cancelledAt, boolean fatal, String documentId,
			String errorDetails) {

		Entry cancelledAt(Instant when) {
			return new Entry(this.reportId, this.sellerId, this.region, this.reportType, this.marketplaces,
					this.dataStartTime, this.dataEndTime, this.startDate, this.endDate, this.options, this.createdAt,
					when, this.fatal, this.documentId, this.errorDetails);
		}

	}

}
