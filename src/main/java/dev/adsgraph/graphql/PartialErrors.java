package dev.adsgraph.graphql;

import java.util.LinkedHashMap;
import java.util.Map;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;

/**
 * The error a field adds next to the data it still answers (a partial result), described
 * exactly as {@link GraphQlErrors} describes a failed field, with further extensions
 * (such as the {@code connectionId} of the connection that failed).
 */
public final class PartialErrors {

	private PartialErrors() {
	}

	public static GraphQLError of(Throwable ex, DataFetchingEnvironment env, Map<String, Object> extensions) {
		String correlationId = env.getGraphQlContext().getOrDefault(CorrelationInterceptor.CONTEXT_KEY, "none");
		GraphQlErrors.Described described = GraphQlErrors.describe(ex, correlationId,
				env.getExecutionStepInfo().getPath());
		Map<String, Object> all = new LinkedHashMap<>(described.extensions());
		all.putAll(extensions);
		return GraphqlErrorBuilder.newError(env)
			.errorType(described.type())
			.message(described.message())
			.extensions(all)
			.build();
	}

}
