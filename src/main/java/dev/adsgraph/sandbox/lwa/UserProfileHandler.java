package dev.adsgraph.sandbox.lwa;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import dev.adsgraph.sandbox.core.Reply;
import dev.adsgraph.sandbox.core.Stats;
import dev.adsgraph.sandbox.fixtures.Fixtures;

/**
 * Login with Amazon's customer profile, {@code GET /user/profile} on
 * {@code api.amazon.com}. Amazon's docs: the access token comes as a bearer token, in
 * {@code x-amz-access-token} or as the {@code access_token} query parameter; the answer
 * is {@code user_id}, {@code name} and {@code email} for the {@code profile} scope and
 * {@code user_id} alone for {@code profile:user_id}. The error answers are the sandbox's
 * choice (Amazon documents none): 401 {@code invalid_token} for a missing, unknown or
 * expired token, 403 {@code insufficient_scope} for a token whose consent had neither
 * profile scope (every SP-API token and every fixture refresh token's).
 */
public final class UserProfileHandler {

	private final Stats stats;

	private final AccessTokens accessTokens;

	public UserProfileHandler(Stats stats, AccessTokens accessTokens) {
		this.stats = stats;
		this.accessTokens = accessTokens;
	}

	public Mono<ServerResponse> profile(ServerRequest request) {
		this.stats.count("lwa.profile");
		String token = accessToken(request);
		AccessTokens.Issued issued = (token != null) ? this.accessTokens.find(token).orElse(null) : null;
		Fixtures.AmazonAccount account = (issued != null) ? Fixtures.amazonAccount(issued.userId()).orElse(null) : null;
		if (account == null) {
			return error(401, "invalid_token", "The access token provided is invalid or has expired.");
		}
		if (!issued.hasScope(Scopes.CUSTOMER_PROFILE)) {
			return error(403, "insufficient_scope",
					"The access token was granted without the profile or profile:user_id scope.");
		}
		Map<String, String> profile = new LinkedHashMap<>();
		profile.put("user_id", account.accountId());
		if (issued.hasScope(Set.of(Scopes.PROFILE))) {
			profile.put("name", account.name());
			profile.put("email", account.email());
		}
		return Reply.json(200, profile).toResponse(Map.of(HttpHeaders.CACHE_CONTROL, "no-store"));
	}

	private static String accessToken(ServerRequest request) {
		String authorization = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return authorization.substring(7).trim();
		}
		String header = request.headers().firstHeader("x-amz-access-token");
		if (header != null && !header.isBlank()) {
			return header.trim();
		}
		return request.queryParam("access_token").filter((value) -> !value.isBlank()).orElse(null);
	}

	private static Mono<ServerResponse> error(int status, String error, String description) {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("error", error);
		body.put("error_description", description);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(HttpHeaders.CACHE_CONTROL, "no-store");
		if (status == 401) {
			headers.put(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		}
		return Reply.json(status, body).toResponse(headers);
	}

}
