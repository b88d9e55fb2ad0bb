package dev.adsgraph.products;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Map;

import dev.adsgraph.graphql.CodedException;

import org.springframework.graphql.execution.ErrorType;

/**
 * The date rules of the vendor retail analytics reports, checked before anything is sent:
 * a range must start on the first day and end on the last day of the report period
 * (Amazon's reportType documentation for its reportPeriod reports: "dataStartTime must be
 * a Sunday and dataEndTime must be a Saturday when reportPeriod=WEEK"; the schemas'
 * examples run Sunday to Saturday), and its last period must have closed
 * {@code availabilityDelay} ago. A range that breaks one is a {@value #CODE} error whose
 * {@code extensions.rule} names the rule.
 *
 * @param period the report period the gateway asks for
 * @param availabilityDelay how long after a period closes its data is taken to be there
 */
record VendorReportRules(Period period, Duration availabilityDelay) {

	/** The error code of a range the vendor reports cannot answer. */
	static final String CODE = "VENDOR_REPORT_RANGE";

	/** {@code extensions.rule}: the range is not whole report periods. */
	static final String ALIGNMENT = "REPORT_PERIOD_ALIGNMENT";

	/** {@code extensions.rule}: the range's last period is not available yet. */
	static final String AVAILABILITY = "AVAILABILITY_DELAY";

	/**
	 * The report periods the gateway asks for (vendorSalesReport.json and
	 * vendorTrafficReport.json also list QUARTER and YEAR).
	 */
	enum Period {

		DAY, WEEK, MONTH;

		LocalDate start(LocalDate date) {
			return switch (this) {
				case DAY -> date;
				case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
				case MONTH -> date.withDayOfMonth(1);
			};
		}

		LocalDate end(LocalDate date) {
			return switch (this) {
				case DAY -> date;
				case WEEK -> date.with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY));
				case MONTH -> date.with(TemporalAdjusters.lastDayOfMonth());
			};
		}

		private String shape() {
			return switch (this) {
				case DAY -> "any day";
				case WEEK -> "a week from Sunday to Saturday";
				case MONTH -> "a calendar month from its first to its last day";
			};
		}

	}

	/**
	 * @throws CodedException {@value #CODE} when the vendor reports cannot answer the
	 * range
	 */
	void require(LocalDate start, LocalDate end, Instant now, ZoneId zone) {
		if (!start.equals(this.period.start(start)) || !end.equals(this.period.end(end))) {
			LocalDate from = this.period.start(start);
			LocalDate to = this.period.end(end);
			throw error(ALIGNMENT,
					"The vendor reports are asked for with reportPeriod " + this.period + ": dateRange must be whole "
							+ "periods, each " + this.period.shape() + "; " + start + " (" + day(start) + ") to " + end
							+ " (" + day(end) + ") is not. The nearest range of whole periods is " + from + " to " + to
							+ ".",
					Map.of("reportPeriod", this.period.name(), "suggestedStart", from.toString(), "suggestedEnd",
							to.toString()));
		}
		LocalDate latest = latestEnd(now, zone);
		if (end.isAfter(latest)) {
			throw error(AVAILABILITY,
					"The vendor reports' data for a period is available " + hours() + " hours after it closes: "
							+ "dateRange.end must be " + latest + " or earlier, not " + end + ".",
					Map.of("reportPeriod", this.period.name(), "latestEnd", latest.toString()));
		}
	}

	/**
	 * The last day of the latest period whose data is available at {@code now}: dates are
	 * the marketplace's ({@code zone}), as a {@code dateRange} is, so a period ending on
	 * day D closes at the marketplace's midnight after it.
	 */
	LocalDate latestEnd(Instant now, ZoneId zone) {
		LocalDate candidate = LocalDate.ofInstant(now.minus(this.availabilityDelay), zone).minusDays(1);
		return this.period.end(candidate).equals(candidate) ? candidate : this.period.start(candidate).minusDays(1);
	}

	private long hours() {
		return this.availabilityDelay.toHours();
	}

	private static String day(LocalDate date) {
		return date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
	}

	private static CodedException error(String rule, String message, Map<String, Object> extensions) {
		Map<String, Object> all = new java.util.HashMap<>(extensions);
		all.put("rule", rule);
		return new CodedException(CODE, ErrorType.BAD_REQUEST, message, all);
	}

}
