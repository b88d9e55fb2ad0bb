package dev.adsgraph.upstream.sp;

import java.time.Instant;
import java.util.List;

/**
 * The parameters of getReports (reports_2021-06-30.json). The first page needs
 * {@code reportTypes}; every later page is asked for with its {@code nextToken} alone,
 * because Amazon fails a request that sends the token with anything else. Both rules are
 * checked here.
 *
 * @param reportTypes 1 to 10 report types
 * @param processingStatuses IN_QUEUE, IN_PROGRESS, DONE, CANCELLED, FATAL; null for all
 * @param marketplaceIds 1 to 10 marketplaces; null for all
 * @param pageSize 1 to 100, null for Amazon's 10
 * @param createdSince null for 90 days ago
 * @param createdUntil null for now
 * @param nextToken the previous page's token; nothing else may be set with it
 */
public record ReportsQuery(List<String> reportTypes, List<String> processingStatuses, List<String> marketplaceIds,
		Integer pageSize, Instant createdSince, Instant createdUntil, String nextToken) {

	public ReportsQuery {
		reportTypes = Checks.copy(reportTypes);
		processingStatuses = Checks.copy(processingStatuses);
		marketplaceIds = Checks.copy(marketplaceIds);
		if (nextToken != null) {
			if (reportTypes != null || processingStatuses != null || marketplaceIds != null || pageSize != null
					|| createdSince != null || createdUntil != null) {
				throw new IllegalArgumentException("getReports takes nextToken as its only parameter");
			}
		}
		else {
			Checks.required("reportTypes", reportTypes);
			Checks.atMost("reportTypes", reportTypes, 10);
			Checks.atMost("marketplaceIds", marketplaceIds, 10);
			Checks.between("pageSize", pageSize, 1, 100);
		}
	}

	public static ReportsQuery of(List<String> reportTypes, List<String> processingStatuses,
			List<String> marketplaceIds, Integer pageSize) {
		return new ReportsQuery(reportTypes, processingStatuses, marketplaceIds, pageSize, null, null, null);
	}

	public static ReportsQuery nextPage(String nextToken) {
		Checks.required("nextToken", nextToken);
		return new ReportsQuery(null, null, null, null, null, null, nextToken);
	}

}
