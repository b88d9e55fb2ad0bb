package dev.adsgraph.upstream.sp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * sales.json OrderMetricsInterval: the order totals of one interval of a getOrderMetrics
 * answer. {@code interval} is "start--end" as Amazon sent it (start inclusive, end
 * exclusive).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderMetricsInterval(String interval, Integer unitCount, Integer orderItemCount, Integer orderCount,
		Money averageUnitPrice, Money totalSales) {
}
