package dev.adsgraph.upstream.sp;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * reports_2021-06-30.json Report. {@code processingStatus} goes IN_QUEUE, IN_PROGRESS,
 * then DONE (with {@code reportDocumentId}), CANCELLED or FATAL. Timestamps are kept as
 * sent (ISO 8601).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Report(String reportId, String reportType, String processingStatus, List<String> marketplaceIds,
		String dataStartTime, String dataEndTime, String createdTime, String processingStartTime,
		String processingEndTime, String reportDocumentId, String reportScheduleId) {

}
