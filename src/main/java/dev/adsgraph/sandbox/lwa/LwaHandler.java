package dev.adsgraph.sandbox.lwa;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import dev.adsgraph.sandbox.core.ApiException;
import dev.adsgraph.sandbox.core.Faults;
import dev.adsgraph.sandbox.core.Reply;
import dev.adsgraph.sandbox.core.SandboxJson;
import dev.adsgraph.sandbox.core.Stats;
import dev.adsgraph.sandbox.fixtures.Fixtures;

/**
 * Login with Amazon's token endpoint, {@code POST /auth/o2/token}, for the refresh-token
 * and authorization-code grants. No Amazon contract file exists; behaviour follows
 * Amazon's docs and SDKs: form or JSON body, client credentials in the body or as HTTP
 * Basic, {@code {error, error_description}} failures, 401 only for client authentication.
 */
public final class LwaHandler {

	private final Stats stats;

	private final AccessTokens accessTokens;

	private final Supplier<Fixtures.World> world;

	private final Faults faults;

	private final Grants grants;

	private final AuthorizationCodes codes;

	public LwaHandler(Stats stats, AccessTokens accessTokens, Supplier<Fixtures.World> world, Faults faults,
			Grants grants, AuthorizationCodes codes) {
		this.stats = stats;
		this.faults = faults;
		this.accessTokens = accessTokens;
		this.world = world;
		this.grants = grants;
		this.codes = codes;
	}

	public Mono<ServerResponse> token(ServerRequest request) {
		this.stats.count("lwa.token");
		return this.faults.apply(
				"lwa", "token", "lwa.token", request, "application/json;charset=UTF-8", (status,
						retryAfter) -> toResponse(error(status, (status == 429) ? "slow_down" : "server_error",
								(status == 429) ? "Too Many Requests" : Faults.message(status))),
				() -> grantToken(request));
	}

	private Mono<ServerResponse> grantToken(ServerRequest request) {
		return request.bodyToMono(String.class)
			.defaultIfEmpty("")
			.map((body) -> grant(request, body))
			.onErrorResume(DataBufferLimitException.class,
					(ex) -> Mono.just(error(400, "invalid_request", "The request body is too large.")))
			.flatMap(LwaHandler::toResponse);
	}

	private Reply grant(ServerRequest request, String body) {
		Map<String, String> params;
		try {
			params = parameters(request, body);
		}
		catch (IllegalArgumentException ex) {
			return error(400, "invalid_request", ex.getMessage());
		}
		String grantType = params.get("grant_type");
		String clientId = params.get("client_id");
		String clientSecret = params.get("client_secret");
		String[] basic = basicCredentials(request);
		if (clientId == null && clientSecret == null && basic != null) {
			clientId = basic[0];
			clientSecret = basic[1];
		}
		if (grantType == null) {
			return error(400, "invalid_request", "The request is missing a required parameter : grant_type");
		}
		if (clientId == null || clientSecret == null) {
			return error(400, "invalid_request", "The request is missing a required parameter : "
					+ ((clientId == null) ? "client_id" : "client_secret"));
		}
		Fixtures.World world = this.world.get();
		if (!clientSecret.equals(world.clientSecrets().get(clientId))) {
			return error(401, "invalid_client", "Client authentication failed");
		}
		if ("authorization_code".equals(grantType)) {
			return authorizationCode(params, clientId);
		}
		if (!"refresh_token".equals(grantType)) {
			return error(400, "unsupported_grant_type",
					"The sandbox supports grant_type=refresh_token and authorization_code, was " + grantType);
		}
		String refreshToken = params.get("refresh_token");
		if (refreshToken == null) {
			return error(400, "invalid_request", "The request is missing a required parameter : refresh_token");
		}
		Grants.Grant grant = this.grants.find(refreshToken).orElse(null);
		// A refresh token only ever works with the client it was issued to.
		if (grant == null || !grant.clientId().equals(clientId)) {
			return error(400, "invalid_grant", "The request has an invalid grant parameter : refresh_token");
		}
		return tokens(grant, refreshToken);
	}

