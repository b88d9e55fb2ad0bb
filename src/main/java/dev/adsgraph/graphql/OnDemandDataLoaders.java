package dev.adsgraph.graphql;

import graphql.ExecutionInput;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import io.micrometer.observation.ObservationRegistry;
import org.dataloader.instrumentation.DataLoaderInstrumentation;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.observation.DataFetcherObservationConvention;
import org.springframework.graphql.observation.DataLoaderObservationConvention;
import org.springframework.graphql.observation.ExecutionRequestObservationConvention;
import org.springframework.graphql.observation.GraphQlObservationInstrumentation;
import org.springframework.graphql.server.WebGraphQlInterceptor;

import static graphql.execution.instrumentation.dataloader.EmptyDataLoaderRegistryInstance.EMPTY_DATALOADER_REGISTRY;

/**
 * Builds a request's data loaders when its fields first ask for them
 * ({@link OnDemandBatchLoaderRegistry}): the batch loader registry that Spring for
 * GraphQL and the application's loaders register with, a registry of its own for every
 * request that comes through the web transports (HTTP and WebSocket), and Spring's
 * observation instrumentation taught to instrument such a registry's loaders instead of
 * copying (and so building) all of them. Requests executed without the web layer get
 * every loader at once, as with Spring's registry.
 */
@Configuration(proxyBeanMethods = false)
class OnDemandDataLoaders {

	@Bean
	OnDemandBatchLoaderRegistry batchLoaderRegistry() {
		return new OnDemandBatchLoaderRegistry();
	}

	@Bean
	WebGraphQlInterceptor onDemandDataLoaderRegistry() {
		return (request, chain) -> {
			// A registry the caller chose (one with its own instrumentation, say) stays
			// and gets every loader at once.
			request.configureExecutionInput(
					(input, builder) -> (input.getDataLoaderRegistry() != EMPTY_DATALOADER_REGISTRY) ? input
							: builder.dataLoaderRegistry(new OnDemandDataLoaderRegistry()).build());
			return chain.next(request);
		};
	}

	/**
	 * Spring Boot's {@code graphQlObservationInstrumentation}, the same conventions, but
	 * aware of on-demand loaders; without a registry (no Actuator) it observes nothing.
	 */
	@Bean
	GraphQlObservationInstrumentation graphQlObservationInstrumentation(
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ExecutionRequestObservationConvention> requestConvention,
			ObjectProvider<DataFetcherObservationConvention> dataFetcherConvention,
			ObjectProvider<DataLoaderObservationConvention> dataLoaderConvention) {
		return new OnDemandObservationInstrumentation(
				observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP), requestConvention.getIfAvailable(),
				dataFetcherConvention.getIfAvailable(), dataLoaderConvention.getIfAvailable());
	}

	/**
	 * Spring's instrumentation copies the request's registry into a new one with its data
	 * loader observation, which would build every on-demand loader; for an
	 * {@link OnDemandDataLoaderRegistry} it gets the same observation on the loaders it
	 * builds.
	 */
	static final class OnDemandObservationInstrumentation extends GraphQlObservationInstrumentation {

		/** Spring's data loader observation (one for all requests: it keeps no state). */
		private volatile DataLoaderInstrumentation loaderObservation;

		OnDemandObservationInstrumentation(ObservationRegistry registry,
				ExecutionRequestObservationConvention requestConvention,
				DataFetcherObservationConvention dataFetcherConvention,
				DataLoaderObservationConvention dataLoaderConvention) {
			super(registry, requestConvention, dataFetcherConvention, dataLoaderConvention);
		}

		@Override
		public ExecutionInput instrumentExecutionInput(ExecutionInput executionInput,
				InstrumentationExecutionParameters parameters, InstrumentationState state) {
			if (!(executionInput.getDataLoaderRegistry() instanceof OnDemandDataLoaderRegistry onDemand)) {
				return super.instrumentExecutionInput(executionInput, parameters, state);
			}
			DataLoaderInstrumentation observation = loaderObservation(parameters, state);
			return executionInput
				.transform((builder) -> builder.dataLoaderRegistry(onDemand.instrumentedWith(observation)));
		}

		/** Taken from what Spring's own method does to a registry with no loaders. */
		private DataLoaderInstrumentation loaderObservation(InstrumentationExecutionParameters parameters,
				InstrumentationState state) {
			DataLoaderInstrumentation observation = this.loaderObservation;
			if (observation == null) {
				ExecutionInput probe = ExecutionInput.newExecutionInput("{__typename}").build();
				observation = super.instrumentExecutionInput(probe, parameters, state).getDataLoaderRegistry()
					.getInstrumentation();
				this.loaderObservation = observation;
			}
			return observation;
		}

	}

}
