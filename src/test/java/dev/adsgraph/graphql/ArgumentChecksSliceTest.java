package dev.adsgraph.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import graphql.TrivialDataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLSchema;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arguments checked before execution ({@link ArgumentChecksInstrumentation}): one error
 * per refused argument of a field, naming it, with the field null and its siblings kept.
 * The fan-out over a list of profiles is tested end to end
 * ({@code e2e.DailyPerformanceTest}); here, what needs no answer from Amazon.
 */
@GatewayGraphQlTest
class ArgumentChecksSliceTest {

	private static final String BAD_RANGE = "{start: \"2026-01-02\", end: \"2026-01-01\"}";

	@Autowired
	private GraphQlTester graphQlTester;

	@Autowired
	private ArgumentChecksInstrumentation instrumentation;

	@Autowired
	private GraphQlSource graphQlSource;

	@Test
	void everyCheckedFieldIsNullableSoARefusalNullsOnlyItself() {
		GraphQLSchema schema = this.graphQlSource.schema();
		Map<FieldCoordinates, Map<String, ArgumentRules.Check>> checked = this.instrumentation.rules().byField();
		assertThat(checked).containsKeys(FieldCoordinates.coordinates("Profile", "performance"),
				FieldCoordinates.coordinates("Profile", "products"), FieldCoordinates.coordinates("Query", "products"));
		checked.forEach((coordinates, checks) -> {
			GraphQLFieldDefinition field = schema.getFieldDefinition(coordinates);
			assertThat(field).as("%s", coordinates).isNotNull();
			assertThat(field.getType()).as("%s's type", coordinates).isNotInstanceOf(GraphQLNonNull.class);
			// The instrumentation passes trivial fetchers by without a look.
			assertThat(schema.getCodeRegistry().getDataFetcher(coordinates, field)).as("%s's fetcher", coordinates)
				.isNotInstanceOf(TrivialDataFetcher.class);
			checks.keySet()
				.forEach((argument) -> assertThat(field.getArgument(argument)).as("%s(%s:)", coordinates, argument)
					.isNotNull());
		});
	}

	@Test
	void theInstrumentationsRunInTheLeanChain() {
		assertThat(this.graphQlSource.graphQl().getInstrumentation()).isInstanceOfSatisfying(
				LeanInstrumentationChain.class,
				(chain) -> assertThat(chain.getInstrumentations()).contains(this.instrumentation)
					.hasSizeGreaterThan(1));
	}

	@Test
	void eachRefusedArgumentIsOneErrorNamingItAndTheOtherRootFieldsStay() {
		GraphQlTester.Response response = this.graphQlTester
			.document("{ __typename products(marketplaceId: \"NOPE\", asins: [], dateRange: " + BAD_RANGE
					+ ") { nodes { asin } } }")
			.execute();
		List<ResponseError> errors = errors(response);
		assertThat(errors).extracting((error) -> error.getExtensions().get("argument"))
			.containsExactly("marketplaceId", "asins", "dateRange");
		assertThat(errors).allSatisfy((error) -> {
			assertThat(error.getExtensions()).containsEntry("code", "BAD_USER_INPUT")
				.containsEntry("correlationId", SliceTester.CORRELATION_ID);
			assertThat(error.getPath()).isEqualTo("products");
			assertThat(error.getMessage()).contains((String) error.getExtensions().get("argument"));
		});
		response.path("__typename").entity(String.class).isEqualTo("Query");
		response.path("products").valueIsNull();
	}

	@Test
	void aFieldThatNoItemReachesIsNeitherRunNorReported() {
		// No profile answers (the upstream is unreachable here), so nothing reaches
		// performance: like any field that does not run, it has no error.
		GraphQlTester.Response response = this.graphQlTester
			.document("{ profile(id: \"1\") { id performance(dateRange: " + BAD_RANGE + ") { metrics { ctr } } } }")
			.execute();
		assertThat(errors(response)).singleElement()
			.satisfies((error) -> assertThat(error.getPath()).isEqualTo("profile"));
		response.path("profile").valueIsNull();
	}

	@Test
	void twoAliasesOfAFieldAreTwoFieldsEachReportedOnce() {
		GraphQlTester.Response response = this.graphQlTester
			.document("{ a: termsToken(token: \"\") { status } b: termsToken(token: \"x\") { status } }")
			.execute();
		assertThat(errors(response)).extracting(ResponseError::getPath).containsExactly("a", "b");
		assertThat(errors(response))
			.allSatisfy((error) -> assertThat(error.getExtensions()).containsEntry("argument", "token"));
	}

	@Test
	void aValidArgumentIsNotReported() {
		GraphQlTester.Response response = this.graphQlTester
			.document("query($f: Int) { __typename adsAccounts(first: $f) { nodes { id } } }")
			.variable("f", 5)
			.execute();
		assertThat(errors(response))
			.noneSatisfy((error) -> assertThat(error.getExtensions().get("code")).isEqualTo("BAD_USER_INPUT"));
	}

	@Test
	void variablesAreCheckedWithTheirValues() {
		GraphQlTester.Response response = this.graphQlTester
			.document("query($f: Int, $a: String) { adsAccounts(first: $f, after: $a) { nodes { id } } }")
			.variable("f", 0)
			.variable("a", "not a cursor")
			.execute();
		assertThat(errors(response)).extracting((error) -> error.getExtensions().get("argument"))
			.containsExactly("first", "after");
	}

	private static List<ResponseError> errors(GraphQlTester.Response response) {
		List<ResponseError> errors = new ArrayList<>();
		response.errors().satisfy(errors::addAll);
		return errors;
	}

}
