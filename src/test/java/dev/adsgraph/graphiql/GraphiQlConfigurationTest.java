package dev.adsgraph.graphiql;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import dev.adsgraph.tenancy.AdsgraphProperties;
import dev.adsgraph.testing.ConfigurationBinding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GraphiQlConfigurationTest {

	private static final GraphiQlProperties DEFAULTS = ConfigurationBinding.bind(GraphiQlProperties.class);

	@Test
	void theSandboxDemoTenantsKeyIsFilledInOnlyInSandboxMode() {
		AdsgraphProperties.TenantProperties demo = new AdsgraphProperties.TenantProperties("demo", "Demo",
				"adsgraph-demo-key", null, null);
		// Tenants hold digests only; the sandbox publishes its public demo key on its
		// own.
		GraphiQlPage.Settings sandbox = GraphiQlConfiguration.settings(DEFAULTS,
				new AdsgraphProperties(AdsgraphProperties.Mode.SANDBOX, "X-Key", List.of(demo)),
				new MockEnvironment().withProperty("adsgraph.sandbox.demo-api-key", "adsgraph-demo-key"));
		assertThat(sandbox.sandbox()).isTrue();
		assertThat(sandbox.demoApiKey()).isEqualTo("adsgraph-demo-key");
		assertThat(sandbox.apiKeyHeader()).isEqualTo("X-Key");
		GraphiQlPage.Settings live = GraphiQlConfiguration.settings(DEFAULTS,
				new AdsgraphProperties(AdsgraphProperties.Mode.LIVE, "X-Api-Key", List.of(demo)),
				new MockEnvironment().withProperty("adsgraph.sandbox.demo-api-key", "adsgraph-demo-key"));
		assertThat(live.sandbox()).isFalse();
		assertThat(live.demoApiKey()).isNull();
		assertThat(live.apiKeyHeader()).isEqualTo("X-Api-Key");
	}

	@Test
	void theGraphQlAndWebSocketPathsComeFromSpringForGraphQl() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.graphql.http.path", "/api/graphql")
			.withProperty("spring.graphql.websocket.path", "/graphql-ws");
		GraphiQlPage.Settings settings = GraphiQlConfiguration.settings(DEFAULTS, live(), environment);
		assertThat(settings.graphQlPath()).isEqualTo("/api/graphql");
		assertThat(settings.webSocketPath()).isEqualTo("/graphql-ws");
		assertThat(GraphiQlConfiguration.settings(DEFAULTS, live(), new MockEnvironment()).webSocketPath()).isNull();
	}

	@Test
	void thePageCannotTakeTheGraphQlEndpointsPath() {
		assertThatThrownBy(() -> GraphiQlConfiguration.settings(new GraphiQlProperties(true, "/graphql"), live(),
				new MockEnvironment()))
			.hasMessage("adsgraph.graphiql.path (/graphql) must differ from spring.graphql.http.path, where the GraphQL"
					+ " endpoint is");
	}

	@Test
	void springsCdnPageAtTheSamePathIsRefused() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.graphql.graphiql.enabled", "true");
		assertThatThrownBy(() -> GraphiQlConfiguration.settings(DEFAULTS, live(), environment))
			.hasMessageStartingWith("spring.graphql.graphiql.enabled=true puts Spring's GraphiQL page");
		environment.setProperty("spring.graphql.graphiql.path", "/spring-graphiql");
		assertThat(GraphiQlConfiguration.settings(DEFAULTS, live(), environment).path()).isEqualTo("/graphiql");
	}

	@Test
	void aMalformedPathIsRefusedNamingTheProperty() {
		for (String path : List.of("graphiql", "/graphiql/", "/", "/a b", "/x?y")) {
			assertThatThrownBy(() -> new GraphiQlProperties(true, path)).as(path)
				.hasMessageStartingWith("adsgraph.graphiql.path must be a path such as /graphiql")
				.hasMessageEndingWith("got '" + path + "'");
		}
		assertThat(new GraphiQlProperties(true, " /tools/graphiql ").path()).isEqualTo("/tools/graphiql");
		assertThat(DEFAULTS.enabled()).isTrue();
	}

	private static AdsgraphProperties live() {
		return ConfigurationBinding.bind(AdsgraphProperties.class);
	}

}
