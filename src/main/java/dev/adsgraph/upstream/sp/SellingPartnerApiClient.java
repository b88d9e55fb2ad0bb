package dev.adsgraph.upstream.sp;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

import reactor.core.publisher.Flux;
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
	 * GET /catalog/2022-04-01/items/{asin} (catalogItems_2022-04-01.json getCatalogItem);
	 * empty when the ASIN is not in the catalog.
	 * @param includedData facets to return; null for Amazon's default, summaries
	 */
	Mono<CatalogItem> getCatalogItem(SpCredentials credentials, Region region, String asin, List<String> marketplaceIds,
			List<String> includedData);

	/**
	 * GET /catalog/2022-04-01/items (catalogItems_2022-04-01.json searchCatalogItems),
	 * one page.
	 */
	Mono<CatalogItem.SearchResults> searchCatalogItems(SpCredentials credentials, Region region,
			CatalogItemSearch search);

	/**
	 * searchCatalogItems page after page, following {@code pagination.nextToken} as
	 * {@code pageToken}, as the subscriber asks for more.
	 */
	default Flux<CatalogItem> searchAllCatalogItems(SpCredentials credentials, Region region,
			CatalogItemSearch search) {
		return followPageTokens("searchCatalogItems", search.withPageToken(null),
				(page) -> searchCatalogItems(credentials, region, page), CatalogItem.SearchResults::pagination,
				CatalogItemSearch::withPageToken)
			.concatMapIterable(CatalogItem.SearchResults::items);
	}

	/**
	 * GET /listings/2021-08-01/items/{sellerId}/{sku} (listingsItems_2021-08-01.json
	 * getListingsItem); empty when the seller has no such SKU.
	 */
	Mono<ListingsItem> getListingsItem(SpCredentials credentials, Region region, String sellerId, String sku,
			List<String> marketplaceIds, List<String> includedData);

	/**
	 * GET /listings/2021-08-01/items/{sellerId} (listingsItems_2021-08-01.json
	 * searchListingsItems), one page.
	 */
	Mono<ListingsItem.SearchResults> searchListingsItems(SpCredentials credentials, Region region,
			ListingsItemSearch search);

	/**
	 * searchListingsItems page after page, following {@code pagination.nextToken} as
	 * {@code pageToken}.
	 */
	default Flux<ListingsItem> searchAllListingsItems(SpCredentials credentials, Region region,
			ListingsItemSearch search) {
		return followPageTokens("searchListingsItems", search.withPageToken(null),
				(page) -> searchListingsItems(credentials, region, page), ListingsItem.SearchResults::pagination,
				ListingsItemSearch::withPageToken)
			.concatMapIterable(ListingsItem.SearchResults::items);
	}

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

	/** GET /sales/v1/orderMetrics (sales.json getOrderMetrics). */
	Mono<List<OrderMetricsInterval>> getOrderMetrics(SpCredentials credentials, Region region, OrderMetricsQuery query);

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

	/** GET /reports/2021-06-30/reports (reports_2021-06-30.json getReports), one page. */
	Mono<Report.Page> getReports(SpCredentials credentials, Region region, ReportsQuery query);

	/**
	 * getReports page after page; every page after the first is asked for with its
	 * nextToken alone.
	 */
	default Flux<Report> getAllReports(SpCredentials credentials, Region region, ReportsQuery query) {
		if (query.nextToken() != null) {
			return Flux.error(new IllegalArgumentException("getAllReports starts from the first page"));
		}
		return Flux.defer(() -> {
			Set<String> seen = new HashSet<>();
			return getReports(credentials, region, query).expand((page) -> {
				String next = page.nextToken();
				if (next == null || next.isEmpty()) {
					return Mono.empty();
				}
				if (!seen.add(next)) {
					return Mono.error(repeatedToken("getReports"));
				}
				return getReports(credentials, region, ReportsQuery.nextPage(next));
			}).concatMapIterable(Report.Page::reports);
		});
	}

	/**
	 * DELETE /reports/2021-06-30/reports/{reportId} (reports_2021-06-30.json
	 * cancelReport).
	 */
	Mono<Void> cancelReport(SpCredentials credentials, Region region, String reportId);

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

	/**
	 * Follows {@code pagination.nextToken} as the next request's {@code pageToken}. A
	 * token that comes back a second time fails the walk instead of looping forever.
	 */
	private static <Q, P> Flux<P> followPageTokens(String operation, Q first, Function<Q, Mono<P>> fetch,
			Function<P, Pagination> pagination, BiFunction<Q, String, Q> withPageToken) {
		return Flux.defer(() -> {
			Set<String> seen = new HashSet<>();
			return fetch.apply(first).expand((page) -> {
				Pagination p = pagination.apply(page);
				String next = (p != null) ? p.nextToken() : null;
				if (next == null || next.isEmpty()) {
					return Mono.empty();
				}
				if (!seen.add(next)) {
					return Mono.error(repeatedToken(operation));
				}
				return fetch.apply(withPageToken.apply(first, next));
			});
		});
	}

	private static UpstreamException repeatedToken(String operation) {
		return new UpstreamException("sp", operation, 200, "repeated_next_token", "the same nextToken came back twice",
				null, false, null);
	}

}
