package dev.adsgraph.graphql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import graphql.execution.FieldCollector;
import graphql.execution.FieldCollectorParameters;
import graphql.execution.MergedField;
import graphql.introspection.Introspection;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLNamedOutputType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;

/**
 * Which fields the field being fetched selects below it, asked of graphql-java's own
 * {@link FieldCollector} one level at a time: fragments (named and inline) with their
 * type conditions, {@code @skip} and {@code @include}, as execution will collect them.
 * Below an interface or a union every possible object type counts, as in
 * {@code env.getSelectionSet().contains("nodes/catalog")}. That answer builds the
 * normalized operation and every selected field's qualified name, and matches the glob
 * against each; this one collects only the levels on the path (a twentieth of the CPU of
 * a 50-product answer went to three such questions, in a flight recording).
 */
public final class Selections {

	private static final FieldCollector COLLECTOR = new FieldCollector();

	private Selections() {
	}

	/**
	 * The names (not aliases) of the fields selected at {@code path} below the fetched
	 * field, e.g. {@code fieldNames(env, "edges", "node")}; empty when the path itself is
	 * not selected.
	 */
	public static Set<String> fieldNames(DataFetchingEnvironment env, String... path) {
		List<Selected> level = List.of(new Selected(env.getMergedField(), env.getFieldType()));
		for (String name : path) {
			List<Selected> next = new ArrayList<>(1);
			for (Selected sub : subFields(env, level)) {
				if (sub.field().getName().equals(name)) {
					next.add(sub);
				}
			}
			if (next.isEmpty()) {
				return Set.of();
			}
			level = next;
		}
		Set<String> names = new HashSet<>();
		for (Selected sub : subFields(env, level)) {
			names.add(sub.field().getName());
		}
		return names;
	}

	/**
	 * The fields selected below each of these, for every object type each can have, with
	 * the type each sub-field has there (graphql-java's lookup, which knows
	 * {@code __typename}).
	 */
	private static List<Selected> subFields(DataFetchingEnvironment env, List<Selected> level) {
		List<Selected> subFields = new ArrayList<>();
		for (Selected selected : level) {
			for (GraphQLObjectType object : objectTypes(env.getGraphQLSchema(), selected.type())) {
				for (MergedField sub : collect(env, object, selected.field())) {
					GraphQLFieldDefinition definition = Introspection.getFieldDefinition(env.getGraphQLSchema(), object,
							sub.getName());
					subFields.add(new Selected(sub, definition.getType()));
				}
			}
		}
		return subFields;
	}

	private static List<MergedField> collect(DataFetchingEnvironment env, GraphQLObjectType object, MergedField field) {
		FieldCollectorParameters parameters = FieldCollectorParameters.newParameters()
			.schema(env.getGraphQLSchema())
			.objectType(object)
			.fragments(env.getFragmentsByName())
			.variables(env.getVariables())
			.graphQLContext(env.getGraphQlContext())
			.build();
		return COLLECTOR.collectFields(parameters, field).getSubFieldsList();
	}

	/** The object types a value of this field's type can have (none for a leaf). */
	private static List<GraphQLObjectType> objectTypes(GraphQLSchema schema, GraphQLOutputType type) {
		GraphQLNamedOutputType named = (GraphQLNamedOutputType) GraphQLTypeUtil.unwrapAll(type);
		if (named instanceof GraphQLObjectType object) {
			return List.of(object);
		}
		if (named instanceof GraphQLInterfaceType contract) {
			return schema.getImplementations(contract);
		}
		if (named instanceof GraphQLUnionType union) {
			List<GraphQLObjectType> members = new ArrayList<>();
			union.getTypes().forEach((member) -> members.add((GraphQLObjectType) member));
			return members;
		}
		return List.of();
	}

	private record Selected(MergedField field, GraphQLOutputType type) {
	}

}
