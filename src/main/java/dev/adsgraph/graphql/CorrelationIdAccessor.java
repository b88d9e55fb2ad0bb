package dev.adsgraph.graphql;

import io.micrometer.context.ThreadLocalAccessor;
import org.slf4j.MDC;

/**
 * Carries the correlation id from a request's Reactor context into the logging MDC of
 * whatever thread works on the request, so every log line written on its behalf names it
 * (as {@code correlationId}, a field of its own in JSON logs). Registered with
 * Micrometer's context propagation through {@code META-INF/services}; Reactor applies it
 * on every operator because {@code spring.reactor.context-propagation} is {@code auto}.
 */
public final class CorrelationIdAccessor implements ThreadLocalAccessor<String> {

	/** The Reactor context key {@link CorrelationInterceptor} writes, and the MDC key. */
	public static final String KEY = CorrelationInterceptor.CONTEXT_KEY;

	@Override
	public Object key() {
		return KEY;
	}

	@Override
	public String getValue() {
		return MDC.get(KEY);
	}

	@Override
	public void setValue(String value) {
		// Restored around every data fetcher and Reactor step, mostly to the value
		// the thread already has.
		if (!value.equals(MDC.get(KEY))) {
			MDC.put(KEY, value);
		}
	}

	@Override
	public void setValue() {
		MDC.remove(KEY);
	}

}
