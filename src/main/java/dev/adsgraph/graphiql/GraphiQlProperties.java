package dev.adsgraph.graphiql;

import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code adsgraph.graphiql.*}: the GraphiQL page served from the jar.
 *
 * @param enabled whether the page is served (default true)
 * @param path where it is served (default {@code /graphiql}); its scripts and styles are served
 * beneath it, at {@code <path>/assets/}
 */
@ConfigurationProperties("adsgraph.graphiql")
public record GraphiQlProperties(Boolean enabled, String path) {

	private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

	public GraphiQlProperties {
		enabled = (enabled != null) ? enabled : Boolean.TRUE;
		path = (path != null) ? path.trim() : "/graphiql";
		if (!PATH.matcher(path).matches()) {
			throw new IllegalArgumentException("adsgraph.graphiql.path must be a path such as /graphiql: it starts"
					+ " with '/', does not end with '/', and uses letters, digits, '.', '_', '~' and '-'; got '" + path
					+ "'");
		}
	}

}
