package dev.adsgraph.graphql;

import java.util.List;

import graphql.execution.instrumentation.Instrumentation;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chains the application's instrumentations (the same beans, in the same order as Spring
 * Boot hands them to the GraphQL source) in a {@link LeanInstrumentationChain} instead of
 * graphql-java's plain chain, which Spring for GraphQL builds first and this replaces.
 */
@Configuration(proxyBeanMethods = false)
class InstrumentationChainConfiguration {

	@Bean
	GraphQlSourceBuilderCustomizer leanInstrumentationChain(ObjectProvider<Instrumentation> instrumentations) {
		return (builder) -> builder.configureGraphQl((graphQl) -> {
			List<Instrumentation> chain = instrumentations.orderedStream().toList();
			if (chain.size() > 1) {
				graphQl.instrumentation(new LeanInstrumentationChain(chain));
			}
		});
	}

}
