package dev.adsgraph.upstream.sp;

import java.util.List;

/**
 * The parameters of searchCatalogItems (catalogItems_2022-04-01.json): either up to 20
 * {@code identifiers} of one {@code identifiersType}, or up to 20 {@code keywords}, in
 * exactly one marketplace. Larger lists are refused here; batching them is the caller's
 * business.
 *
 * @param identifiersType ASIN, EAN, GTIN, ISBN, JAN, MINSAN, SKU or UPC; SKU needs
 * {@code sellerId}
 * @param includedData facets to return (summaries, salesRanks, images, ...); null for
 * Amazon's default, summaries
 * @param pageSize 1 to 20, null for Amazon's 10
 */
public record CatalogItemSearch(List<String> identifiers, String identifiersType, List<String> keywords,
		List<String> marketplaceIds, List<String> includedData, String sellerId, String locale, Integer pageSize,
		String pageToken) {

	public static final int MAX_IDENTIFIERS = 20;

	public CatalogItemSearch {
		identifiers = Checks.copy(identifiers);
		keywords = Checks.copy(keywords);
		marketplaceIds = Checks.copy(marketplaceIds);
		includedData = Checks.copy(includedData);
		if (marketplaceIds == null || marketplaceIds.size() != 1) {
			throw new IllegalArgumentException("searchCatalogItems takes exactly one marketplaceId, got "
					+ ((marketplaceIds != null) ? marketplaceIds.size() : 0));
		}
		boolean byIdentifiers = !Checks.isEmpty(identifiers);
		if (byIdentifiers == !Checks.isEmpty(keywords)) {
			throw new IllegalArgumentException("searchCatalogItems takes either identifiers or keywords");
		}
		Checks.atMost("identifiers", identifiers, MAX_IDENTIFIERS);
		Checks.atMost("keywords", keywords, 20);
		if (byIdentifiers) {
			Checks.required("identifiersType", identifiersType);
			if ("SKU".equals(identifiersType)) {
				Checks.required("sellerId (for identifiersType SKU)", sellerId);
			}
		}
		Checks.between("pageSize", pageSize, 1, 20);
	}

	public static CatalogItemSearch byIdentifiers(String identifiersType, List<String> identifiers,
			String marketplaceId, List<String> includedData) {
		return new CatalogItemSearch(identifiers, identifiersType, null, List.of(marketplaceId), includedData, null,
				null, null, null);
	}

	/** A seller's own SKUs: identifiersType SKU needs the seller. */
	public static CatalogItemSearch bySellerSkus(String sellerId, List<String> skus, String marketplaceId,
			List<String> includedData) {
		return new CatalogItemSearch(skus, "SKU", null, List.of(marketplaceId), includedData, sellerId, null, null,
				null);
	}

	public static CatalogItemSearch byKeywords(List<String> keywords, String marketplaceId, List<String> includedData) {
		return new CatalogItemSearch(null, null, keywords, List.of(marketplaceId), includedData, null, null, null,
				null);
	}

	public CatalogItemSearch withPageSize(Integer pageSize) {
		return new CatalogItemSearch(this.identifiers, this.identifiersType, this.keywords, this.marketplaceIds,
				this.includedData, this.sellerId, this.locale, pageSize, this.pageToken);
	}

}
