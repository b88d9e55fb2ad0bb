package dev.adsgraph.products;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import dev.adsgraph.graphql.CodedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The vendor reports' date rules on a fixed clock: whole report periods (WEEK Sunday to
 * Saturday, MONTH calendar months, DAY any day) and the delay before a period's data is
 * there.
 */
class VendorReportRulesTest {

	/** Saturday 2026-12-05, noon UTC. */
	private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

	private static final ZoneId UTC = ZoneOffset.UTC;

	private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

	private static final Duration DELAY = Duration.ofHours(72);

	private static CodedException refused(VendorReportRules rules, String start, String end) {
		CodedException error = catchThrowableOfType(CodedException.class,
				() -> rules.require(LocalDate.parse(start), LocalDate.parse(end), NOW, UTC));
		assertThat(error).as("%s to %s refused", start, end).isNotNull();
		assertThat(error.code()).isEqualTo("VENDOR_REPORT_RANGE");
		return error;
	}

	@Test
	void weeksRunFromSundayToSaturday() {
		VendorReportRules weeks = new VendorReportRules(VendorReportRules.Period.WEEK, DELAY);
		assertThatCode(() -> weeks.require(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-14"), NOW, UTC))
			.doesNotThrowAnyException();
		CodedException monday = refused(weeks, "2026-11-02", "2026-11-14");
		assertThat(monday.extensions()).containsEntry("rule", "REPORT_PERIOD_ALIGNMENT")
			.containsEntry("reportPeriod", "WEEK")
			.containsEntry("suggestedStart", "2026-11-01")
			.containsEntry("suggestedEnd", "2026-11-14");
		assertThat(monday.getMessage()).contains("2026-11-02 (Monday)").contains("from Sunday to Saturday");
		assertThat(refused(weeks, "2026-11-01", "2026-11-13").extensions()).containsEntry("suggestedEnd", "2026-11-14");
	}

	@Test
	void monthsAreCalendarMonthsAndDaysAnyDay() {
		VendorReportRules months = new VendorReportRules(VendorReportRules.Period.MONTH, DELAY);
		assertThatCode(() -> months.require(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-31"), NOW, UTC))
			.doesNotThrowAnyException();
		assertThat(refused(months, "2026-10-02", "2026-10-31").extensions()).containsEntry("rule",
				"REPORT_PERIOD_ALIGNMENT");
		VendorReportRules days = new VendorReportRules(VendorReportRules.Period.DAY, DELAY);
		assertThatCode(() -> days.require(LocalDate.parse("2026-11-18"), LocalDate.parse("2026-11-29"), NOW, UTC))
			.doesNotThrowAnyException();
	}

	@Test
	void aPeriodIsAvailableOnlyTheDelayAfterItCloses() {
		// 72 hours before now is Wednesday 2026-12-02 noon: Tuesday 12-01 closed before
		// it,
		// Wednesday had not.
		VendorReportRules days = new VendorReportRules(VendorReportRules.Period.DAY, DELAY);
		assertThat(days.latestEnd(NOW, UTC)).isEqualTo(LocalDate.parse("2026-12-01"));
		assertThatCode(() -> days.require(LocalDate.parse("2026-11-25"), LocalDate.parse("2026-12-01"), NOW, UTC))
			.doesNotThrowAnyException();
		CodedException recent = refused(days, "2026-11-26", "2026-12-02");
		assertThat(recent.extensions()).containsEntry("rule", "AVAILABILITY_DELAY")
			.containsEntry("latestEnd", "2026-12-01");
		assertThat(recent.getMessage()).contains("72 hours after it closes").contains("2026-12-01 or earlier");
		// The week of 11-22 to 11-28 closed on Sunday 11-29: available since 12-02.
		VendorReportRules weeks = new VendorReportRules(VendorReportRules.Period.WEEK, DELAY);
		assertThat(weeks.latestEnd(NOW, UTC)).isEqualTo(LocalDate.parse("2026-11-28"));
		assertThat(refused(weeks, "2026-11-29", "2026-12-05").extensions()).containsEntry("rule", "AVAILABILITY_DELAY");
		VendorReportRules months = new VendorReportRules(VendorReportRules.Period.MONTH, DELAY);
		assertThat(months.latestEnd(NOW, UTC)).isEqualTo(LocalDate.parse("2026-11-30"));
		assertThat(months.latestEnd(Instant.parse("2026-12-03T23:59:59Z"), UTC))
			.isEqualTo(LocalDate.parse("2026-10-31"));
	}

	/**
	 * Days are the marketplace's: at 02:00 UTC it is still the evening before in Los
	 * Angeles, so the US marketplace's latest day is one earlier than UTC's (the sandbox
	 * answers by the marketplace's date too).
	 */
	@Test
	void daysEndInTheMarketplacesZone() {
		VendorReportRules days = new VendorReportRules(VendorReportRules.Period.DAY, DELAY);
		Instant earlyUtc = Instant.parse("2026-12-06T02:00:00Z");
		assertThat(days.latestEnd(earlyUtc, UTC)).isEqualTo(LocalDate.parse("2026-12-02"));
		assertThat(days.latestEnd(earlyUtc, LOS_ANGELES)).isEqualTo(LocalDate.parse("2026-12-01"));
		assertThatThrownBy(
				() -> days.require(LocalDate.parse("2026-12-02"), LocalDate.parse("2026-12-02"), earlyUtc, LOS_ANGELES))
			.hasMessageContaining("2026-12-01 or earlier");
	}

}
