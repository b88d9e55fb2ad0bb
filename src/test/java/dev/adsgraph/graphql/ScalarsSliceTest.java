package dev.adsgraph.graphql;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.ScalarTypeDefinition;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.scalars.ExtendedScalars;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.idl.ScalarInfo;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The custom scalars as a client sees them: introspection gives each the description and
 * the {@code @specifiedBy} URL that {@code schema/*.graphqls} writes (docs/schema.md's
 * Scalars table repeats them), and the coercings wired in {@link ScalarsConfiguration}
 * answer and accept the wire formats those descriptions promise.
 */
@GatewayGraphQlTest
class ScalarsSliceTest {

	private static final List<String> CUSTOM = List.of("CountryCode", "Currency", "Date", "DateTime", "Decimal", "Url");

	private static final GraphQLContext CONTEXT = GraphQLContext.getDefault();

	@Autowired
	private GraphQlTester graphQlTester;

	@Test
	void introspectionDescribesEachScalarAsTheSchemaFilesDo() throws IOException {
		Map<String, ScalarTypeDefinition> written = writtenScalars();
		assertThat(written.keySet()).containsExactlyInAnyOrderElementsOf(CUSTOM);
		List<Map<String, Object>> types = this.graphQlTester
			.document("{ __schema { types { name kind description specifiedByURL } } }")
			.execute()
			.path("__schema.types")
			.entityList(Map.class)
			.get()
			.stream()
			.map((type) -> (Map<String, Object>) type)
			.filter((type) -> "SCALAR".equals(type.get("kind")) && CUSTOM.contains(type.get("name")))
			.toList();
		assertThat(types).hasSize(CUSTOM.size());
		for (Map<String, Object> type : types) {
			ScalarTypeDefinition definition = written.get((String) type.get("name"));
			assertThat(type.get("description")).as("%s's description", type.get("name"))
				.isEqualTo(definition.getDescription().getContent());
			String url = ((StringValue) definition.getDirectives("specifiedBy").get(0).getArgument("url").getValue())
				.getValue();
			assertThat(type.get("specifiedByURL")).as("%s's specifiedByURL", type.get("name")).isEqualTo(url);
			assertThat(URI.create(url).getScheme()).isEqualTo("https");
		}
	}

	@Test
	void theScalarsAnswerTheDocumentedWireFormats() {
		assertThat(serialize(ExtendedScalars.DateTime, OffsetDateTime.parse("2026-11-24T19:34:41Z")))
			.isEqualTo("2026-11-24T19:34:41.000Z");
		assertThat(serialize(ExtendedScalars.Date, LocalDate.parse("2026-11-24"))).isEqualTo("2026-11-24");
		assertThat(serialize(ExtendedScalars.Currency, Currency.getInstance("USD"))).isEqualTo("USD");
		assertThat(serialize(CountryCodeScalar.INSTANCE, "uk")).isEqualTo("GB");
		assertThat(serialize(DecimalScalar.INSTANCE, new BigDecimal("12.50"))).isEqualTo("12.50");
		assertThat(serialize(ExtendedScalars.Url, url("https://m.media-amazon.com/images/I/a.jpg")))
			.hasToString("https://m.media-amazon.com/images/I/a.jpg");
	}

	@Test
	void theScalarsAcceptTheDocumentedInputsAndRefuseOthers() {
		assertThat(parse(DecimalScalar.INSTANCE, "0.1")).isEqualTo(new BigDecimal("0.1"));
		assertThat(parse(ExtendedScalars.DateTime, "2026-11-24T19:34:41+01:00"))
			.isEqualTo(OffsetDateTime.parse("2026-11-24T19:34:41+01:00"));
		assertThat(parse(CountryCodeScalar.INSTANCE, "de")).isEqualTo("DE");
		refused(ExtendedScalars.Date, "2026-11-24T00:00:00Z");
		refused(ExtendedScalars.DateTime, "2026-11-24T00:00:00");
		refused(ExtendedScalars.Currency, "usd");
		refused(ExtendedScalars.Url, "/images/I/a.jpg");
	}

	@Test
	void longIsGoneFromTheSchema() {
		this.graphQlTester.document("{ __type(name: \"Long\") { name } }").execute().path("__type").valueIsNull();
	}

	@Test
	void moneyIsAnsweredAsAnExactDecimalStringEvenBeyondWhatADoubleHolds() {
		// 2^53 + 1 and cents: a JSON number would reach JavaScript as 9007199254740992.
		assertThat(serialize(DecimalScalar.INSTANCE, new BigDecimal("9007199254740993.07")))
			.isEqualTo("9007199254740993.07");
		assertThat(serialize(DecimalScalar.INSTANCE, new BigDecimal("0.10"))).isEqualTo("0.10");
		assertThat(serialize(DecimalScalar.INSTANCE, new BigDecimal("-3"))).isEqualTo("-3");
		// Never an exponent, whatever the BigDecimal's scale.
		assertThat(serialize(DecimalScalar.INSTANCE, new BigDecimal("9.99999999E+8"))).isEqualTo("999999999");
		assertThat(serialize(DecimalScalar.INSTANCE, new BigDecimal("1E-7"))).isEqualTo("0.0000001");
		assertThatExceptionOfType(CoercingSerializeException.class)
			.isThrownBy(() -> serialize(DecimalScalar.INSTANCE, 12.5d));
	}

	@Test
	void decimalStringsAreAcceptedExactlyInXmlSchemasForm() {
		assertThat(parse(DecimalScalar.INSTANCE, "9007199254740993.07"))
			.isEqualTo(new BigDecimal("9007199254740993.07"));
		assertThat(parse(DecimalScalar.INSTANCE, "12.50")).isEqualTo(new BigDecimal("12.50"));
		assertThat(parse(DecimalScalar.INSTANCE, "-0.5")).isEqualTo(new BigDecimal("-0.5"));
		assertThat(parse(DecimalScalar.INSTANCE, "+7")).isEqualTo(new BigDecimal("7"));
		assertThat(parse(DecimalScalar.INSTANCE, ".5")).isEqualTo(new BigDecimal("0.5"));
		assertThat(parse(DecimalScalar.INSTANCE, "5.")).isEqualTo(new BigDecimal("5"));
		assertThat(literal(StringValue.of("12.50"))).isEqualTo(new BigDecimal("12.50"));
	}

	@Test
	void aDecimalThatIsNotADecimalStringIsRefusedWithASentenceSayingWhatToSend() {
		for (String text : List.of("1e3", "12,50", "", " 1", "1 ", "NaN", "Infinity", "0x10", "-", ".", "1.2.3",
				"1".repeat(DecimalScalar.MAX_LENGTH + 1))) {
			assertThatExceptionOfType(CoercingParseValueException.class).as("refuses '%s'", text)
				.isThrownBy(() -> parse(DecimalScalar.INSTANCE, text))
				.withMessageStartingWith("Expected a decimal number as a string such as \"12.50\"")
				.withMessageContaining("no exponent");
		}
		assertThatExceptionOfType(CoercingParseValueException.class)
			.isThrownBy(() -> parse(DecimalScalar.INSTANCE, 12.5d))
			.withMessage("Expected a decimal number as a string such as \"12.50\", but got the JSON number 12.5: "
					+ "send it as a string, so that no digit is lost on the way.");
		assertThatExceptionOfType(CoercingParseValueException.class)
			.isThrownBy(() -> parse(DecimalScalar.INSTANCE, true))
			.withMessage("Expected a decimal number as a string such as \"12.50\", but got a boolean.");
		assertThatExceptionOfType(CoercingParseLiteralException.class).isThrownBy(() -> literal(FloatValue.of(12.50)))
			.withMessageContaining("but got the number 12.5: put it in quotes (\"12.5\")");
		assertThatExceptionOfType(CoercingParseLiteralException.class).isThrownBy(() -> literal(IntValue.of(12)))
			.withMessageContaining("but got the number 12: put it in quotes (\"12\")");
	}

	private static Map<String, ScalarTypeDefinition> writtenScalars() throws IOException {
		TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
		try (Stream<Path> files = Files.list(Path.of("schema"))) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".graphqls")).toList()) {
				registry.merge(new SchemaParser().parse(Files.readString(file)));
			}
		}
		return registry.scalars()
			.values()
			.stream()
			.filter((scalar) -> !ScalarInfo.isGraphqlSpecifiedScalar(scalar.getName()))
			.collect(Collectors.toMap(ScalarTypeDefinition::getName, (scalar) -> scalar));
	}

	private static java.net.URL url(String url) {
		try {
			return URI.create(url).toURL();
		}
		catch (java.net.MalformedURLException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static Object serialize(graphql.schema.GraphQLScalarType scalar, Object value) {
		return ((Coercing<Object, Object>) scalar.getCoercing()).serialize(value, CONTEXT, Locale.ROOT);
	}

	@SuppressWarnings("unchecked")
	private static Object parse(graphql.schema.GraphQLScalarType scalar, Object value) {
		return ((Coercing<Object, Object>) scalar.getCoercing()).parseValue(value, CONTEXT, Locale.ROOT);
	}

	@SuppressWarnings("unchecked")
	private static Object literal(Value<?> value) {
		return ((Coercing<Object, Object>) DecimalScalar.INSTANCE.getCoercing()).parseLiteral(value,
				CoercedVariables.emptyVariables(), CONTEXT, Locale.ROOT);
	}

	private static void refused(graphql.schema.GraphQLScalarType scalar, Object value) {
		assertThatExceptionOfType(CoercingParseValueException.class).as("%s refuses %s", scalar.getName(), value)
			.isThrownBy(() -> parse(scalar, value));
	}

}
