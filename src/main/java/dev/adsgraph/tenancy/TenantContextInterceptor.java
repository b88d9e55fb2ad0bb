package dev.adsgraph.tenancy;

import java.util.Map;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import reactor.core.publisher.Mono;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Copies the tenant that {@link ApiKeyWebFilter} authenticated into the GraphQL context, where
 * resolvers read it with {@code @ContextValue(TenantContextInterceptor.TENANT) Tenant tenant}.
 * A request that reaches GraphQL without one (a transport or path the filter does not cover) is
 * not executed at all: the answer is the same {@code UNAUTHENTICATED} error.
 */
@Component
public class TenantContextInterceptor implements WebGraphQlInterceptor {

	/** The GraphQL context key of the calling tenant. */
	public static final String TENANT = "tenant";

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		Object tenant = request.getAttributes().get(ApiKeyWebFilter.TENANT_ATTRIBUTE);
		if (tenant == null) {
			ExecutionResult refused = ExecutionResult.newExecutionResult()
				.addError(GraphqlErrorBuilder.newError()
					.message(ApiKeyWebFilter.UNAUTHORIZED_MESSAGE)
					.errorType(ErrorType.UNAUTHORIZED)
					.extensions(Map.of("code", "UNAUTHENTICATED"))
					.build())
				.build();
			return Mono.just(new WebGraphQlResponse(
					new DefaultExecutionGraphQlResponse(request.toExecutionInput(), refused)));
		}
		request.configureExecutionInput((input, builder) -> builder.graphQLContext(Map.of(TENANT, tenant)).build());
		return chain.next(request);
	}

}
