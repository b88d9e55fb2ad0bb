package dev.adsgraph.products;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import dev.adsgraph.graphql.BadUserInputException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which date ranges the product queries accept, read against a fixed clock: half an hour
 * before midnight UTC, when the earliest time zone (UTC+14) is already on the next day.
 */
class DateRangeLimitsTest {

	private static final Clock LATE_EVENING = Clock.fixed(Instant.parse("2026-03-01T23:30:00Z"), ZoneOffset.UTC);

	private final ProductService service = new ProductService(null, null, null, null, new ProductsProperties(100, 31,
			95, Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofHours(6), Duration.ofMinutes(5)), LATE_EVENING);

	private void check(String start, String end) {
		this.service.requireRange(new ProductService.DateRange(LocalDate.parse(start), LocalDate.parse(end)));
	}

	@Test
	void theLatestDayIsTodayInTheEarliestTimeZone() {
		assertThatCode(() -> check("2026-03-01", "2026-03-02")).doesNotThrowAnyException();
		assertThatThrownBy(() -> check("2026-03-01", "2026-03-03")).isInstanceOf(BadUserInputException.class)
			.hasMessageContaining("2026-03-03 is in the future");
	}

	@Test
	void theEarliestDayIsTheLookbackBeforeTodayInUtc() {
		// 95 days before 2026-03-01.
		assertThatCode(() -> check("2025-11-26", "2025-12-01")).doesNotThrowAnyException();
		assertThatThrownBy(() -> check("2025-11-25", "2025-12-01")).isInstanceOf(BadUserInputException.class)
			.hasMessageContaining("within the last 95 days");
	}

}
