package dev.adsgraph.sandbox.consent;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import dev.adsgraph.sandbox.SandboxCredentials;
import dev.adsgraph.sandbox.core.Stats;
import dev.adsgraph.sandbox.fixtures.Fixtures;
import dev.adsgraph.sandbox.fixtures.SandboxUser;
import dev.adsgraph.sandbox.fixtures.SellingPartner;
import dev.adsgraph.sandbox.lwa.AuthorizationCodes;
import dev.adsgraph.sandbox.lwa.Grants;
import dev.adsgraph.sandbox.lwa.Scopes;

/**
 * Login with Amazon's authorization page, {@code GET /ap/oa} (Amazon's
 * {@code https://www.amazon.com/ap/oa}), for the authorization-code grant of the Ads
 * API's applications. As LWA documents it: {@code client_id}, {@code scope},
 * {@code response_type=code}, {@code redirect_uri} and the recommended {@code state}; an
 * unknown client or a return URL that is not allowed is an error page that never
 * redirects; other errors go back to {@code redirect_uri} with {@code error},
 * {@code error_description} and {@code state}. The user "signs in" by picking a fixture
 * account and allows ({@code redirect_uri?code=&scope=&state=}) or cancels
 * ({@code error=access_denied}). The form posts back to {@code /ap/oa} with a page ticket
 * ({@link ConsentTickets}).
 */
public final class AuthorizationPageHandler {

	static final String PAGE = "lwa";

	private static final List<String> REQUEST = List.of("client_id", "scope", "response_type", "redirect_uri", "state");

	private static final Map<String, String> SCOPE_TEXT = Map.of(Scopes.ADVERTISING,
			"Manage your Amazon Ads campaigns and reports", Scopes.ADVERTISING_LEGACY,
			"Manage your Amazon Ads campaigns and reports", Scopes.PROFILE, "Your name and e-mail address",
			Scopes.PROFILE_USER_ID, "A unique identifier of your account");

	private final Stats stats;

	private final ConsentTickets tickets;

	private final AuthorizationCodes codes;

	private final Supplier<Map<String, SandboxUser>> users;

	public AuthorizationPageHandler(Stats stats, ConsentTickets tickets, AuthorizationCodes codes,
			Supplier<Map<String, SandboxUser>> users) {
		this.stats = stats;
		this.tickets = tickets;
		this.codes = codes;
		this.users = users;
	}

