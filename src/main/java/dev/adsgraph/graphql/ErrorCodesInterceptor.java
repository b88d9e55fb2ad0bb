package dev.adsgraph.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.language.SourceLocation;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Gives every error of an answer an {@code extensions.code} from {@link ErrorCodes} and
 * the classification that goes with it: graphql-java's parse and validation errors come
 * with a classification only ({@code GRAPHQL_PARSE_FAILED},
 * {@code GRAPHQL_VALIDATION_FAILED}, the codes front-end tooling knows), and errors
 * raised before execution (the query limits) came with graphql-java's
 * {@code ExecutionAborted} whatever their code.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class ErrorCodesInterceptor implements WebGraphQlInterceptor {

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		return chain.next(request).map((response) -> {
			List<GraphQLError> errors = response.getExecutionResult().getErrors();
			if (errors.isEmpty()) {
				return response;
			}
			List<GraphQLError> coded = errors.stream().map(ErrorCodesInterceptor::coded).toList();
			return response.transform((builder) -> builder.errors(coded));
		});
	}

	static GraphQLError coded(GraphQLError error) {
		Map<String, Object> given = error.getExtensions();
		Object code = (given != null) ? given.get("code") : null;
		Map<String, Object> extensions = new LinkedHashMap<>();
		if (code instanceof String) {
			extensions.putAll(given);
		}
		else {
			code = ErrorCodes.codeFor(error);
			extensions.put("code", code);
			if (given != null) {
				given.forEach(extensions::putIfAbsent);
			}
		}
		ErrorClassification classification = ErrorCodes.classification((String) code);
		return new Coded(error, extensions, (classification != null) ? classification : error.getErrorType());
	}

	private record Coded(GraphQLError error, Map<String, Object> extensions,
			ErrorClassification classification) implements GraphQLError {

		@Override
		public String getMessage() {
			return this.error.getMessage();
		}

		@Override
		public List<SourceLocation> getLocations() {
			return this.error.getLocations();
		}

		@Override
		public List<Object> getPath() {
			return this.error.getPath();
		}

		@Override
		public Map<String, Object> getExtensions() {
			return this.extensions;
		}

		@Override
		public ErrorClassification getErrorType() {
			return this.classification;
		}

	}

}
