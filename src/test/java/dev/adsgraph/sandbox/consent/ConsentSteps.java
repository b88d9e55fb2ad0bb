package dev.adsgraph.sandbox.consent;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

import dev.adsgraph.sandbox.SandboxCredentials;
import dev.adsgraph.sandbox.SandboxTestClient;
import dev.adsgraph.sandbox.SandboxTestClient.Exchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a browser does on the sandbox's consent pages, over plain HTTP: open a page, post
 * its form as a button would, read where the answer redirects; then what the application
 * does with the code.
 */
public final class ConsentSteps {

	public static final String FORM = "application/x-www-form-urlencoded";

	public static final String CALLBACK = "http://localhost:8080/connections/callback";

	private static final Pattern HIDDEN = Pattern
		.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");

	private final SandboxTestClient sandbox;

	public ConsentSteps(SandboxTestClient sandbox) {
		this.sandbox = sandbox;
	}

	/** {@code GET /ap/oa} with the given parameters (null values left out). */
	public Exchange authorizationPage(Map<String, String> parameters) {
		return this.sandbox.raw("GET", "/ap/oa?" + query(parameters)).send();
	}

	/** The parameters of an Ads consent for {@code client}. */
	public static Map<String, String> adsRequest(SandboxCredentials client, String scope, String state) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("client_id", client.clientId());
		parameters.put("scope", scope);
		parameters.put("response_type", "code");
		parameters.put("redirect_uri", CALLBACK);
		parameters.put("state", state);
		return parameters;
	}

	/** {@code GET /apps/authorize/consent} with the given parameters. */
	public Exchange sellerCentralPage(Map<String, String> parameters) {
		return this.sandbox.raw("GET", "/apps/authorize/consent?" + query(parameters)).send();
	}

	public static Map<String, String> spRequest(String state) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("application_id", "amzn1.sp.solution.5b1e8f5c-6d1a-4c2b-9f3e-7a0d2c4b8e61");
		parameters.put("state", state);
		parameters.put("redirect_uri", CALLBACK);
		parameters.put("version", "beta");
		return parameters;
	}

	/** The form's hidden fields, as the page rendered them. */
	public static Map<String, String> hiddenFields(Exchange page) {
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		Map<String, String> fields = new LinkedHashMap<>();
		Matcher matcher = HIDDEN.matcher(page.body());
		while (matcher.find()) {
			fields.put(HtmlUtils.htmlUnescape(matcher.group(1)), HtmlUtils.htmlUnescape(matcher.group(2)));
		}
		assertThat(fields).containsKey("ticket");
		return fields;
	}

	/** Posts a page's form with the extra fields a click adds (the radio, the button). */
	public Exchange post(String path, Map<String, String> fields, Map<String, String> clicked) {
		Map<String, String> form = new LinkedHashMap<>(fields);
		form.putAll(clicked);
		return this.sandbox.raw("POST", path).body(FORM, SandboxTestClient.form(form)).send();
	}

	/** Signs in as {@code userId} and allows: the redirect's parameters. */
	public Map<String, String> allow(Map<String, String> request, String userId) {
		Exchange answer = post("/ap/oa", hiddenFields(authorizationPage(request)),
				Map.of("user", userId, "action", "allow"));
		return redirected(answer, request.get("redirect_uri"));
	}

	/** Picks {@code sellerId} and confirms: the redirect's parameters. */
	public Map<String, String> confirm(Map<String, String> request, String sellerId) {
		Exchange answer = post("/apps/authorize/consent", hiddenFields(sellerCentralPage(request)),
				Map.of("seller", sellerId, "action", "confirm"));
		return redirected(answer, request.get("redirect_uri"));
	}

	/** The query parameters of a 302 to {@code redirectUri}. */
	public static Map<String, String> redirected(Exchange answer, String redirectUri) {
		assertThat(answer.status()).as(answer.toString()).isEqualTo(302);
		String location = answer.header("Location");
		assertThat(location).startsWith(redirectUri);
		return parameters(URI.create(location).getRawQuery());
	}

	/** The {@code authorization_code} grant. */
	public Exchange exchange(SandboxCredentials client, String code, String redirectUri) {
		Map<String, String> grant = new LinkedHashMap<>();
		grant.put("grant_type", "authorization_code");
		grant.put("code", code);
		grant.put("redirect_uri", redirectUri);
		grant.put("client_id", client.clientId());
		grant.put("client_secret", client.clientSecret());
		grant.values().removeIf((value) -> value == null);
		return this.sandbox.lwa(FORM, SandboxTestClient.form(grant));
	}

	/** The {@code refresh_token} grant. */
	public Exchange refresh(SandboxCredentials client, String refreshToken) {
		return this.sandbox.lwa(FORM, SandboxTestClient.form(SandboxTestClient
			.refreshGrant(new SandboxCredentials(client.clientId(), client.clientSecret(), refreshToken))));
	}

	/** The access token a successful grant answered. */
	public static String accessToken(Exchange grant) {
		assertThat(grant.status()).as(grant.toString()).isEqualTo(200);
		return grant.json().get("access_token").stringValue();
	}

	public static Map<String, String> parameters(String rawQuery) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (rawQuery == null) {
			return parameters;
		}
		for (String pair : rawQuery.split("&")) {
			int equals = pair.indexOf('=');
			parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
		}
		return parameters;
	}

	static String query(Map<String, String> parameters) {
		StringBuilder query = new StringBuilder();
		parameters.forEach((name, value) -> {
			if (value != null) {
				query.append(query.isEmpty() ? "" : "&")
					.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
					.append('=')
					.append(URLEncoder.encode(value, StandardCharsets.UTF_8));
			}
		});
		return query.toString();
	}

}
