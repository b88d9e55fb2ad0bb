package dev.adsgraph.admin;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.adsgraph.connections.ConnectionKind;
import dev.adsgraph.connections.ConnectionStore;
import dev.adsgraph.connections.Grant;
import dev.adsgraph.upstream.Region;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.adsgraph.tenancy.ApiKeyResolver;
import dev.adsgraph.testing.OffsetClock;
import dev.adsgraph.testing.RawGraphQlWebSocket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API of the whole gateway in sandbox mode (its demo admin token, the demo
 * tenants as configured workspaces) over real HTTP, on a database of its own; the keys it
 * issues then answer {@code /graphql}. The gateway's clock is moved by hand to cross a
 * rotation's overlap.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(AdminApiTest.Clocks.class)
class AdminApiTest {

	static final String ADMIN_TOKEN = "adsgraph-demo-admin-token";

	private static final String DEMO_KEY = "adsgraph-demo-key";

	private static final String AGENCY_KEY = "adsgraph-agency-key";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String PROFILES = "{\"query\":\"{ profiles { id } }\"}";

	@LocalServerPort
	int port;

	@Autowired
	OffsetClock clock;

	@Autowired
	DatabaseClient database;

	@Autowired
	ConnectionStore connections;

	WebTestClient web;

	@BeforeEach
	void connect() {
		this.web = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	@Test
	void aWorkspaceIsCreatedListedAndReadBack() {
		String id = slug("acme");
		Answer created = admin(HttpMethod.POST, "/admin/workspaces", "{\"id\":\"" + id + "\",\"name\":\" Acme \"}");
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.headers().getLocation()).hasPath("/admin/workspaces/" + id);
		assertThat(created.json()).containsEntry("id", id)
			.containsEntry("name", "Acme")
			.containsEntry("origin", "database")
			.containsKey("createdAt");

		Answer read = admin(HttpMethod.GET, "/admin/workspaces/" + id, null);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json()).isEqualTo(created.json());

		List<Map<String, Object>> listed = list(admin(HttpMethod.GET, "/admin/workspaces", null), "workspaces");
		assertThat(listed).contains(created.json());
		assertThat(listed).filteredOn((w) -> "demo".equals(w.get("id")))
			.singleElement()
			.satisfies((demo) -> assertThat(demo).containsEntry("origin", "configuration"));
		assertThat(admin(HttpMethod.GET, "/admin/workspaces/demo", null).json()).containsEntry("origin",
				"configuration");

