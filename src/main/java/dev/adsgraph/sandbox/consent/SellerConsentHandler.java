package dev.adsgraph.sandbox.consent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import dev.adsgraph.sandbox.core.Stats;
import dev.adsgraph.sandbox.fixtures.Fixtures;
import dev.adsgraph.sandbox.fixtures.SandboxUser;
import dev.adsgraph.sandbox.fixtures.SellingPartner;
import dev.adsgraph.sandbox.fixtures.SellingProgram;
import dev.adsgraph.sandbox.lwa.AuthorizationCodes;
import dev.adsgraph.sandbox.lwa.Grants;

/**
 * Seller Central's consent page of the SP-API website authorization workflow,
 * {@code GET /apps/authorize/consent} (Amazon's
 * {@code https://sellercentral.amazon.com/apps/authorize/consent}), for the sandbox's one
 * SP-API application ({@link Fixtures#SP_APPLICATION_ID}, a draft). As Amazon documents
 * it: {@code application_id}, {@code state}, an optional {@code redirect_uri} that must
 * be one of the application's, and {@code version=beta} while the application is a draft
 * (otherwise error MD1000; a return URL not registered is MD5101). The seller picks a
 * fixture selling partner and confirms: Amazon loads the return URL with {@code state},
 * {@code selling_partner_id} and {@code spapi_oauth_code} (no {@code mws_auth_token}:
 * that is for hybrid applications only). Cancel is the sandbox's choice, since Amazon
 * documents only that the seller exits: back to the return URL with
 * {@code error=access_denied}, {@code error_description} and {@code state}.
 */
public final class SellerConsentHandler {

	static final String PAGE = "sellercentral";

	private static final List<String> REQUEST = List.of("application_id", "state", "redirect_uri", "version");

	private final Stats stats;

	private final ConsentTickets tickets;

	private final AuthorizationCodes codes;

	private final Supplier<Map<String, SandboxUser>> users;

	public SellerConsentHandler(Stats stats, ConsentTickets tickets, AuthorizationCodes codes,
			Supplier<Map<String, SandboxUser>> users) {
		this.stats = stats;
		this.tickets = tickets;
		this.codes = codes;
		this.users = users;
	}

	public Mono<ServerResponse> show(ServerRequest request) {
		this.stats.count("sellercentral.consent.view");
		MultiValueMap<String, String> query = request.queryParams();
		Map<String, String> parameters = new LinkedHashMap<>();
		try {
			for (String name : REQUEST) {
				parameters.put(name, Pages.single(query, name));
			}
		}
		catch (Pages.Repeated ex) {
			return Pages.error("Authorization error", null, ex.getMessage());
		}
		String applicationId = parameters.get("application_id");
		if (!Fixtures.SP_APPLICATION_ID.equals(applicationId)) {
			return Pages.error("Authorization error", null,
					"The application " + ((applicationId != null) ? applicationId : "(missing)")
							+ " does not exist or is not available for authorization.");
		}
		if (!"beta".equals(parameters.get("version"))) {
			return Pages.error("Authorization error", "MD1000",
					"This application is in Draft state: add version=beta to the authorization URI.");
		}
		String redirectUri = parameters.get("redirect_uri");
		if (redirectUri == null) {
			// Amazon falls back to the application's first registered OAuth Redirect URI;
			// the sandbox's application registers none of its own.
			return Pages.error("Authorization error", "MD5101",
					"The sandbox's application has no default OAuth Redirect URI: pass redirect_uri.");
		}
		if (!Pages.allowedRedirectUri(redirectUri)) {
			return Pages.error("Authorization error", "MD5101",
					"The redirect_uri " + redirectUri
							+ " is not an OAuth Redirect URI of this application (the sandbox allows http(s) URLs on"
							+ " localhost or 127.0.0.1).");
		}
		if (parameters.get("state") == null) {
			return Pages.error("Authorization error", null,
					"The authorization URI has no state parameter (the sandbox requires one).");
		}
		parameters.values().removeIf((value) -> value == null);
		String ticket = this.tickets.issue(PAGE, parameters);
		return Pages.html(200, "Seller Central authorization", page(parameters, ticket));
	}

