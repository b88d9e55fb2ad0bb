package dev.adsgraph.graphql;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the query limits; Spring for GraphQL adds every {@code Instrumentation} bean
 * to graphql-java. Introspection is switched by
 * {@code spring.graphql.schema.introspection.enabled}, which {@code application.yml} maps
 * from {@code adsgraph.limits.introspection}.
 */
@Configuration(proxyBeanMethods = false)
class QueryLimitsConfiguration {

	@Bean
	QueryLimitsInstrumentation queryLimitsInstrumentation(LimitsProperties limits) {
		return new QueryLimitsInstrumentation(limits);
	}

}
