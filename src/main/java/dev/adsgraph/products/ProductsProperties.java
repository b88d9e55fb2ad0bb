package dev.adsgraph.products;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adsgraph.products.*}: the limits of product queries and how long SP-API answers
 * that change rarely are reused.
 *
 * @param maxAsins the most ASINs one {@code products} query may name
 * @param maxRangeDays the longest date range, in days (Amazon's ad reports cover at most
 * 31)
 * @param maxLookbackDays how far back a range may start (Amazon keeps ad report data 95
 * days)
 * @param participationsTtl how long a seller's marketplace participations are reused;
 * Amazon allows one call a minute
 * @param inventoryTtl how long a marketplace's FBA inventory list is reused
 * @param catalogTtl how long an ASIN's catalog facts are reused
 * @param listingTtl how long a listing (SKU, status, price) is reused
 */
@Validated
@ConfigurationProperties("adsgraph.products")
record ProductsProperties(@Positive @DefaultValue("100") int maxAsins, @Positive @DefaultValue("31") int maxRangeDays,
		@Positive @DefaultValue("95") int maxLookbackDays,
		@NotNull @DurationMin(nanos = 0) @DefaultValue("1h") Duration participationsTtl,
		@NotNull @DurationMin(nanos = 0) @DefaultValue("5m") Duration inventoryTtl,
		@NotNull @DurationMin(nanos = 0) @DefaultValue("6h") Duration catalogTtl,
		@NotNull @DurationMin(nanos = 0) @DefaultValue("5m") Duration listingTtl) {

}
