package dev.adsgraph.graphql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.preparsed.persisted.PersistedQuerySupport;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;

import dev.adsgraph.caching.CacheMetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link PersistedQueries} over graphql-java alone, with the real
 * {@link ParsedDocumentCache} and {@link CaffeinePersistedQueryStore}; the store's bound;
 * the manifests of {@link TrustedDocuments}.
 */
class PersistedQueriesUnitTest {

	private static final GraphQLSchema SCHEMA = new SchemaGenerator().makeExecutableSchema(
			new SchemaParser().parse("type Query { greeting(name: String): String }"),
			RuntimeWiring.newRuntimeWiring()
				.type("Query", (type) -> type.dataFetcher("greeting", (env) -> "hello " + env.getArgument("name")))
				.build());

	private static final String QUERY = "query Greet($n: String) { greeting(name: $n) }";

	private final List<String> parsed = new ArrayList<>();

	private GraphQL graphQl(PersistedQueryStore store, TrustedDocuments trusted) {
		ParsedDocumentCache cache = new ParsedDocumentCache(10_000, CacheMetrics.NONE, Runnable::run);
		PersistedQueries persisted = new PersistedQueries(store, trusted,
				(input, parseAndValidate) -> cache.getDocumentAsync(input, (in) -> {
					this.parsed.add(in.getQuery());
					return parseAndValidate.apply(in);
				}));
		return GraphQL.newGraphQL(SCHEMA).preparsedDocumentProvider(persisted).build();
	}

