package dev.adsgraph.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code /sandbox/*}: what tests and tools need that Amazon has no API for: accepting terms as the
 * user would, counting upstream calls, restoring the fixtures, and describing the demo set-up.
 */
final class ControlHandler {

	private final Stats stats;

	private final TermsTokens termsTokens;

	private final Runnable resetData;

	ControlHandler(Stats stats, TermsTokens termsTokens, Runnable resetData) {
		this.stats = stats;
		this.termsTokens = termsTokens;
		this.resetData = resetData;
	}

	Mono<ServerResponse> acceptTermsToken(ServerRequest request) {
		String termsToken = request.pathVariable("termsToken").toLowerCase(Locale.ROOT);
		TermsTokens.Entry entry = TermsTokensHandler.UUID_PATTERN.matcher(termsToken).matches()
				? this.termsTokens.accept(termsToken).orElse(null) : null;
		if (entry == null) {
			return notFound("Terms token " + termsToken + " does not exist.").toResponse();
		}
		String status = this.termsTokens.status(entry);
		if (TermsTokens.REDEEMED.equals(status)) {
			return Reply.json(409, ErrorFamily.ordered("code", "CONFLICT", "details", "The terms token is already redeemed."))
				.toResponse();
		}
		return Reply.json(200, ErrorFamily.ordered("termsToken", termsToken, "termsTokenStatus", status)).toResponse();
	}

	Mono<ServerResponse> stats(ServerRequest request) {
		return Reply.json(200, this.stats.snapshot()).toResponse();
	}

	Mono<ServerResponse> resetStats(ServerRequest request) {
		this.stats.reset();
		return ServerResponse.noContent().build();
	}

	/** Restores accounts and terms tokens to the fixtures; issued access tokens stay valid. */
	Mono<ServerResponse> reset(ServerRequest request) {
		this.resetData.run();
		return ServerResponse.noContent().build();
	}

	/** Where things are and which credentials work, for Postman, benchmarks and humans. */
	Mono<ServerResponse> info(ServerRequest request) {
		String base = request.uri().getScheme() + "://" + request.uri().getRawAuthority();
		Map<String, Object> hosts = new LinkedHashMap<>();
		for (AdsRegion region : AdsRegion.values()) {
			hosts.put(region.name(), base + "/ads/" + region.path());
		}
		Map<String, Object> info = new LinkedHashMap<>();
		info.put("lwaTokenUrl", base + "/auth/o2/token");
		info.put("adsHosts", hosts);
		info.put("users", List.of(user(Fixtures.DEMO_USER, Fixtures.DEMO), user(Fixtures.AGENCY_USER, Fixtures.AGENCY)));
		return Reply.json(200, info).toResponse();
	}

	Mono<ServerResponse> unknownRoute(ServerRequest request) {
		return notFound("No resource at " + request.method() + " " + request.path() + ".").toResponse();
	}

	private static Map<String, String> user(String userId, SandboxCredentials credentials) {
		Map<String, String> user = new LinkedHashMap<>();
		user.put("userId", userId);
		user.put("clientId", credentials.clientId());
		user.put("clientSecret", credentials.clientSecret());
		user.put("refreshToken", credentials.refreshToken());
		return user;
	}

	private static Reply notFound(String details) {
		return Reply.json(404, ErrorFamily.ordered("code", "NOT_FOUND", "details", details));
	}

}
