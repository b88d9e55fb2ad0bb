package dev.adsgraph.sandbox.sp;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.adsgraph.sandbox.core.Reply;
import dev.adsgraph.sandbox.fixtures.Catalog;
import dev.adsgraph.sandbox.fixtures.Catalog.Listing;
import dev.adsgraph.sandbox.fixtures.Country;
import dev.adsgraph.sandbox.fixtures.Figures;
import dev.adsgraph.sandbox.fixtures.Figures.Retail;

/**
 * Sales v1 {@code GET /sales/v1/orderMetrics} (sales.json), summed from the same daily
 * functions as every report. Rules, each a 400 {@code InvalidInput} in the v1 envelope:
 * exactly one marketplace; {@code interval} is two ISO-8601 date-times with offsets
 * joined by {@code --}, start before end; {@code granularity} Hour reaches back 30 days
 * at most, the others two years; above Hour {@code granularityTimeZone} is required and
 * the interval's offsets must be that zone's; {@code asin} or {@code sku}, not both. Days
 * are the marketplace's calendar days (its time zone); a bucket that cuts a day takes
 * that day's hours. All fixture sales are B2C and fulfilled by Amazon, so
 * {@code buyerType=B2B}, {@code fulfillmentNetwork=MFN} and {@code amazonProgram} give
 * zeros.
 */
public final class SalesHandler {

	public static final SpGate.Operation ORDER_METRICS = new SpGate.Operation("getOrderMetrics", true, 0.5, 15, false);

	private static final Set<String> GRANULARITIES = Set.of("Hour", "Day", "Week", "Month", "Year", "Total");

	private static final DateTimeFormatter INTERVAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmXXX");

	private final Catalog catalog;

	private final Clock clock;

	public SalesHandler(Catalog catalog, Clock clock) {
		this.catalog = catalog;
		this.clock = clock;
	}

	public Reply orderMetrics(SpGate.Call call) {
		Country country = SpParams.marketplaces(call, "marketplaceIds", 1).get(0);
		String granularity = call.query("granularity")
			.orElseThrow(() -> SpParams.invalid("Missing required parameter granularity."));
		if (!GRANULARITIES.contains(granularity)) {
			throw SpParams.invalid("Invalid granularity '" + granularity + "'.");
		}
		String intervalText = call.query("interval")
			.orElseThrow(() -> SpParams.invalid("Missing required parameter interval."));
		OffsetDateTime[] interval = interval(intervalText);
		Instant start = interval[0].toInstant();
		Instant end = interval[1].toInstant();
		Instant now = this.clock.instant();
		if (granularity.equals("Hour") && start.isBefore(now.minus(Duration.ofDays(30)))) {
			throw SpParams.invalid("With granularity Hour the interval must start within the last 30 days.");
		}
		if (start.isBefore(now.minus(Duration.ofDays(731)))) {
			throw SpParams.invalid("The interval must start within the last two years.");
		}
		String timeZone = call.query("granularityTimeZone").orElse(null);
		ZoneId zone;
		if (timeZone == null) {
			if (!granularity.equals("Hour")) {
				throw SpParams.invalid("granularityTimeZone is required when granularity is " + granularity + ".");
			}
			zone = interval[0].getOffset();
		}
		else {
			try {
				zone = ZoneId.of(timeZone);
			}
			catch (RuntimeException ex) {
				throw SpParams.invalid("granularityTimeZone '" + timeZone + "' is not an IANA time zone.");
			}
			if (!zone.getRules().getOffset(start).equals(interval[0].getOffset())
					|| !zone.getRules().getOffset(end).equals(interval[1].getOffset())) {
				throw SpParams.invalid("The interval's offsets do not match granularityTimeZone " + timeZone + ".");
			}
		}
		String buyerType = call.query("buyerType").orElse("All");
		if (!Set.of("B2B", "B2C", "All").contains(buyerType)) {
			throw SpParams.invalid("Invalid buyerType '" + buyerType + "'.");
		}
		String network = call.query("fulfillmentNetwork").orElse(null);
		if (network != null && !Set.of("MFN", "AFN").contains(network)) {
			throw SpParams.invalid("Invalid fulfillmentNetwork '" + network + "'.");
		}
		String firstDay = call.query("firstDayOfWeek").orElse("Monday");
		if (!Set.of("Monday", "Sunday").contains(firstDay)) {
			throw SpParams.invalid("Invalid firstDayOfWeek '" + firstDay + "'.");
		}
		String program = call.query("amazonProgram").orElse(null);
		if (program != null && !program.equals("AmazonHaul")) {
			throw SpParams.invalid("Invalid amazonProgram '" + program + "'.");
		}
		String asin = call.query("asin").orElse(null);
		String sku = call.query("sku").orElse(null);
		if (asin != null && sku != null) {
			throw SpParams.invalid("Specify asin or sku, not both.");
		}
		List<Instant> bounds = bounds(start, end, granularity, zone,
				firstDay.equals("Monday") ? DayOfWeek.MONDAY : DayOfWeek.SUNDAY);
		long[][] sums = new long[bounds.size() - 1][4];
		boolean none = buyerType.equals("B2B") || "MFN".equals(network) || program != null;
		if (!none) {
			List<Listing> listings = this.catalog.inCatalog(call.sellerId(), country)
				.stream()
				.filter((l) -> asin == null || l.asin().equals(asin))
				.filter((l) -> sku == null || l.sku().equals(sku))
				.toList();
			add(listings, country, bounds, sums);
		}
		List<Map<String, Object>> payload = new ArrayList<>();
		for (int i = 0; i < sums.length; i++) {
			long units = sums[i][0];
			long salesMinor = sums[i][3];
			BigDecimal total = Figures.money(salesMinor, country);
			BigDecimal average = (units == 0) ? BigDecimal.ZERO.setScale(country.currencyDigits())
					: total.divide(BigDecimal.valueOf(units), country.currencyDigits(), RoundingMode.HALF_UP);
			Map<String, Object> metrics = CatalogHandler.ordered("interval", INTERVAL.format(bounds.get(i).atZone(zone))
					+ "--" + INTERVAL.format(bounds.get(i + 1).atZone(zone)), "unitCount", units);
			metrics.put("orderItemCount", sums[i][1]);
			metrics.put("orderCount", sums[i][2]);
			metrics.put("averageUnitPrice", new SpParams.Money(country.currencyCode(), average.toPlainString()));
			metrics.put("totalSales", new SpParams.Money(country.currencyCode(), total.toPlainString()));
			payload.add(metrics);
		}
		return Reply.json(200, Map.of("payload", payload));
	}