	/**
	 * Exchanges a code from a consent page for a new refresh token and an access token.
	 * Amazon's Ads docs: a code is valid five minutes and single use, and an expired or
	 * used one is 400 "The request has an invalid parameter : code"; the
	 * {@code redirect_uri} must be the one the code was sent to.
	 */
	private Reply authorizationCode(Map<String, String> params, String clientId) {
		for (String name : new String[] { "code", "redirect_uri" }) {
			if (params.get(name) == null) {
				return error(400, "invalid_request", "The request is missing a required parameter : " + name);
			}
		}
		AuthorizationCodes.Redemption redemption = this.codes.redeem(params.get("code"), clientId,
				params.get("redirect_uri"));
		if (redemption.redirectMismatch()) {
			return error(400, "invalid_grant",
					"The request has an invalid parameter : redirect_uri (it must be the one the code was sent to)");
		}
		if (redemption.grant() == null) {
			return error(400, "invalid_grant", "The request has an invalid parameter : code");
		}
		return tokens(redemption.grant(), this.grants.issue(redemption.grant()));
	}

	private Reply tokens(Grants.Grant grant, String refreshToken) {
		AccessTokens.Issued issued = this.accessTokens.issue(grant);
		Map<String, Object> token = new LinkedHashMap<>();
		token.put("access_token", issued.accessToken());
		token.put("refresh_token", refreshToken);
		token.put("token_type", "bearer");
		token.put("expires_in", this.accessTokens.expiresInSeconds());
		return Reply.json(200, token);
	}

	// LWA's docs: client credentials may come as an Authorization header, the base-64
	// of client_id:client_secret.
	private static String[] basicCredentials(ServerRequest request) {
		String authorization = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
					StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			return (colon > 0) ? new String[] { decoded.substring(0, colon), decoded.substring(colon + 1) } : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	// Amazon's docs and most SDKs post a form; Amazon's Java SDK posts JSON. Both are
	// accepted.
	private static Map<String, String> parameters(ServerRequest request, String body) {
		MediaType type;
		try {
			type = request.headers().contentType().orElse(MediaType.APPLICATION_FORM_URLENCODED);
		}
		catch (InvalidMediaTypeException ex) {
			throw new IllegalArgumentException("The Content-Type header cannot be parsed.");
		}
		Map<String, String> params = new LinkedHashMap<>();
		if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
			JsonNode json;
			try {
				json = SandboxJson.parseObject(body);
			}
			catch (ApiException ex) {
				throw new IllegalArgumentException("The request body is not a JSON object.");
			}
			for (Map.Entry<String, JsonNode> entry : json.properties()) {
				if (!entry.getValue().isString()) {
					throw new IllegalArgumentException("The parameter " + entry.getKey() + " must be a string.");
				}
				params.put(entry.getKey(), entry.getValue().stringValue());
			}
			return params;
		}
		if (!type.equalsTypeAndSubtype(MediaType.APPLICATION_FORM_URLENCODED)) {
			throw new IllegalArgumentException(
					"Content-Type must be application/x-www-form-urlencoded or application/json.");
		}
		for (String pair : body.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals < 0) ? pair : pair.substring(0, equals));
			String value = (equals < 0) ? "" : decode(pair.substring(equals + 1));
			if (params.putIfAbsent(name, value) != null) {
				throw new IllegalArgumentException("The parameter " + name + " is repeated.");
			}
		}
		params.values().removeIf(String::isEmpty);
		return params;
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("The form body is not valid URL encoding.");
		}
	}

	private static Reply error(int status, String error, String description) {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("error", error);
		body.put("error_description", description);
		return Reply.json(status, body);
	}

	// Token answers must never be cached (RFC 6749 section 5.1).
	private static Mono<ServerResponse> toResponse(Reply reply) {
		return ServerResponse.status(reply.status())
			.header(HttpHeaders.CONTENT_TYPE, "application/json;charset=UTF-8")
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.header(HttpHeaders.PRAGMA, "no-cache")
			.bodyValue(SandboxJson.write(reply.body()));
	}

}
