package dev.adsgraph.billing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.adsgraph.upstream.Countries;
import dev.adsgraph.upstream.Marketplaces;
import dev.adsgraph.upstream.Region;

/**
 * One country of an ads account as the billing API names it: the advertiser's entity id
 * in that country ({@code advertiserId}) and the country's marketplace, served by the
 * country's region.
 */
public record CountryRef(String countryCode, String entityId, String marketplaceId, Region region) {

	/**
	 * The country's reference, or empty when it has no entity id yet (the account is not
	 * created there) or Amazon Ads serves no such country.
	 */
	static Optional<CountryRef> of(String countryCode, String entityId) {
		if (countryCode == null || entityId == null || entityId.isBlank()) {
			return Optional.empty();
		}
		String iso = Countries.toIso(countryCode);
		return Marketplaces.byCountry(iso)
			.flatMap((marketplace) -> Countries.regionOf(iso)
				.map((region) -> new CountryRef(iso, entityId, marketplace.id(), region)));
	}

	/**
	 * The references of an account's alternate ids ({@code countryCode, entityId} pairs;
	 * entries without an entity id are skipped), one per country, in their order.
	 */
	static List<CountryRef> of(List<String[]> countryAndEntityIds) {
		Map<String, CountryRef> byCountry = new LinkedHashMap<>();
		for (String[] pair : countryAndEntityIds) {
			of(pair[0], pair[1]).ifPresent((ref) -> byCountry.putIfAbsent(ref.countryCode(), ref));
		}
		return new ArrayList<>(byCountry.values());
	}

}
