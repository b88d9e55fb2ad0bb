package dev.adsgraph.pages;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The HTML answer of a page of the gateway, and the pieces every such page is made of.
 */
public final class HtmlPages {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

	private HtmlPages() {
	}

	/**
	 * The page, never cached (it may hold the demo key, and the asset URLs in it change
	 * with the assets), with its Content-Security-Policy, no MIME sniffing and no
	 * referrer.
	 */
	/**
	 * A page's routes: the page at {@code path}, {@code path/} redirected to it, and its
	 * assets beneath {@code path/assets/}.
	 */
	public static RouterFunction<ServerResponse> routes(String path, HandlerFunction<ServerResponse> page,
			HandlerFunction<ServerResponse> assets) {
		return RouterFunctions.route()
			.GET(path, page)
			.GET(path + "/",
					(request) -> ServerResponse
						.permanentRedirect(URI.create(request.requestPath().contextPath().value() + path))
						.build())
			.GET(path + "/assets/{name}", assets)
			.build();
	}

	public static Mono<ServerResponse> ok(String html, String contentSecurityPolicy) {
		return ServerResponse.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noStore())
			.header("Content-Security-Policy", contentSecurityPolicy)
			.header("X-Content-Type-Options", "nosniff")
			.header("Referrer-Policy", "no-referrer")
			.bodyValue(html);
	}

	/**
	 * A value as JSON that is safe inside {@code <script type="application/json">}: no
	 * string in it can close the element or start markup.
	 */
	public static String scriptJson(Object value) {
		return JSON.writeValueAsString(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
	}

	/**
	 * A page's configured path, trimmed, or {@code fallback} when unset; anything that is
	 * not a plain path is refused naming the property.
	 */
	public static String path(String property, String value, String fallback) {
		String path = (value != null) ? value.trim() : fallback;
		if (!PATH.matcher(path).matches()) {
			throw new IllegalArgumentException(property + " must be a path such as " + fallback + ": it starts"
					+ " with '/', does not end with '/', and uses letters, digits, '.', '_', '~' and '-'; got '" + path
					+ "'");
		}
		return path;
	}

}