	public Mono<ServerResponse> decide(ServerRequest request) {
		return request.formData().flatMap((form) -> {
			PostedForm post;
			try {
				post = PostedForm.read(form, REQUEST, "seller");
			}
			catch (Pages.Repeated ex) {
				return Pages.error("Authorization error", null, ex.getMessage());
			}
			Map<String, String> parameters = this.tickets.check(post.ticket(), PAGE, post.request()).orElse(null);
			if (parameters == null) {
				return Pages.error("Authorization error", "invalid_ticket",
						"This consent page has expired or was not issued for this request; start again from the"
								+ " application.");
			}
			String ticket = post.ticket();
			String action = post.action();
			String sellerId = post.choice();
			String redirectUri = parameters.get("redirect_uri");
			String state = parameters.get("state");
			if ("cancel".equals(action)) {
				if (!this.tickets.spend(ticket)) {
					return spent();
				}
				this.stats.count("sellercentral.consent.cancel");
				Map<String, String> answer = new LinkedHashMap<>();
				answer.put("error", "access_denied");
				answer.put("error_description", "The selling partner cancelled the authorization.");
				answer.put("state", state);
				return Pages.redirect(redirectUri, answer);
			}
			if (!"confirm".equals(action)) {
				return Pages.error("Authorization error", null, "Choose Confirm or Cancel.");
			}
			Seller seller = sellers().stream()
				.filter((s) -> s.partner().partnerId().equals(sellerId))
				.findFirst()
				.orElse(null);
			if (seller == null) {
				return Pages.error("Authorization error", null, "Choose the selling account to authorize.");
			}
			if (!this.tickets.spend(ticket)) {
				return spent();
			}
			this.stats.count("sellercentral.consent.confirm");
			Grants.Grant grant = new Grants.Grant(Fixtures.SP_APPLICATION_CLIENT.clientId(), seller.userId(),
					seller.partner().partnerId(), Set.of());
			Map<String, String> answer = new LinkedHashMap<>();
			answer.put("state", state);
			answer.put("selling_partner_id", seller.partner().partnerId());
			answer.put("spapi_oauth_code", this.codes.issue(grant, redirectUri));
			return Pages.redirect(redirectUri, answer);
		});
	}

	/** Every seller of the fixtures, in fixture order, with the user who holds it. */
	private List<Seller> sellers() {
		Map<String, Seller> sellers = new LinkedHashMap<>();
		for (SandboxUser user : this.users.get().values()) {
			for (SellingPartner partner : user.partners()) {
				if (partner.program() == SellingProgram.AMAZON_SELLER) {
					sellers.putIfAbsent(partner.partnerId(), new Seller(user.id(), partner));
				}
			}
		}
		return List.copyOf(sellers.values());
	}

	private String page(Map<String, String> parameters, String ticket) {
		StringBuilder body = new StringBuilder();
		body.append("<h1>Seller Central: authorize an application</h1><p><strong id=\"application\">")
			.append("Adsgraph Sandbox SP-API App</strong> (<code>")
			.append(Pages.escape(Fixtures.SP_APPLICATION_ID))
			.append("</code>, draft) would like to call the Selling Partner API on your behalf.</p>")
			.append("<form method=\"post\" action=\"/apps/authorize/consent\" id=\"consent\">")
			.append(Pages.hidden("ticket", ticket));
		parameters.forEach((name, value) -> body.append(Pages.hidden(name, value)));
		body.append("<fieldset><legend>Selling account</legend>");
		boolean first = true;
		for (Seller seller : sellers()) {
			String id = "seller-" + seller.partner().partnerId();
			body.append("<label for=\"")
				.append(Pages.escape(id))
				.append("\"><input type=\"radio\" name=\"seller\" value=\"")
				.append(Pages.escape(seller.partner().partnerId()))
				.append("\" id=\"")
				.append(Pages.escape(id))
				.append('"')
				.append(first ? " checked" : "")
				.append("> <strong>")
				.append(Pages.escape(seller.partner().name()))
				.append("</strong> <code>")
				.append(Pages.escape(seller.partner().partnerId()))
				.append("</code> <small>(")
				.append(Pages.escape(String.join(", ",
						seller.partner().countries().stream().map((country) -> country.isoCode()).toList())))
				.append("; user ")
				.append(Pages.escape(seller.userId()))
				.append(")</small></label>");
			first = false;
		}
		body.append("</fieldset>")
			.append("<button type=\"submit\" name=\"action\" value=\"confirm\" id=\"confirm\">Confirm</button>")
			.append("<button type=\"submit\" name=\"action\" value=\"cancel\" id=\"cancel\">Cancel</button></form>");
		return body.toString();
	}

	private static Mono<ServerResponse> spent() {
		return Pages.error("Authorization error", "invalid_ticket", "This consent page was already used; start again.");
	}

	private record Seller(String userId, SellingPartner partner) {
	}

}
