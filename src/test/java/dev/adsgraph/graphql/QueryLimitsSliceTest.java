package dev.adsgraph.graphql;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Query cost controls ({@code adsgraph.limits.*}, defaults) on the gateway's schema: for
 * each limit, just under passes, just over is refused before any resolver runs, with the
 * limit's name and value and the request's correlation id. Limits that need Amazon's data
 * to pass, and the HTTP body limits, are tested end to end ({@code e2e.QueryLimitsTest}).
 */
@GatewayGraphQlTest
class QueryLimitsSliceTest {

	@Autowired
	private GraphQlTester graphQlTester;

	/** Checks that the document was refused by {@code limit} at {@code max}. */
	private ResponseError refused(GraphQlTester.Response response, String code, String limit, long max) {
		ResponseError[] refusal = new ResponseError[1];
		response.errors().satisfy((errors) -> {
			assertThat(errors).hasSize(1);
			refusal[0] = errors.get(0);
		});
		ResponseError error = refusal[0];
		assertThat(error.getExtensions()).containsEntry("code", code)
			.containsEntry("limit", limit)
			.containsEntry("correlationId", SliceTester.CORRELATION_ID);
		assertThat(((Number) error.getExtensions().get("max")).longValue()).isEqualTo(max);
		assertThat(error.getMessage()).contains(limit).contains(String.valueOf(max));
		assertThat((Object) response.returnResponse().getData()).as("no field was resolved").isNull();
		return error;
	}

	private static String aliases(int n) {
		return "{ " + IntStream.range(0, n).mapToObj((i) -> "a" + i + ": __typename").collect(Collectors.joining(" "))
				+ " }";
	}

	@Test
	void thirtyAliasesPassAndThirtyOneAreRefused() {
		this.graphQlTester.document(aliases(30)).execute().path("a29").entity(String.class).isEqualTo("Query");
		refused(this.graphQlTester.document(aliases(31)).execute(), "QUERY_TOO_COMPLEX", "maxAliases", 30);
	}

	@Test
	void aDocumentOfTwentyThousandCharactersPassesOneMoreIsRefused() {
		String query = "{ __typename }";
		String padded = query + " ".repeat(20_000 - query.length());
		assertThat(padded).hasSize(20_000);
		this.graphQlTester.document(padded).execute().path("__typename").entity(String.class).isEqualTo("Query");
		refused(this.graphQlTester.document(padded + " ").execute(), "QUERY_TOO_COMPLEX", "maxDocumentChars", 20_000);
	}

	@Test
	void fiveOperationsPassSixAreRefused() {
		String five = IntStream.range(0, 5)
			.mapToObj((i) -> "query Q" + i + " { __typename }")
			.collect(Collectors.joining(" "));
		this.graphQlTester.document(five)
			.operationName("Q3")
			.execute()
			.path("__typename")
			.entity(String.class)
			.isEqualTo("Query");
		refused(this.graphQlTester.document(five + " query Q5 { __typename }").operationName("Q5").execute(),
				"QUERY_TOO_COMPLEX", "maxOperations", 5);
	}

	@Test
	void graphiqlsIntrospectionQueryIsNotLimitedByDepth() {
		this.graphQlTester.documentName("deepIntrospection")
			.execute()
			.path("__schema.types")
			.entityList(Object.class)
			.hasSizeGreaterThan(0);
	}

	@Test
	void introspectionIsOnByDefault() {
		this.graphQlTester.documentName("queryTypeName")
			.execute()
			.path("__schema.queryType.name")
			.entity(String.class)
			.isEqualTo("Query");
	}

	@Test
	void aPageOfAccountsOneOverTheComplexityLimitIsRefused() {
		ResponseError error = refused(
				this.graphQlTester.documentName("adsAccountsPageOverComplexity").variable("n", 100).execute(),
				"QUERY_TOO_COMPLEX", "maxComplexity", 10_000);
		assertThat(error.getMessage()).contains("10001");
	}

	@Test
	void aHundredAndOneAsinsAcrossProductsFieldsAreRefused() {
		List<String> fifty = IntStream.range(0, 50).mapToObj((i) -> "B0LIMIT%03d".formatted(i)).toList();
		List<String> fiftyOne = IntStream.range(0, 51).mapToObj((i) -> "B0LIMIT%03d".formatted(i)).toList();
		refused(this.graphQlTester.documentName("productsOfTwoLists")
			.variables(Map.of("a", fiftyOne, "b", fifty, "s", "2026-01-01", "e", "2026-01-07"))
			.execute(), "BAD_USER_INPUT", "maxAsins", 100);
	}

}
