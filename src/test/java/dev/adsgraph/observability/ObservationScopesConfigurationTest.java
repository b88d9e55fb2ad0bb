package dev.adsgraph.observability;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.adsgraph.graphql.CorrelationIdAccessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without a tracer, context propagation restores the correlation id but no observation
 * scope.
 */
class ObservationScopesConfigurationTest {

	@Test
	void theObservationScopeLeavesContextPropagationAndTheCorrelationIdStays() {
		// As Micrometer registers it (another test's application may have taken it out
		// already).
		ContextRegistry.getInstance().registerThreadLocalAccessor(new ObservationThreadLocalAccessor());
		assertThat(ContextRegistry.getInstance().getThreadLocalAccessors()).extracting(ThreadLocalAccessor::key)
			.contains(ObservationThreadLocalAccessor.KEY);
		new ApplicationContextRunner().withUserConfiguration(ObservationScopesConfiguration.class)
			.run((context) -> assertThat(ContextRegistry.getInstance().getThreadLocalAccessors())
				.extracting(ThreadLocalAccessor::key)
				.doesNotContain(ObservationThreadLocalAccessor.KEY)
				.contains(CorrelationIdAccessor.KEY));
	}

}
