package dev.adsgraph.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.adsgraph.AdsgraphApplication;
import dev.adsgraph.sandbox.SandboxCredentials;
import dev.adsgraph.sandbox.SandboxServer;
import dev.adsgraph.sandbox.SandboxSettings;
import dev.adsgraph.upstream.lwa.InMemoryLwaTokenCache;
import dev.adsgraph.upstream.lwa.LwaAccessToken;
import dev.adsgraph.upstream.lwa.LwaTokenCache;
import dev.adsgraph.testing.OwnEventLoops;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets never leave the gateway. A live-mode gateway is pointed at a sandbox of its own
 * with four tenants (one whose refresh token was revoked, one whose client secret is
 * wrong, one with a plain-text key) and driven through successful queries, refused keys,
 * bad input and upstream failures (LWA's invalid_grant and invalid_client, an Ads API
 * 500, an LWA 429, the last two injected by the sandbox), with our own code logging at
 * DEBUG. Neither the output (start-up included), nor any answer, nor the actuator holds
 * an API key, a client secret, a refresh token or any of the access tokens the sandbox
 * issued, which a recording token cache collects.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsTest {

	private static final String DEMO_KEY = "secrets-test-demo-key-0001";

	private static final String PLAIN_KEY = "secrets-test-plain-key-0002";

	private static final String REVOKED_KEY = "secrets-test-revoked-key-0003";

	private static final String WRONG_SECRET_KEY = "secrets-test-wrong-secret-key-0004";

	private static final String REVOKED_REFRESH_TOKEN = "Atzr|secrets-test-revoked-refresh-token";

	private static final String WRONG_CLIENT_SECRET = "secrets-test-wrong-client-secret";

	private static final String OTHER_REFRESH_TOKEN = "Atzr|secrets-test-other-refresh-token";

	private static SandboxServer sandbox;

	@BeforeAll
	static void startSandbox() {
		sandbox = SandboxServer.start(SandboxSettings.defaults());
	}

	@AfterAll
	static void stopSandbox() {
		sandbox.close();
	}

	/** Every access token the gateway got from LWA, to look for afterwards. */
	static final class RecordingTokenCache implements LwaTokenCache {

		private final LwaTokenCache delegate = new InMemoryLwaTokenCache();

		final Set<String> issued = ConcurrentHashMap.newKeySet();

		@Override
		public Mono<LwaAccessToken> get(String key) {
			return this.delegate.get(key);
		}

		@Override
		public Mono<Void> put(String key, LwaAccessToken token) {
			this.issued.add(token.value());
			return this.delegate.put(key, token);
		}

		@Override
		public Mono<Void> evict(String key) {
			return this.delegate.evict(key);
		}

	}

	private static ConfigurableApplicationContext start(RecordingTokenCache tokens, String... extra) {
		SandboxCredentials demo = SandboxServer.demoCredentials();
		SandboxCredentials agency = SandboxServer.agencyCredentials();
		SandboxCredentials demoSp = SandboxServer.demoSpCredentials();
		String base = sandbox.baseUrl();
		List<String> properties = new ArrayList<>(List.of("server.port=0", "logging.level.dev.adsgraph=DEBUG",
				"adsgraph.upstream.lwa.token-url=" + base + "/auth/o2/token",
				"adsgraph.upstream.ads.hosts.NA=" + base + "/ads/na",
				"adsgraph.upstream.sp.hosts.NA=" + base + "/sp/na", "adsgraph.tenants[0].id=demo",
				"adsgraph.tenants[0].api-key-sha256=sha256:" + sha256(DEMO_KEY),
				"adsgraph.tenants[0].ads.client-id=" + demo.clientId(),
				"adsgraph.tenants[0].ads.client-secret=" + demo.clientSecret(),
				"adsgraph.tenants[0].ads.refresh-token=" + demo.refreshToken(), "adsgraph.tenants[0].ads.regions=NA",
				"adsgraph.tenants[0].sp.client-id=" + demoSp.clientId(),
				"adsgraph.tenants[0].sp.client-secret=" + demoSp.clientSecret(),
				"adsgraph.tenants[0].sp.refresh-token=" + demoSp.refreshToken(),
				"adsgraph.tenants[0].sp.selling-partner-id=" + SandboxServer.DEMO_SELLING_PARTNER_ID,
				"adsgraph.tenants[0].sp.regions=NA", "adsgraph.tenants[1].id=plain",
				"adsgraph.tenants[1].api-key=" + PLAIN_KEY, "adsgraph.tenants[1].ads.client-id=" + agency.clientId(),
				"adsgraph.tenants[1].ads.client-secret=" + agency.clientSecret(),
				"adsgraph.tenants[1].ads.refresh-token=" + agency.refreshToken(), "adsgraph.tenants[1].ads.regions=NA",
				"adsgraph.tenants[2].id=revoked", "adsgraph.tenants[2].api-key-sha256=" + sha256(REVOKED_KEY),
				"adsgraph.tenants[2].ads.client-id=" + demo.clientId(),
				"adsgraph.tenants[2].ads.client-secret=" + demo.clientSecret(),
				"adsgraph.tenants[2].ads.refresh-token=" + REVOKED_REFRESH_TOKEN, "adsgraph.tenants[2].ads.regions=NA",
				"adsgraph.tenants[3].id=wrong-secret", "adsgraph.tenants[3].api-key-sha256=" + sha256(WRONG_SECRET_KEY),
				"adsgraph.tenants[3].ads.client-id=" + agency.clientId(),
				"adsgraph.tenants[3].ads.client-secret=" + WRONG_CLIENT_SECRET,
				"adsgraph.tenants[3].ads.refresh-token=" + OTHER_REFRESH_TOKEN, "adsgraph.tenants[3].ads.regions=NA"));
		properties.addAll(List.of(extra));
		// Command-line arguments, so that they win over application.yml (default
		// properties would not).
		return new SpringApplicationBuilder(AdsgraphApplication.class).initializers(OwnEventLoops::register)
			.initializers(
					(context) -> ((GenericApplicationContext) context).registerBean(LwaTokenCache.class, () -> tokens))
			.run(properties.stream().map((property) -> "--" + property).toArray(String[]::new));
	}

	private static List<String> configuredSecrets() {
		List<String> secrets = new ArrayList<>(List.of(DEMO_KEY, PLAIN_KEY, REVOKED_KEY, WRONG_SECRET_KEY,
				REVOKED_REFRESH_TOKEN, WRONG_CLIENT_SECRET, OTHER_REFRESH_TOKEN));
		for (SandboxCredentials credentials : List.of(SandboxServer.demoCredentials(),
				SandboxServer.agencyCredentials(), SandboxServer.demoSpCredentials())) {
			secrets.add(credentials.clientSecret());
			secrets.add(credentials.refreshToken());
		}
		return secrets;
	}

	private static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	private static String describe(GatewayClient.Raw raw) {
		return raw.status() + " " + raw.headers() + " " + raw.body();
	}

	@Test
	void noSecretReachesTheLogsAnAnswerOrTheActuator(CapturedOutput output) {
		RecordingTokenCache tokens = new RecordingTokenCache();
		List<String> answers = new ArrayList<>();
		try (ConfigurableApplicationContext context = start(tokens)) {
			GatewayClient client = new GatewayClient(port(context), sandbox.baseUrl());
			String query = "{\"query\":\"{ profiles { id accountInfo { name } } sellingPartner { id } }\"}";

			GatewayClient.Raw demo = client.post("/graphql", DEMO_KEY, query);
			answers.add(describe(demo));
			assertThat(errors(demo)).isEmpty();
			assertThat((String) at(GatewayClient.parse(demo.body()), "data.sellingPartner.id"))
				.isEqualTo(SandboxServer.DEMO_SELLING_PARTNER_ID);
			GatewayClient.Raw plain = client.post("/graphql", PLAIN_KEY, "{\"query\":\"{ profiles { id } }\"}");
			answers.add(describe(plain));
			assertThat(errors(plain)).isEmpty();

			// Amazon refuses the credentials: LWA's invalid_grant (the connection needs
			// authorization again) and invalid_client.
			for (Map.Entry<String, String> refusal : Map
				.of(REVOKED_KEY, "CONNECTION_NEEDS_REAUTHORIZATION", WRONG_SECRET_KEY, "UPSTREAM_AUTH")
				.entrySet()) {
				GatewayClient.Raw refused = client.post("/graphql", refusal.getKey(),
						"{\"query\":\"{ profiles { id } }\"}");
				answers.add(describe(refused));
				assertThat(errors(refused)).extracting((e) -> at(e, "extensions.code"))
					.containsOnly(refusal.getValue());
			}
			// Keys that are not keys: missing, close to a real one, a real one's digest.
			for (String key : new String[] { null, DEMO_KEY + "x", DEMO_KEY.substring(1), sha256(DEMO_KEY),
					"sha256:" + sha256(DEMO_KEY) }) {
				GatewayClient.Raw refused = client.post("/graphql", key, query);
				answers.add(describe(refused));
				assertThat(refused.status()).isEqualTo(401);
			}
			// Amazon fails: the Ads API answers 500 and LWA 429.
			faults("{\"rules\":[{\"upstream\":\"ads\",\"serverError\":1},"
					+ "{\"upstream\":\"lwa\",\"tooManyRequests\":1,\"retryAfterSeconds\":1}]}");
			try {
				GatewayClient.Raw failed = client.post("/graphql", DEMO_KEY,
						"{\"query\":\"{ adsAccounts(first: 5) { nodes { id } } }\"}");
				answers.add(describe(failed));
				assertThat(errors(failed)).extracting((e) -> at(e, "extensions.code"))
					.containsOnly("UPSTREAM_UNAVAILABLE");
				// The revoked tenant's connection is marked by now and not called with:
				// the
				// tenant whose secret LWA refuses has no access token either.
				GatewayClient.Raw throttled = client.post("/graphql", WRONG_SECRET_KEY,
						"{\"query\":\"{ profiles { id } }\"}");
				answers.add(describe(throttled));
				assertThat(errors(throttled)).extracting((e) -> at(e, "extensions.code"))
					.containsOnly("UPSTREAM_RATE_LIMITED");
			}
			finally {
				faults(null);
			}
			GatewayClient.Raw bad = client.post("/graphql", DEMO_KEY,
					"{\"query\":\"query($id: ID!) { profile(id: $id) { id } }\",\"variables\":{\"id\":\"x\"}}");
			answers.add(describe(bad));
			assertThat(errors(bad)).extracting((e) -> at(e, "extensions.code")).containsOnly("BAD_USER_INPUT");
			for (String path : List.of("/actuator", "/actuator/health", "/actuator/health/liveness", "/actuator/info",
					"/actuator/env", "/actuator/configprops", "/actuator/beans", "/actuator/heapdump",
					"/actuator/env/adsgraph.tenants%5B0%5D.ads.client-secret")) {
				GatewayClient.Raw raw = client.get(client.gatewayUrl() + path);
				answers.add(path + " " + describe(raw));
				if (path.startsWith("/actuator/health") || path.equals("/actuator") || path.equals("/actuator/info")) {
					assertThat(raw.status()).as(path).isEqualTo(200);
				}
				else {
					assertThat(raw.status()).as(path).isEqualTo(404);
				}
			}
		}

		assertThat(tokens.issued).as("access tokens the gateway received").hasSizeGreaterThanOrEqualTo(3);
		List<String> secrets = new ArrayList<>(configuredSecrets());
		secrets.addAll(tokens.issued);
		String logged = output.getAll();
		// The capture holds the run: the plain-text key was warned about by tenant name,
		// and
		// the refused credentials were logged as upstream failures.
		assertThat(logged).contains("Tenant 'plain' has its API key in plain text")
			.contains("Upstream failure")
			.contains("Netty started on port");
		assertThat(logged).doesNotContain(secrets);
		assertThat(String.join("\n", answers)).doesNotContain(secrets).doesNotContain("Atza|", "Atzr|");
	}

	@Test
	void exposedEnvAndConfigpropsShowingValuesStillHideTheSecrets(CapturedOutput output) {
		RecordingTokenCache tokens = new RecordingTokenCache();
		List<String> answers = new ArrayList<>();
		try (ConfigurableApplicationContext context = start(tokens,
				"management.endpoints.web.exposure.include=health,info,env,configprops",
				"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always")) {
			GatewayClient client = new GatewayClient(port(context), sandbox.baseUrl());
			assertThat(client.post("/graphql", DEMO_KEY, "{\"query\":\"{ profiles { id } }\"}").status())
				.isEqualTo(200);
			for (String path : List.of("/actuator/env", "/actuator/configprops",
					"/actuator/env/adsgraph.tenants%5B0%5D.ads.client-secret",
					"/actuator/env/adsgraph.tenants%5B1%5D.api-key", "/actuator/configprops/adsgraph")) {
				GatewayClient.Raw raw = client.get(client.gatewayUrl() + path);
				assertThat(raw.status()).as(path).isEqualTo(200);
				answers.add(path + " " + describe(raw));
			}
		}
		String all = String.join("\n", answers);
		// Values are shown (the client id is), so it is the sanitizing that hides the
		// secrets.
		assertThat(all).contains(SandboxServer.demoCredentials().clientId())
			.contains("adsgraph.tenants[0].ads.client-secret")
			.contains("******");
		List<String> secrets = new ArrayList<>(configuredSecrets());
		secrets.addAll(tokens.issued);
		assertThat(all).doesNotContain(secrets);
		assertThat(output.getAll()).doesNotContain(secrets);
	}

	/** Sets the sandbox's fault rules, or clears them. */
	private static void faults(String rules) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/faults"));
		request = (rules != null)
				? request.header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(rules))
				: request.DELETE();
		try {
			int status = HttpClient.newHttpClient()
				.send(request.build(), HttpResponse.BodyHandlers.ofString())
				.statusCode();
			assertThat(status).as("sandbox faults").isBetween(200, 299);
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	private static List<Map<String, Object>> errors(GatewayClient.Raw raw) {
		assertThat(raw.status()).as(raw.body()).isEqualTo(200);
		Object errors = GatewayClient.parse(raw.body()).get("errors");
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> list = (errors != null) ? (List<Map<String, Object>>) errors : List.of();
		return list;
	}

	private static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
