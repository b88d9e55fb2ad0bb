package dev.adsgraph.tenancy;

import java.util.List;
import java.util.Map;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import reactor.core.publisher.Mono;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.stereotype.Component;

import dev.adsgraph.connections.WorkspaceConnections;
import dev.adsgraph.web.ApiKeyWebFilter;
import dev.adsgraph.web.RequestRateLimitWebFilter;

/**
 * Copies the tenant that {@link ApiKeyWebFilter} authenticated into the GraphQL context,
 * where resolvers read it with
 * {@code @ContextValue(TenantContextInterceptor.TENANT) Tenant tenant}. A request that
 * reaches GraphQL without one (a transport or path the filter does not cover) is not
 * executed at all: the answer is the same {@code UNAUTHENTICATED} error.
 * <p>
 * On a WebSocket the tenant is fixed once per connection, in {@code connection_init}:
 * from the upgrade request's API key header (which the filter checked), or else from the
 * same key in the message's payload ({@code {"X-Api-Key": "…"}}), which is how browsers
 * send it. A connection without a valid key is closed with 4403 before any operation
 * runs. Every operation sent over the connection then spends one request of the tenant's
 * rate, as an HTTP request does. Keys are found by {@link ApiKeyResolver}, configured or
 * issued through the admin API.
 */
@Component
public class TenantContextInterceptor implements WebSocketGraphQlInterceptor {

	/** The GraphQL context key of the calling tenant. */
	public static final String TENANT = "tenant";

	private final ApiKeyResolver tenants;

	private final AdsgraphProperties properties;

	private final RequestRateLimitWebFilter rate;

	private final WorkspaceConnections connections;

	TenantContextInterceptor(ApiKeyResolver tenants, AdsgraphProperties properties, RequestRateLimitWebFilter rate,
			WorkspaceConnections connections) {
		this.tenants = tenants;
		this.properties = properties;
		this.rate = rate;
		this.connections = connections;
	}

	@Override
	public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
		String header = this.properties.apiKeyHeader();
		List<String> inHeader = session.getHeaders().get(header);
		Object inPayload = null;
		int keysInPayload = 0;
		for (Map.Entry<String, Object> entry : payload.entrySet()) {
			if (entry.getKey().equalsIgnoreCase(header)) {
				inPayload = entry.getValue();
				keysInPayload++;
			}
		}
		String key;
		if (inHeader != null) {
			// The filter let the upgrade through only with one valid key; a second key in
			// the
			// payload would be a second identity, which is refused as two headers are.
			key = (inHeader.size() == 1 && keysInPayload == 0) ? inHeader.get(0) : null;
		}
		else {
			key = (keysInPayload == 1 && inPayload instanceof String text) ? text : null;
		}
		// Spring closes the connection on any error here, with 4403 Forbidden
		// (dev.adsgraph.web.GraphQlTransportWsSession).
		return this.tenants.resolve(key)
			.switchIfEmpty(Mono
				.error(() -> new IllegalStateException("no valid API key in the upgrade request or connection_init")))
			.doOnNext((tenant) -> session.getAttributes().put(ApiKeyWebFilter.TENANT_ATTRIBUTE, tenant))
			.then(Mono.empty());
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		if (request instanceof WebSocketGraphQlRequest socket) {
			Object tenant = socket.getSessionInfo().getAttributes().get(ApiKeyWebFilter.TENANT_ATTRIBUTE);
			if (!(tenant instanceof Tenant known)) {
				return refuse(request, ApiKeyWebFilter.UNAUTHORIZED_MESSAGE, ErrorType.UNAUTHORIZED,
						Map.of("code", "UNAUTHENTICATED"));
			}
			RequestRate rate = this.rate.rateOf(known);
			return this.rate.admit(known, rate).flatMap((admission) -> {
				if (!admission.admitted()) {
					long seconds = RequestRateLimitWebFilter.retryAfterSeconds(admission.retryAfter());
					return refuse(request, RequestRateLimitWebFilter.tooManyMessage(rate, seconds),
							ErrorType.BAD_REQUEST, Map.of("code", "RATE_LIMITED", "retryAfterSeconds", seconds));
				}
				return proceed(request, chain, known);
			});
		}
		Object tenant = request.getAttributes().get(ApiKeyWebFilter.TENANT_ATTRIBUTE);
		if (tenant == null) {
			return refuse(request, ApiKeyWebFilter.UNAUTHORIZED_MESSAGE, ErrorType.UNAUTHORIZED,
					Map.of("code", "UNAUTHENTICATED"));
		}
		return proceed(request, chain, tenant);
	}

	/**
	 * Every operation (HTTP or WebSocket) sees the workspace with the connections it has
	 * now ({@link WorkspaceConnections#withConnections}, from memory while cached).
	 */
	private Mono<WebGraphQlResponse> proceed(WebGraphQlRequest request, Chain chain, Object tenant) {
		return this.connections.withConnections((Tenant) tenant).flatMap((withConnections) -> {
			request.configureExecutionInput(
					(input, builder) -> builder.graphQLContext(Map.of(TENANT, withConnections)).build());
			return chain.next(request);
		});
	}

	private static Mono<WebGraphQlResponse> refuse(WebGraphQlRequest request, String message, ErrorType type,
			Map<String, Object> extensions) {
		ExecutionResult refused = ExecutionResult.newExecutionResult()
			.addError(GraphqlErrorBuilder.newError().message(message).errorType(type).extensions(extensions).build())
			.build();
		return Mono
			.just(new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), refused)));
	}

}
