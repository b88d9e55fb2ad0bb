package dev.adsgraph.consent;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;

/**
 * The consent callbacks Amazon sends the user's browser to: public, with no API key (the
 * state binds the workspace). A usable state ends in a 303 to the return URL with the
 * outcome; a missing, unknown, expired, used or malformed one in a 400 page that says why
 * and sends the user nowhere. Nothing Amazon sent (the code) is ever logged, shown or
 * passed on.
 */
class ConsentCallbacks {

	private static final Logger log = LoggerFactory.getLogger(ConsentCallbacks.class);

	private static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none';"
			+ " form-action 'none'; frame-ancestors 'none'";

	private final ConsentService consents;

	ConsentCallbacks(ConsentService consents) {
		this.consents = consents;
	}

	RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.GET(ConsentSite.ADS_CALLBACK, (request) -> handle(request, this.consents::completeAds))
			.GET(ConsentSite.SP_CALLBACK, (request) -> handle(request, this.consents::completeSellerCentral))
			.build();
	}

	private Mono<ServerResponse> handle(ServerRequest request,
			Function<ConsentService.Parameters, Mono<java.net.URI>> complete) {
		Map<String, String> values = new LinkedHashMap<>();
		for (Map.Entry<String, List<String>> parameter : request.queryParams().entrySet()) {
			List<String> given = parameter.getValue();
			if (given.size() != 1) {
				return page(HttpStatus.BAD_REQUEST, "The parameter " + shown(parameter.getKey())
						+ " is sent more than once: this is not a callback from Amazon.");
			}
			String value = (given.get(0) != null) ? given.get(0) : "";
			if (value.length() > ConsentService.MAX_PARAMETER || parameter.getKey().length() > 64) {
				return page(HttpStatus.BAD_REQUEST, "The parameter " + shown(parameter.getKey()) + " is longer than "
						+ ConsentService.MAX_PARAMETER + " characters: this is not a callback from Amazon.");
			}
			values.put(parameter.getKey(), value);
		}
		return complete.apply(new ConsentService.Parameters(values))
			.flatMap((target) -> ServerResponse.seeOther(target)
				.cacheControl(CacheControl.noStore())
				.header("Referrer-Policy", "no-referrer")
				.build())
			.onErrorResume(ConsentStates.InvalidStateException.class, (ex) -> {
				log.info("Consent callback {} refused: {}", request.path(), ex.getMessage());
				return page(HttpStatus.BAD_REQUEST, ex.getMessage());
			});
	}

	/** A parameter's name as shown on the page: short, whatever was sent. */
	private static String shown(String name) {
		return "'" + ((name.length() > 64) ? name.substring(0, 64) + "…" : name) + "'";
	}

	private static Mono<ServerResponse> page(HttpStatus status, String reason) {
		String html = """
				<!DOCTYPE html>
				<html lang="en">
				<head><meta charset="utf-8"><title>Adsgraph: the Amazon connection did not complete</title>
				<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem}</style>
				</head>
				<body>
				<h1>The Amazon connection did not complete</h1>
				<p id="reason">%s</p>
				<p>Nothing was connected. Go back to the application you came from and start the connection again.</p>
				</body>
				</html>
				""".formatted(HtmlUtils.htmlEscape(reason, StandardCharsets.UTF_8.name()));
		return ServerResponse.status(status)
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noStore())
			.header("Content-Security-Policy", PAGE_POLICY)
			.header("X-Content-Type-Options", "nosniff")
			.header("Referrer-Policy", "no-referrer")
			.bodyValue(html);
	}

}
