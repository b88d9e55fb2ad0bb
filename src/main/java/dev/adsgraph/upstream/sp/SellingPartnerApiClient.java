package dev.adsgraph.upstream.sp;

import java.util.List;

import reactor.core.publisher.Mono;

import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.UpstreamException;

/**
 * The Selling Partner API operations Adsgraph uses, one method per upstream operation.
 * Every method authenticates through LWA with the given credentials, targets the given
 * region's host, waits for the operation's rate-limit token (failing with
 * {@code ClientRateLimited} rather than waiting past the configured bound), and fails
 * with {@link UpstreamException} (upstream {@code sp}, operation = the model's
 * operationId) whatever error shape Amazon used. Invalid arguments fail with
 * {@link IllegalArgumentException} before anything is sent.
 */
public interface SellingPartnerApiClient {

	/**
	 * GET /sellers/v1/marketplaceParticipations (sellers.json
	 * getMarketplaceParticipations).
	 */
	Mono<List<MarketplaceParticipation>> getMarketplaceParticipations(SpCredentials credentials, Region region);

	/**
	 * GET /catalog/2022-04-01/items (catalogItems_2022-04-01.json searchCatalogItems),
	 * one page.
	 */
	Mono<CatalogItem.SearchResults> searchCatalogItems(SpCredentials credentials, Region region,
			CatalogItemSearch search);

	/**
	 * GET /listings/2021-08-01/items/{sellerId} (listingsItems_2021-08-01.json
	 * searchListingsItems), one page.
	 */
	Mono<ListingsItem.SearchResults> searchListingsItems(SpCredentials credentials, Region region,
			ListingsItemSearch search);

	/** Amazon's limit of requests in one getCompetitiveSummary batch. */
	int COMPETITIVE_SUMMARY_BATCH = 20;

	/**
	 * POST /batches/products/pricing/2022-05-01/items/competitiveSummary
	 * (productPricing_2022-05-01.json getCompetitiveSummary) with
	 * {@code includedData=featuredBuyingOptions}: who holds the Featured Offer of each of
	 * 1 to {@value #COMPETITIVE_SUMMARY_BATCH} ASINs in one marketplace, one call. One
	 * summary per ASIN in the order asked, each with its own status: an ASIN that failed
	 * does not fail the others. The usage plan (0.033 calls a second, burst 1) allows a
	 * call every 30 seconds: callers spread their batches over time.
	 */
	Mono<List<CompetitiveSummary>> getCompetitiveSummary(SpCredentials credentials, Region region, String marketplaceId,
			List<String> asins);

	/**
	 * GET /fba/inventory/v1/summaries (fbaInventory.json getInventorySummaries), one
	 * page; {@code nextToken} null for the first.
	 */
	Mono<InventorySummary.Page> getInventorySummaries(SpCredentials credentials, Region region,
			InventorySummariesQuery query, String nextToken);

	/**
	 * Every page of getInventorySummaries. The next page is asked for as soon as a page
	 * arrives, whatever the subscriber does, because Amazon's token expires 30 seconds
	 * after it was issued; should it expire all the same (a 400 to a page asked for with
	 * a token), the walk starts over from the first page once. The result is therefore
	 * given whole, never a half-walked list.
	 */
	Mono<List<InventorySummary>> getAllInventorySummaries(SpCredentials credentials, Region region,
			InventorySummariesQuery query);

	/**
	 * POST /reports/2021-06-30/reports (reports_2021-06-30.json createReport); answers
	 * the reportId.
	 */
	Mono<String> createReport(SpCredentials credentials, Region region, CreateReportSpecification specification);

	/**
	 * GET /reports/2021-06-30/reports/{reportId} (reports_2021-06-30.json getReport);
	 * empty when unknown.
	 */
	Mono<Report> getReport(SpCredentials credentials, Region region, String reportId);

	/**
	 * GET /reports/2021-06-30/documents/{reportDocumentId} (reports_2021-06-30.json
	 * getReportDocument).
	 */
	Mono<ReportDocument> getReportDocument(SpCredentials credentials, Region region, String reportDocumentId);

	/**
	 * The content of a report document, from its presigned URL, without our credentials
	 * (the URL carries its own authorisation), decompressed when the document says GZIP.
	 * The URL expires five minutes after getReportDocument answered; a later download
	 * fails with Amazon's 403 and needs a fresh getReportDocument. Failures are named
	 * {@code downloadReportDocument}.
	 */
	Mono<byte[]> downloadReportDocument(ReportDocument document);

}
