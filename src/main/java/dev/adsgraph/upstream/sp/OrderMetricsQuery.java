package dev.adsgraph.upstream.sp;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The parameters of getOrderMetrics (sales.json).
 *
 * @param marketplaceIds exactly one marketplace
 * @param interval two ISO 8601 instants with offsets joined by {@code --}, see
 * {@link #interval(OffsetDateTime, OffsetDateTime)}
 * @param granularityTimeZone IANA zone matching the interval's offset; required for every
 * granularity above {@code Hour}
 * @param buyerType B2B, B2C or All; null for all
 * @param fulfillmentNetwork MFN or AFN; null for both
 * @param firstDayOfWeek Monday or Sunday, for {@code Week}; null for Monday
 * @param asin only this ASIN; not together with {@code sku}
 * @param sku only this SKU; not together with {@code asin}
 */
public record OrderMetricsQuery(List<String> marketplaceIds, String interval, Granularity granularity,
		String granularityTimeZone, String buyerType, String fulfillmentNetwork, String firstDayOfWeek, String asin,
		String sku) {

	public OrderMetricsQuery {
		marketplaceIds = Checks.copy(marketplaceIds);
		if (marketplaceIds == null || marketplaceIds.size() != 1) {
			throw new IllegalArgumentException("getOrderMetrics takes exactly one marketplaceId");
		}
		Checks.required("interval", interval);
		if (!interval.contains("--")) {
			throw new IllegalArgumentException(
					"interval must be two ISO 8601 date-times joined by '--', was " + interval);
		}
		if (granularity == null) {
			throw new IllegalArgumentException("granularity is required");
		}
		if (granularity != Granularity.Hour && (granularityTimeZone == null || granularityTimeZone.isBlank())) {
			throw new IllegalArgumentException("granularityTimeZone is required for granularity " + granularity);
		}
		if (asin != null && sku != null) {
			throw new IllegalArgumentException("getOrderMetrics filters by asin or by sku, not both");
		}
	}

	/**
	 * {@code start--end}, keeping the offsets the caller chose (they must match the time
	 * zone).
	 */
	public static String interval(OffsetDateTime start, OffsetDateTime end) {
		return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(start) + "--"
				+ DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(end);
	}

	/** Constant names are the wire values. */
	public enum Granularity {

		Hour, Day, Week, Month, Year, Total

	}

}
