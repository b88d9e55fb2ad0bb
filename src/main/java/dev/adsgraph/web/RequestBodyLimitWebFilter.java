package dev.adsgraph.web;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.adsgraph.graphql.LimitsProperties;

/**
 * Refuses request bodies on the GraphQL endpoint larger than
 * {@code adsgraph.limits.max-body-size} with HTTP 413 and a GraphQL-style error body: at
 * once when {@code Content-Length} says so, else (chunked bodies) as soon as the bytes
 * read exceed the limit. Runs after the API key check, so unknown callers learn nothing
 * but 401, and after the request rate limit, so a throttled caller's body is never read.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class RequestBodyLimitWebFilter implements WebFilter {

	private final long maxBytes;

	private final PathPattern graphQlPath;

	private final byte[] body;

	RequestBodyLimitWebFilter(LimitsProperties limits, Environment environment) {
		this.maxBytes = limits.maxBodySize().toBytes();
		// Matched as the router matches it, so /graphql;a=b is limited too.
		this.graphQlPath = PathPatternParser.defaultInstance
			.parse(environment.getProperty("spring.graphql.http.path", "/graphql"));
		this.body = ("{\"errors\":[{\"message\":\"The request body is larger than " + this.maxBytes
				+ " bytes; the limit (maxBodyBytes) is " + this.maxBytes
				+ ".\",\"extensions\":{\"code\":\"QUERY_TOO_COMPLEX\",\"limit\":\"maxBodyBytes\",\"max\":"
				+ this.maxBytes + "}}]}")
			.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!this.graphQlPath.matches(exchange.getRequest().getPath().pathWithinApplication())) {
			return chain.filter(exchange);
		}
		long declared = exchange.getRequest().getHeaders().getContentLength();
		if (declared > this.maxBytes) {
			return tooLarge(exchange.getRequest(), exchange.getResponse());
		}
		ServerHttpRequestDecorator counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
			@Override
			public Flux<DataBuffer> getBody() {
				AtomicLong seen = new AtomicLong();
				return super.getBody().map((buffer) -> {
					if (seen.addAndGet(buffer.readableByteCount()) > RequestBodyLimitWebFilter.this.maxBytes) {
						DataBufferUtils.release(buffer);
						throw new BodyTooLargeException();
					}
					return buffer;
				});
			}
		};
		return chain.filter(exchange.mutate().request(counted).build())
			.onErrorResume(RequestBodyLimitWebFilter::causedByTooLarge,
					(ex) -> tooLarge(exchange.getRequest(), exchange.getResponse()));
	}

	private static boolean causedByTooLarge(Throwable ex) {
		for (Throwable t = ex; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
			if (t instanceof BodyTooLargeException) {
				return true;
			}
		}
		return false;
	}

	private Mono<Void> tooLarge(ServerHttpRequest request, ServerHttpResponse response) {
		if (response.isCommitted()) {
			return Mono.empty();
		}
		response.setStatusCode(HttpStatus.CONTENT_TOO_LARGE);
		response.getHeaders().setContentType(ErrorResponses.mediaType(request));
		// No "Connection: close": Reactor Netty then reads the rest of the body and
		// throws
		// it away, and the connection serves the next request. Closing it with the
		// client's
		// bytes unread would reset it (TCP RST), and a client still sending its body
		// could
		// lose this answer before reading it ("header parser received no bytes").
		return response.writeWith(Mono.just(response.bufferFactory().wrap(this.body)));
	}

	static final class BodyTooLargeException extends RuntimeException {

		BodyTooLargeException() {
			super("request body too large", null, false, false);
		}

	}

}
