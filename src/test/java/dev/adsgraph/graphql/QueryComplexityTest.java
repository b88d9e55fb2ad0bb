package dev.adsgraph.graphql;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.analysis.QueryTraverser;
import graphql.execution.ExecutionContext;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.parser.Parser;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The complexity calculator and the limits on a small schema shaped like the gateway's.
 */
class QueryComplexityTest {

	static final String SDL = """
			type Query {
			  profiles: [Profile!]!
			  accounts(first: Int = 20, after: String): AccountConnection!
			  bothWays(first: Int, after: String, last: Int, before: String): AccountConnection!
			  products(asins: [String!]!): ProductsResult!
			  node: Node
			}
			type Profile { id: ID! countryCodes: [String!]! products(first: Int = 50): ProductConnection!
			  performance(dateRange: DateRange!): Performance! }
			input DateRange { start: String! end: String! }
			type Performance { spend: Float daily: [Day!]! }
			type Day { date: String! spend: Float }
			type Account { id: ID! profiles: [Profile!]! }
			type AccountConnection { nodes: [Account!]! edges: [AccountEdge!]! pageInfo: PageInfo! }
			type AccountEdge { cursor: String! node: Account! }
			type PageInfo { hasNextPage: Boolean! }
			type ProductsResult { nodes: [Product!]! }
			type ProductConnection { nodes: [Product!]! }
			type Product { asin: ID! title: String }
			type Node { id: ID! child: Node }
			""";

