package dev.adsgraph.graphql;

import graphql.ExecutionResult;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.OperationDefinition.Operation;

import org.springframework.stereotype.Component;

/**
 * Refuses, before any field runs, the operations HTTP cannot carry (GraphQL over HTTP): a
 * mutation over GET ({@code METHOD_NOT_ALLOWED}, answered 405 with {@code Allow: POST})
 * and a subscription over HTTP at all ({@code BAD_REQUEST}, answered 400): subscriptions
 * run over the WebSocket endpoint. Without this a subscription sent with POST was
 * answered 200 with its Reactor publisher serialised as data. Runs on the parsed and
 * validated document, so it costs no parse of its own.
 */
@Component
class HttpOperationsInstrumentation extends SimplePerformantInstrumentation {

	static final String SUBSCRIPTION_OVER_HTTP = "Subscriptions are not served over HTTP: open a WebSocket to the "
			+ "subscriptions endpoint (graphql-transport-ws protocol) and subscribe there.";

	static final String MUTATION_OVER_GET = "Mutations are not accepted over GET: send them with POST.";

	@Override
	public InstrumentationContext<ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
		ExecutionContext context = parameters.getExecutionContext();
		String method = context.getGraphQLContext().get(HttpTransportInterceptor.CONTEXT_KEY);
		if (method != null) {
			Operation operation = context.getOperationDefinition().getOperation();
			String correlationId = context.getGraphQLContext().get(CorrelationInterceptor.CONTEXT_KEY);
			if (operation == Operation.SUBSCRIPTION) {
				throw new OperationRefusedException(ErrorCodes.BAD_REQUEST, SUBSCRIPTION_OVER_HTTP, correlationId);
			}
			if (operation == Operation.MUTATION && HttpTransportInterceptor.GET.equals(method)) {
				throw new OperationRefusedException(ErrorCodes.METHOD_NOT_ALLOWED, MUTATION_OVER_GET, correlationId);
			}
		}
		return super.beginExecuteOperation(parameters, state);
	}

}
