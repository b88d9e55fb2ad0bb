package dev.adsgraph.graphql;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.adsgraph.upstream.UpstreamException;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.schema.DataFetchingEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

/**
 * Turns exceptions into GraphQL errors with typed {@code extensions}. Callers see our own
 * sentences and codes; upstream bodies and internal exception messages go only to the
 * log, under the request's correlation id, which the error carries.
 */
@Component
class GraphQlErrors extends DataFetcherExceptionResolverAdapter {

	private static final Logger log = LoggerFactory.getLogger(GraphQlErrors.class);

	GraphQlErrors() {
		setThreadLocalContextAware(false);
	}

	@Override
	protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
		String correlationId = env.getGraphQlContext().getOrDefault(CorrelationInterceptor.CONTEXT_KEY, "none");
		Described described = describe(ex, correlationId, env.getExecutionStepInfo().getPath());
		return GraphqlErrorBuilder.newError(env)
			.errorType(described.type())
			.message(described.message())
			.extensions(described.extensions())
			.build();
	}

	/**
	 * What the caller learns of a failure, the same for a field and for a subscription's
	 * stream.
	 * @param where the field path, for the log line only
	 */
	static Described describe(Throwable ex, String correlationId, Object where) {
		Map<String, Object> extensions = new LinkedHashMap<>();
		String message;
		ErrorType type;
		if (ex instanceof BadUserInputException) {
			extensions.put("code", "BAD_USER_INPUT");
			message = ex.getMessage();
			type = ErrorType.BAD_REQUEST;
		}
		else if (ex instanceof CodedException coded) {
			extensions.put("code", coded.code());
			extensions.putAll(coded.extensions());
			message = coded.getMessage();
			type = coded.type();
		}
		else if (ex instanceof NotFoundException) {
			extensions.put("code", "NOT_FOUND");
			message = ex.getMessage();
			type = ErrorType.NOT_FOUND;
		}
		else if (ex instanceof UpstreamException upstream) {
			UpstreamError mapped = UpstreamError.of(upstream);
			log.warn("Upstream failure [correlationId={}, path={}]: {} (upstream request id {})", correlationId, where,
					upstream.getMessage(), upstream.requestId());
			extensions.put("code", mapped.code());
			extensions.put("upstream", upstream.upstream());
			extensions.put("operation", upstream.operation());
			extensions.put("retryable", upstream.retryable());
			if (upstream.retryAfter() != null) {
				extensions.put("retryAfterSeconds", upstream.retryAfter().toSeconds());
			}
			if (upstream.requestId() != null) {
				extensions.put("upstreamRequestId", upstream.requestId());
			}
			message = mapped.message();
			type = mapped.type();
		}
		else {
			if (ex.getClass() == AbortExecutionException.class) {
				// graphql-java's answer, in the fields still fetching, to an execution
				// cancelled because its caller went away (a page closed, a client that
				// gave up, a subscription stopped): nothing of ours failed and no one
				// reads the answer, so it is no internal error in the log. (The
				// gateway's own refusals, subclasses thrown before execution, are not
				// this.)
				log.info("Cancelled [correlationId={}, path={}]: the caller went away", correlationId, where);
			}
			else {
				log.error("Internal error [correlationId={}, path={}]", correlationId, where, ex);
			}
			extensions.put("code", "INTERNAL");
			message = "Internal error. Quote correlation id " + correlationId + " when reporting it.";
			type = ErrorType.INTERNAL_ERROR;
		}
		extensions.put("correlationId", correlationId);
		return new Described(message, type, extensions);
	}

	record Described(String message, ErrorType type, Map<String, Object> extensions) {
	}

}
