package dev.adsgraph.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import dev.adsgraph.tenancy.ApiKeyResolver;
import dev.adsgraph.tenancy.Tenant;

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
 * <p>
 * Keys are found by {@link ApiKeyResolver}: a configured key without any I/O, as before;
 * a key issued through the admin API in PostgreSQL, remembered for a short while. When
 * the database cannot be asked about an issued key, the answer is 503 (the key may well
 * be valid), never 401.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiKeyWebFilter implements WebFilter {

	public static final String TENANT_ATTRIBUTE = Tenant.class.getName();

	public static final String UNAUTHORIZED_MESSAGE = "Missing or invalid API key. Send it in the API key header.";

	private static final byte[] UNAUTHORIZED_BODY = ("{\"errors\":[{\"message\":\"" + UNAUTHORIZED_MESSAGE
			+ "\",\"extensions\":{\"code\":\"UNAUTHENTICATED\"}}]}")
		.getBytes(StandardCharsets.UTF_8);

	private static final Logger logger = LoggerFactory.getLogger(ApiKeyWebFilter.class);

	static final String UNAVAILABLE_MESSAGE = "The API key could not be checked just now (the database did not answer). "
			+ "Retry shortly.";

	private static final byte[] UNAVAILABLE_BODY = ("{\"errors\":[{\"message\":\"" + UNAVAILABLE_MESSAGE
			+ "\",\"extensions\":{\"code\":\"INTERNAL\"}}]}")
		.getBytes(StandardCharsets.UTF_8);

	private final ApiKeyResolver tenants;

	private final String header;

	private final PathPattern graphQlPath;

	private final PathPattern webSocketPath;

	ApiKeyWebFilter(ApiKeyResolver tenants, AdsgraphProperties properties, Environment environment) {
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
		Optional<Tenant> configured = this.tenants.configured(key);
		if (configured.isPresent()) {
			// The hot path: no I/O, no reactive step of its own.
			return authenticated(exchange, chain, configured.get());
		}
		return this.tenants.issued(key).map(Lookup::found).defaultIfEmpty(Lookup.NONE).onErrorResume((ex) -> {
			logger.warn("Could not look up an API key in the database: {}", ex.toString());
			return Mono.just(Lookup.FAILED);
		}).flatMap((lookup) -> {
			if (lookup.tenant() != null) {
				return authenticated(exchange, chain, lookup.tenant());
			}
			return lookup.failed() ? unavailable(exchange.getRequest(), exchange.getResponse())
					: unauthorized(exchange.getRequest(), exchange.getResponse());
		});
	}

	private static Mono<Void> authenticated(ServerWebExchange exchange, WebFilterChain chain, Tenant tenant) {
		exchange.getAttributes().put(TENANT_ATTRIBUTE, tenant);
		return chain.filter(exchange);
	}

	private static Mono<Void> unavailable(ServerHttpRequest request, ServerHttpResponse response) {
		response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
		response.getHeaders().setContentType(ErrorResponses.mediaType(request));
		response.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
		return response.writeWith(Mono.just(response.bufferFactory().wrap(UNAVAILABLE_BODY)));
	}

	/** What the look-up of an issued key gave: its tenant, none, or a failure. */
	private record Lookup(Tenant tenant, boolean failed) {

		static final Lookup NONE = new Lookup(null, false);

		static final Lookup FAILED = new Lookup(null, true);

		static Lookup found(Tenant tenant) {
			return new Lookup(tenant, false);
		}

	}

	private Mono<Void> unauthorized(ServerHttpRequest request, ServerHttpResponse response) {
		response.setStatusCode(HttpStatus.UNAUTHORIZED);
		response.getHeaders().setContentType(ErrorResponses.mediaType(request));
		response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + this.header + "\"");
		DataBuffer buffer = response.bufferFactory().wrap(UNAUTHORIZED_BODY);
		return response.writeWith(Mono.just(buffer));
	}

}
