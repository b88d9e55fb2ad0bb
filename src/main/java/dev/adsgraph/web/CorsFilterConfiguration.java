package dev.adsgraph.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

import dev.adsgraph.tenancy.AdsgraphProperties;

/**
 * CORS for the GraphQL endpoint from {@link CorsProperties}. It runs before the API key
 * check: a preflight carries no key and must be answered here, and the 401, 413 and 429
 * answers of the filters after it then carry the CORS headers a browser needs to let the
 * page read them.
 */
@Configuration(proxyBeanMethods = false)
class CorsFilterConfiguration {

	/** The gateway's correlation id header, readable by pages and sendable by them. */
	static final String CORRELATION_ID = "X-Correlation-Id";

	@Bean
	OrderedCorsWebFilter corsWebFilter(CorsProperties cors, AdsgraphProperties properties, Environment environment) {
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOrigins(cors.allowedOrigins());
		// GET for queries (GraphQL over HTTP); POST for everything.
		configuration.setAllowedMethods(List.of(HttpMethod.GET.name(), HttpMethod.POST.name()));
		List<String> headers = new ArrayList<>();
		headers.add(properties.apiKeyHeader());
		headers.addAll(cors.allowedHeaders());
		configuration.setAllowedHeaders(headers);
		configuration.setExposedHeaders(List.of(CORRELATION_ID, HttpHeaders.RETRY_AFTER, HttpHeaders.ETAG));
		// The API key is a header, never a cookie: nothing for a browser to send on its
		// own.
		configuration.setAllowCredentials(false);
		configuration.setMaxAge(cors.maxAge());
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration(environment.getProperty("spring.graphql.http.path", "/graphql"),
				configuration);
		String webSocketPath = environment.getProperty("spring.graphql.websocket.path");
		if (webSocketPath != null) {
			// Browsers do not enforce CORS on WebSockets; the server must refuse other
			// origins itself.
			CorsConfiguration webSocket = new CorsConfiguration();
			webSocket.setAllowedOrigins(cors.allowedOrigins());
			webSocket.setAllowedMethods(List.of(HttpMethod.GET.name()));
			webSocket.setAllowCredentials(false);
			source.registerCorsConfiguration(webSocketPath, webSocket);
		}
		return new OrderedCorsWebFilter(source);
	}

	static final class OrderedCorsWebFilter extends CorsWebFilter implements Ordered {

		OrderedCorsWebFilter(UrlBasedCorsConfigurationSource source) {
			super(source);
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE + 5;
		}

	}

}
