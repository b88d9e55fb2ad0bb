package dev.adsgraph.upstream.sp;

import java.util.List;

/**
 * The parameters of searchListingsItems (listingsItems_2021-08-01.json) this client uses:
 * a seller's listings in some marketplaces, optionally only those of up to 20
 * identifiers.
 *
 * @param identifiersType ASIN, EAN, FNSKU, GTIN, ISBN, JAN, MINSAN, SKU or UPC; required
 * with {@code identifiers} and only with them
 * @param includedData facets to return; null for Amazon's default, summaries
 * @param pageSize 1 to 20, null for Amazon's 10
 */
public record ListingsItemSearch(String sellerId, List<String> marketplaceIds, List<String> identifiers,
		String identifiersType, List<String> includedData, Integer pageSize, String pageToken) {

	public ListingsItemSearch {
		marketplaceIds = Checks.copy(marketplaceIds);
		identifiers = Checks.copy(identifiers);
		includedData = Checks.copy(includedData);
		Checks.required("sellerId", sellerId);
		Checks.required("marketplaceIds", marketplaceIds);
		Checks.atMost("identifiers", identifiers, 20);
		if (Checks.isEmpty(identifiers) != (identifiersType == null || identifiersType.isBlank())) {
			throw new IllegalArgumentException("identifiers and identifiersType go together");
		}
		Checks.between("pageSize", pageSize, 1, 20);
	}

}
