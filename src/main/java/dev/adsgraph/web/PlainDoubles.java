package dev.adsgraph.web;

/**
 * Writes a double as Jackson's fast double writer does (Schubfach's shortest decimal that
 * reads back as the same double, as {@code Double.toString} writes it from Java 19),
 * without its general algorithm, for the doubles a result is mostly made of: ratios and
 * shares of a few significant digits, between 10<sup>-3</sup> and 10<sup>7</sup>, where
 * that decimal is written without an exponent ({@code 0.1234}, {@code 12.0}). Any other
 * double is left to the caller's generator.
 * <p>
 * How: with <i>e</i> the double's decimal exponent, the integer <i>m</i> nearest to
 * <i>d</i>·10<sup>13−<i>e</i></sup> (14 digits at most) is exact when <i>m</i> divided by
 * the same power, a correctly rounded division, gives back <i>d</i>: then the decimal
 * <i>m</i>·10<sup><i>e</i>−13</sup> reads back as <i>d</i>, and no other decimal of that
 * scale does (the double's spacing there is below a fortieth of a unit of <i>m</i>'s last
 * digit). The shortest decimal that reads back as <i>d</i> is then <i>m</i> without its
 * trailing zeros: a shorter one would be a decimal of a smaller scale, which written at
 * this scale is <i>m</i> itself. A double that needs more than 14 significant digits is
 * not exact at that scale and is left to the generator.
 */
final class PlainDoubles {

	/** The longest text written: a sign, 7 digits, a point and 16 decimals. */
	static final int MAX_LENGTH = 25;

	/** 10<sup>0</sup> to 10<sup>16</sup>, each exact as a double. */
	private static final double[] POWERS = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
			1e14, 1e15, 1e16 };

	/** 10<sup>-3</sup> to 10<sup>6</sup>, the doubles nearest to them. */
	private static final double[] EXPONENTS = { 1e-3, 1e-2, 1e-1, 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6 };

	private static final int SIGNIFICANT = 14;

	private PlainDoubles() {
	}

	/**
	 * Writes the double's text into the end of {@code out} (at least {@link #MAX_LENGTH}
	 * long).
	 * @return where the text starts in {@code out} (it ends at {@code out.length}), or -1
	 * when the double is not one written here
	 */
	static int write(double value, char[] out) {
		double magnitude = Math.abs(value);
		if (!(magnitude >= 1e-3 && magnitude < 1e7)) {
			return -1;
		}
		int exponent = exponent(magnitude);
		int scale = SIGNIFICANT - 1 - exponent;
		double power = POWERS[scale];
		long digits = Math.round(magnitude * power);
		if (digits / power != magnitude) {
			return -1;
		}
		while (scale > 0 && digits % 10 == 0) {
			digits /= 10;
			scale--;
		}
		int at = out.length;
		if (scale == 0) {
			out[--at] = '0';
		}
		for (int i = 0; i < scale; i++) {
			out[--at] = (char) ('0' + (int) (digits % 10));
			digits /= 10;
		}
		out[--at] = '.';
		do {
			out[--at] = (char) ('0' + (int) (digits % 10));
			digits /= 10;
		}
		while (digits != 0);
		if (value < 0) {
			out[--at] = '-';
		}
		return at;
	}

	/**
	 * The decimal exponent of a magnitude from 10<sup>-3</sup> up to 10<sup>7</sup>,
	 * counted up from the smallest (ratios are mostly below 10).
	 */
	private static int exponent(double magnitude) {
		int exponent = -3;
		while (exponent < 6 && magnitude >= EXPONENTS[exponent + 4]) {
			exponent++;
		}
		return exponent;
	}

}
