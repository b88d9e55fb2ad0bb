package dev.adsgraph.upstream.sp;

import java.util.Map;

/**
 * The published default usage plans of the operations this client calls, from the "Usage
 * Plan" table in each operation's description in shared/specs/sp-api
 * (shared/reference/amazon-apis.md section 4). A seller may have been granted more;
 * {@code x-amzn-RateLimit-Limit} then tells.
 */
final class SpUsagePlans {

	static final Map<String, SpRateLimit> DEFAULTS = Map.ofEntries(
			Map.entry("getMarketplaceParticipations", new SpRateLimit(0.016, 15)),
			Map.entry("searchCatalogItems", new SpRateLimit(2, 2)), Map.entry("getCatalogItem", new SpRateLimit(2, 2)),
			Map.entry("getListingsItem", new SpRateLimit(5, 10)),
			Map.entry("searchListingsItems", new SpRateLimit(5, 5)),
			Map.entry("getInventorySummaries", new SpRateLimit(2, 2)),
			Map.entry("getOrderMetrics", new SpRateLimit(0.5, 15)),
			Map.entry("getReports", new SpRateLimit(0.0222, 10)),
			Map.entry("createReport", new SpRateLimit(0.0167, 15)), Map.entry("getReport", new SpRateLimit(2, 15)),
			Map.entry("cancelReport", new SpRateLimit(0.0222, 10)),
			Map.entry("getReportDocument", new SpRateLimit(0.0167, 15)));

	private SpUsagePlans() {
	}

}
