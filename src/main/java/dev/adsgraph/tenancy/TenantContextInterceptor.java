package dev.adsgraph.tenancy;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Copies the tenant that {@link ApiKeyWebFilter} authenticated into the GraphQL context, where
 * resolvers read it with {@code @ContextValue(TenantContextInterceptor.TENANT) Tenant tenant}.
 */
@Component
public class TenantContextInterceptor implements WebGraphQlInterceptor {

	/** The GraphQL context key of the calling tenant. */
	public static final String TENANT = "tenant";

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		Object tenant = request.getAttributes().get(ApiKeyWebFilter.TENANT_ATTRIBUTE);
		if (tenant != null) {
			request.configureExecutionInput(
					(input, builder) -> builder.graphQLContext(Map.of(TENANT, tenant)).build());
		}
		return chain.next(request);
	}

}
