package dev.adsgraph.upstream.ads;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code CreateAsyncReportRequest} of OfflineReport_prod_3p.json. Dates are the profile's
 * calendar days, written {@code YYYY-MM-DD}; most report types look back at most 95 days.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportRequest(String name, @JsonFormat(pattern = "yyyy-MM-dd") LocalDate startDate,
		@JsonFormat(pattern = "yyyy-MM-dd") LocalDate endDate, ReportConfiguration configuration) {

	public ReportRequest {
		if (startDate == null || endDate == null || configuration == null) {
			throw new IllegalArgumentException("startDate, endDate and configuration are required");
		}
		if (endDate.isBefore(startDate)) {
			throw new IllegalArgumentException("endDate " + endDate + " is before startDate " + startDate);
		}
	}

}
