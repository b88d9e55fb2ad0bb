package dev.adsgraph.graphql;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

/**
 * Exact decimal numbers as JSON strings ({@code "12.50"}), for amounts of money. A JSON
 * number would be read by JavaScript's {@code JSON.parse} into a binary double, exact to
 * about 15 significant digits, so cents are lost on large amounts before any client code
 * sees them; a string keeps every digit. Numbers are refused on input for the same
 * reason: a JSON number may have lost digits before it reached the gateway.
 * <p>
 * The lexical form is XML Schema 1.1's {@code decimal} (the {@code @specifiedBy} URL): an
 * optional sign, digits, an optional decimal point and digits, no exponent.
 */
final class DecimalScalar {

	/** XML Schema 1.1, Part 2, {@code decimalLexicalRep}. */
	private static final Pattern LEXICAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");

	/**
	 * Longer input is refused before it is parsed: far beyond any amount of money, and
	 * XML Schema lets an implementation limit the digits it supports.
	 */
	static final int MAX_LENGTH = 64;

	static final GraphQLScalarType INSTANCE = GraphQLScalarType.newScalar()
		.name("Decimal")
		.description("An exact decimal number as a string (`\"12.50\"`).")
		.coercing(new Coercing<BigDecimal, String>() {

			@Override
			public String serialize(Object value, GraphQLContext context, Locale locale) {
				if (value instanceof BigDecimal decimal) {
					return decimal.toPlainString();
				}
				throw new CoercingSerializeException(
						"Expected a BigDecimal for Decimal, got " + ((value != null) ? value.getClass() : "null"));
			}

			@Override
			public BigDecimal parseValue(Object input, GraphQLContext context, Locale locale) {
				if (input instanceof String text) {
					BigDecimal decimal = parse(text);
					if (decimal != null) {
						return decimal;
					}
					throw new CoercingParseValueException(notADecimal(text));
				}
				throw new CoercingParseValueException(notAString(input));
			}

			@Override
			public BigDecimal parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
					Locale locale) {
				if (input instanceof StringValue string) {
					BigDecimal decimal = parse(string.getValue());
					if (decimal != null) {
						return decimal;
					}
					throw new CoercingParseLiteralException(notADecimal(string.getValue()));
				}
				if (input instanceof IntValue number) {
					throw new CoercingParseLiteralException(aLiteralNumber(number.getValue().toString()));
				}
				if (input instanceof FloatValue number) {
					throw new CoercingParseLiteralException(aLiteralNumber(number.getValue().toPlainString()));
				}
				throw new CoercingParseLiteralException(notAString(input));
			}

			@Override
			public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
				return StringValue.of(serialize(input, context, locale));
			}

		})
		.build();

	private DecimalScalar() {
	}

	private static BigDecimal parse(String text) {
		if (text.length() > MAX_LENGTH || !LEXICAL.matcher(text).matches()) {
			return null;
		}
		return new BigDecimal(text);
	}

	private static String notADecimal(String text) {
		return "Expected a decimal number as a string such as \"12.50\" (an optional sign, digits and a decimal "
				+ "point, no exponent, at most " + MAX_LENGTH + " characters), but got " + Ids.quote(text) + ".";
	}

	private static String aLiteralNumber(String digits) {
		return "Expected a decimal number as a string such as \"12.50\", but got the number " + digits
				+ ": put it in quotes (\"" + digits + "\"), as amounts are answered.";
	}

	private static String notAString(Object input) {
		if (input instanceof Number number) {
			return "Expected a decimal number as a string such as \"12.50\", but got the JSON number " + number
					+ ": send it as a string, so that no digit is lost on the way.";
		}
		return "Expected a decimal number as a string such as \"12.50\", but got " + kindOf(input) + ".";
	}

	private static String kindOf(Object input) {
		if (input instanceof Boolean || input instanceof BooleanValue) {
			return "a boolean";
		}
		if (input instanceof Map || input instanceof ObjectValue) {
			return "an object";
		}
		if (input instanceof List || input instanceof ArrayValue) {
			return "a list";
		}
		return "a value that is not a string";
	}

}
