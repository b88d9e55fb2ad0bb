package dev.adsgraph.upstream.sp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * sellers.json MarketplaceParticipation: a marketplace the seller can sell in, and how.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MarketplaceParticipation(Marketplace marketplace, Participation participation, String storeName) {

	/**
	 * {@code countryCode} is ISO 3166 alpha-2 ({@code GB}, not the Ads API's {@code UK}).
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Marketplace(String id, String name, String countryCode, String defaultCurrencyCode,
			String defaultLanguageCode, String domainName) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Participation(boolean isParticipating, boolean hasSuspendedListings) {
	}

}
