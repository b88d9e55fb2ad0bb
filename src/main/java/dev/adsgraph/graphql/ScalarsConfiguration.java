package dev.adsgraph.graphql;

import graphql.scalars.ExtendedScalars;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

@Configuration(proxyBeanMethods = false)
class ScalarsConfiguration {

	@Bean
	RuntimeWiringConfigurer extendedScalars() {
		return (wiring) -> wiring.scalar(ExtendedScalars.GraphQLLong)
			.scalar(ExtendedScalars.Date)
			.scalar(ExtendedScalars.DateTime)
			.scalar(CountryCodeScalar.INSTANCE)
			.scalar(ExtendedScalars.Currency)
			.scalar(ExtendedScalars.Url)
			.scalar(ExtendedScalars.GraphQLBigDecimal);
	}

}
