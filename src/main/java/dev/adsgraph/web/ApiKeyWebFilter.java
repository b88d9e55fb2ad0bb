package dev.adsgraph.web;

import java.nio.charset.StandardCharsets;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.adsgraph.tenancy.AdsgraphProperties;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.TenantRegistry;

/**
 * Authenticates every request to the GraphQL endpoint by API key before any GraphQL work
 * is done. The answer to a missing or unknown key is the same, so it does not tell
 * whether a key exists. The resolved tenant travels on as an exchange attribute.
 * <p>
 * The WebSocket endpoint is covered too, with one difference: browsers cannot set headers
 * on a WebSocket, so an upgrade request without the header is let through and its key is
 * checked in the protocol's {@code connection_init} message instead
 * ({@link dev.adsgraph.tenancy.TenantContextInterceptor}). A key that is sent in the
 * header must be valid, as on HTTP.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiKeyWebFilter implements WebFilter {

	public static final String TENANT_ATTRIBUTE = Tenant.class.getName();

	public static final String UNAUTHORIZED_MESSAGE = "Missing or invalid API key. Send it in the API key header.";

	private static final byte[] UNAUTHORIZED_BODY = ("{\"errors\":[{\"message\":\"" + UNAUTHORIZED_MESSAGE
			+ "\",\"extensions\":{\"code\":\"UNAUTHENTICATED\"}}]}")
		.getBytes(StandardCharsets.UTF_8);

	private final TenantRegistry tenants;

	private final String header;

	private final PathPattern graphQlPath;

	private final PathPattern webSocketPath;

	ApiKeyWebFilter(TenantRegistry tenants, AdsgraphProperties properties, Environment environment) {
		this.tenants = tenants;
		this.header = properties.apiKeyHeader();
		this.graphQlPath = graphQlPath(environment);
		String webSocket = environment.getProperty("spring.graphql.websocket.path");
		this.webSocketPath = (webSocket != null) ? PathPatternParser.defaultInstance.parse(webSocket) : null;
	}

	/**
	 * The GraphQL endpoint as the router matches it, so that every spelling the router
	 * accepts ({@code /graphql;a=b}, {@code /%67raphql}) is authenticated too.
	 */
	private static PathPattern graphQlPath(Environment environment) {
		return PathPatternParser.defaultInstance.parse(environment.getProperty("spring.graphql.http.path", "/graphql"));
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		// CORS preflights never get here: the CORS filter before this one answers them.
		PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
		List<String> keys = exchange.getRequest().getHeaders().get(this.header);
		if (this.webSocketPath != null && this.webSocketPath.matches(path)) {
			if (keys == null) {
				return chain.filter(exchange);
			}
		}
		else if (!this.graphQlPath.matches(path)) {
			return chain.filter(exchange);
		}
		// Two keys are two identities: neither is taken, whichever a proxy put first.
		String key = (keys != null && keys.size() == 1) ? keys.get(0) : null;
		return this.tenants.findByApiKey(key).map((tenant) -> {
			exchange.getAttributes().put(TENANT_ATTRIBUTE, tenant);
			return chain.filter(exchange);
		}).orElseGet(() -> unauthorized(exchange.getRequest(), exchange.getResponse()));
	}

	private Mono<Void> unauthorized(ServerHttpRequest request, ServerHttpResponse response) {
		response.setStatusCode(HttpStatus.UNAUTHORIZED);
		response.getHeaders().setContentType(ErrorResponses.mediaType(request));
		response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + this.header + "\"");
		DataBuffer buffer = response.bufferFactory().wrap(UNAUTHORIZED_BODY);
		return response.writeWith(Mono.just(buffer));
	}

}
