package dev.adsgraph.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.adsgraph.tenancy.AdsgraphProperties;

/**
 * The GraphQL endpoint's HTTP handler ({@link GraphQlHttpHandler}) in place of Spring
 * Boot's, which still routes POST to it, and a route for GET to the same handler, before
 * Boot's router (which answers POST only). Spring for GraphQL 2.0 has no GET of its own.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlHttpConfiguration {

	@Bean
	GraphQlHttpHandler graphQlHttpHandler(WebGraphQlHandler webGraphQlHandler, AdsgraphProperties properties) {
		return new GraphQlHttpHandler(webGraphQlHandler, properties.apiKeyHeader());
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	RouterFunction<ServerResponse> graphQlGetRouterFunction(GraphQlHttpHandler handler, Environment environment) {
		String path = environment.getProperty("spring.graphql.http.path", "/graphql");
		return RouterFunctions.route(RequestPredicates.GET(path), handler::handleGet);
	}

}
