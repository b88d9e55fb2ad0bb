package dev.adsgraph.graphiql;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.adsgraph.pages.HtmlPages;

/**
 * {@code adsgraph.graphiql.*}: the GraphiQL page served from the jar.
 *
 * @param enabled whether the page is served (default true)
 * @param path where it is served (default {@code /graphiql}); its scripts and styles are
 * served beneath it, at {@code <path>/assets/}
 */
@ConfigurationProperties("adsgraph.graphiql")
public record GraphiQlProperties(Boolean enabled, String path) {

	public GraphiQlProperties {
		enabled = (enabled != null) ? enabled : Boolean.TRUE;
		path = HtmlPages.path("adsgraph.graphiql.path", path, "/graphiql");
	}

}
