package dev.adsgraph.upstream.lwa;

import dev.adsgraph.testing.ClosedPort;
import dev.adsgraph.testing.MutableClock;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.adsgraph.upstream.ScriptedHttpServer;
import dev.adsgraph.upstream.ScriptedHttpServer.Reply;
import dev.adsgraph.upstream.UpstreamException;
import dev.adsgraph.upstream.UpstreamProperties;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LwaTokenServiceTest {

	private static final String TOKEN_PATH = "/auth/o2/token";

	private static final LwaCredentials CREDENTIALS = new LwaCredentials("amzn1.application-oa2-client.abc",
			"super-secret-client-secret", "Atzr|super-secret-refresh-token");

	private static final Duration SKEW = Duration.ofSeconds(60);

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private ScriptedHttpServer server;

	private LwaTokenService service;

	@BeforeEach
	void start() {
		this.server = new ScriptedHttpServer();
		this.service = service(this.server.url() + TOKEN_PATH, new InMemoryLwaTokenCache());
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	private LwaTokenService service(String tokenUrl, LwaTokenCache cache) {
		return new LwaTokenService(WebClient.builder(),
				new UpstreamProperties.Lwa(URI.create(tokenUrl), SKEW, Duration.ofSeconds(5)), cache, this.clock);
	}

	/** Answers Atza|token-1, Atza|token-2, ... valid for {@code expiresIn} seconds. */
	private void issueNumberedTokens(long expiresIn, Duration delay) {
		AtomicInteger issued = new AtomicInteger();
		this.server.script((request) -> Reply.json(200, "{\"access_token\":\"Atza|token-" + issued.incrementAndGet()
				+ "\",\"refresh_token\":\"Atzr|super-secret-refresh-token\",\"token_type\":\"bearer\",\"expires_in\":"
				+ expiresIn + "}")
			.delayedBy(delay));
	}

	@Test
	void hundredConcurrentCallersOnAColdCacheShareOneTokenRequest() {
		// The delay keeps the one request open while all callers arrive from several
		// threads.
		issueNumberedTokens(3600, Duration.ofMillis(300));

		List<String> tokens = Flux.range(0, 100)
			.parallel(8)
			.runOn(Schedulers.parallel())
			.flatMap((i) -> this.service.accessToken(CREDENTIALS))
			.sequential()
			.collectList()
			.block(Duration.ofSeconds(10));

		assertThat(tokens).hasSize(100).containsOnly("Atza|token-1");
		assertThat(this.server.requestsTo(TOKEN_PATH)).hasSize(1);
	}

	@Test
	void tokenIsReusedUntilExpiresInMinusSkewThenRefreshedExactlyOnce() {
		issueNumberedTokens(3600, Duration.ZERO);

		assertThat(this.service.accessToken(CREDENTIALS).block()).isEqualTo("Atza|token-1");
		this.clock.advance(Duration.ofSeconds(3600).minus(SKEW).minusSeconds(1));
		assertThat(this.service.accessToken(CREDENTIALS).block()).isEqualTo("Atza|token-1");
		assertThat(this.server.requestsTo(TOKEN_PATH)).hasSize(1);

		this.clock.advance(Duration.ofSeconds(1));
		List<String> afterSkew = Flux.range(0, 20)
			.flatMap((i) -> this.service.accessToken(CREDENTIALS))
			.collectList()
			.block(Duration.ofSeconds(10));

		assertThat(afterSkew).containsOnly("Atza|token-2");
		assertThat(this.server.requestsTo(TOKEN_PATH)).hasSize(2);
	}

	@Test
	void failedRefreshIsNotCachedSoTheNextCallTriesAgain() {
		AtomicInteger calls = new AtomicInteger();
		this.server.script((request) -> (calls.incrementAndGet() == 1)
				? Reply.json(500, "{\"error\":\"server_error\",\"error_description\":\"try later\"}") : Reply.json(200,
						"{\"access_token\":\"Atza|after-failure\",\"token_type\":\"bearer\",\"expires_in\":3600}"));

		UpstreamException failure = catchThrowableOfType(UpstreamException.class,
				() -> this.service.accessToken(CREDENTIALS).block());
		String token = this.service.accessToken(CREDENTIALS).block();

		assertThat(failure.httpStatus()).isEqualTo(500);
		assertThat(token).isEqualTo("Atza|after-failure");
		assertThat(this.server.requestsTo(TOKEN_PATH)).hasSize(2);
	}

	@Test
	void invalidGrantBecomesTypedErrorThatIsNotRetryable() {
		this.server.script((request) -> Reply.json(400, """
				{"error": "invalid_grant",
				 "error_description": "The request has an invalid grant parameter : refresh_token"}
				""").header("x-amzn-RequestId", "lwa-req-1"));

		UpstreamException error = catchThrowableOfType(UpstreamException.class,
				() -> this.service.accessToken(CREDENTIALS).block());

		assertThat(error.upstream()).isEqualTo("lwa");
		assertThat(error.operation()).isEqualTo("token");
		assertThat(error.httpStatus()).isEqualTo(400);
		assertThat(error.code()).isEqualTo("invalid_grant");
		assertThat(error.getMessage()).contains("The request has an invalid grant parameter : refresh_token");
		assertThat(error.requestId()).isEqualTo("lwa-req-1");
		assertThat(error.retryable()).isFalse();
		assertThat(error.retryAfter()).isNull();
	}

	@Test
	void serviceUnavailableWithAnHtmlPageIsRetryable() {
		this.server.script((request) -> Reply.of(503, "text/html", "<html><body>Service Unavailable</body></html>"));

		UpstreamException error = catchThrowableOfType(UpstreamException.class,
				() -> this.service.accessToken(CREDENTIALS).block());

		assertThat(error.httpStatus()).isEqualTo(503);
		assertThat(error.code()).isNull();
		assertThat(error.getMessage()).endsWith("HTTP 503");
		assertThat(error.retryable()).isTrue();
	}

	@Test
	void temporarilyUnavailableCodeIsRetryableWhateverTheStatus() {
		this.server.script(
				(request) -> Reply.json(400, "{\"error\":\"temporarily_unavailable\",\"error_description\":\"busy\"}"));

		UpstreamException error = catchThrowableOfType(UpstreamException.class,
				() -> this.service.accessToken(CREDENTIALS).block());

		assertThat(error.code()).isEqualTo("temporarily_unavailable");
		assertThat(error.retryable()).isTrue();
	}

	@Test
	void tokenRequestIsAFormWithRefreshTokenGrantAndTheCredentials() {
		issueNumberedTokens(3600, Duration.ZERO);

		this.service.accessToken(CREDENTIALS).block();

		ScriptedHttpServer.RecordedRequest request = this.server.requestsTo(TOKEN_PATH).get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertThat(form(request.body())).containsExactlyInAnyOrderEntriesOf(
				Map.of("grant_type", "refresh_token", "refresh_token", "Atzr|super-secret-refresh-token", "client_id",
						"amzn1.application-oa2-client.abc", "client_secret", "super-secret-client-secret"));
	}

	@Test
	void secretsNeverAppearInTheErrorEvenWhenLwaEchoesThem() {
		this.server.script((request) -> Reply.json(401, """
				{"error": "invalid_client",
				 "error_description": "bad secret super-secret-client-secret for Atzr|super-secret-refresh-token"}
				"""));

		UpstreamException error = catchThrowableOfType(UpstreamException.class,
				() -> this.service.accessToken(CREDENTIALS).block());

		assertThat(error.code()).isEqualTo("invalid_client");
		assertThat(error.getMessage()).doesNotContain("super-secret").contains("bad secret *** for ***");
		assertThat(error.toString()).doesNotContain("super-secret");
	}

	@Test
	void invalidateMakesTheNextCallFetchANewToken() {
		issueNumberedTokens(3600, Duration.ZERO);
		assertThat(this.service.accessToken(CREDENTIALS).block()).isEqualTo("Atza|token-1");

		this.service.invalidate(CREDENTIALS).block();

		assertThat(this.service.accessToken(CREDENTIALS).block()).isEqualTo("Atza|token-2");
	}

	@Test
	void invalidatingARejectedTokenKeepsANewerOne() {
		issueNumberedTokens(3600, Duration.ZERO);
		this.service.accessToken(CREDENTIALS).block();
		this.service.invalidate(CREDENTIALS, "Atza|token-1").block();
		assertThat(this.service.accessToken(CREDENTIALS).block()).isEqualTo("Atza|token-2");

		// A late 401 for the first token must not throw away the second.
		this.service.invalidate(CREDENTIALS, "Atza|token-1").block();

		assertThat(this.service.accessToken(CREDENTIALS).block()).isEqualTo("Atza|token-2");
		assertThat(this.server.requestsTo(TOKEN_PATH)).hasSize(2);
	}

	@Test
	void credentialsAreCachedSeparatelyUnderKeysWithoutTheRawRefreshToken() {
		issueNumberedTokens(3600, Duration.ZERO);
		List<String> keys = new CopyOnWriteArrayList<>();
		InMemoryLwaTokenCache memory = new InMemoryLwaTokenCache();
		LwaTokenCache recording = new LwaTokenCache() {
			@Override
			public Mono<LwaAccessToken> get(String key) {
				keys.add(key);
				return memory.get(key);
			}

			@Override
			public Mono<Void> put(String key, LwaAccessToken token) {
				return memory.put(key, token);
			}

			@Override
			public Mono<Void> evict(String key) {
				return memory.evict(key);
			}
		};
		LwaTokenService service = service(this.server.url() + TOKEN_PATH, recording);
		LwaCredentials other = new LwaCredentials(CREDENTIALS.clientId(), CREDENTIALS.clientSecret(),
				"Atzr|another-users-refresh-token");

		String first = service.accessToken(CREDENTIALS).block();
		String second = service.accessToken(other).block();

		assertThat(first).isEqualTo("Atza|token-1");
		assertThat(second).isEqualTo("Atza|token-2");
		assertThat(keys).isNotEmpty()
			.allSatisfy((key) -> assertThat(key).startsWith(CREDENTIALS.clientId() + ":")
				.doesNotContain("refresh-token")
				.doesNotContain("Atzr"));
		assertThat(keys.stream().distinct()).hasSize(2);
	}

	@Test
	void connectionRefusedIsStatusZeroAndRetryable() throws Exception {
		try (ClosedPort closed = new ClosedPort()) {
			LwaTokenService unreachable = service(closed.url() + TOKEN_PATH, new InMemoryLwaTokenCache());

			UpstreamException error = catchThrowableOfType(UpstreamException.class,
					() -> unreachable.accessToken(CREDENTIALS).block());

			assertThat(error.upstream()).isEqualTo("lwa");
			assertThat(error.httpStatus()).isZero();
			assertThat(error.retryable()).isTrue();
			assertThat(error.getMessage()).doesNotContain("super-secret");
		}
	}

	@Test
	void okAnswerWithoutAccessTokenIsAnError() {
		this.server.script((request) -> Reply.json(200, "{\"token_type\":\"bearer\"}"));

		UpstreamException error = catchThrowableOfType(UpstreamException.class,
				() -> this.service.accessToken(CREDENTIALS).block());

		assertThat(error.httpStatus()).isEqualTo(200);
		assertThat(error.code()).isEqualTo("invalid_response");
	}

	private static Map<String, String> form(String body) {
		return Arrays.stream(body.split("&"))
			.map((pair) -> pair.split("=", 2))
			.collect(Collectors.toMap((pair) -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
					(pair) -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
	}

}
