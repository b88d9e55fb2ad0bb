package dev.adsgraph.graphql;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;

/**
 * Registers the query limits; Spring for GraphQL adds every {@code Instrumentation} bean
 * to graphql-java. Introspection is switched by
 * {@code spring.graphql.schema.introspection.enabled}, which {@code application.yml} maps
 * from {@code adsgraph.limits.introspection}. Queries execute within the
 * {@link ComplexityBudget} ({@code adsgraph.limits.complexity-in-flight}).
 */
@Configuration(proxyBeanMethods = false)
class QueryLimitsConfiguration {

	@Bean
	QueryLimitsInstrumentation queryLimitsInstrumentation(LimitsProperties limits) {
		return new QueryLimitsInstrumentation(limits);
	}

	@Bean
	ComplexityBudget complexityBudget(LimitsProperties limits) {
		return new ComplexityBudget(limits.complexityInFlight());
	}

	/**
	 * graphql-java's strategy for queries within the budget. The exception handler is the
	 * one Spring for GraphQL gives graphql-java's default strategy: made the same way,
	 * from the same resolvers, in the same order.
	 */
	@Bean
	GraphQlSourceBuilderCustomizer budgetedQueries(ComplexityBudget budget,
			ObjectProvider<DataFetcherExceptionResolver> exceptionResolvers) {
		return (builder) -> builder
			.configureGraphQl((graphQl) -> graphQl.queryExecutionStrategy(new BudgetedExecutionStrategy(
					DataFetcherExceptionResolver.createExceptionHandler(exceptionResolvers.orderedStream().toList()),
					budget)));
	}

}
