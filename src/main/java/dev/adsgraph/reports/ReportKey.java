package dev.adsgraph.reports;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What identifies one upstream report: equal keys share one report and one cached result.
 * The tenant is part of every key, so tenants never share either, even for the same
 * profile. {@code scope} is the Ads profileId or the SP-API marketplaceId;
 * {@code options} holds whatever else changes the report's content (region, time unit,
 * ...). No credential belongs here: keys are logged and, with a shared store, written to
 * Redis.
 */
public record ReportKey(String tenantId, String upstream, String scope, String reportType, LocalDate startDate,
		LocalDate endDate, Map<String, String> options) {

	/**
	 * The option naming the workspace's connection the report is made with: two
	 * connections never share a report.
	 */
	public static final String CONNECTION = "connection";

	public ReportKey {
		requireText("tenantId", tenantId);
		requireText("upstream", upstream);
		requireText("scope", scope);
		requireText("reportType", reportType);
		if (startDate == null || endDate == null) {
			throw new IllegalArgumentException("startDate and endDate are required");
		}
		if (endDate.isBefore(startDate)) {
			throw new IllegalArgumentException("endDate " + endDate + " is before startDate " + startDate);
		}
		// Sorted, so the text form (a Redis key later) is the same whatever order the
		// caller used.
		options = Collections.unmodifiableSortedMap(new TreeMap<>((options != null) ? options : Map.of()));
	}

	/** Whether the range reaches {@code day} or later, so its data may still change. */
	public boolean reaches(LocalDate day) {
		return !this.endDate.isBefore(day);
	}

	private static void requireText(String name, String value) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " is required");
		}
	}

}
