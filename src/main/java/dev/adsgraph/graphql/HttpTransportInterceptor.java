package dev.adsgraph.graphql;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.stereotype.Component;

/**
 * Tells the execution how a request came: over HTTP GET, over HTTP POST, or over the
 * WebSocket (no mark). {@link HttpOperationsInstrumentation} refuses, once the operation
 * is known, what the transport cannot carry: mutations over GET, subscriptions over HTTP.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class HttpTransportInterceptor implements WebGraphQlInterceptor {

	/**
	 * The request attribute the GET handler sets on the requests it builds from query
	 * parameters.
	 */
	public static final String GET_ATTRIBUTE = HttpTransportInterceptor.class.getName() + ".GET";

	static final String CONTEXT_KEY = "adsgraph.httpMethod";

	static final String GET = "GET";

	static final String POST = "POST";

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		if (!(request instanceof WebSocketGraphQlRequest)) {
			String method = Boolean.TRUE.equals(request.getAttributes().get(GET_ATTRIBUTE)) ? GET : POST;
			request.configureExecutionInput(
					(input, builder) -> builder.graphQLContext(Map.of(CONTEXT_KEY, method)).build());
		}
		return chain.next(request);
	}

}