		Answer generated = admin(HttpMethod.POST, "/admin/workspaces", "{\"name\":\"No id given\"}");
		assertThat(generated.status()).isEqualTo(201);
		assertThat((String) generated.json().get("id")).matches("ws-[a-z0-9]{16}");
	}

	@Test
	void aWorkspacesConnectionsAreListedWithoutTheirTokensAndOnlyTheirs() {
		String id = slug("conn");
		admin(HttpMethod.POST, "/admin/workspaces", "{\"id\":\"" + id + "\",\"name\":\"Connected\"}");
		this.connections
			.save(new Grant(id, ConnectionKind.SELLING_PARTNER, "A1MARLOWHG7Q2X", "Marlow", List.of(Region.NA),
					List.of(), "amzn1.application-oa2-client.sp", "Atzr|listed-token-secret"))
			.block();
		this.connections
			.save(new Grant("agency", ConnectionKind.ADS, "amzn1.account.OTHER", null, List.of(Region.EU), List.of(),
					"amzn1.application-oa2-client.ads", "Atzr|other-workspace-secret"))
			.block();

		Answer listed = admin(HttpMethod.GET, "/admin/workspaces/" + id + "/connections", null);
		assertThat(listed.status()).isEqualTo(200);
		assertThat(list(listed, "connections")).singleElement().satisfies((connection) -> {
			assertThat(connection).containsEntry("kind", "SELLING_PARTNER")
				.containsEntry("amazonId", "A1MARLOWHG7Q2X")
				.containsEntry("status", "ACTIVE")
				.containsEntry("regions", List.of("NA"));
			assertThat(connection.get("lastUsedAt")).isNull();
		});
		assertThat(listed.body()).doesNotContain("Atzr").doesNotContain("secret");
		assertThat(admin(HttpMethod.GET, "/admin/workspaces/nope-" + id + "/connections", null).status())
			.isEqualTo(404);
	}

	@Test
	void configuredAndExistingIdsAreConflicts() {
		String id = slug("dup");
		assertThat(admin(HttpMethod.POST, "/admin/workspaces", "{\"id\":\"" + id + "\",\"name\":\"One\"}").status())
			.isEqualTo(201);
		long before = count("workspaces");
		Answer again = admin(HttpMethod.POST, "/admin/workspaces", "{\"id\":\"" + id + "\",\"name\":\"Two\"}");
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.code()).isEqualTo("CONFLICT");
		Answer configured = admin(HttpMethod.POST, "/admin/workspaces", "{\"id\":\"demo\",\"name\":\"Mine\"}");
		assertThat(configured.status()).isEqualTo(409);
		assertThat(configured.message()).contains("configuration");
		assertThat(count("workspaces")).isEqualTo(before);
		assertThat(admin(HttpMethod.GET, "/admin/workspaces/" + id, null).json()).containsEntry("name", "One");
	}

	@Test
	void anIssuedKeyAnswersGraphQlForItsWorkspaceWhichHasNoConnectionYet() {
		String id = workspace("fresh");
		Answer issued = admin(HttpMethod.POST, "/admin/workspaces/" + id + "/api-keys", "{\"label\":\"ci\"}");
		assertThat(issued.status()).isEqualTo(201);
		String key = (String) issued.json().get("key");
		assertThat(key).startsWith(ApiKeyResolver.PREFIX).hasSize(47);
		assertThat(issued.json()).containsEntry("label", "ci").containsEntry("workspaceId", id).containsKey("id");

		assertThat(graphql(key, PROFILES).body()).isEqualTo("{\"data\":{\"profiles\":[]}}");
		Answer accounts = graphql(key, "{\"query\":\"{ adsAccounts { nodes { id } } }\"}");
		assertThat(accounts.status()).isEqualTo(200);
		Map<String, Object> error = list(accounts, "errors").get(0);
		assertThat(error.get("message")).asString().contains("no active Amazon Ads connection");
		assertThat(error.get("extensions")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("code", "NO_ADS_CONNECTION");

		// A write that needs Amazon changes nothing, and its idempotency key stays free.
		Map<String, Object> business = Map.of("name", "Nowhere Dental", "phone", "+1 206 555 0100", "addressLine1",
				"1 Main St", "city", "Seattle", "state", "WA", "zipCode", "98101", "countryCode", "US", "websiteUrl",
				"https://www.nowhere-dental.example");
		String register = JSON.writeValueAsString(Map.of("query",
				"mutation($input: RegisterAdsAccountInput!, $key: String) { registerAdsAccount(input: $input, "
						+ "idempotencyKey: $key) { adsAccount { id } } }",
				"variables", Map.of("input", Map.of("association", Map.of("business", business)), "key",
						UUID.randomUUID().toString())));
		for (int attempt = 0; attempt < 2; attempt++) {
			Answer written = graphql(key, register);
			assertThat(written.body()).contains("\"code\":\"NO_ADS_CONNECTION\"").doesNotContain("IDEMPOTENCY");
		}
		assertThat(count("registration")).isZero();

		List<Map<String, Object>> keys = list(admin(HttpMethod.GET, "/admin/workspaces/" + id + "/api-keys", null),
				"apiKeys");
		assertThat(keys).singleElement().satisfies((listed) -> {
			assertThat(listed).containsOnlyKeys("id", "label", "createdAt", "expiresAt", "revokedAt", "status");
			assertThat(listed).containsEntry("status", "ACTIVE").containsEntry("id", issued.json().get("id"));
		});
	}

	@Test
	void theTableHoldsTheKeysDigestNeverTheKey() {
		String id = workspace("digest");
		String key = issue(id);
		List<Map<String, Object>> rows = this.database.sql("SELECT * FROM api_keys WHERE workspace_id = :id")
			.bind("id", id)
			.fetch()
			.all()
			.collectList()
			.block();
		assertThat(rows).singleElement().satisfies((row) -> {
			assertThat(bytes(row.get("sha256"))).isEqualTo(ApiKeyResolver.sha256(key));
			String secret = key.substring(ApiKeyResolver.PREFIX.length());
			for (Object value : row.values()) {
				byte[] bytes = bytes(value);
				String text = (bytes != null)
						? new String(bytes, StandardCharsets.ISO_8859_1) + HexFormat.of().formatHex(bytes)
						: String.valueOf(value);
				assertThat(text).doesNotContain(secret);
			}
		});
	}

	@Test
	void aRotatedKeyWorksUntilTheOverlapEndsThenIsRefused() {
		String id = workspace("rotate");
		Answer issued = admin(HttpMethod.POST, "/admin/workspaces/" + id + "/api-keys", "{\"label\":\"prod\"}");
		String old = (String) issued.json().get("key");
		assertThat(graphql(old, PROFILES).status()).isEqualTo(200);

		Answer rotated = admin(HttpMethod.POST,
				"/admin/workspaces/" + id + "/api-keys/" + issued.json().get("id") + "/rotate",
				"{\"overlap\":\"PT1H\"}");
		assertThat(rotated.status()).isEqualTo(201);
		String fresh = (String) rotated.json().get("key");
		assertThat(fresh).isNotEqualTo(old).startsWith(ApiKeyResolver.PREFIX);
		assertThat(rotated.json()).containsEntry("label", "prod");
		assertThat(rotated.json().get("replaces")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("id", issued.json().get("id"))
			.containsEntry("status", "ACTIVE")
			.extractingByKey("expiresAt")
			.isNotNull();

		assertThat(graphql(old, PROFILES).status()).isEqualTo(200);
		assertThat(graphql(fresh, PROFILES).status()).isEqualTo(200);
		this.clock.advance(Duration.ofMinutes(59));
		assertThat(graphql(old, PROFILES).status()).isEqualTo(200);
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(graphql(old, PROFILES).status()).isEqualTo(401);
		assertThat(graphql(fresh, PROFILES).status()).isEqualTo(200);

		List<Map<String, Object>> keys = list(admin(HttpMethod.GET, "/admin/workspaces/" + id + "/api-keys", null),
				"apiKeys");
		assertThat(keys).extracting((key) -> key.get("status")).containsExactly("EXPIRED", "ACTIVE");
		Answer again = admin(HttpMethod.POST,
				"/admin/workspaces/" + id + "/api-keys/" + issued.json().get("id") + "/rotate", null);
		assertThat(again.status()).isEqualTo(409);
	}

	@Test
	void aRevokedKeyIsRefusedAtOnce() {
		String id = workspace("revoke");
		Answer issued = admin(HttpMethod.POST, "/admin/workspaces/" + id + "/api-keys", null);
		String key = (String) issued.json().get("key");
		assertThat(graphql(key, PROFILES).status()).isEqualTo(200);
		Answer revoked = admin(HttpMethod.DELETE, "/admin/workspaces/" + id + "/api-keys/" + issued.json().get("id"),
				null);
		assertThat(revoked.status()).isEqualTo(200);
		assertThat(revoked.json()).containsEntry("status", "REVOKED");
		Answer refused = graphql(key, PROFILES);
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.body()).isEqualTo(graphql("not-a-real-key-000000", PROFILES).body());
		assertThat(admin(HttpMethod.DELETE, "/admin/workspaces/" + id + "/api-keys/" + issued.json().get("id"), null)
			.status()).isEqualTo(200);
	}

	@Test
	void anIssuedKeyOpensAWebSocketUntilItIsRevoked() {
		String id = workspace("socket");
		Answer issued = admin(HttpMethod.POST, "/admin/workspaces/" + id + "/api-keys", null);
		String key = (String) issued.json().get("key");
		URI endpoint = URI.create("ws://127.0.0.1:" + this.port + "/graphql-ws");
		try (RawGraphQlWebSocket socket = RawGraphQlWebSocket.open(endpoint, Map.of())) {
			socket.initialise("{\"X-Api-Key\":\"" + key + "\"}");
			socket.send("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"{ __typename }\"}}");
			assertThat(socket.next()).contains("\"next\"", "\"__typename\":\"Query\"");
		}
		try (RawGraphQlWebSocket socket = RawGraphQlWebSocket.open(endpoint, Map.of("X-Api-Key", key))) {
			socket.initialise("{}");
			socket.send("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"{ __typename }\"}}");
			assertThat(socket.next()).contains("\"next\"");
		}
		admin(HttpMethod.DELETE, "/admin/workspaces/" + id + "/api-keys/" + issued.json().get("id"), null);
		try (RawGraphQlWebSocket socket = RawGraphQlWebSocket.open(endpoint, Map.of())) {
			socket.send("{\"type\":\"connection_init\",\"payload\":{\"X-Api-Key\":\"" + key + "\"}}");
			assertThat(socket.closed()).isEqualTo(new RawGraphQlWebSocket.Closed(4403, "Forbidden"));
		}
	}

	@Test
	void aKeyAnswersAsItsOwnWorkspaceOnly() {
		// Keys issued for the configured workspaces see exactly what their configured
		// keys see, and not the other's.
		String demo = issue("demo");
		String agency = issue("agency");
		String demoProfiles = graphql(DEMO_KEY, PROFILES).body();
		String agencyProfiles = graphql(AGENCY_KEY, PROFILES).body();
		assertThat(demoProfiles).isNotEqualTo(agencyProfiles).contains("\"id\"");
		assertThat(graphql(demo, PROFILES).body()).isEqualTo(demoProfiles);
		assertThat(graphql(agency, PROFILES).body()).isEqualTo(agencyProfiles);

		// Another workspace's key id is unknown in this one: nothing changes.
		String a = workspace("iso-a");
		String b = workspace("iso-b");
		Answer keyOfA = admin(HttpMethod.POST, "/admin/workspaces/" + a + "/api-keys", null);
		String keyId = (String) keyOfA.json().get("id");
		assertThat(admin(HttpMethod.DELETE, "/admin/workspaces/" + b + "/api-keys/" + keyId, null).status())
			.isEqualTo(404);
		assertThat(admin(HttpMethod.POST, "/admin/workspaces/" + b + "/api-keys/" + keyId + "/rotate", null).status())
			.isEqualTo(404);
		assertThat(list(admin(HttpMethod.GET, "/admin/workspaces/" + b + "/api-keys", null), "apiKeys")).isEmpty();
		assertThat(graphql((String) keyOfA.json().get("key"), PROFILES).status()).isEqualTo(200);
	}

	@Test
	void theAdminTokenIsRequiredAndOnlyOnAdminPaths() {
		String path = "/admin/workspaces";
		assertThat(send(HttpMethod.GET, path, null, null, null).status()).isEqualTo(401);
		Answer wrong = send(HttpMethod.GET, path, "Bearer not-the-admin-token-0000", null, null);
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.code()).isEqualTo("UNAUTHENTICATED");
		assertThat(wrong.headers().getFirst("WWW-Authenticate")).startsWith("Bearer");
		assertThat(send(HttpMethod.GET, path, ADMIN_TOKEN, null, null).status()).as("no Bearer scheme").isEqualTo(401);
		assertThat(send(HttpMethod.GET, path, "Bearer " + DEMO_KEY, null, null).status()).isEqualTo(401);
		assertThat(send(HttpMethod.GET, path, null, DEMO_KEY, null).status()).isEqualTo(401);
		String issued = issue("demo");
		assertThat(send(HttpMethod.GET, path, "Bearer " + issued, null, null).status()).isEqualTo(401);
		long before = count("workspaces");
		assertThat(send(HttpMethod.POST, path, "Bearer wrong-token-000000000", null, "{\"name\":\"x\"}").status())
			.isEqualTo(401);
		assertThat(count("workspaces")).isEqualTo(before);

		// The admin token is no API key, in either header.
		assertThat(send(HttpMethod.POST, "/graphql", null, ADMIN_TOKEN, PROFILES).status()).isEqualTo(401);
		assertThat(send(HttpMethod.POST, "/graphql", "Bearer " + ADMIN_TOKEN, null, PROFILES).status()).isEqualTo(401);
		assertThat(admin(HttpMethod.GET, "/admin/nothing-here", null).status()).isEqualTo(404);
	}

	@Test
	void everyBadInputIsRefusedAndChangesNothing() {
		String id = workspace("bad");
		Answer issued = admin(HttpMethod.POST, "/admin/workspaces/" + id + "/api-keys", null);
		String keyId = (String) issued.json().get("id");
		String keys = "/admin/workspaces/" + id + "/api-keys";
		String rotate = keys + "/" + keyId + "/rotate";
		long workspaces = count("workspaces");
		long apiKeys = count("api_keys");
		String snapshot = snapshot();
		Object[][] cases = { { HttpMethod.POST, "/admin/workspaces", "{", 400 },
				{ HttpMethod.POST, "/admin/workspaces", "[]", 400 },
				{ HttpMethod.POST, "/admin/workspaces", "{\"name\":\"A\"} {\"name\":\"B\"}", 400 },
				{ HttpMethod.POST, "/admin/workspaces", "{\"name\":\"A\"} trailing", 400 },
				{ HttpMethod.POST, "/admin/workspaces", "null", 400 },
				{ HttpMethod.POST, "/admin/workspaces", "\"acme\"", 400 },
				{ HttpMethod.POST, "/admin/workspaces", "{\"name\":\"A\",\"extra\":1}", 400 },
				{ HttpMethod.POST, "/admin/workspaces", "{\"name\":\"A\",\"name\":\"B\"}", 400 },
				{ HttpMethod.POST, "/admin/workspaces", "{}", 400 },
				{ HttpMethod.POST, "/admin/workspaces", null, 400 },
				{ HttpMethod.POST, "/admin/workspaces", "{\"name\":\"   \"}", 400 },
				{ HttpMethod.POST, "/admin/workspaces", "{\"name\":42}", 400 },
				{ HttpMethod.POST, "/admin/workspaces", "{\"name\":\"" + "n".repeat(201) + "\"}", 400 },
				{ HttpMethod.POST, "/admin/workspaces", "{\"name\":\"tab\\there\"}", 400 },
				{ HttpMethod.POST, "/admin/workspaces", "{\"id\":\"Acme\",\"name\":\"A\"}", 400 },
				{ HttpMethod.POST, "/admin/workspaces", "{\"id\":\"a_b\",\"name\":\"A\"}", 400 },
				{ HttpMethod.POST, "/admin/workspaces", "{\"id\":\"-ab\",\"name\":\"A\"}", 400 },
				{ HttpMethod.POST, "/admin/workspaces", "{\"id\":\"\",\"name\":\"A\"}", 400 },
				{ HttpMethod.POST, "/admin/workspaces", "{\"id\":7,\"name\":\"A\"}", 400 },
				{ HttpMethod.POST, "/admin/workspaces", "{\"id\":\"" + "a".repeat(64) + "\",\"name\":\"A\"}", 400 },
				{ HttpMethod.POST, "/admin/workspaces", "{\"name\":\"" + "x".repeat(AdminHandler.MAX_BODY) + "\"}",
						413 },
				{ HttpMethod.POST, keys, "{\"label\":\"\"}", 400 },
				{ HttpMethod.POST, keys, "{\"label\":\"" + "l".repeat(101) + "\"}", 400 },
				{ HttpMethod.POST, keys, "{\"label\":[]}", 400 }, { HttpMethod.POST, keys, "{\"key\":\"mine\"}", 400 },
				{ HttpMethod.POST, "/admin/workspaces/nope-" + id + "/api-keys", null, 404 },
				{ HttpMethod.GET, "/admin/workspaces/nope-" + id + "/api-keys", null, 404 },
				{ HttpMethod.GET, "/admin/workspaces/nope-" + id, null, 404 },
				{ HttpMethod.GET, "/admin/workspaces/NOT%20A%20SLUG", null, 404 },
				{ HttpMethod.POST, rotate, "{\"overlap\":\"24h\"}", 400 },
				{ HttpMethod.POST, rotate, "{\"overlap\":\"-PT1H\"}", 400 },
				{ HttpMethod.POST, rotate, "{\"overlap\":\"P31D\"}", 400 },
				{ HttpMethod.POST, rotate, "{\"overlap\":3600}", 400 },
				{ HttpMethod.POST, rotate, "{\"overlap\":\"PT1H\",\"label\":\"x\"}", 400 },
				{ HttpMethod.POST, keys + "/" + UUID.randomUUID() + "/rotate", null, 404 },
				{ HttpMethod.POST, keys + "/not-a-uuid/rotate", null, 404 },
				{ HttpMethod.DELETE, keys + "/" + UUID.randomUUID(), null, 404 },
				{ HttpMethod.DELETE, keys + "/not-a-uuid", null, 404 },
				{ HttpMethod.DELETE, "/admin/workspaces/nope-" + id + "/api-keys/" + keyId, null, 404 },
				{ HttpMethod.PUT, "/admin/workspaces", "{\"name\":\"A\"}", 404 } };
		for (Object[] bad : cases) {
			Answer answer = admin((HttpMethod) bad[0], (String) bad[1], (String) bad[2]);
			String what = bad[0] + " " + bad[1] + " " + ((bad[2] != null)
					? ((String) bad[2]).substring(0, Math.min(60, ((String) bad[2]).length())) : "");
			assertThat(answer.status()).as(what).isEqualTo(bad[3]);
			assertThat(answer.message()).as(what).isNotBlank();
		}
		Answer textPlain = send(HttpMethod.POST, "/admin/workspaces", "Bearer " + ADMIN_TOKEN, null, "{\"name\":\"A\"}",
				MediaType.TEXT_PLAIN);
		assertThat(textPlain.status()).isEqualTo(415);
		assertThat(count("workspaces")).isEqualTo(workspaces);
		assertThat(count("api_keys")).isEqualTo(apiKeys);
		assertThat(snapshot()).isEqualTo(snapshot);
	}

	// --- helpers

	private String slug(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private String workspace(String prefix) {
		String id = slug(prefix);
		Answer created = admin(HttpMethod.POST, "/admin/workspaces", "{\"id\":\"" + id + "\",\"name\":\"" + id + "\"}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return id;
	}

	private String issue(String workspace) {
		Answer issued = admin(HttpMethod.POST, "/admin/workspaces/" + workspace + "/api-keys", null);
		assertThat(issued.status()).as(issued.body()).isEqualTo(201);
		return (String) issued.json().get("key");
	}

	private static byte[] bytes(Object value) {
		if (value instanceof ByteBuffer buffer) {
			byte[] bytes = new byte[buffer.remaining()];
			buffer.duplicate().get(bytes);
			return bytes;
		}
		return (value instanceof byte[] bytes) ? bytes : null;
	}

	private long count(String table) {
		return this.database.sql("SELECT count(*) AS n FROM " + table)
			.map((row) -> row.get("n", Long.class))
			.one()
			.block();
	}

	private String snapshot() {
		return this.database
			.sql("SELECT string_agg(concat_ws('|', id, workspace_id, label, created_at, expires_at, revoked_at), ',' "
					+ "ORDER BY id) AS s FROM api_keys")
			.map((row) -> String.valueOf(row.get("s", String.class)))
			.one()
			.block()
				+ this.database.sql(
						"SELECT string_agg(concat_ws('|', id, name, created_at), ',' ORDER BY id) AS s FROM workspaces")
					.map((row) -> String.valueOf(row.get("s", String.class)))
					.one()
					.block();
	}

	private Answer admin(HttpMethod method, String path, String body) {
		return send(method, path, "Bearer " + ADMIN_TOKEN, null, body);
	}

	private Answer graphql(String key, String body) {
		return send(HttpMethod.POST, "/graphql", null, key, body);
	}

	private Answer send(HttpMethod method, String path, String authorization, String apiKey, String body) {
		return send(method, path, authorization, apiKey, body, MediaType.APPLICATION_JSON);
	}

	private Answer send(HttpMethod method, String path, String authorization, String apiKey, String body,
			MediaType type) {
		WebTestClient.RequestBodySpec request = this.web.method(method)
			.uri((builder) -> builder.path(path).build())
			.headers((headers) -> {
				if (authorization != null) {
					headers.set("Authorization", authorization);
				}
				if (apiKey != null) {
					headers.set("X-Api-Key", apiKey);
				}
			});
		WebTestClient.RequestHeadersSpec<?> ready = (body != null) ? request.contentType(type).bodyValue(body)
				: request;
		EntityExchangeResult<String> result = ready.exchange().expectBody(String.class).returnResult();
		return new Answer(result.getStatus().value(), result.getResponseHeaders(), result.getResponseBody());
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Answer answer, String field) {
		assertThat(answer.status()).as(answer.body()).isLessThan(300);
		return (List<Map<String, Object>>) answer.json().get(field);
	}

	record Answer(int status, org.springframework.http.HttpHeaders headers, String body) {

		Map<String, Object> json() {
			return JSON.readValue(this.body, new TypeReference<Map<String, Object>>() {
			});
		}

		@SuppressWarnings("unchecked")
		String code() {
			Map<String, Object> error = ((List<Map<String, Object>>) json().get("errors")).get(0);
			return (String) ((Map<String, Object>) error.get("extensions")).get("code");
		}

		@SuppressWarnings("unchecked")
		String message() {
			if (this.body == null || !this.body.contains("\"errors\"")) {
				return (this.body != null) ? this.body : "";
			}
			return (String) ((List<Map<String, Object>>) json().get("errors")).get(0).get("message");
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		@Primary
		OffsetClock testClock() {
			return new OffsetClock();
		}

	}

}
