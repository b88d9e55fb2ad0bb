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
 * The consent pages of the SP-API website authorization workflow, for the sandbox's one
 * SP-API application ({@link Fixtures#SP_APPLICATION_ID}, a draft): Seller Central's,
 * {@code GET /apps/authorize/consent} (Amazon's
 * {@code https://sellercentral.amazon.com/apps/authorize/consent}), where a seller
 * authorizes, and Vendor Central's, {@code GET /vendorcentral/apps/authorize/consent}
 * (Amazon's {@code https://vendorcentral.amazon.com/apps/authorize/consent}), where a
 * vendor does (Amazon: "For vendor applications, you can replace the Seller Central URL
 * with a Vendor Central URL"). Both work alike, as Amazon documents it:
 * {@code application_id}, {@code state}, an optional {@code redirect_uri} that must be
 * one of the application's, and {@code version=beta} while the application is a draft
 * (otherwise error MD1000; a return URL not registered is MD5101). The seller picks a
 * fixture selling partner and confirms: Amazon loads the return URL with {@code state},
 * {@code selling_partner_id} and {@code spapi_oauth_code} (no {@code mws_auth_token}:
 * that is for hybrid applications only). On Vendor Central the choice is a vendor SP-API
 * authorization of the fixtures ({@link Fixtures#VENDOR_SP_AUTHORIZATIONS}: Acme Brands,
 * the demo user's vendor), whose selling partner id is the vendor profiles' entity id.
 * Cancel is the sandbox's choice, since Amazon documents only that the seller exits: back
 * to the return URL with {@code error=access_denied}, {@code error_description} and
 * {@code state}.
 */
public final class CentralConsentHandler {

	/** Which Central the page is: its path, its name and whom it lists. */
	public enum Central {

		/** Seller Central: every seller of the fixtures. */
		SELLER("/apps/authorize/consent", "sellercentral", "Seller Central", "seller", "Selling account"),
		/** Vendor Central: the fixtures' vendor SP-API authorizations. */
		VENDOR("/vendorcentral/apps/authorize/consent", "vendorcentral", "Vendor Central", "vendor", "Vendor account");

		private final String path;

		private final String page;

		private final String title;

		private final String choice;

		private final String legend;

		Central(String path, String page, String title, String choice, String legend) {
			this.path = path;
			this.page = page;
			this.title = title;
			this.choice = choice;
			this.legend = legend;
		}

		/** The page's path on the sandbox's LWA host. */
		public String path() {
			return this.path;
		}

	}

	private final Central central;

	private static final List<String> REQUEST = List.of("application_id", "state", "redirect_uri", "version");

	private final Stats stats;

	private final ConsentTickets tickets;

	private final AuthorizationCodes codes;

	private final Supplier<Map<String, SandboxUser>> users;

	public CentralConsentHandler(Central central, Stats stats, ConsentTickets tickets, AuthorizationCodes codes,
			Supplier<Map<String, SandboxUser>> users) {
		this.central = central;
		this.stats = stats;
		this.tickets = tickets;
		this.codes = codes;
		this.users = users;
	}

	public Mono<ServerResponse> show(ServerRequest request) {
		this.stats.count(this.central.page + ".consent.view");
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
		String ticket = this.tickets.issue(this.central.page, parameters);
		return Pages.html(200, this.central.title + " authorization", page(parameters, ticket));
	}

	public Mono<ServerResponse> decide(ServerRequest request) {
		return request.formData().flatMap((form) -> {
			PostedForm post;
			try {
				post = PostedForm.read(form, REQUEST, this.central.choice);
			}
			catch (Pages.Repeated ex) {
				return Pages.error("Authorization error", null, ex.getMessage());
			}
			Map<String, String> parameters = this.tickets.check(post.ticket(), this.central.page, post.request())
				.orElse(null);
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
				this.stats.count(this.central.page + ".consent.cancel");
				Map<String, String> answer = new LinkedHashMap<>();
				answer.put("error", "access_denied");
				answer.put("error_description", "The selling partner cancelled the authorization.");
				answer.put("state", state);
				return Pages.redirect(redirectUri, answer);
			}
			if (!"confirm".equals(action)) {
				return Pages.error("Authorization error", null, "Choose Confirm or Cancel.");
			}
			Seller seller = accounts().stream()
				.filter((s) -> s.sellingPartnerId().equals(sellerId))
				.findFirst()
				.orElse(null);
			if (seller == null) {
				return Pages.error("Authorization error", null,
						"Choose the " + this.central.legend.toLowerCase(java.util.Locale.ROOT) + " to authorize.");
			}
			if (!this.tickets.spend(ticket)) {
				return spent();
			}
			this.stats.count(this.central.page + ".consent.confirm");
			Grants.Grant grant = new Grants.Grant(Fixtures.SP_APPLICATION_CLIENT.clientId(), seller.userId(),
					seller.sellingPartnerId(), Set.of());
			Map<String, String> answer = new LinkedHashMap<>();
			answer.put("state", state);
			answer.put("selling_partner_id", seller.sellingPartnerId());
			answer.put("spapi_oauth_code", this.codes.issue(grant, redirectUri));
			return Pages.redirect(redirectUri, answer);
		});
	}

	/**
	 * Whom the page lists, in fixture order, with the user who holds each: on Seller
	 * Central every seller of the fixtures (the selling partner id is the merchant id),
	 * on Vendor Central every vendor SP-API authorization (the selling partner id is the
	 * vendor's entity id, its vendor group the fixture partner).
	 */
	private List<Seller> accounts() {
		Map<String, SandboxUser> users = this.users.get();
		Map<String, Seller> accounts = new LinkedHashMap<>();
		if (this.central == Central.VENDOR) {
			for (Fixtures.SpAuthorization authorization : Fixtures.VENDOR_SP_AUTHORIZATIONS) {
				SandboxUser user = users.get(authorization.userId());
				Fixtures.vendorGroupOf(authorization.sellingPartnerId())
					.flatMap((group) -> (user != null) ? user.partner(SellingProgram.AMAZON_VENDOR, group)
							: java.util.Optional.empty())
					.ifPresent((partner) -> accounts.putIfAbsent(authorization.sellingPartnerId(),
							new Seller(user.id(), authorization.sellingPartnerId(), partner)));
			}
			return List.copyOf(accounts.values());
		}
		for (SandboxUser user : users.values()) {
			for (SellingPartner partner : user.partners()) {
				if (partner.program() == SellingProgram.AMAZON_SELLER) {
					accounts.putIfAbsent(partner.partnerId(), new Seller(user.id(), partner.partnerId(), partner));
				}
			}
		}
		return List.copyOf(accounts.values());
	}

	private String page(Map<String, String> parameters, String ticket) {
		StringBuilder body = new StringBuilder();
		body.append("<h1>")
			.append(this.central.title)
			.append(": authorize an application</h1><p><strong id=\"application\">")
			.append("Adsgraph Sandbox SP-API App</strong> (<code>")
			.append(Pages.escape(Fixtures.SP_APPLICATION_ID))
			.append("</code>, draft) would like to call the Selling Partner API on your behalf.</p>")
			.append("<form method=\"post\" action=\"")
			.append(this.central.path)
			.append("\" id=\"consent\">")
			.append(Pages.hidden("ticket", ticket));
		parameters.forEach((name, value) -> body.append(Pages.hidden(name, value)));
		body.append("<fieldset><legend>").append(this.central.legend).append("</legend>");
		boolean first = true;
		for (Seller seller : accounts()) {
			String id = this.central.choice + "-" + seller.sellingPartnerId();
			body.append("<label for=\"")
				.append(Pages.escape(id))
				.append("\"><input type=\"radio\" name=\"")
				.append(this.central.choice)
				.append("\" value=\"")
				.append(Pages.escape(seller.sellingPartnerId()))
				.append("\" id=\"")
				.append(Pages.escape(id))
				.append('"')
				.append(first ? " checked" : "")
				.append("> <strong>")
				.append(Pages.escape(seller.partner().name()))
				.append("</strong> <code>")
				.append(Pages.escape(seller.sellingPartnerId()))
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

	/** A listed account: the user who holds it, its selling partner id, the partner. */
	private record Seller(String userId, String sellingPartnerId, SellingPartner partner) {
	}

}
