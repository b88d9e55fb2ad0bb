package dev.adsgraph.sandbox.ads;

import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import dev.adsgraph.sandbox.core.Stats;
import dev.adsgraph.sandbox.fixtures.Account;

/**
 * The sandbox's stand-in for Amazon's billing setup page:
 * {@code GET /sandbox/billing/setup?adsAccountId=…} shows whether the account's billing
 * is set up, with a form; submitting it ({@code POST}, same address) is the user adding
 * billing information and a payment method, after which the billing API answers
 * VALID_BILLING_STATUS in every country of the account. Like Amazon's console page it
 * needs no API token: whoever has the link completes it.
 */
public final class BillingPageHandler {

	/** The page's path; the gateway's {@code setupUrl} points here in sandbox mode. */
	public static final String PATH = "/sandbox/billing/setup";

	private final Stats stats;

	private final AccountRegistry registry;

	private final BillingBook book;

	public BillingPageHandler(Stats stats, AccountRegistry registry, BillingBook book) {
		this.stats = stats;
		this.registry = registry;
		this.book = book;
	}

	public Mono<ServerResponse> show(ServerRequest request) {
		this.stats.count("billing.setup.view");
		return page(request, false);
	}

	public Mono<ServerResponse> complete(ServerRequest request) {
		this.stats.count("billing.setup.complete");
		Account account = account(request);
		if (account != null) {
			this.book.complete(account.adsAccountId());
		}
		// Drain the form body the button posted before answering.
		return request.bodyToMono(String.class).then(page(request, true));
	}

	private Account account(ServerRequest request) {
		String id = request.queryParam("adsAccountId").orElse("");
		return this.registry.account(id).orElse(null);
	}

	private Mono<ServerResponse> page(ServerRequest request, boolean submitted) {
		Account account = account(request);
		if (account == null) {
			return html(404, "<h1>Ads account not found</h1><p>This billing link is not valid.</p>");
		}
		boolean setUp = this.book.isSetUp(account.adsAccountId());
		String body = "<h1>Billing setup</h1>"
				+ "<p>This page is the Adsgraph sandbox's stand-in for Amazon's billing setup page.</p>"
				+ "<p>Ads account: <code>" + escape(account.adsAccountId()) + "</code><br>Name: "
				+ escape(account.accountName()) + "<br>Billing: <strong id=\"status\">" + (setUp ? "SET_UP" : "MISSING")
				+ "</strong></p>";
		if (!setUp) {
			body += "<form method=\"post\"><p>Billing address, tax details and payment method (simulated).</p>"
					+ "<button type=\"submit\">Save billing information</button></form>";
		}
		else if (submitted) {
			body += "<p>Thank you. Billing is set up; you can close this window.</p>";
		}
		return html(200, body);
	}

	private static String escape(String text) {
		return (text == null) ? ""
				: text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	private static Mono<ServerResponse> html(int status, String body) {
		String page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
				+ "<title>Billing setup (sandbox)</title></head><body>" + body + "</body></html>";
		return ServerResponse.status(status)
			.header(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8")
			.bodyValue(page.getBytes(StandardCharsets.UTF_8));
	}

}
