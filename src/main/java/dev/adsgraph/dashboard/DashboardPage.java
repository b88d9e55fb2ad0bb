package dev.adsgraph.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.core.io.ClassPathResource;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;

import dev.adsgraph.pages.HtmlPages;
import dev.adsgraph.pages.PageAssets;
import dev.adsgraph.pages.PageMode;

/**
 * Renders the dashboard from its HTML template ({@code dashboard.html}): the asset URLs
 * (with their digests, under the context path) and a JSON settings block that its script
 * reads. The settings name the GraphQL endpoint and the API key header, and carry the
 * demo key in sandbox mode only. Nothing the dashboard shows comes from here: it asks
 * {@code /graphql}, as any client would.
 */
final class DashboardPage {

	/**
	 * Stricter than GraphiQL's: no inline styles either, since the page and Chart.js need
	 * none.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	static final String TEMPLATE = "dev/adsgraph/dashboard/dashboard.html";

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(asset:[A-Za-z0-9._-]+|settings)\\}\\}");

	private final Settings settings;

	private final PageAssets assets;

	private final String template;

	DashboardPage(Settings settings, PageAssets assets) {
		this.settings = settings;
		this.assets = assets;
		this.template = template();
		// A placeholder naming an asset that is not served stops the start-up, not a
		// visitor.
		html("");
	}

	PageAssets assets() {
		return this.assets;
	}

	Mono<ServerResponse> render(ServerRequest request) {
		return HtmlPages.ok(html(request.requestPath().contextPath().value()), CONTENT_SECURITY_POLICY);
	}

	/** The page for a gateway under {@code contextPath} (empty at the root). */
	String html(String contextPath) {
		String base = contextPath + this.settings.path();
		Matcher placeholder = PLACEHOLDER.matcher(this.template);
		StringBuilder page = new StringBuilder(this.template.length() + 512);
		while (placeholder.find()) {
			String name = placeholder.group(1);
			String value = name.equals("settings") ? HtmlPages.scriptJson(settings(contextPath))
					: HtmlUtils.htmlEscape(this.assets.url(base, name.substring("asset:".length())));
			placeholder.appendReplacement(page, Matcher.quoteReplacement(value));
		}
		placeholder.appendTail(page);
		return page.toString();
	}

	Map<String, Object> settings(String contextPath) {
		PageMode mode = this.settings.mode();
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("endpoint", contextPath + this.settings.graphQlPath());
		settings.put("mode", mode.name());
		settings.put("apiKeyHeader", mode.apiKeyHeader());
		settings.put("demoApiKey", mode.demoApiKey());
		// Per mode, so a demo key kept in a sandbox session is never sent to a live
		// gateway on the same address.
		settings.put("storagePrefix", "adsgraph-dashboard:" + mode.name() + ":");
		return settings;
	}

	private static String template() {
		ClassPathResource resource = new ClassPathResource(TEMPLATE);
		if (!resource.exists()) {
			throw new IllegalStateException("The dashboard needs " + TEMPLATE + ", which is not on the classpath");
		}
		try (InputStream in = resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * What the page needs to know of the gateway.
	 *
	 * @param path the page's path ({@code adsgraph.dashboard.path})
	 * @param graphQlPath the GraphQL endpoint's path ({@code spring.graphql.http.path})
	 * @param mode sandbox or live, and so which key may be filled in
	 */
	record Settings(String path, String graphQlPath, PageMode mode) {
	}

}
