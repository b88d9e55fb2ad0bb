package dev.adsgraph.alerts;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adsgraph.alerts.*}: how often alert subscriptions check a profile, and the
 * thresholds of workspaces that did not set their own ({@code updateAlertSettings}). How
 * fresh each source is depends on its cache: {@code adsgraph.products.inventory-ttl},
 * {@code listing-ttl} and {@code catalog-ttl}, and the report engine's
 * {@code adsgraph.reports.*} for the ads and sales reports (docs/alerts.md).
 *
 * @param checkInterval how often the one poller of a profile's {@code alertsChanged}
 * subscribers checks; a check costs upstream calls only for what its caches no longer
 * hold
 * @param daysOfCoverThreshold LOW_DAYS_OF_COVER when stock lasts fewer days than this (1
 * to 365)
 * @param minTitleLength NOT_RETAIL_READY when the catalog title is shorter than this (0
 * to 200; 0 turns the title rule off)
 * @param requireMainImage NOT_RETAIL_READY when the catalog item has no main image
 * @param pricingTtl how long an ASIN's Featured Offer holder (Product Pricing
 * getCompetitiveSummary, a batch of 20 ASINs every 30 seconds) is reused
 * @param pricingBelowBuyBoxPercentage only ASINs that held the Featured Offer in fewer
 * than this percentage of their sessions over the last 7 days (the sales and traffic
 * report's buy box percentage) are priced: the others cannot have lost it for long
 */
@Validated
@ConfigurationProperties("adsgraph.alerts")
record AlertsProperties(@NotNull @DurationMin(millis = 10) @DefaultValue("1m") Duration checkInterval,
		@Min(1) @Max(365) @DefaultValue("14") int daysOfCoverThreshold,
		@Min(0) @Max(200) @DefaultValue("30") int minTitleLength, @DefaultValue("true") boolean requireMainImage,
		@NotNull @DurationMin(nanos = 0) @DefaultValue("15m") Duration pricingTtl,
		@Min(0) @Max(100) @DefaultValue("80") double pricingBelowBuyBoxPercentage) {

	AlertSettings defaults() {
		return new AlertSettings(this.daysOfCoverThreshold, this.minTitleLength, this.requireMainImage, null);
	}

}