	private static ExecutionResult run(GraphQL graphQl, String query, String hash) {
		ExecutionInput.Builder input = ExecutionInput
			.newExecutionInput((query != null) ? query : PersistedQuerySupport.PERSISTED_QUERY_MARKER)
			.variables(Map.of("n", "Ann"));
		if (hash != null) {
			input.extensions(Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)));
		}
		return graphQl.execute(input.build());
	}

	private static String code(ExecutionResult result) {
		assertThat(result.getErrors()).hasSize(1);
		return (String) result.getErrors().get(0).getExtensions().get("code");
	}

	@Test
	void notFoundThenRegisteredThenFoundAndParsedOnceWhicheverWayTheDocumentCame() {
		GraphQL graphQl = graphQl(new CaffeinePersistedQueryStore(10_000, CacheMetrics.NONE, Runnable::run), null);
		String hash = PersistedQueries.sha256(QUERY);
		ExecutionResult missing = run(graphQl, null, hash);
		assertThat(code(missing)).isEqualTo(ErrorCodes.PERSISTED_QUERY_NOT_FOUND);
		assertThat(missing.getErrors().get(0).getMessage()).isEqualTo("PersistedQueryNotFound");
		assertThat(run(graphQl, QUERY, hash).getErrors()).isEmpty();
		ExecutionResult hit = run(graphQl, null, hash.toUpperCase(java.util.Locale.ROOT));
		assertThat(hit.getErrors()).isEmpty();
		assertThat((Map<String, Object>) hit.getData()).containsEntry("greeting", "hello Ann");
		assertThat(run(graphQl, QUERY, null).getErrors()).isEmpty();
		assertThat(this.parsed).containsExactly(QUERY);
	}

	@Test
	void aWrongHashOrVersionIsRefusedAndRegistersNothing() {
		CaffeinePersistedQueryStore store = new CaffeinePersistedQueryStore(10_000, CacheMetrics.NONE, Runnable::run);
		GraphQL graphQl = graphQl(store, null);
		String wrong = PersistedQueries.sha256(QUERY + " ");
		assertThat(code(run(graphQl, QUERY, wrong))).isEqualTo(ErrorCodes.PERSISTED_QUERY_HASH_MISMATCH);
		assertThat(store.get(wrong).block()).isNull();
		ExecutionResult version2 = graphQl.execute(ExecutionInput.newExecutionInput(QUERY)
			.extensions(Map.of("persistedQuery", Map.of("version", 2, "sha256Hash", PersistedQueries.sha256(QUERY))))
			.build());
		assertThat(code(version2)).isEqualTo(ErrorCodes.BAD_REQUEST);
		assertThat(this.parsed).isEmpty();
	}

	@Test
	void withoutAStoreAHashIsNotSupportedAndAPlainDocumentRuns() {
		GraphQL graphQl = graphQl(null, null);
		ExecutionResult result = run(graphQl, QUERY, PersistedQueries.sha256(QUERY));
		assertThat(code(result)).isEqualTo(ErrorCodes.PERSISTED_QUERY_NOT_SUPPORTED);
		assertThat(result.getErrors().get(0).getMessage()).isEqualTo("PersistedQueryNotSupported");
		assertThat(run(graphQl, QUERY, null).getErrors()).isEmpty();
	}

	@Test
	void trustedDocumentsRunOnlyTheListedOnesAndRegisterNothing() {
		CaffeinePersistedQueryStore store = new CaffeinePersistedQueryStore(10_000, CacheMetrics.NONE, Runnable::run);
		String hash = PersistedQueries.sha256(QUERY);
		GraphQL graphQl = graphQl(store, new TrustedDocuments(Map.of(hash, QUERY)));
		assertThat(run(graphQl, null, hash).getErrors()).isEmpty();
		assertThat(run(graphQl, QUERY, null).getErrors()).isEmpty();
		String other = "{ greeting }";
		assertThat(code(run(graphQl, other, null))).isEqualTo(ErrorCodes.PERSISTED_QUERY_NOT_ALLOWED);
		assertThat(code(run(graphQl, other, PersistedQueries.sha256(other))))
			.isEqualTo(ErrorCodes.PERSISTED_QUERY_NOT_ALLOWED);
		assertThat(store.get(PersistedQueries.sha256(other)).block()).isNull();
		assertThat(this.parsed).containsExactly(QUERY);
	}

	@Test
	void theStoreIsBoundedByTheDocumentsTotalLength() {
		CaffeinePersistedQueryStore store = new CaffeinePersistedQueryStore(100, CacheMetrics.NONE, Runnable::run);
		store.put("a", "x".repeat(60));
		store.put("b", "y".repeat(60));
		assertThat((store.get("a").block() != null ? 60 : 0) + (store.get("b").block() != null ? 60 : 0))
			.isLessThanOrEqualTo(100);
		store.put("c", "z".repeat(10));
		assertThat(store.get("c").block()).isEqualTo("z".repeat(10));
	}

	@Test
	void manifestsOfBothFormatsAreReadAndAWrongHashStopsTheStart() {
		String hash = PersistedQueries.sha256(QUERY);
		String apollo = "{\"format\":\"apollo-persisted-query-manifest\",\"version\":1,\"operations\":[{\"id\":\""
				+ hash + "\",\"name\":\"Greet\",\"type\":\"query\",\"body\":\"" + QUERY + "\"}]}";
		String other = "{ greeting }";
		String codegen = "{\"" + PersistedQueries.sha256(other) + "\":\"" + other + "\"}";
		String third = "{ third: greeting }";
		String prefixed = "{\"sha256:" + PersistedQueries.sha256(third) + "\":\"" + third + "\"}";
		TrustedDocuments trusted = TrustedDocuments
			.load(List.of(resource(apollo), resource(codegen), resource(prefixed)));
		assertThat(trusted.size()).isEqualTo(3);
		assertThat(trusted.document(hash)).isEqualTo(QUERY);
		assertThat(trusted.document(PersistedQueries.sha256(other))).isEqualTo(other);
		assertThat(trusted.document(PersistedQueries.sha256(third))).as("codegen's sha256: prefix").isEqualTo(third);
		String sha1Like = "{\"0123456789abcdef0123456789abcdef01234567\":\"" + other + "\"}";
		assertThatIllegalStateException().isThrownBy(() -> TrustedDocuments.load(List.of(resource(sha1Like))))
			.withMessageContaining("not the SHA-256 of its document");
		assertThatIllegalStateException()
			.isThrownBy(() -> TrustedDocuments.load(List.of(resource("{\"format\":\"other\",\"operations\":[]}"))));
	}

	private static Resource resource(String json) {
		return new ByteArrayResource(json.getBytes(StandardCharsets.UTF_8));
	}

}