	static final GraphQLSchema SCHEMA = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL),
			RuntimeWiring.newRuntimeWiring().build());

	private final QueryComplexity complexity = new QueryComplexity(10);

	private final QueryLimitsInstrumentation limits = new QueryLimitsInstrumentation(LimitsProperties.defaults());

	private long cost(String query, Map<String, Object> variables) {
		QueryTraverser traverser = QueryTraverser.newQueryTraverser()
			.schema(SCHEMA)
			.document(Parser.parse(query))
			.variables(variables)
			.build();
		return this.limits.cost(traverser).complexity;
	}

	private long cost(String query) {
		return cost(query, Map.of());
	}

	private static GraphQLFieldDefinition field(String type, String name) {
		return SCHEMA.getObjectType(type).getFieldDefinition(name);
	}

	@Test
	void aScalarFieldWeighsOne() {
		assertThat(this.complexity.fieldCost(field("Product", "asin"), Map.of(), Map.of(), 0)).isEqualTo(1);
		assertThat(cost("{ node { id } }")).isEqualTo(2);
	}

	@Test
	void aConnectionMultipliesByFirstAndItsNodesAreNotCountedTwice() {
		assertThat(this.complexity.fieldCost(field("Query", "accounts"), Map.of("first", 7), Map.of(), 3))
			.isEqualTo(22);
		assertThat(this.complexity.fieldCost(field("AccountConnection", "nodes"), Map.of(), Map.of("first", 7), 3))
			.isEqualTo(4);
		// accounts = 1 + 7 × (nodes = 1 + id 1)
		assertThat(cost("{ accounts(first: 7) { nodes { id } } }")).isEqualTo(15);
		assertThat(cost("query($n: Int) { accounts(first: $n) { nodes { id } } }", Map.of("n", 7))).isEqualTo(15);
		// the default of `first` (20) counts when it is not given
		assertThat(cost("{ accounts { nodes { id } } }")).isEqualTo(41);
	}

	@Test
	void aConnectionThatPagesBothWaysMultipliesByLastOrItsDefaultPage() {
		// bothWays = 1 + n × (nodes = 1 + id 1)
		assertThat(cost("{ bothWays(first: 7) { nodes { id } } }")).isEqualTo(15);
		assertThat(cost("{ bothWays(last: 7) { nodes { id } } }")).isEqualTo(15);
		assertThat(cost("query($n: Int) { bothWays(last: $n) { edges { node { id } } } }", Map.of("n", 4)))
			.isEqualTo(1 + 4 * (1 + 1 + 1));
		// neither: the default page of a connection that takes both (50)
		assertThat(cost("{ bothWays { nodes { id } } }")).isEqualTo(1 + Connections.DEFAULT_SIZE * 2);
	}

	@Test
	void productsMultiplyByTheNumberOfAsins() {
		assertThat(cost("{ products(asins: [\"A\", \"B\", \"C\"]) { nodes { asin title } } }")).isEqualTo(1 + 3 * 3);
		assertThat(this.complexity.fieldCost(field("Query", "products"), Map.of("asins", List.of()), Map.of(), 3))
			.as("an empty list still costs one item")
			.isEqualTo(4);
	}

	@Test
	void otherListsWeighTheDefaultAndListsOfScalarsWeighOne() {
		assertThat(cost("{ profiles { id } }")).isEqualTo(1 + 10);
		assertThat(cost("{ profiles { countryCodes } }")).isEqualTo(1 + 10 * 1);
		// nested: accounts 1 + 2 × (nodes 1 + (profiles 1 + 10 × (products 1 + 5 × (nodes
		// 1 + asin 1))))
		assertThat(cost("{ accounts(first: 2) { nodes { profiles { products(first: 5) { nodes { asin } } } } } }"))
			.isEqualTo(1 + 2 * (1 + (1 + 10 * (1 + 5 * 2))));
	}

	@Test
	void aListUnderADateRangeWeighsItsNumberOfDays() {
		// profiles 1 + 10 × (performance 1 + spend 1 + (daily 1 + 7 days × (date 1 +
		// spend 1)))
		assertThat(cost(
				"{ profiles { performance(dateRange: {start: \"2026-11-10\", end: \"2026-11-16\"}) { spend daily { date spend } } } }"))
			.isEqualTo(1 + 10 * (1 + 1 + (1 + 7 * 2)));
		assertThat(this.complexity.fieldCost(field("Performance", "daily"), Map.of(),
				Map.of("dateRange",
						Map.of("start", java.time.LocalDate.parse("2026-11-01"), "end",
								java.time.LocalDate.parse("2026-11-30"))),
				2))
			.as("30 days of dates as the Date scalar gives them")
			.isEqualTo(1 + 30 * 2);
		assertThat(QueryComplexity.days(Map.of("dateRange", Map.of("start", "2026-11-16", "end", "2026-11-10"))))
			.as("a reversed range, refused by its field, still costs a day")
			.isEqualTo(1);
		assertThat(this.complexity.fieldCost(field("Performance", "daily"), Map.of(),
				Map.of("dateRange", Map.of("start", "not a date", "end", "2026-11-10")), 2))
			.as("unreadable dates weigh the default")
			.isEqualTo(1 + 10 * 2);
	}

	@Test
	void hugeMultipliersSaturateInsteadOfOverflowing() {
		String query = "{ accounts(first: 2000000000) { nodes { profiles { products(first: 2000000000) { nodes { asin } } } } } }";
		assertThat(cost(query)).isEqualTo(QueryComplexity.CAP);
		assertThat(QueryComplexity.saturatingMultiply(Long.MAX_VALUE, 3)).isEqualTo(QueryComplexity.CAP);
	}

	@Test
	void introspectionIsFree() {
		assertThat(cost("{ __schema { types { fields { type { ofType { ofType { name } } } } } } }")).isZero();
		assertThat(cost("{ __typename }")).isEqualTo(1);
	}

	// --- the instrumentation on this schema
	// -------------------------------------------------

	private static ExecutionResult run(String query) {
		return GraphQL.newGraphQL(SCHEMA)
			.instrumentation(new QueryLimitsInstrumentation(LimitsProperties.defaults()))
			.build()
			.execute(ExecutionInput.newExecutionInput(query).build());
	}

	private static String nested(int depth) {
		// node { child { child { … id } } }: `depth` fields deep
		return "{ node { " + "child { ".repeat(depth - 2) + "id" + " }".repeat(depth - 2) + " } }";
	}

	@Test
	void depthTwelvePassesAndThirteenIsRefused() {
		assertThat(run(nested(12)).getErrors()).isEmpty();
		List<GraphQLError> errors = run(nested(13)).getErrors();
		assertThat(errors).hasSize(1);
		assertThat(errors.get(0).getExtensions()).containsEntry("code", "QUERY_TOO_COMPLEX")
			.containsEntry("limit", "maxDepth")
			.containsEntry("max", 12L);
		assertThat(errors.get(0).getMessage()).contains("13").contains("12");
	}

	@Test
	void aTooComplexOperationIsRefusedWithoutData() {
		ExecutionResult result = run(
				"{ accounts(first: 100) { nodes { profiles { products(first: 100) { nodes { asin } } } } } }");
		assertThat(result.isDataPresent()).isFalse();
		assertThat(result.getErrors().get(0).getExtensions()).containsEntry("limit", "maxComplexity");
	}

	@Test
	void aRepeatedRequestIsCostedOnceAndOtherVariableValuesAnew() {
		AtomicInteger costed = new AtomicInteger();
		QueryLimitsInstrumentation counting = new QueryLimitsInstrumentation(LimitsProperties.defaults()) {
			@Override
			Cost cost(ExecutionContext context) {
				costed.incrementAndGet();
				return super.cost(context);
			}
		};
		// As the gateway's document cache: the same parsed document for the same text.
		Map<String, PreparsedDocumentEntry> parsed = new ConcurrentHashMap<>();
		GraphQL graphQl = GraphQL.newGraphQL(SCHEMA)
			.instrumentation(counting)
			.preparsedDocumentProvider((input, parse) -> CompletableFuture
				.completedFuture(parsed.computeIfAbsent(input.getQuery(), (query) -> parse.apply(input))))
			.build();
		String query = "query Q($n: Int) { accounts(first: $n) { nodes { profiles { products(first: 100) { nodes { asin } } } } } }";
		Function<Integer, List<Object>> limitsHit = (n) -> graphQl
			.execute(ExecutionInput.newExecutionInput(query).variables(Map.of("n", n)).build())
			.getErrors()
			.stream()
			.map((error) -> (error.getExtensions() != null) ? error.getExtensions().get("limit") : null)
			.filter(Objects::nonNull)
			.toList();
		assertThat(limitsHit.apply(1)).isEmpty();
		assertThat(limitsHit.apply(1)).isEmpty();
		assertThat(costed).hasValue(1);
		// The same document with a value that makes it too complex: costed anew, refused.
		assertThat(limitsHit.apply(100)).containsExactly("maxComplexity");
		assertThat(limitsHit.apply(100)).containsExactly("maxComplexity");
		assertThat(limitsHit.apply(1)).isEmpty();
		assertThat(costed).hasValue(2);
	}

	@Test
	void aliasesAreCountedOverTheWholeDocument() {
		String thirty = "{ "
				+ "a%d: __typename ".repeat(30).formatted(java.util.stream.IntStream.range(0, 30).boxed().toArray())
				+ "}";
		assertThat(QueryLimitsInstrumentation.countAliases(Parser.parse(thirty))).isEqualTo(30);
		assertThat(QueryLimitsInstrumentation.countAliases(Parser
			.parse("query A { x: __typename } query B { ...F } fragment F on Query { y: __typename z: node { id } }")))
			.isEqualTo(3);
	}

}
