package dev.adsgraph.upstream.ads;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a downloaded report, column name to JSON value, whatever the report type.
 * Numbers with a fraction are read as {@link BigDecimal} so money keeps the exact value
 * Amazon wrote. The typed accessors answer null for a column that is absent or null, and
 * fail for a value that has the wrong type, which would mean the report is not what we
 * asked for.
 */
public record ReportRow(Map<String, Object> values) {

	public ReportRow {
		// Report values may be null (a metric without activity), which Map.copyOf
		// refuses.
		values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
	}

	public Object get(String column) {
		return this.values.get(column);
	}

	public String string(String column) {
		Object value = this.values.get(column);
		return (value != null) ? value.toString() : null;
	}

	public Long longValue(String column) {
		Object value = this.values.get(column);
		if (value == null) {
			return null;
		}
		try {
			if (value instanceof Integer || value instanceof Long || value instanceof Short) {
				return ((Number) value).longValue();
			}
			// A whole number beyond long, or written as 12.0 or "12": exact or an error,
			// never rounded.
			return decimal(column).longValueExact();
		}
		catch (ArithmeticException ex) {
			throw wrongType(column, value, "an integer");
		}
	}

	public BigDecimal decimal(String column) {
		Object value = this.values.get(column);
		if (value == null) {
			return null;
		}
		if (value instanceof BigDecimal decimal) {
			return decimal;
		}
		if (value instanceof BigInteger integer) {
			return new BigDecimal(integer);
		}
		if (value instanceof Integer || value instanceof Long || value instanceof Short) {
			return BigDecimal.valueOf(((Number) value).longValue());
		}
		if (value instanceof String text) {
			try {
				return new BigDecimal(text.trim());
			}
			catch (NumberFormatException ex) {
				throw wrongType(column, value, "a number");
			}
		}
		// A double would only come from a parser set up without big decimals; its decimal
		// text
		// is the shortest one that reads back as the same double, the closest we can get.
		if (value instanceof Number number) {
			return new BigDecimal(number.toString());
		}
		throw wrongType(column, value, "a number");
	}

	/**
	 * A {@code YYYY-MM-DD} column such as {@code date}, {@code startDate} or
	 * {@code endDate}.
	 */
	public LocalDate date(String column) {
		Object value = this.values.get(column);
		if (value == null) {
			return null;
		}
		try {
			return LocalDate.parse(value.toString());
		}
		catch (DateTimeParseException ex) {
			throw wrongType(column, value, "a YYYY-MM-DD date");
		}
	}

	private static IllegalArgumentException wrongType(String column, Object value, String expected) {
		return new IllegalArgumentException(
				"report column " + column + " is " + value.getClass().getSimpleName() + ", not " + expected);
	}

}
