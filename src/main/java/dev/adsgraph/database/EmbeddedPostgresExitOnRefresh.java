package dev.adsgraph.database;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.support.DefaultLifecycleProcessor;
import org.springframework.core.SpringProperties;
import org.springframework.stereotype.Component;

/**
 * Stops the embedded PostgreSQL servers of this JVM when Spring is about to halt it. With
 * {@code spring.context.exit=onRefresh} (the Docker image's class data sharing training
 * start, and bench/run's) Spring Framework's {@link DefaultLifecycleProcessor} calls
 * {@link Runtime#halt} as soon as the context is refreshed, so no shutdown hook runs and
 * the server {@link EmbeddedPostgresEnvironmentPostProcessor} started would outlive the
 * JVM. Every singleton has been created at this point (the migrations have run); the halt
 * is the next thing the context does.
 */
@Component
class EmbeddedPostgresExitOnRefresh implements SmartInitializingSingleton {

	@Override
	public void afterSingletonsInstantiated() {
		if (DefaultLifecycleProcessor.ON_REFRESH_VALUE
			.equalsIgnoreCase(SpringProperties.getProperty(DefaultLifecycleProcessor.EXIT_PROPERTY_NAME))) {
			EmbeddedPostgresEnvironmentPostProcessor.stopAll();
		}
	}

}
