package dev.adsgraph.observability;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.OperationDefinition;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;

/**
 * The timer {@code adsgraph.graphql.operations}, tagged by operation name, type and
 * outcome. Spring for GraphQL's {@code graphql.request} has the outcome and type but
 * keeps the name out of its metrics, since callers choose names. Here the names are
 * bounded: an operation without a name is {@code anonymous}, and after
 * {@code adsgraph.metrics.max-operation-names} distinct names, or for a name longer than
 * 64 characters, {@code other}.
 * <p>
 * The executed operation's name and type are taken by {@link OperationNames} as
 * graphql-java chooses the operation; a request refused before that (a syntax error, a
 * query limit) is counted under the {@code operationName} it sent, when that is a valid
 * GraphQL name.
 */
final class GraphQlOperationMetrics implements WebGraphQlInterceptor {

	static final String NAME = "adsgraph.graphql.operations";

	static final String ANONYMOUS = "anonymous";

	static final String OTHER = "other";

	private static final Pattern GRAPHQL_NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]{0,63}");

	private static final String EXECUTED = GraphQlOperationMetrics.class.getName() + ".executed";

	private final MeterRegistry registry;

	private final int maxNames;

	private final Set<String> names = ConcurrentHashMap.newKeySet();

	GraphQlOperationMetrics(MeterRegistry registry, int maxNames) {
		this.registry = registry;
		this.maxNames = maxNames;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		return Mono.defer(() -> {
			Timer.Sample sample = Timer.start(this.registry);
			return chain.next(request).doOnNext((response) -> {
				Executed executed = response.getExecutionInput().getGraphQLContext().get(EXECUTED);
				String name = (executed != null) ? executed.name() : request.getOperationName();
				String type = (executed != null) ? executed.type() : "unknown";
				sample.stop(Timer.builder(NAME)
					.description("GraphQL requests by operation")
					.tags("operation", bounded(name), "type", type, "outcome", outcome(response))
					.register(this.registry));
			});
		});
	}

	private static String outcome(WebGraphQlResponse response) {
		if (response.getErrors().isEmpty()) {
			return "success";
		}
		return (response.getData() != null) ? "partial" : "error";
	}

	String bounded(String name) {
		if (name == null || name.isEmpty()) {
			return ANONYMOUS;
		}
		if (!GRAPHQL_NAME.matcher(name).matches()) {
			return OTHER;
		}
		if (this.names.contains(name)) {
			return name;
		}
		synchronized (this.names) {
			if (this.names.size() < this.maxNames) {
				this.names.add(name);
				return name;
			}
		}
		return this.names.contains(name) ? name : OTHER;
	}

	/**
	 * Notes which operation graphql-java executes, for the interceptor to tag the request
	 * with.
	 */
	static final class OperationNames extends SimplePerformantInstrumentation {

		@Override
		public InstrumentationContext<ExecutionResult> beginExecuteOperation(
				InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
			OperationDefinition operation = parameters.getExecutionContext().getOperationDefinition();
			GraphQLContext context = parameters.getExecutionContext().getGraphQLContext();
			if (operation != null && context != null) {
				context.put(EXECUTED,
						new Executed(operation.getName(), operation.getOperation().name().toLowerCase(Locale.ROOT)));
			}
			return super.beginExecuteOperation(parameters, state);
		}

	}

	private record Executed(String name, String type) {
	}

}
