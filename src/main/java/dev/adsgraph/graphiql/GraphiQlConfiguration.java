package dev.adsgraph.graphiql;

import java.time.Clock;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.adsgraph.pages.PageAssets;
import dev.adsgraph.pages.PageMode;
import dev.adsgraph.pages.HtmlPages;
import dev.adsgraph.tenancy.AdsgraphProperties;

/**
 * Serves the GraphiQL page at {@code adsgraph.graphiql.path} unless
 * {@code adsgraph.graphiql.enabled=false}. Spring for GraphQL's own page is switched off
 * in {@code application.yml}: it loads GraphiQL from a CDN.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "adsgraph.graphiql.enabled", matchIfMissing = true)
class GraphiQlConfiguration {

	private static final Log logger = LogFactory.getLog(GraphiQlConfiguration.class);

	@Bean
	RouterFunction<ServerResponse> graphiQlRoutes(GraphiQlProperties properties, AdsgraphProperties adsgraph,
			Environment environment, Clock clock) {
		GraphiQlPage.Settings settings = settings(properties, adsgraph, environment);
		PageAssets assets = assets();
		GraphiQlPage page = new GraphiQlPage(settings, examples(), assets, clock);
		return HtmlPages.routes(properties.path(), page::render, assets::serve);
	}

	static GraphiQlPage.Settings settings(GraphiQlProperties properties, AdsgraphProperties adsgraph,
			Environment environment) {
		String graphQlPath = environment.getProperty("spring.graphql.http.path", "/graphql");
		if (properties.path().equals(graphQlPath)) {
			throw new IllegalStateException("adsgraph.graphiql.path (" + properties.path()
					+ ") must differ from spring.graphql.http.path, where the GraphQL endpoint is");
		}
		if (environment.getProperty("spring.graphql.graphiql.enabled", Boolean.class, false)
				&& properties.path().equals(environment.getProperty("spring.graphql.graphiql.path", "/graphiql"))) {
			throw new IllegalStateException("spring.graphql.graphiql.enabled=true puts Spring's GraphiQL page (which"
					+ " loads its scripts from a CDN) at " + properties.path() + ", where Adsgraph serves its own"
					+ " (adsgraph.graphiql.path). Set spring.graphql.graphiql.enabled=false, or give one of them"
					+ " another path.");
		}
		PageMode mode = PageMode.of(adsgraph, environment);
		return new GraphiQlPage.Settings(properties.path(), graphQlPath,
				environment.getProperty("spring.graphql.websocket.path"), mode.apiKeyHeader(), mode.sandbox(),
				mode.demoApiKey());
	}

	/**
	 * GraphiQL's and React's browser bundles from their webjars, and the page's own
	 * start-up script.
	 */
	static PageAssets assets() {
		return new PageAssets("The GraphiQL page")
			.webjar("react", "umd/react.production.min.js", "react.production.min.js", PageAssets.JAVASCRIPT)
			.webjar("react-dom", "umd/react-dom.production.min.js", "react-dom.production.min.js",
					PageAssets.JAVASCRIPT)
			.webjar("graphiql", "graphiql.min.js", "graphiql.min.js", PageAssets.JAVASCRIPT)
			.webjar("graphiql", "graphiql.min.css", "graphiql.min.css", PageAssets.CSS)
			.add("adsgraph-graphiql.js", "dev/adsgraph/graphiql/adsgraph-graphiql.js", PageAssets.JAVASCRIPT)
			.add("adsgraph-graphiql.css", "dev/adsgraph/graphiql/adsgraph-graphiql.css", PageAssets.CSS);
	}

	/**
	 * The examples as the build packed them; without them the page opens on one empty
	 * tab.
	 */
	static List<Examples.Example> examples() {
		List<Examples.Example> examples = Examples.load(Examples.CLASSPATH);
		if (examples.isEmpty()) {
			logger.warn("GraphiQL opens without examples: none at " + Examples.CLASSPATH
					+ " (the build copies examples/ there)");
		}
		return examples;
	}

}
