package dev.adsgraph.graphql;

import java.util.List;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.ResultPath;
import graphql.schema.DataFetchingEnvironment;
import reactor.core.publisher.Flux;

import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/**
 * Errors that end a subscription's stream become the same GraphQL errors as a field's
 * (see {@link GraphQlErrors}), sent in the protocol's {@code error} message, which ends
 * the subscription. A stream's error has no field environment any more, so the controller
 * tags its stream with {@link #tagged} to keep the request's correlation id and path.
 */
@Component
public class SubscriptionErrors extends SubscriptionExceptionResolverAdapter {

	SubscriptionErrors() {
		setThreadLocalContextAware(false);
	}

	/**
	 * The stream with its errors carrying the subscription's correlation id and field
	 * path.
	 */
	public static <T> Flux<T> tagged(Flux<T> stream, DataFetchingEnvironment env) {
		String correlationId = env.getGraphQlContext().getOrDefault(CorrelationInterceptor.CONTEXT_KEY, "none");
		ResultPath path = env.getExecutionStepInfo().getPath();
		return stream.onErrorMap((ex) -> !(ex instanceof Tagged), (ex) -> new Tagged(ex, correlationId, path));
	}

	@Override
	protected List<GraphQLError> resolveToMultipleErrors(Throwable ex) {
		Throwable cause = ex;
		String correlationId = "none";
		ResultPath path = null;
		if (ex instanceof Tagged tagged) {
			cause = tagged.getCause();
			correlationId = tagged.correlationId;
			path = tagged.path;
		}
		GraphQlErrors.Described described = GraphQlErrors.describe(cause, correlationId, path);
		GraphqlErrorBuilder<?> error = GraphqlErrorBuilder.newError()
			.errorType(described.type())
			.message(described.message())
			.extensions(described.extensions());
		if (path != null) {
			error.path(path);
		}
		return List.of(error.build());
	}

	private static final class Tagged extends RuntimeException {

		private final String correlationId;

		private final transient ResultPath path;

		Tagged(Throwable cause, String correlationId, ResultPath path) {
			super(cause.getMessage(), cause, false, false);
			this.correlationId = correlationId;
			this.path = path;
		}

	}

}
