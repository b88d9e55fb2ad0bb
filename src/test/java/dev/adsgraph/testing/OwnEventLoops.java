package dev.adsgraph.testing;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Event loops and connections of an application's own, for an application a test starts
 * in the test JVM beside others (the contexts the test framework keeps, other gateways),
 * as a process of its own would have. With Reactor Netty's global ones, closing any
 * context disposes them (Spring's {@link ReactorResourceFactory} does that when it stops)
 * under every other application still using them: the servers of other replicas go down,
 * and a close that disposes the global connection pool while other contexts keep
 * borrowing from it can wait for it without end (a CI run of SecretsTest hung there for
 * 20 minutes).
 */
public final class OwnEventLoops {

	private OwnEventLoops() {
	}

	/**
	 * As an initializer:
	 * {@code new SpringApplicationBuilder(...).initializers(OwnEventLoops::register)}.
	 */
	public static void register(ConfigurableApplicationContext context) {
		((GenericApplicationContext) context).registerBean(ReactorResourceFactory.class, () -> {
			ReactorResourceFactory factory = new ReactorResourceFactory();
			factory.setUseGlobalResources(false);
			return factory;
		});
	}

}
