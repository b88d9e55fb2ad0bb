package dev.adsgraph.graphiql;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.adsgraph.pages.HtmlPages;

/**
 * {@code adsgraph.graphiql.*}: the GraphiQL page served from the jar.
 *
 * @param enabled whether the page is served
 * @param path where it is served; its scripts and styles are served beneath it, at
 * {@code <path>/assets/}
 */
@Validated
@ConfigurationProperties("adsgraph.graphiql")
public record GraphiQlProperties(@DefaultValue("true") boolean enabled,
		@NotNull @DefaultValue("/graphiql") String path) {

	public GraphiQlProperties {
		if (path != null) {
			path = HtmlPages.path("adsgraph.graphiql.path", path, "/graphiql");
		}
	}

}
