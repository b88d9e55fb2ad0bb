package dev.adsgraph.sandbox.ads;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import dev.adsgraph.sandbox.core.Stats;

/**
 * The page a {@code termsUrl} opens: Amazon's Ads Agreement with an accept button.
 * Submitting it is the user's acceptance (CREATED → ACCEPTED). Like Amazon's page it
 * needs no API token.
 */
public final class TermsPageHandler {

	private final Stats stats;

	private final TermsTokens termsTokens;

	public TermsPageHandler(Stats stats, TermsTokens termsTokens) {
		this.stats = stats;
		this.termsTokens = termsTokens;
	}

	public Mono<ServerResponse> show(ServerRequest request) {
		this.stats.count("terms.agreement.view");
		return page(request, false);
	}

	public Mono<ServerResponse> accept(ServerRequest request) {
		this.stats.count("terms.agreement.accept");
		String termsToken = request.pathVariable("termsToken");
		if (TermsTokensHandler.UUID_PATTERN.matcher(termsToken).matches()) {
			this.termsTokens.accept(termsToken.toLowerCase(Locale.ROOT));
		}
		// Drain the form body the button posted before answering.
		return request.bodyToMono(String.class).then(page(request, true));
	}

	private Mono<ServerResponse> page(ServerRequest request, boolean submitted) {
		String termsToken = request.pathVariable("termsToken");
		TermsTokens.Entry entry = TermsTokensHandler.UUID_PATTERN.matcher(termsToken).matches()
				? this.termsTokens.find(termsToken.toLowerCase(Locale.ROOT)).orElse(null) : null;
		if (entry == null) {
			return html(404, "<h1>Terms token not found</h1><p>This link is not valid.</p>");
		}
		String status = this.termsTokens.status(entry);
		String body = "<h1>Amazon Ads Agreement</h1>"
				+ "<p>This page is the Adsgraph sandbox's stand-in for Amazon's agreement page.</p>" + "<p>Terms type: "
				+ entry.termsType() + "<br>Token: <code>" + entry.termsToken()
				+ "</code><br>Status: <strong id=\"status\">" + status + "</strong></p>";
		if (TermsTokens.CREATED.equals(status)) {
			body += "<form method=\"post\"><button type=\"submit\">Accept and continue</button></form>";
		}
		else if (submitted && TermsTokens.ACCEPTED.equals(status)) {
			body += "<p>Thank you. You can close this window.</p>";
		}
		return html(200, body);
	}

	private static Mono<ServerResponse> html(int status, String body) {
		String page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
				+ "<title>Amazon Ads Agreement (sandbox)</title></head><body>" + body + "</body></html>";
		return ServerResponse.status(status)
			.header(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8")
			.bodyValue(page.getBytes(StandardCharsets.UTF_8));
	}

}
