package dev.adsgraph.products;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

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
@ConfigurationProperties("adsgraph.products")
record ProductsProperties(Integer maxAsins, Integer maxRangeDays, Integer maxLookbackDays, Duration participationsTtl,
		Duration inventoryTtl, Duration catalogTtl, Duration listingTtl) {

	ProductsProperties {
		maxAsins = (maxAsins != null) ? maxAsins : 100;
		maxRangeDays = (maxRangeDays != null) ? maxRangeDays : 31;
		maxLookbackDays = (maxLookbackDays != null) ? maxLookbackDays : 95;
		participationsTtl = (participationsTtl != null) ? participationsTtl : Duration.ofHours(1);
		inventoryTtl = (inventoryTtl != null) ? inventoryTtl : Duration.ofMinutes(5);
		catalogTtl = (catalogTtl != null) ? catalogTtl : Duration.ofHours(6);
		listingTtl = (listingTtl != null) ? listingTtl : Duration.ofMinutes(5);
		if (maxAsins < 1 || maxRangeDays < 1 || maxLookbackDays < 1) {
			throw new IllegalArgumentException("adsgraph.products limits must be positive");
		}
	}

}
