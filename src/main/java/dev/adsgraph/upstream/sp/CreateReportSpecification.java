package dev.adsgraph.upstream.sp;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The body of createReport (reports_2021-06-30.json CreateReportSpecification).
 *
 * @param reportType for example {@code GET_SALES_AND_TRAFFIC_REPORT}
 * @param dataStartTime null for the report type's default
 * @param dataEndTime null for now
 * @param reportOptions report-type-specific options (sellerSalesAndTrafficReport.json
 * documents {@code dateGranularity} and {@code asinGranularity}); null for none
 */
public record CreateReportSpecification(String reportType, List<String> marketplaceIds, Instant dataStartTime,
		Instant dataEndTime, Map<String, String> reportOptions) {

	public CreateReportSpecification {
		marketplaceIds = Checks.copy(marketplaceIds);
		reportOptions = (reportOptions != null) ? Map.copyOf(reportOptions) : null;
		Checks.required("reportType", reportType);
		Checks.required("marketplaceIds", marketplaceIds);
		if (dataStartTime != null && dataEndTime != null && dataEndTime.isBefore(dataStartTime)) {
			throw new IllegalArgumentException("dataEndTime is before dataStartTime");
		}
	}

}
