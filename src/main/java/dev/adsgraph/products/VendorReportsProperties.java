package dev.adsgraph.products;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adsgraph.products.vendor.*}: how the retail figures of vendor profiles are asked
 * for in the vendor retail analytics reports (GET_VENDOR_SALES_REPORT and
 * GET_VENDOR_TRAFFIC_REPORT; docs/vendors.md).
 *
 * @param reportPeriod the reports' {@code reportPeriod}: DAY (any range, and daily
 * figures), WEEK (ranges from a Sunday to a Saturday) or MONTH (whole calendar months);
 * QUARTER and YEAR are not offered because a range covers at most
 * {@code adsgraph.products.max-range-days}
 * @param distributorView the sales report's {@code distributorView}; MANUFACTURING is the
 * view with ordered revenue and units, the figures TACoS divides by
 * @param sellingProgram the sales report's {@code sellingProgram}
 * @param availabilityDelay how long after a period closes (midnight UTC after its last
 * day) the gateway takes its data to be available; a range ending later is refused before
 * any report is requested (72 hours: a third-party figure, Amazon's documentation found
 * states none)
 */
@Validated
@ConfigurationProperties("adsgraph.products.vendor")
record VendorReportsProperties(@NotNull @DefaultValue("DAY") VendorReportRules.Period reportPeriod,
		@NotNull @DefaultValue("MANUFACTURING") DistributorView distributorView,
		@NotNull @DefaultValue("RETAIL") SellingProgram sellingProgram,
		@NotNull @DurationMin(nanos = 0) @DefaultValue("72h") Duration availabilityDelay) {

	/** The sales report's distributor views (vendorSalesReport.json). */
	enum DistributorView {

		MANUFACTURING, SOURCING

	}

	/** The sales report's selling programs (vendorSalesReport.json). */
	enum SellingProgram {

		RETAIL, BUSINESS, FRESH

	}

	VendorReportRules rules() {
		return new VendorReportRules(this.reportPeriod, this.availabilityDelay);
	}

}