	private static OffsetDateTime[] interval(String text) {
		String[] parts = text.split("--", -1);
		if (parts.length != 2) {
			throw SpParams.invalid("interval must be two ISO-8601 date-times joined by '--'.");
		}
		OffsetDateTime start;
		OffsetDateTime end;
		try {
			start = OffsetDateTime.parse(parts[0].trim());
			end = OffsetDateTime.parse(parts[1].trim());
		}
		catch (DateTimeParseException ex) {
			throw SpParams.invalid("interval must be two ISO-8601 date-times with offsets, for example"
					+ " 2026-11-01T00:00-07:00--2026-11-08T00:00-08:00.");
		}
		if (!start.isBefore(end)) {
			throw SpParams.invalid("The interval's start must be before its end.");
		}
		return new OffsetDateTime[] { start, end };
	}

	// Bucket boundaries: the interval's ends plus every granularity boundary between
	// them, in the zone.
	private static List<Instant> bounds(Instant start, Instant end, String granularity, ZoneId zone,
			DayOfWeek firstDay) {
		List<Instant> bounds = new ArrayList<>();
		bounds.add(start);
		if (!granularity.equals("Total")) {
			ZonedDateTime local = start.atZone(zone);
			ZonedDateTime next = switch (granularity) {
				case "Hour" -> local.truncatedTo(ChronoUnit.HOURS).plusHours(1);
				case "Day" -> local.toLocalDate().plusDays(1).atStartOfDay(zone);
				case "Week" -> local.toLocalDate().with(TemporalAdjusters.next(firstDay)).atStartOfDay(zone);
				case "Month" -> local.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay(zone);
				default -> local.toLocalDate().withDayOfYear(1).plusYears(1).atStartOfDay(zone);
			};
			while (next.toInstant().isBefore(end)) {
				bounds.add(next.toInstant());
				next = switch (granularity) {
					case "Hour" -> next.plusHours(1);
					case "Day" -> next.toLocalDate().plusDays(1).atStartOfDay(zone);
					case "Week" -> next.toLocalDate().plusWeeks(1).atStartOfDay(zone);
					case "Month" -> next.toLocalDate().plusMonths(1).atStartOfDay(zone);
					default -> next.toLocalDate().plusYears(1).atStartOfDay(zone);
				};
			}
		}
		bounds.add(end);
		return bounds;
	}

	private static void add(List<Listing> listings, Country country, List<Instant> bounds, long[][] sums) {
		ZoneId local = country.zone();
		Instant start = bounds.get(0);
		Instant end = bounds.get(bounds.size() - 1);
		LocalDate last = end.minusNanos(1).atZone(local).toLocalDate();
		for (LocalDate date = start.atZone(local).toLocalDate(); !date.isAfter(last); date = date.plusDays(1)) {
			Instant dayStart = date.atStartOfDay(local).toInstant();
			Instant dayEnd = date.plusDays(1).atStartOfDay(local).toInstant();
			int bucket = bucket(bounds, dayStart);
			boolean whole = bucket >= 0 && !dayEnd.isAfter(bounds.get(bucket + 1));
			for (Listing listing : listings) {
				Retail day = Figures.day(listing, date).retail();
				if (day.units() == 0) {
					continue;
				}
				if (whole) {
					addTo(sums[bucket], day.units(), day.orderItems(), day.orders(), listing.priceMinor());
					continue;
				}
				long[][] hours = Figures.hours(listing, date, day);
				ZonedDateTime midnight = date.atStartOfDay(local);
				for (int h = 0; h < 24; h++) {
					int hourBucket = bucket(bounds, midnight.plusHours(h).toInstant());
					if (hourBucket >= 0) {
						addTo(sums[hourBucket], hours[h][0], hours[h][1], hours[h][2], listing.priceMinor());
					}
				}
			}
		}
	}

	private static void addTo(long[] sum, long units, long orderItems, long orders, long priceMinor) {
		sum[0] += units;
		sum[1] += orderItems;
		sum[2] += orders;
		sum[3] += units * priceMinor;
	}

	/** The bucket holding the instant, or -1 outside the interval. */
	private static int bucket(List<Instant> bounds, Instant instant) {
		if (instant.isBefore(bounds.get(0)) || !instant.isBefore(bounds.get(bounds.size() - 1))) {
			return -1;
		}
		int low = 0;
		int high = bounds.size() - 2;
		while (low < high) {
			int mid = (low + high + 1) >>> 1;
			if (bounds.get(mid).isAfter(instant)) {
				high = mid - 1;
			}
			else {
				low = mid;
			}
		}
		return low;
	}

}
