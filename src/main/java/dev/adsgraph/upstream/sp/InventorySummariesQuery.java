package dev.adsgraph.upstream.sp;

import java.time.Instant;
import java.util.List;

/**
 * The parameters of getInventorySummaries (fbaInventory.json) at marketplace granularity,
 * the only one Amazon offers: the client sends {@code granularityType=Marketplace},
 * {@code granularityId} and {@code marketplaceIds} both set to {@code marketplaceId}, and
 * {@code details=true}.
 *
 * @param sellerSkus up to 50 SKUs, null for all
 * @param startDateTime only summaries changed since then (at most 18 months back; Amazon
 * then ignores {@code sellerSkus}), null for all
 */
public record InventorySummariesQuery(String marketplaceId, List<String> sellerSkus, Instant startDateTime) {

	public InventorySummariesQuery {
		sellerSkus = Checks.copy(sellerSkus);
		Checks.required("marketplaceId", marketplaceId);
		Checks.atMost("sellerSkus", sellerSkus, 50);
	}

	public static InventorySummariesQuery of(String marketplaceId) {
		return new InventorySummariesQuery(marketplaceId, null, null);
	}

}
