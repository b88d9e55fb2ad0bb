package dev.adsgraph.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.SelectedField;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Selections} answers what graphql-java's own selection set answers, for fields,
 * aliases, named and inline fragments, {@code @skip} and {@code @include} with literals
 * and variables, paths through a connection's edges, and fragments on the object types of
 * an interface and a union.
 */
class SelectionsTest {

	private static final List<List<String>> PATHS = List.of(List.of("nodes", "catalog"), List.of("nodes", "listing"),
			List.of("nodes", "inventory"), List.of("edges", "node", "catalog"), List.of("edges", "node", "listing"),
			List.of("edges", "node", "inventory"), List.of("nodes"), List.of("edges", "cursor"),
			List.of("nodes", "facts", "title"), List.of("nodes", "facts", "sku"), List.of("nodes", "related", "title"),
			List.of("nodes", "related", "fulfillable"));

	private final Map<String, Boolean> ours = new LinkedHashMap<>();

	private final Map<String, Boolean> graphqlJava = new LinkedHashMap<>();

	private final Map<String, Set<String>> ourNames = new LinkedHashMap<>();

	private final Map<String, Set<String>> graphqlJavaNames = new LinkedHashMap<>();

	private final GraphQL graphQl = GraphQL.newGraphQL(schema()).build();

	private GraphQLSchema schema() {
		DataFetcher<?> products = (env) -> {
			for (List<String> path : PATHS) {
				String[] parent = path.subList(0, path.size() - 1).toArray(String[]::new);
				this.ours.put(String.join("/", path),
						Selections.fieldNames(env, parent).contains(path.get(path.size() - 1)));
				this.graphqlJava.put(String.join("/", path), env.getSelectionSet().contains(String.join("/", path)));
			}
			for (String path : List.of("nodes", "edges/node", "nodes/facts", "nodes/related", "edges/cursor")) {
				this.ourNames.put(path, Selections.fieldNames(env, path.split("/")));
				this.graphqlJavaNames.put(path,
						env.getSelectionSet()
							.getFields(path + "/*")
							.stream()
							.map(SelectedField::getName)
							.collect(Collectors.toSet()));
			}
			return Map.of("nodes", List.of(), "edges", List.of());
		};
		return new SchemaGenerator().makeExecutableSchema(
				new SchemaParser()
					.parse("""
							type Query { products: Products }
							type Products { nodes: [Product] edges: [Edge] }
							type Edge { cursor: String node: Product }
							type Product { asin: ID catalog: Catalog listing: Listing inventory: Inventory facts: [Fact] related: [Item] }
							interface Fact { at: String }
							type Catalog implements Fact { at: String title: String }
							type Listing implements Fact { at: String sku: String }
							type Inventory { fulfillable: Int }
							union Item = Catalog | Inventory
							"""),
				RuntimeWiring.newRuntimeWiring()
					.type("Query", (type) -> type.dataFetcher("products", products))
					.type("Fact", (type) -> type.typeResolver((env) -> null))
					.type("Item", (type) -> type.typeResolver((env) -> null))
					.build());
	}

	@ParameterizedTest
	@ValueSource(strings = { "{ products { nodes { asin } } }", "{ products { nodes { catalog { title } } } }",
			"{ products { items: nodes { shelf: listing { sku } } } }",
			"{ products { edges { cursor node { inventory { fulfillable } } } } }",
			"{ products { ...page } } fragment page on Products { nodes { ...facts } } fragment facts on Product { catalog { title } listing { sku } }",
			"{ products { ... on Products { nodes { ... { inventory { fulfillable } } } } } }",
			"query($v: Boolean!) { products { nodes { catalog @skip(if: $v) { title } listing @include(if: $v) { sku } } } }",
			"{ products { nodes { catalog @skip(if: true) { title } ... @include(if: false) { listing { sku } } } } }",
			"query($v: Boolean!) { products { ...page @include(if: $v) edges { node { catalog { title } } } } } fragment page on Products { nodes { inventory { fulfillable } } }",
			"{ products { nodes @skip(if: true) { catalog { title } } nodes { asin } } }",
			"{ products { nodes { catalog { title } } nodes { listing { sku } } } }",
			"{ products { nodes { facts { ... on Catalog { title } } related { ... on Inventory { fulfillable } } } } }",
			"{ products { nodes { facts { at ... on Listing { sku } } related { ...titled } } } } fragment titled on Catalog { title }",
			"query($v: Boolean!) { products { nodes { facts { ... on Fact @include(if: $v) { ... on Listing { sku } } } related { __typename } } } }" })
	void answersAsGraphqlJavasSelectionSetDoes(String query) {
		for (boolean v : List.of(true, false)) {
			this.ours.clear();
			this.graphqlJava.clear();
			this.ourNames.clear();
			this.graphqlJavaNames.clear();
			ExecutionResult result = this.graphQl
				.execute(ExecutionInput.newExecutionInput(query).variables(Map.of("v", v)).build());
			assertThat(result.getErrors()).isEmpty();
			assertThat(this.ours).hasSize(PATHS.size()).isEqualTo(this.graphqlJava);
			assertThat(this.ourNames).hasSize(5).isEqualTo(this.graphqlJavaNames);
		}
	}

}
