package dev.adsgraph.graphiql;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.DigestUtils;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;

import dev.adsgraph.pages.HtmlPages;
import dev.adsgraph.pages.PageAssets;
import dev.adsgraph.pages.PageMode;

/**
 * Renders the GraphiQL page. Everything it loads comes from the gateway itself, which its
 * Content-Security-Policy also tells the browser to enforce. Its settings travel in a
 * JSON block that the page's script reads: the GraphQL endpoint, the API key header with
 * the demo key filled in only in sandbox mode, one tab per example of {@code examples/},
 * and the WebSocket path for subscriptions once {@code spring.graphql.websocket.path} is
 * configured.
 */
final class GraphiQlPage {

	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
			+ "frame-ancestors 'none'";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Settings settings;

	private final List<Examples.Example> examples;

	private final PageAssets assets;

	private final Clock clock;

	GraphiQlPage(Settings settings, List<Examples.Example> examples, PageAssets assets, Clock clock) {
		this.settings = settings;
		this.examples = List.copyOf(examples);
		this.assets = assets;
		this.clock = clock;
	}

	Mono<ServerResponse> render(ServerRequest request) {
		return HtmlPages.ok(html(request.requestPath().contextPath().value()), CONTENT_SECURITY_POLICY);
	}

	/** The page for a gateway under {@code contextPath} (empty at the root). */
	String html(String contextPath) {
		String base = contextPath + this.settings.path();
		StringBuilder page = new StringBuilder(2048);
		page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
			.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
			.append("<title>Adsgraph GraphiQL</title>\n")
			.append("<link rel=\"icon\" href=\"data:,\">\n");
		stylesheet(page, base, "graphiql.min.css");
		stylesheet(page, base, "adsgraph-graphiql.css");
		page.append("</head>\n<body>\n")
			.append("<div id=\"graphiql\"><p class=\"adsgraph-loading\">Loading GraphiQL…</p></div>\n")
			.append("<noscript>GraphiQL needs JavaScript.</noscript>\n")
			.append("<script type=\"application/json\" id=\"adsgraph-graphiql-config\">")
			.append(configJson(contextPath))
			.append("</script>\n");
		script(page, base, "react.production.min.js");
		script(page, base, "react-dom.production.min.js");
		script(page, base, "graphiql.min.js");
		script(page, base, "adsgraph-graphiql.js");
		page.append("</body>\n</html>\n");
		return page.toString();
	}

	private void stylesheet(StringBuilder page, String base, String name) {
		page.append("<link rel=\"stylesheet\" href=\"")
			.append(HtmlUtils.htmlEscape(this.assets.url(base, name)))
			.append("\">\n");
	}

	private void script(StringBuilder page, String base, String name) {
		page.append("<script src=\"")
			.append(HtmlUtils.htmlEscape(this.assets.url(base, name)))
			.append("\"></script>\n");
	}

	/** The page's settings as JSON that is safe inside a script element. */
	String configJson(String contextPath) {
		return HtmlPages.scriptJson(config(contextPath));
	}

	Map<String, Object> config(String contextPath) {
		String headers = headersJson();
		LocalDate yesterday = LocalDate.now(this.clock).minusDays(1);
		List<Map<String, Object>> tabs = new ArrayList<>();
		for (Examples.Example example : this.examples) {
			Map<String, Object> tab = new LinkedHashMap<>();
			tab.put("query", Examples.withDatesEndingOn(example.query(), yesterday));
			tab.put("variables", Examples.withDatesEndingOn(example.variables(), yesterday));
			tab.put("headers", headers);
			tabs.add(tab);
		}
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("endpoint", contextPath + this.settings.graphQlPath());
		config.put("subscriptionEndpoint",
				(this.settings.webSocketPath() != null) ? contextPath + this.settings.webSocketPath() : null);
		config.put("mode", this.settings.sandbox() ? "sandbox" : "live");
		config.put("apiKeyHeader", this.settings.apiKeyHeader());
		config.put("defaultHeaders", headers);
		// The demo key is public; a real key is kept only for the browser tab's lifetime.
		config.put("persistHeaders", this.settings.sandbox());
		config.put("storageNamespace", storageNamespace(headers));
		config.put("tabs", tabs);
		return config;
	}

	private String headersJson() {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(this.settings.apiKeyHeader(), this.settings.sandbox() ? this.settings.demoApiKey() : "");
		return pretty(headers);
	}

	/**
	 * GraphiQL keeps its tabs in the browser's local storage, where they would win over
	 * new examples and could carry the demo key into a live gateway on the same address.
	 * Each mode and set of examples gets a namespace of its own.
	 */
	private String storageNamespace(String headers) {
		StringBuilder key = new StringBuilder(headers);
		for (Examples.Example example : this.examples) {
			key.append('\n').append(example.query()).append('\n').append(example.variables());
		}
		String digest = DigestUtils.md5DigestAsHex(key.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 8);
		return "adsgraph:" + (this.settings.sandbox() ? "sandbox" : "live") + ":" + digest;
	}

	/**
	 * A flat JSON object, one member a line, as a person would type it into GraphiQL's
	 * editors.
	 */
	private static String pretty(Map<String, ?> members) {
		StringBuilder json = new StringBuilder("{");
		String separator = "\n  ";
		for (Map.Entry<String, ?> member : members.entrySet()) {
			json.append(separator)
				.append(JSON.writeValueAsString(member.getKey()))
				.append(": ")
				.append(JSON.writeValueAsString(member.getValue()));
			separator = ",\n  ";
		}
		return json.append(members.isEmpty() ? "}" : "\n}").toString();
	}

	/**
	 * What the page needs to know of the gateway.
	 *
	 * @param path the page's path ({@code adsgraph.graphiql.path})
	 * @param graphQlPath the GraphQL endpoint's path ({@code spring.graphql.http.path})
	 * @param webSocketPath the GraphQL WebSocket endpoint's path, or null while there is
	 * none
	 * @param apiKeyHeader the API key header ({@code adsgraph.api-key-header})
	 * @param sandbox whether the built-in sandbox serves the gateway
	 * @param demoApiKey the sandbox demo tenant's key; ignored unless {@code sandbox}
	 */
	record Settings(String path, String graphQlPath, String webSocketPath, String apiKeyHeader, boolean sandbox,
			String demoApiKey) {

		Settings {
			// The one rule of what key a page may fill in.
			demoApiKey = new PageMode(sandbox, demoApiKey, apiKeyHeader).demoApiKey();
		}

	}

}
