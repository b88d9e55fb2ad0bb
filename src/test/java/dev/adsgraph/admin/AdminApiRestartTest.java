package dev.adsgraph.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.adsgraph.AdsgraphApplication;
import dev.adsgraph.sandbox.SandboxCredentials;
import dev.adsgraph.sandbox.SandboxServer;
import dev.adsgraph.sandbox.SandboxSettings;
import dev.adsgraph.testing.TestDatabase;
import dev.adsgraph.testing.OwnEventLoops;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workspaces and issued keys outlive the gateway: a gateway in live mode with an admin
 * token creates them, stops, and a new one on the same database, started without an admin
 * token, accepts the keys (and refuses the revoked one) while its admin API is off (404).
 * "Amazon" is a sandbox of the test's own.
 */
class AdminApiRestartTest {

	private static final String TOKEN = "a-plain-admin-token-for-tests";

	private static final String DEMO_KEY = "adsgraph-demo-key";

	private static final String PROFILES = "{\"query\":\"{ profiles { id } }\"}";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SandboxServer amazon = SandboxServer.start(new SandboxSettings(null, 0, null, null, null, null));

	private final String database = TestDatabase.create();

	private final List<ConfigurableApplicationContext> gateways = new ArrayList<>();

	@AfterEach
	void stop() {
		this.gateways.forEach(ConfigurableApplicationContext::close);
		this.amazon.close();
	}

	private WebTestClient startGateway(String... extra) {
		SandboxCredentials ads = SandboxServer.demoCredentials();
		String sandbox = this.amazon.baseUrl();
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--adsgraph.mode=live",
				"--adsgraph.tenants[0].id=demo", "--adsgraph.tenants[0].api-key=" + DEMO_KEY,
				"--adsgraph.tenants[0].ads.client-id=" + ads.clientId(),
				"--adsgraph.tenants[0].ads.client-secret=" + ads.clientSecret(),
				"--adsgraph.tenants[0].ads.refresh-token=" + ads.refreshToken(), "--adsgraph.tenants[0].ads.regions=NA",
				"--adsgraph.upstream.lwa.token-url=" + sandbox + "/auth/o2/token",
				"--adsgraph.upstream.ads.hosts.NA=" + sandbox + "/ads/na"));
		arguments.addAll(List.of(TestDatabase.arguments(this.database)));
		arguments.addAll(List.of(extra));
		ConfigurableApplicationContext gateway = new SpringApplicationBuilder(AdsgraphApplication.class)
			.initializers(OwnEventLoops::register)
			.run(arguments.toArray(String[]::new));
		this.gateways.add(gateway);
		int port = Integer.parseInt(gateway.getEnvironment().getRequiredProperty("local.server.port"));
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	@Test
	void keysWorkAfterARestartAndTheAdminApiIsOffWithoutAToken() {
		WebTestClient first = startGateway("--adsgraph.admin.token=" + TOKEN);
		assertThat(send(first, HttpMethod.POST, "/admin/workspaces", TOKEN, null, "{\"id\":\"kept\",\"name\":\"Kept\"}")
			.status()).isEqualTo(201);
		String workspaceKey = key(send(first, HttpMethod.POST, "/admin/workspaces/kept/api-keys", TOKEN, null, null));
		Map<String, Object> revoked = json(
				send(first, HttpMethod.POST, "/admin/workspaces/kept/api-keys", TOKEN, null, null));
		assertThat(send(first, HttpMethod.DELETE, "/admin/workspaces/kept/api-keys/" + revoked.get("id"), TOKEN, null,
				null)
			.status()).isEqualTo(200);
		String demoKey = key(send(first, HttpMethod.POST, "/admin/workspaces/demo/api-keys", TOKEN, null, null));
		String demoProfiles = send(first, HttpMethod.POST, "/graphql", null, DEMO_KEY, PROFILES).body();
		assertThat(demoProfiles).contains("\"id\"");
		this.gateways.remove(0).close();

		WebTestClient second = startGateway();
		assertThat(send(second, HttpMethod.POST, "/graphql", null, workspaceKey, PROFILES).body())
			.isEqualTo("{\"data\":{\"profiles\":[]}}");
		assertThat(send(second, HttpMethod.POST, "/graphql", null, demoKey, PROFILES).body()).isEqualTo(demoProfiles);
		assertThat(send(second, HttpMethod.POST, "/graphql", null, (String) revoked.get("key"), PROFILES).status())
			.isEqualTo(401);
		for (String path : List.of("/admin", "/admin/workspaces", "/admin/workspaces/kept/api-keys")) {
			assertThat(send(second, HttpMethod.GET, path, TOKEN, null, null).status()).as(path).isEqualTo(404);
			assertThat(send(second, HttpMethod.GET, path, null, null, null).status()).as(path).isEqualTo(404);
		}
		assertThat(send(second, HttpMethod.POST, "/admin/workspaces", TOKEN, null, "{\"name\":\"x\"}").status())
			.isEqualTo(404);
	}

	private static String key(Answer issued) {
		assertThat(issued.status()).as(issued.body()).isEqualTo(201);
		return (String) json(issued).get("key");
	}

	private static Map<String, Object> json(Answer answer) {
		return JSON.readValue(answer.body(), new TypeReference<Map<String, Object>>() {
		});
	}

	private static Answer send(WebTestClient web, HttpMethod method, String path, String token, String apiKey,
			String body) {
		WebTestClient.RequestBodySpec request = web.method(method).uri(path).headers((headers) -> {
			if (token != null) {
				headers.setBearerAuth(token);
			}
			if (apiKey != null) {
				headers.set("X-Api-Key", apiKey);
			}
		});
		WebTestClient.RequestHeadersSpec<?> ready = (body != null)
				? request.contentType(MediaType.APPLICATION_JSON).bodyValue(body) : request;
		EntityExchangeResult<String> result = ready.exchange().expectBody(String.class).returnResult();
		return new Answer(result.getStatus().value(), result.getResponseBody());
	}

	record Answer(int status, String body) {
	}

}
