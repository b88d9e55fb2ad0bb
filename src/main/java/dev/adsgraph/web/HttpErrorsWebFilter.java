package dev.adsgraph.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * HTTP requests to the GraphQL endpoint that are not GraphQL requests get a
 * GraphQL-shaped error ({@code extensions.code} {@code BAD_REQUEST}) that says what to
 * send, with the status Spring for GraphQL chose: a body that is not a JSON object or is
 * a batch, or whose {@code query} or {@code operationName} is not a string or whose
 * {@code variables} or {@code extensions} is not an object (400), the wrong
 * {@code Content-Type} (415) or {@code Accept} (406), a method other than GET and POST
 * (405). Without this, some of these get Boot's generic error page and some an empty
 * body; an empty or {@code null} body even got an empty 200. Our own sentences only: the
 * decoder's messages quote parser internals. Server errors pass through to Boot, which
 * logs them and answers without details. Runs after the API key check and the rate limit
 * (a stranger learns nothing but 401) and around the body limit, which answers 413
 * itself.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 17)
class HttpErrorsWebFilter implements WebFilter {

	static final String CODE = "BAD_REQUEST";

	static final String NOT_GRAPHQL = "The request body is not a GraphQL request: send one JSON object with "
			+ "\"query\" (a string) and, if needed, \"operationName\" (a string) and \"variables\" (an object). "
			+ "Batches (JSON arrays) are not accepted.";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PathPattern graphQlPath;

	HttpErrorsWebFilter(Environment environment) {
		this.graphQlPath = PathPatternParser.defaultInstance
			.parse(environment.getProperty("spring.graphql.http.path", "/graphql"));
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!this.graphQlPath.matches(exchange.getRequest().getPath().pathWithinApplication())) {
			return chain.filter(exchange);
		}
		ServerHttpResponse response = exchange.getResponse();
		ServerHttpRequest request = exchange.getRequest();
		ServerHttpResponseDecorator explained = new ServerHttpResponseDecorator(response) {
			@Override
			public Mono<Void> setComplete() {
				// A bodiless refusal (the router's 405, 406 and 415) gets its
				// explanation.
				HttpStatusCode status = getStatusCode();
				return (status != null && status.is4xxClientError()) ? explain(request, getDelegate(), status)
						: super.setComplete();
			}
		};
		return chain.filter(exchange.mutate().response(explained).build())
			.onErrorResume(ResponseStatusException.class,
					(ex) -> !ex.getStatusCode().is4xxClientError() || response.isCommitted() ? Mono.error(ex)
							: explain(request, response, ex.getStatusCode()))
			// Nothing answered: Spring for GraphQL read no request from an empty or null
			// body.
			.then(Mono.defer(() -> response.isCommitted() ? Mono.empty()
					: write(request, response, HttpStatus.BAD_REQUEST, NOT_GRAPHQL)));
	}

	private static Mono<Void> explain(ServerHttpRequest request, ServerHttpResponse response, HttpStatusCode status) {
		HttpMethod method = request.getMethod();
		if (method != HttpMethod.POST && method != HttpMethod.GET && (status.value() == 404 || status.value() == 405)) {
			// The path exists; only the method is wrong.
			response.getHeaders().setAllow(Set.of(HttpMethod.GET, HttpMethod.POST));
			return write(request, response, HttpStatus.METHOD_NOT_ALLOWED,
					"Send GraphQL requests with POST, or queries with GET; " + method + " is not accepted.");
		}
		// Spring for GraphQL answers 415 when the Accept header is the problem too.
		boolean notAcceptable = status.value() == 406 || (status.value() == 415 && refusesJson(request));
		if (notAcceptable) {
			return write(request, response, HttpStatus.NOT_ACCEPTABLE,
					"Answers are application/graphql-response+json or "
							+ "application/json; accept one of them (or leave Accept out).");
		}
		return switch (status.value()) {
			case 400 -> write(request, response, status, NOT_GRAPHQL);
			case 415 -> {
				response.getHeaders().setAccept(List.of(MediaType.APPLICATION_JSON));
				yield write(request, response, status,
						"Send the request body as JSON, with Content-Type: application/json.");
			}
			default ->
				write(request, response, status, "The request cannot be answered (HTTP " + status.value() + ").");
		};
	}

	/**
	 * Whether the caller's {@code Accept} header leaves out every JSON type we answer
	 * with.
	 */
	private static boolean refusesJson(ServerHttpRequest request) {
		List<MediaType> accepted;
		try {
			accepted = request.getHeaders().getAccept();
		}
		catch (InvalidMediaTypeException ex) {
			return true;
		}
		return !accepted.isEmpty() && accepted.stream()
			.noneMatch((type) -> type.isCompatibleWith(MediaType.APPLICATION_JSON)
					|| type.isCompatibleWith(MediaType.APPLICATION_GRAPHQL_RESPONSE));
	}

	/**
	 * Writes {@code {"errors":[{"message", "extensions":{"code":"BAD_REQUEST"}}]}} with
	 * the status, as {@code application/graphql-response+json} when the caller accepts it
	 * ({@link ErrorResponses}).
	 */
	private static Mono<Void> write(ServerHttpRequest request, ServerHttpResponse response, HttpStatusCode status,
			String message) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("message", message);
		error.put("extensions", Map.of("code", CODE));
		byte[] body = JSON.writeValueAsString(Map.of("errors", List.of(error))).getBytes(StandardCharsets.UTF_8);
		response.setStatusCode(status);
		response.getHeaders().setContentType(ErrorResponses.mediaType(request));
		response.getHeaders().setContentLength(body.length);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

}
