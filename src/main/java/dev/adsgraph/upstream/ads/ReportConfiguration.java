package dev.adsgraph.upstream.ads;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code AsyncReportConfiguration} of OfflineReport_prod_3p.json: what a sponsored ads
 * report holds. {@code groupBy} and {@code columns} must not be empty; which values are
 * valid depends on {@code reportTypeId} (for example {@code spAdvertisedProduct} groups
 * by {@code advertiser}). The enums are the spec's closed lists; a value Amazon adds
 * later reads as null in an answer instead of failing the whole report status.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportConfiguration(
		@JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) AdProduct adProduct,
		String reportTypeId, List<String> groupBy, List<String> columns, List<Filter> filters,
		@JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) TimeUnit timeUnit,
		@JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) Format format) {

	public ReportConfiguration {
		groupBy = (groupBy != null) ? List.copyOf(groupBy) : null;
		columns = (columns != null) ? List.copyOf(columns) : null;
		filters = (filters != null) ? List.copyOf(filters) : null;
	}

	public enum AdProduct {

		SPONSORED_PRODUCTS, SPONSORED_BRANDS, SPONSORED_DISPLAY, SPONSORED_TELEVISION, DEMAND_SIDE_PLATFORM, ALL

	}

	/**
	 * DAILY rows carry a {@code date} column, SUMMARY rows {@code startDate} and
	 * {@code endDate}.
	 */
	public enum TimeUnit {

		DAILY, SUMMARY

	}

	public enum Format {

		GZIP_JSON

	}

	/**
	 * {@code AsyncReportFilter}: keep rows whose {@code field} has one of {@code values}.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Filter(String field, List<String> values) {

		public Filter {
			values = (values != null) ? List.copyOf(values) : null;
		}

	}

}
