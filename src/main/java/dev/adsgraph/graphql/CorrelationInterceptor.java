package dev.adsgraph.graphql;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Gives every GraphQL request a correlation id: the caller's {@code X-Correlation-Id}
 * when it is a sane token, else a new UUID. Errors carry it and logs name it, so a
 * caller's report can be matched to the log lines (the MDC's {@code correlationId}, see
 * {@link CorrelationIdAccessor}); it is echoed in the response header.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CorrelationInterceptor implements WebGraphQlInterceptor {

	static final String HEADER = "X-Correlation-Id";

	static final String CONTEXT_KEY = "correlationId";

	private static final Pattern SANE = Pattern.compile("^[A-Za-z0-9._-]{8,64}$");

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		String given = request.getHeaders().getFirst(HEADER);
		String id = (given != null && SANE.matcher(given).matches()) ? given : UUID.randomUUID().toString();
		request.configureExecutionInput((input, builder) -> builder.graphQLContext(Map.of(CONTEXT_KEY, id)).build());
		return chain.next(request)
			.doOnNext((response) -> response.getResponseHeaders().set(HEADER, id))
			// For the log lines written while the request is handled
			// (CorrelationIdAccessor).
			.contextWrite(Context.of(CONTEXT_KEY, id));
	}

}
