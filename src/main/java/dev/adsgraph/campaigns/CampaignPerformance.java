package dev.adsgraph.campaigns;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.adsgraph.products.AdPerformance;
import dev.adsgraph.products.Metrics;
import dev.adsgraph.products.Money;
import dev.adsgraph.reports.ReportResult;
import dev.adsgraph.upstream.ads.SpAdvertisedProductRow;

/**
 * The schema's {@code CampaignPerformance}: a campaign's rows of the profile's daily
 * sponsored-products report (one per ad and day) summed, its ratios by the products'
 * {@link Metrics} rules (null when a denominator is zero). Every figure is null unless
 * the report is READY.
 */
record CampaignPerformance(Money spend, Money sales, Long impressions, Long clicks, Long purchases, Double acos,
		Double roas, Freshness freshness) {

	/** The schema's {@code Freshness}. */
	record Freshness(String status, OffsetDateTime asOf, String message) {

		static Freshness of(ReportResult<?> result) {
			return switch (result.status()) {
				case READY -> new Freshness("READY", atUtc(result.asOf()), null);
				case PENDING -> new Freshness("PENDING", null, null);
				case FAILED -> new Freshness("FAILED", null, describe(result));
			};
		}

		private static OffsetDateTime atUtc(Instant instant) {
			return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
		}

		private static String describe(ReportResult<?> result) {
			if (result.failure() == null) {
				return "The upstream report failed.";
			}
			String retry = result.failure().retryable() ? " It will be requested again shortly." : "";
			return "The upstream report failed (" + result.failure().reason() + ")." + retry;
		}

	}

	static CampaignPerformance unavailable(String why) {
		return new CampaignPerformance(null, null, null, null, null, null, null, new Freshness("FAILED", null, why));
	}

	static CampaignPerformance pending(Freshness freshness) {
		return new CampaignPerformance(null, null, null, null, null, null, null, freshness);
	}

	static CampaignPerformance of(AdPerformance figures, Freshness freshness) {
		Metrics metrics = Metrics.of(figures, null);
		return new CampaignPerformance(figures.spend(), figures.attributedSales(), figures.impressions(),
				figures.clicks(), figures.attributedOrders(), metrics.acos(), metrics.roas(), freshness);
	}

	/** The rows summed by campaign id; a row without a campaign id counts for none. */
	static Map<String, AdPerformance> byCampaign(List<SpAdvertisedProductRow> rows, String currencyCode) {
		Map<String, AdPerformance> sums = new HashMap<>();
		for (SpAdvertisedProductRow row : rows) {
			if (row.campaignId() == null) {
				continue;
			}
			AdPerformance one = new AdPerformance(row.impressions(), row.clicks(), new Money(row.cost(), currencyCode),
					new Money(row.sales7d(), currencyCode), row.purchases7d(), row.unitsSoldClicks7d());
			sums.merge(row.campaignId().toString(), one, CampaignPerformance::plus);
		}
		return sums;
	}

	static AdPerformance none(String currencyCode) {
		Money zero = new Money(java.math.BigDecimal.ZERO, currencyCode);
		return new AdPerformance(0, 0, zero, zero, 0, 0);
	}

	private static AdPerformance plus(AdPerformance a, AdPerformance b) {
		return new AdPerformance(a.impressions() + b.impressions(), a.clicks() + b.clicks(),
				new Money(a.spend().amount().add(b.spend().amount()), a.spend().currencyCode()),
				new Money(a.attributedSales().amount().add(b.attributedSales().amount()),
						a.attributedSales().currencyCode()),
				a.attributedOrders() + b.attributedOrders(), a.attributedUnits() + b.attributedUnits());
	}

}
