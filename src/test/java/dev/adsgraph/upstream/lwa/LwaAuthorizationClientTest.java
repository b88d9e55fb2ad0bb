package dev.adsgraph.upstream.lwa;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.WebClient;

import dev.adsgraph.upstream.ScriptedHttpServer;
import dev.adsgraph.upstream.ScriptedHttpServer.Reply;
import dev.adsgraph.upstream.UpstreamException;
import dev.adsgraph.upstream.UpstreamProperties;
import dev.adsgraph.upstream.resilience.UpstreamGuard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The authorization_code grant and the customer profile against a scripted LWA over HTTP:
 * what is sent, what is read, and that errors keep Amazon's code without the
 * authorization code or the client secret.
 */
class LwaAuthorizationClientTest {

	private static final String CODE = "ANdNAVhyhqirUelHGEHA";

	private static final String SECRET = "super-secret-client-secret";

	private static final URI REDIRECT = URI.create("https://gw.example.com/connect/ads/callback");

	private ScriptedHttpServer server;

	private LwaAuthorizationClient client;

	@BeforeEach
	void start() {
		this.server = new ScriptedHttpServer();
		this.client = new LwaAuthorizationClient(WebClient.builder(),
				new UpstreamProperties.Lwa(URI.create(this.server.url() + "/auth/o2/token"), Duration.ofSeconds(60),
						Duration.ofSeconds(5), URI.create(this.server.url() + "/user/profile")),
				UpstreamGuard.passthrough(Clock.systemUTC()));
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	private static Map<String, String> form(String body) {
		Map<String, String> form = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			form.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
		}
		return form;
	}

	@Test
	void theCodeIsExchangedWithTheSameRedirectUriAsAFormAndTheTokensAreRead() {
		this.server.script((request) -> Reply.json(200, "{\"access_token\":\"Atza|access\",\"refresh_token\":"
				+ "\"Atzr|refresh\",\"token_type\":\"bearer\",\"expires_in\":3600}"));

		LwaAuthorizationClient.CodeGrant grant = this.client
			.exchangeCode("amzn1.application-oa2-client.ads", SECRET, CODE, REDIRECT)
			.block();

		assertThat(grant.accessToken()).isEqualTo("Atza|access");
		assertThat(grant.refreshToken()).isEqualTo("Atzr|refresh");
		assertThat(grant.toString()).doesNotContain("Atza|access").doesNotContain("Atzr|refresh");
		ScriptedHttpServer.RecordedRequest request = this.server.requestsTo("/auth/o2/token").get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertThat(form(request.body()))
			.containsExactlyInAnyOrderEntriesOf(Map.of("grant_type", "authorization_code", "code", CODE, "redirect_uri",
					REDIRECT.toString(), "client_id", "amzn1.application-oa2-client.ads", "client_secret", SECRET));
	}

	@Test
	void anExpiredCodeIsInvalidGrantNotRetryableAndItsTextHoldsNeitherTheCodeNorTheSecret() {
		this.server.script((request) -> Reply.json(400, "{\"error\":\"invalid_grant\",\"error_description\":"
				+ "\"The request has an invalid parameter : code " + CODE + " for client secret " + SECRET + "\"}"));

		UpstreamException failure = catchThrowableOfType(UpstreamException.class,
				() -> this.client.exchangeCode("amzn1.application-oa2-client.ads", SECRET, CODE, REDIRECT).block());

		assertThat(failure.code()).isEqualTo("invalid_grant");
		assertThat(failure.httpStatus()).isEqualTo(400);
		assertThat(failure.retryable()).isFalse();
		assertThat(failure.upstreamMessage()).contains("invalid parameter").doesNotContain(CODE).doesNotContain(SECRET);
		assertThat(this.server.requestsTo("/auth/o2/token")).hasSize(1);
	}

	@Test
	void anAnswerWithoutARefreshTokenIsAnInvalidResponse() {
		this.server.script((request) -> Reply.json(200, "{\"access_token\":\"Atza|access\",\"expires_in\":3600}"));

		UpstreamException failure = catchThrowableOfType(UpstreamException.class,
				() -> this.client.exchangeCode("amzn1.application-oa2-client.ads", SECRET, CODE, REDIRECT).block());

		assertThat(failure.code()).isEqualTo("invalid_response");
	}

	@Test
	void theProfileIsAskedWithTheAccessTokenAndNamesTheUser() {
		this.server.script((request) -> Reply.json(200,
				"{\"user_id\":\"amzn1.account.AF2ZEXAMPLE\",\"name\":\"Dana Rivera\",\"email\":\"dana@example.com\"}"));

		LwaAuthorizationClient.UserProfile profile = this.client.userProfile("Atza|access").block();

		assertThat(profile)
			.isEqualTo(new LwaAuthorizationClient.UserProfile("amzn1.account.AF2ZEXAMPLE", "Dana Rivera"));
		ScriptedHttpServer.RecordedRequest request = this.server.requestsTo("/user/profile").get(0);
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.header("Authorization")).isEqualTo("Bearer Atza|access");
	}

	@Test
	void aRefusedProfileKeepsLwasCodeWithoutTheToken() {
		this.server.script((request) -> Reply.json(401,
				"{\"error\":\"invalid_token\",\"error_description\":\"The access token Atza|access is invalid\"}"));

		UpstreamException failure = catchThrowableOfType(UpstreamException.class,
				() -> this.client.userProfile("Atza|access").block());

		assertThat(failure.code()).isEqualTo("invalid_token");
		assertThat(failure.upstreamMessage()).doesNotContain("Atza|access");
	}

}
