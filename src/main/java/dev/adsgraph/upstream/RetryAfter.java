package dev.adsgraph.upstream;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads a {@code Retry-After} header, for every upstream alike. */
public final class RetryAfter {

	private RetryAfter() {
	}

	/**
	 * Delay-seconds or an HTTP-date (RFC 9110 section 10.2.3); null when absent or
	 * unreadable, as an unreadable hint is no hint and the caller's own backoff applies.
	 */
	public static Duration parse(String value, Clock clock) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.trim();
		try {
			if (trimmed.chars().allMatch(Character::isDigit)) {
				return Duration.ofSeconds(Long.parseLong(trimmed));
			}
			ZonedDateTime date = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
			Duration delay = Duration.between(clock.instant(), date.toInstant());
			return delay.isNegative() ? Duration.ZERO : delay;
		}
		catch (NumberFormatException | DateTimeParseException ex) {
			return null;
		}
	}

}
