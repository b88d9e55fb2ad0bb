package dev.adsgraph.graphql;

import java.util.Locale;
import java.util.Set;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.EnumValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

/**
 * ISO 3166-1 alpha-2 country codes as plain strings. Our own rather than the extended
 * scalar so a wrong value gets a sentence for a person instead of a Java enum lookup
 * failure, and so Amazon's {@code UK} is accepted on input and answered as {@code GB}.
 */
final class CountryCodeScalar {

	private static final Set<String> ISO = Set.of(Locale.getISOCountries());

	static final GraphQLScalarType INSTANCE = GraphQLScalarType.newScalar()
		.name("CountryCode")
		.description("An ISO 3166-1 alpha-2 country code (`US`, `GB`, `DE`).")
		.coercing(new Coercing<String, String>() {

			@Override
			public String serialize(Object value, GraphQLContext context, Locale locale) {
				String code = normalise(value);
				if (code == null) {
					throw new CoercingSerializeException("Not a country code");
				}
				return code;
			}

			@Override
			public String parseValue(Object input, GraphQLContext context, Locale locale) {
				String code = normalise(input);
				if (code == null) {
					throw new CoercingParseValueException(message(input));
				}
				return code;
			}

			@Override
			public String parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
					Locale locale) {
				// A bare literal (`countryCode: US`) is accepted as well as a string: it
				// reads naturally.
				String text = (input instanceof StringValue s) ? s.getValue()
						: (input instanceof EnumValue e) ? e.getName() : null;
				String code = normalise(text);
				if (code == null) {
					throw new CoercingParseLiteralException(message(text));
				}
				return code;
			}

			@Override
			public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
				return StringValue.of(serialize(input, context, locale));
			}

		})
		.build();

	private CountryCodeScalar() {
	}

	private static String normalise(Object value) {
		if (!(value instanceof String s) || s.length() != 2) {
			return null;
		}
		String upper = s.toUpperCase(Locale.ROOT);
		if ("UK".equals(upper)) {
			return "GB";
		}
		return ISO.contains(upper) ? upper : null;
	}

	private static String message(Object input) {
		String shown = (input instanceof String s) ? "'" + Ids.quote(s).replace("\"", "") + "'" : "this value";
		return "Expected an ISO 3166-1 alpha-2 country code such as US, GB or DE, but got " + shown + ".";
	}

}
