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
import graphql.language.ScalarTypeDefinition;
import graphql.language.StringValue;
import graphql.scalars.ExtendedScalars;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseValueException;
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

	private static final List<String> CUSTOM = List.of("BigDecimal", "CountryCode", "Currency", "Date", "DateTime",
			"Long", "Url");

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
		assertThat(serialize(ExtendedScalars.GraphQLLong, 9_007_199_254_740_993L)).isEqualTo(9_007_199_254_740_993L);
		assertThat(serialize(ExtendedScalars.GraphQLBigDecimal, new BigDecimal("12.50")))
			.isEqualTo(new BigDecimal("12.50"));
		assertThat(serialize(ExtendedScalars.Url, url("https://m.media-amazon.com/images/I/a.jpg")))
			.hasToString("https://m.media-amazon.com/images/I/a.jpg");
	}

	@Test
	void theScalarsAcceptTheDocumentedInputsAndRefuseOthers() {
		assertThat(parse(ExtendedScalars.GraphQLLong, "9007199254740993")).isEqualTo(9_007_199_254_740_993L);
		assertThat(parse(ExtendedScalars.GraphQLBigDecimal, "0.1")).isEqualTo(new BigDecimal("0.1"));
		assertThat(parse(ExtendedScalars.DateTime, "2026-11-24T19:34:41+01:00"))
			.isEqualTo(OffsetDateTime.parse("2026-11-24T19:34:41+01:00"));
		assertThat(parse(CountryCodeScalar.INSTANCE, "de")).isEqualTo("DE");
		refused(ExtendedScalars.Date, "2026-11-24T00:00:00Z");
		refused(ExtendedScalars.DateTime, "2026-11-24T00:00:00");
		refused(ExtendedScalars.Currency, "usd");
		refused(ExtendedScalars.Url, "/images/I/a.jpg");
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

	private static void refused(graphql.schema.GraphQLScalarType scalar, Object value) {
		assertThatExceptionOfType(CoercingParseValueException.class).as("%s refuses %s", scalar.getName(), value)
			.isThrownBy(() -> parse(scalar, value));
	}

}
