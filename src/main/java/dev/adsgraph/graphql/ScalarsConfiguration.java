package dev.adsgraph.graphql;

import java.util.List;

import graphql.language.ScalarTypeDefinition;
import graphql.scalars.ExtendedScalars;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;

import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

import static graphql.util.TreeTransformerUtil.changeNode;

@Configuration(proxyBeanMethods = false)
class ScalarsConfiguration {

	@Bean
	RuntimeWiringConfigurer extendedScalars() {
		return (wiring) -> wiring.scalar(ExtendedScalars.Date)
			.scalar(ExtendedScalars.DateTime)
			.scalar(CountryCodeScalar.INSTANCE)
			.scalar(ExtendedScalars.Currency)
			.scalar(ExtendedScalars.Url)
			.scalar(DecimalScalar.INSTANCE);
	}

	/**
	 * Introspection describes each scalar as {@code schema/*.graphqls} does (its wire
	 * format), not with the library's own sentence: graphql-java takes a wired scalar's
	 * description from the Java object and only its {@code @specifiedBy} from the SDL.
	 */
	@Bean
	GraphQlSourceBuilderCustomizer scalarDescriptionsFromTheSchema() {
		return (builder) -> builder.typeVisitorsToTransformSchema(List.of(new SchemaScalarDescriptions()));
	}

	/** Replaces a scalar's description with its SDL definition's, where it has one. */
	static final class SchemaScalarDescriptions extends GraphQLTypeVisitorStub {

		@Override
		public TraversalControl visitGraphQLScalarType(GraphQLScalarType scalar,
				TraverserContext<GraphQLSchemaElement> context) {
			ScalarTypeDefinition definition = scalar.getDefinition();
			if (definition == null || definition.getDescription() == null) {
				return TraversalControl.CONTINUE;
			}
			String described = definition.getDescription().getContent();
			if (described.equals(scalar.getDescription())) {
				return TraversalControl.CONTINUE;
			}
			return changeNode(context, scalar.transform((copy) -> copy.description(described)));
		}

	}

}