	public Mono<ServerResponse> show(ServerRequest request) {
		this.stats.count("lwa.authorize.view");
		MultiValueMap<String, String> query = request.queryParams();
		String clientId;
		String redirectUri;
		try {
			clientId = Pages.single(query, "client_id");
			redirectUri = Pages.single(query, "redirect_uri");
		}
		catch (Pages.Repeated ex) {
			return Pages.error("Sign-in error", null, ex.getMessage());
		}
		SandboxCredentials client = client(clientId);
		if (client == null) {
			return Pages.error("Sign-in error", "unknown_client",
					"The client_id " + ((clientId != null) ? clientId : "(missing)")
							+ " is not a Login with Amazon application of the Amazon Ads API here.");
		}
		if (!Pages.allowedRedirectUri(redirectUri)) {
			return Pages.error("Sign-in error", "invalid_redirect_uri",
					"The redirect_uri " + ((redirectUri != null) ? redirectUri : "(missing)")
							+ " is not an allowed return URL of this application (the sandbox allows http(s) URLs"
							+ " on localhost or 127.0.0.1).");
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		String state;
		try {
			state = Pages.single(query, "state");
			for (String name : REQUEST) {
				parameters.put(name, Pages.single(query, name));
			}
		}
		catch (Pages.Repeated ex) {
			return error(redirectUri, "invalid_request", ex.getMessage(), firstState(query));
		}
		String responseType = parameters.get("response_type");
		if (responseType == null) {
			return error(redirectUri, "invalid_request", "The request is missing a required parameter : response_type",
					state);
		}
		if (!responseType.equals("code")) {
			return error(redirectUri, "unsupported_response_type",
					"The response_type " + responseType + " is not supported; use code.", state);
		}
		String scope = parameters.get("scope");
		if (scope == null || scope.isBlank()) {
			return error(redirectUri, "invalid_request", "The request is missing a required parameter : scope", state);
		}
		for (String requested : scopes(scope)) {
			if (!Scopes.ALL.contains(requested)) {
				return error(redirectUri, "invalid_scope", "An unknown scope was requested: " + requested, state);
			}
		}
		parameters.values().removeIf((value) -> value == null);
		String ticket = this.tickets.issue(PAGE, parameters);
		return Pages.html(200, "Amazon sign-in", page(client, parameters, ticket));
	}

	public Mono<ServerResponse> decide(ServerRequest request) {
		return request.formData().flatMap((form) -> {
			PostedForm post;
			try {
				post = PostedForm.read(form, REQUEST, "user");
			}
			catch (Pages.Repeated ex) {
				return Pages.error("Sign-in error", null, ex.getMessage());
			}
			Map<String, String> parameters = this.tickets.check(post.ticket(), PAGE, post.request()).orElse(null);
			if (parameters == null) {
				return Pages.error("Sign-in error", "invalid_ticket",
						"This sign-in page has expired or was not issued for this request; start again from the"
								+ " application.");
			}
			String ticket = post.ticket();
			String action = post.action();
			String userId = post.choice();
			String redirectUri = parameters.get("redirect_uri");
			String state = parameters.get("state");
			if ("deny".equals(action)) {
				if (!this.tickets.spend(ticket)) {
					return spent();
				}
				this.stats.count("lwa.authorize.deny");
				return error(redirectUri, "access_denied", "The user denied the request.", state);
			}
			if (!"allow".equals(action)) {
				return Pages.error("Sign-in error", null, "Choose Allow or Cancel.");
			}
			SandboxUser user = (userId != null) ? this.users.get().get(userId) : null;
			if (user == null) {
				return Pages.error("Sign-in error", null, "Choose the Amazon account to sign in with.");
			}
			if (!this.tickets.spend(ticket)) {
				return spent();
			}
			this.stats.count("lwa.authorize.allow");
			Grants.Grant grant = new Grants.Grant(parameters.get("client_id"), user.id(), null,
					scopes(parameters.get("scope")));
			String code = this.codes.issue(grant, redirectUri);
			Map<String, String> answer = new LinkedHashMap<>();
			answer.put("code", code);
			answer.put("scope", parameters.get("scope"));
			answer.put("state", state);
			return Pages.redirect(redirectUri, answer);
		});
	}

	private String page(SandboxCredentials client, Map<String, String> parameters, String ticket) {
		StringBuilder body = new StringBuilder();
		body.append("<h1>Sign in with Amazon</h1><p><strong id=\"client\">")
			.append(Pages.escape(appName(client)))
			.append("</strong> (<code>")
			.append(Pages.escape(client.clientId()))
			.append("</code>) would like to access:</p><ul id=\"scopes\">");
		for (String scope : scopes(parameters.get("scope"))) {
			body.append("<li><code>")
				.append(Pages.escape(scope))
				.append("</code>: ")
				.append(Pages.escape(SCOPE_TEXT.get(scope)))
				.append("</li>");
		}
		body.append("</ul><form method=\"post\" action=\"/ap/oa\" id=\"consent\">")
			.append(Pages.hidden("ticket", ticket));
		parameters.forEach((name, value) -> body.append(Pages.hidden(name, value)));
		body.append("<fieldset><legend>Sign in as</legend>");
		boolean first = true;
		for (SandboxUser user : this.users.get().values()) {
			Fixtures.AmazonAccount account = Fixtures.amazonAccount(user.id()).orElse(null);
			String id = "user-" + user.id();
			body.append("<label for=\"")
				.append(Pages.escape(id))
				.append("\"><input type=\"radio\" name=\"user\" value=\"")
				.append(Pages.escape(user.id()))
				.append("\" id=\"")
				.append(Pages.escape(id))
				.append('"')
				.append(first ? " checked" : "")
				.append("> <strong>")
				.append(Pages.escape((account != null) ? account.name() : user.id()))
				.append("</strong> ")
				.append(Pages.escape((account != null) ? account.email() : ""))
				.append(" <small>(")
				.append(Pages.escape(user.id()))
				.append(": ")
				.append(Pages.escape(partners(user)))
				.append(")</small></label>");
			first = false;
		}
		body.append("</fieldset>")
			.append("<button type=\"submit\" name=\"action\" value=\"allow\" id=\"allow\">Allow</button>")
			.append("<button type=\"submit\" name=\"action\" value=\"deny\" id=\"deny\">Cancel</button></form>");
		return body.toString();
	}

	private static String partners(SandboxUser user) {
		List<String> names = user.partners().stream().limit(3).map(SellingPartner::name).toList();
		String more = (user.partners().size() > 3) ? " and " + (user.partners().size() - 3) + " more" : "";
		return String.join(", ", names) + more;
	}

	private static String appName(SandboxCredentials client) {
		return client.equals(Fixtures.AGENCY) ? "Adsgraph Sandbox Agency App" : "Adsgraph Sandbox Demo App";
	}

	private static SandboxCredentials client(String clientId) {
		return Fixtures.ADS_CLIENTS.stream().filter((c) -> c.clientId().equals(clientId)).findFirst().orElse(null);
	}

	static Set<String> scopes(String scope) {
		Set<String> scopes = new LinkedHashSet<>(Arrays.asList(scope.trim().split(" +")));
		scopes.remove("");
		return scopes;
	}

	private static String firstState(MultiValueMap<String, String> query) {
		List<String> states = query.getOrDefault("state", List.of());
		return states.isEmpty() ? null : states.get(0);
	}

	private static Mono<ServerResponse> error(String redirectUri, String error, String description, String state) {
		Map<String, String> answer = new LinkedHashMap<>();
		answer.put("error", error);
		answer.put("error_description", description);
		answer.put("state", state);
		return Pages.redirect(redirectUri, answer);
	}

	private static Mono<ServerResponse> spent() {
		return Pages.error("Sign-in error", "invalid_ticket", "This sign-in page was already used; start again.");
	}

}
