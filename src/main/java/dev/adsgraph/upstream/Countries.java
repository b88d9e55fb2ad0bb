package dev.adsgraph.upstream;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Amazon's country codes and the region that serves each (shared/reference/amazon-apis.md
 * sections 1 and 8.1). The Ads profiles API says {@code UK} where ISO 3166, the SP-API
 * and Ads v1 say {@code GB}: everything the gateway answers uses ISO.
 */
public final class Countries {

	private static final Map<String, Region> REGION_BY_ISO = Map.ofEntries(Map.entry("US", Region.NA),
			Map.entry("CA", Region.NA), Map.entry("MX", Region.NA), Map.entry("BR", Region.NA),
			Map.entry("GB", Region.EU), Map.entry("DE", Region.EU), Map.entry("FR", Region.EU),
			Map.entry("IT", Region.EU), Map.entry("ES", Region.EU), Map.entry("NL", Region.EU),
			Map.entry("SE", Region.EU), Map.entry("PL", Region.EU), Map.entry("BE", Region.EU),
			Map.entry("IE", Region.EU), Map.entry("TR", Region.EU), Map.entry("AE", Region.EU),
			Map.entry("SA", Region.EU), Map.entry("EG", Region.EU), Map.entry("IN", Region.EU),
			Map.entry("ZA", Region.EU), Map.entry("JP", Region.FE), Map.entry("AU", Region.FE),
			Map.entry("SG", Region.FE));

	private Countries() {
	}

	/**
	 * Amazon's spelling to ISO 3166-1 alpha-2: {@code UK} becomes {@code GB}; null stays
	 * null.
	 */
	public static String toIso(String amazonCountryCode) {
		if (amazonCountryCode == null) {
			return null;
		}
		String upper = amazonCountryCode.trim().toUpperCase(Locale.ROOT);
		return "UK".equals(upper) ? "GB" : upper;
	}

	/**
	 * ISO to the spelling the Ads profiles and /adsAccounts APIs use: {@code GB} becomes
	 * {@code UK}.
	 */
	public static String toAds(String isoCountryCode) {
		if (isoCountryCode == null) {
			return null;
		}
		String upper = isoCountryCode.trim().toUpperCase(Locale.ROOT);
		return "GB".equals(upper) ? "UK" : upper;
	}

	/**
	 * The region whose hosts serve a country, in either spelling; empty for a country
	 * Amazon Ads does not serve.
	 */
	public static Optional<Region> regionOf(String countryCode) {
		return Optional.ofNullable(REGION_BY_ISO.get(toIso(countryCode)));
	}

}
