package dev.adsgraph.upstream.ads;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One row of a sponsored products advertised product report
 * ({@code spAdvertisedProduct}): one advertised ASIN in one ad group, for one day
 * ({@code date}, DAILY) or for the whole range ({@code startDate}/{@code endDate},
 * SUMMARY). {@code cost} and {@code sales7d} are in the profile's currency. A metric that
 * is absent or null counts as zero, so rows can be summed by ASIN without null checks.
 */
public record SpAdvertisedProductRow(LocalDate date, LocalDate startDate, LocalDate endDate, Long campaignId,
		Long adGroupId, String advertisedAsin, String advertisedSku, long impressions, long clicks, BigDecimal cost,
		BigDecimal sales7d, long purchases7d, long unitsSoldClicks7d, String campaignName, Long adId) {

	/**
	 * A row without the campaign's name and the ad's id (tests, sums that need neither).
	 */
	public SpAdvertisedProductRow(LocalDate date, LocalDate startDate, LocalDate endDate, Long campaignId,
			Long adGroupId, String advertisedAsin, String advertisedSku, long impressions, long clicks, BigDecimal cost,
			BigDecimal sales7d, long purchases7d, long unitsSoldClicks7d) {
		this(date, startDate, endDate, campaignId, adGroupId, advertisedAsin, advertisedSku, impressions, clicks, cost,
				sales7d, purchases7d, unitsSoldClicks7d, null, null);
	}

	/** The report type these rows come from (OfflineReport_prod_3p.json reportTypeId). */
	public static final String REPORT_TYPE_ID = "spAdvertisedProduct";

	/** The columns every variant asks for; the time columns depend on the time unit. */
	public static final List<String> METRIC_COLUMNS = List.of("campaignId", "campaignName", "adGroupId", "adId",
			"advertisedAsin", "advertisedSku", "impressions", "clicks", "cost", "sales7d", "purchases7d",
			"unitsSoldClicks7d");

	public static SpAdvertisedProductRow from(ReportRow row) {
		return new SpAdvertisedProductRow(row.date("date"), row.date("startDate"), row.date("endDate"),
				row.longValue("campaignId"), row.longValue("adGroupId"), row.string("advertisedAsin"),
				row.string("advertisedSku"), count(row, "impressions"), count(row, "clicks"), money(row, "cost"),
				money(row, "sales7d"), count(row, "purchases7d"), count(row, "unitsSoldClicks7d"),
				row.string("campaignName"), row.longValue("adId"));
	}

	private static long count(ReportRow row, String column) {
		Long value = row.longValue(column);
		return (value != null) ? value : 0L;
	}

	private static BigDecimal money(ReportRow row, String column) {
		BigDecimal value = row.decimal(column);
		return (value != null) ? value : BigDecimal.ZERO;
	}

}
