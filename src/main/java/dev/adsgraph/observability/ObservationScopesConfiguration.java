package dev.adsgraph.observability;

import io.micrometer.context.ContextRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Configuration;

/**
 * Takes Micrometer's observation scope out of context propagation when no tracer is on
 * the class path. Reactor (with {@code spring.reactor.context-propagation=auto}) and
 * Spring for GraphQL (around every data fetcher) restore each registered thread local
 * from the request's context: for the current observation that opened and closed a scope
 * on the request's observation at every step, about a twentieth of the CPU of a
 * 50-product request, for a thread local only a tracer reads. The meters do not need it:
 * Spring's observations find their parents in the Reactor and GraphQL contexts, and the
 * correlation id in the logs has its own accessor ({@code CorrelationIdAccessor}), which
 * stays. With Micrometer Tracing on the class path this does nothing.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingClass("io.micrometer.tracing.Tracer")
class ObservationScopesConfiguration {

	ObservationScopesConfiguration() {
		ContextRegistry.getInstance().removeThreadLocalAccessor(ObservationThreadLocalAccessor.KEY);
	}

}
