package dev.adsgraph.admin;

import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.adsgraph.tenancy.ApiKeyResolver;

/**
 * Guards {@code /admin/**}: without an admin token configured every such path answers 404
 * as an unknown path does (the admin API is off); otherwise a request must carry exactly
 * one {@code Authorization: Bearer <token>} whose SHA-256 equals the configured one
 * (compared in constant time), or it gets 401 and nothing else happens. API keys mean
 * nothing here, and the admin token means nothing on {@code /graphql}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class AdminWebFilter implements WebFilter {

	private static final Logger logger = LoggerFactory.getLogger(AdminWebFilter.class);

	static final PathPattern ADMIN = PathPatternParser.defaultInstance.parse("/admin/**");

	private static final String BEARER = "bearer ";

	private final byte[] digest;

	AdminWebFilter(AdminProperties properties) {
		this.digest = properties.digest();
		if (properties.token() != null && !properties.token().isBlank()) {
			logger.warn("The admin token is configured in plain text (adsgraph.admin.token); configure its SHA-256 "
					+ "as adsgraph.admin.token-sha256 instead (see docs/admin.md)");
		}
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!ADMIN.matches(exchange.getRequest().getPath().pathWithinApplication())) {
			return chain.filter(exchange);
		}
		if (this.digest == null) {
			// Boot's own answer to a path that does not exist.
			return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
		}
		List<String> headers = exchange.getRequest().getHeaders().get(HttpHeaders.AUTHORIZATION);
		String token = (headers != null && headers.size() == 1) ? bearer(headers.get(0)) : null;
		if (token == null || !MessageDigest.isEqual(this.digest, ApiKeyResolver.sha256(token))) {
			exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"adsgraph-admin\"");
			return AdminErrors.write(exchange.getResponse(), HttpStatus.UNAUTHORIZED, AdminErrors.UNAUTHENTICATED,
					"Missing or invalid admin token. Send it as Authorization: Bearer <token>.");
		}
		return chain.filter(exchange);
	}

	private static String bearer(String header) {
		if (header.length() <= BEARER.length()
				|| !header.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
			return null;
		}
		return header.substring(BEARER.length()).strip();
	}

}
