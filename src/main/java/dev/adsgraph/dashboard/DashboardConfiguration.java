package dev.adsgraph.dashboard;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.adsgraph.graphiql.GraphiQlProperties;
import dev.adsgraph.pages.PageAssets;
import dev.adsgraph.pages.PageMode;
import dev.adsgraph.pages.HtmlPages;
import dev.adsgraph.tenancy.AdsgraphProperties;

/**
 * Serves the dashboard at {@code adsgraph.dashboard.path} unless
 * {@code adsgraph.dashboard.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "adsgraph.dashboard.enabled", matchIfMissing = true)
class DashboardConfiguration {

	@Bean
	RouterFunction<ServerResponse> dashboardRoutes(DashboardProperties properties, AdsgraphProperties adsgraph,
			Environment environment) {
		DashboardPage page = new DashboardPage(settings(properties, adsgraph, environment), assets());
		return HtmlPages.routes(properties.path(), page::render, page.assets()::serve);
	}

	static DashboardPage.Settings settings(DashboardProperties properties, AdsgraphProperties adsgraph,
			Environment environment) {
		String graphQlPath = environment.getProperty("spring.graphql.http.path", "/graphql");
		if (properties.path().equals(graphQlPath)) {
			throw new IllegalStateException("adsgraph.dashboard.path (" + properties.path()
					+ ") must differ from spring.graphql.http.path, where the GraphQL endpoint is");
		}
		GraphiQlProperties graphiQl = Binder.get(environment)
			.bindOrCreate("adsgraph.graphiql", GraphiQlProperties.class);
		if (graphiQl.enabled() && properties.path().equals(graphiQl.path())) {
			throw new IllegalStateException("adsgraph.dashboard.path (" + properties.path()
					+ ") must differ from adsgraph.graphiql.path, where the GraphiQL page is");
		}
		return new DashboardPage.Settings(properties.path(), graphQlPath, PageMode.of(adsgraph, environment));
	}

	/**
	 * Chart.js's self-contained bundle from its webjar, and the page's own script and
	 * styles.
	 */
	static PageAssets assets() {
		return new PageAssets("The dashboard")
			.webjar("chart.js", "dist/chart.umd.js", "chart.umd.js", PageAssets.JAVASCRIPT)
			.add("dashboard.js", "dev/adsgraph/dashboard/dashboard.js", PageAssets.JAVASCRIPT)
			.add("dashboard.css", "dev/adsgraph/dashboard/dashboard.css", PageAssets.CSS);
	}

}
