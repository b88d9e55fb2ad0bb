package dev.adsgraph.web;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PlainDoubles} writes what Jackson's fast double writer writes, or leaves the
 * double to it.
 */
class PlainDoublesTest {

	private final JsonMapper mapper = JsonMapper.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

	/** The text written here, null when the double is left to the generator. */
	private static String plain(double value) {
		char[] out = new char[PlainDoubles.MAX_LENGTH];
		int start = PlainDoubles.write(value, out);
		return (start < 0) ? null : new String(out, start, out.length - start);
	}

	private String jackson(double value) {
		return this.mapper.writeValueAsString(value);
	}

	private void assertAsJacksonWritesEach(List<Double> values) {
		for (double value : values) {
			assertThat(plain(value)).as("%s", value).isEqualTo(jackson(value));
		}
	}

	@Test
	void ratiosOfTenSignificantDigitsAreWrittenAsJacksonWritesThem() {
		// As the schema's Metrics makes them: a quotient of two decimals, 10 digits.
		SplittableRandom random = new SplittableRandom(19);
		MathContext ratio = new MathContext(10, RoundingMode.HALF_EVEN);
		List<Double> values = new ArrayList<>();
		for (int i = 0; i < 200_000; i++) {
			BigDecimal numerator = BigDecimal.valueOf(random.nextLong(1, 10_000_000), random.nextInt(0, 3));
			BigDecimal denominator = BigDecimal.valueOf(random.nextLong(1, 10_000_000), random.nextInt(0, 3));
			double value = numerator.divide(denominator, ratio).doubleValue();
			if (value >= 1e-3 && value < 1e7) {
				values.add(random.nextBoolean() ? value : -value);
			}
		}
		assertThat(values).hasSizeGreaterThan(150_000);
		assertAsJacksonWritesEach(values);
	}

	@Test
	void decimalsOfEveryScaleUpToFourteenDigitsAreWrittenAsJacksonWritesThem() {
		SplittableRandom random = new SplittableRandom(7);
		List<Double> values = new ArrayList<>();
		for (int digits = 1; digits <= 14; digits++) {
			for (int scale = 0; scale <= 17; scale++) {
				for (int i = 0; i < 300; i++) {
					long unscaled = random.nextLong((long) Math.pow(10, digits - 1), (long) Math.pow(10, digits));
					double value = BigDecimal.valueOf(unscaled, scale).doubleValue();
					if (value >= 1e-3 && value < 1e7) {
						values.add(value);
					}
				}
			}
		}
		assertAsJacksonWritesEach(values);
	}

	@Test
	void wholeNumbersAndShortFractionsKeepOneDecimal() {
		assertThat(plain(12.0)).isEqualTo("12.0").isEqualTo(jackson(12.0));
		assertThat(plain(-100.0)).isEqualTo("-100.0").isEqualTo(jackson(-100.0));
		assertThat(plain(9_999_999.0)).isEqualTo("9999999.0").isEqualTo(jackson(9_999_999.0));
		assertThat(plain(0.1)).isEqualTo("0.1");
		assertThat(plain(0.001)).isEqualTo("0.001").isEqualTo(jackson(0.001));
		assertThat(plain(0.5)).isEqualTo("0.5");
		assertThat(plain(0.0123)).isEqualTo("0.0123");
	}

	@Test
	void doublesOutsideThePlainRangeOrOfMoreDigitsAreLeftToTheGenerator() {
		for (double value : new double[] { 0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
				Math.nextDown(1e-3), 1e7, -1e7, 1e-4, 1.5e12, Double.MIN_VALUE, Double.MAX_VALUE }) {
			assertThat(plain(value)).as("%s", value).isNull();
		}
		// 1/3, 1/7 and 0.1 + 0.2 (0.30000000000000004) need 16 and 17 significant digits.
		assertThat(plain(1.0 / 3)).isNull();
		assertThat(plain(1.0 / 7)).isNull();
		assertThat(plain(0.1 + 0.2)).isNull();
	}

	@Test
	void anyDoubleInThePlainRangeIsWrittenAsJacksonWritesItOrLeftToIt() {
		SplittableRandom random = new SplittableRandom(3);
		int written = 0;
		for (int i = 0; i < 300_000; i++) {
			double value = Math.pow(10, random.nextDouble(-3, 7));
			if (random.nextInt(3) == 0) {
				// Fewer significant digits, as amounts and ratios have.
				value = BigDecimal.valueOf(value).round(new MathContext(random.nextInt(1, 16))).doubleValue();
			}
			String plain = plain(value);
			if (plain != null) {
				written++;
				assertThat(plain).as("%s", value).isEqualTo(jackson(value));
			}
		}
		assertThat(written).isGreaterThan(50_000);
	}

}
