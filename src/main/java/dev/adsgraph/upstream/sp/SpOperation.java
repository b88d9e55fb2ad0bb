package dev.adsgraph.upstream.sp;

import java.util.EnumMap;
import java.util.Map;

import dev.adsgraph.upstream.UpstreamOperation;

import org.springframework.http.HttpMethod;

import static dev.adsgraph.upstream.UpstreamOperation.Repeat.SAFE;

/**
 * The Selling Partner API operations Adsgraph calls, one constant each; the only place
 * their method, path, model, usage plan and repeat safety are written down.
 * <p>
 * Usage plans are the published defaults from the "Usage Plan" table in each operation's
 * description in Amazon's models (shared/reference/amazon-apis.md section 4): tokens
 * refill at {@code rate} per second up to {@code burst}. A seller may have been granted
 * more; {@code x-amzn-RateLimit-Limit} then tells, and
 * {@code adsgraph.upstream.sp.rate-limits.<id>} overrides them.
 */
public enum SpOperation implements UpstreamOperation {

	GET_MARKETPLACE_PARTICIPATIONS("getMarketplaceParticipations", HttpMethod.GET,
			"/sellers/v1/marketplaceParticipations", "sp-api/sellers.json", new SpRateLimit(0.016, 15), SAFE),

	SEARCH_CATALOG_ITEMS("searchCatalogItems", HttpMethod.GET, "/catalog/2022-04-01/items",
			"sp-api/catalogItems_2022-04-01.json", new SpRateLimit(2, 2), SAFE),

	SEARCH_LISTINGS_ITEMS("searchListingsItems", HttpMethod.GET, "/listings/2021-08-01/items/{sellerId}",
			"sp-api/listingsItems_2021-08-01.json", new SpRateLimit(5, 5), SAFE),

	/**
	 * The Featured Offer per ASIN, up to 20 ASINs per call, each answered with its own
	 * status (productPricing_2022-05-01.json; usage plan 0.033/s, burst 1).
	 */
	GET_COMPETITIVE_SUMMARY("getCompetitiveSummary", HttpMethod.POST,
			"/batches/products/pricing/2022-05-01/items/competitiveSummary", "sp-api/productPricing_2022-05-01.json",
			new SpRateLimit(0.033, 1), SAFE),

	GET_INVENTORY_SUMMARIES("getInventorySummaries", HttpMethod.GET, "/fba/inventory/v1/summaries",
			"sp-api/fbaInventory.json", new SpRateLimit(2, 2), SAFE),

	/**
	 * Safe to repeat: a repeated createReport only asks for a second copy of the same
	 * data (a little quota, nothing a seller sees).
	 */
	CREATE_REPORT("createReport", HttpMethod.POST, "/reports/2021-06-30/reports", "sp-api/reports_2021-06-30.json",
			new SpRateLimit(0.0167, 15), SAFE),

	GET_REPORT("getReport", HttpMethod.GET, "/reports/2021-06-30/reports/{reportId}", "sp-api/reports_2021-06-30.json",
			new SpRateLimit(2, 15), SAFE),

	GET_REPORT_DOCUMENT("getReportDocument", HttpMethod.GET, "/reports/2021-06-30/documents/{reportDocumentId}",
			"sp-api/reports_2021-06-30.json", new SpRateLimit(0.0167, 15), SAFE);

	private final Endpoint endpoint;

	private final SpRateLimit usagePlan;

	SpOperation(String id, HttpMethod method, String path, String specFile, SpRateLimit usagePlan, Repeat repeat) {
		this.endpoint = new Endpoint(SpErrorDecoder.UPSTREAM, id, method, path, specFile, repeat);
		this.usagePlan = usagePlan;
	}

	@Override
	public Endpoint endpoint() {
		return this.endpoint;
	}

	/** Amazon's published default usage plan. */
	public SpRateLimit usagePlan() {
		return this.usagePlan;
	}

	/** Every operation's published usage plan. */
	public static Map<SpOperation, SpRateLimit> usagePlans() {
		Map<SpOperation, SpRateLimit> plans = new EnumMap<>(SpOperation.class);
		for (SpOperation operation : values()) {
			plans.put(operation, operation.usagePlan);
		}
		return plans;
	}

}
