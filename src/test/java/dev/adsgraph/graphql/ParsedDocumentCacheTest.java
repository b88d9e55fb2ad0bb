package dev.adsgraph.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;

import dev.adsgraph.caching.CacheMetrics;
import dev.adsgraph.testing.ConfigurationBinding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ParsedDocumentCacheTest {

	private static final GraphQLSchema SCHEMA = new SchemaGenerator().makeExecutableSchema(
			new SchemaParser().parse("type Query { greeting(name: String): String }"),
			RuntimeWiring.newRuntimeWiring()
				.type("Query", (type) -> type.dataFetcher("greeting", (env) -> "hello " + env.getArgument("name")))
				.build());

	private final List<String> parsed = new ArrayList<>();

	private GraphQL graphQl(long maxChars) {
		// Evictions on this thread: the bound holds as soon as a document is stored.
		ParsedDocumentCache cache = new ParsedDocumentCache(maxChars, CacheMetrics.NONE, Runnable::run);
		return GraphQL.newGraphQL(SCHEMA).preparsedDocumentProvider((input, parseAndValidate) -> {
			return cache.getDocumentAsync(input, (in) -> {
				this.parsed.add(in.getQuery());
				return parseAndValidate.apply(in);
			});
		}).build();
	}

	private static ExecutionResult run(GraphQL graphQl, String query, Map<String, Object> variables) {
		return graphQl.execute(ExecutionInput.newExecutionInput(query).variables(variables).build());
	}

	@Test
	void theSameDocumentWithOtherVariablesIsParsedOnceAndAnsweredWithItsOwnVariables() {
		GraphQL graphQl = graphQl(10_000);
		String query = "query Greet($n: String) { greeting(name: $n) }";
		ExecutionResult first = run(graphQl, query, Map.of("n", "Ann"));
		ExecutionResult second = run(graphQl, query, Map.of("n", "Bob"));
		assertThat(first.getErrors()).isEmpty();
		assertThat((Map<String, Object>) first.getData()).containsEntry("greeting", "hello Ann");
		assertThat((Map<String, Object>) second.getData()).containsEntry("greeting", "hello Bob");
		assertThat(this.parsed).containsExactly(query);
	}

	@Test
	void anInvalidDocumentIsRefusedEveryTimeWithItsValidationErrors() {
		GraphQL graphQl = graphQl(10_000);
		for (int i = 0; i < 2; i++) {
			ExecutionResult result = run(graphQl, "{ nope }", Map.of());
			assertThat(result.getErrors()).singleElement()
				.satisfies((error) -> assertThat(error.getMessage()).contains("nope"));
		}
		ExecutionResult syntax = run(graphQl, "{ greeting(", Map.of());
		assertThat(syntax.getErrors()).singleElement()
			.satisfies((error) -> assertThat(error.getErrorType().toString()).isEqualTo("InvalidSyntax"));
		assertThat(this.parsed).containsExactly("{ nope }", "{ greeting(");
	}

	@Test
	void documentsBeyondTheTotalLengthAreParsedAgain() {
		GraphQL graphQl = graphQl(60);
		List<String> documents = List.of("query A { greeting(name: \"a\") }", "query B { greeting(name: \"b\") }",
				"query C { greeting(name: \"c\") }");
		for (String document : documents) {
			run(graphQl, document, Map.of());
		}
		int afterFirstRound = this.parsed.size();
		for (String document : documents) {
			run(graphQl, document, Map.of());
		}
		// At most one of three 31-character documents fits in 60 characters: most are
		// parsed again.
		assertThat(afterFirstRound).isEqualTo(3);
		assertThat(this.parsed.size()).isGreaterThanOrEqualTo(5);
	}

	@Test
	void aNegativeSizeIsRefusedNamingTheProperty() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> ConfigurationBinding.bind(DocumentCacheProperties.class,
					"adsgraph.graphql.document-cache.max-chars=-1"))
			.satisfies((ex) -> assertThat(ConfigurationBinding.problems(ex))
				.isEqualTo("adsgraph.graphql.document-cache.max-chars: must be greater than or equal to 0\n"));
		assertThat(ConfigurationBinding.bind(DocumentCacheProperties.class).maxChars()).isEqualTo(2_000_000L);
	}

}
