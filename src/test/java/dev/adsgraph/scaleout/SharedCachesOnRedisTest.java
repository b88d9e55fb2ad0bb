package dev.adsgraph.scaleout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.adsgraph.connections.ConnectionKind;
import dev.adsgraph.connections.ConnectionStore;
import dev.adsgraph.connections.Grant;
import dev.adsgraph.graphql.PersistedQueryStore;
import dev.adsgraph.graphql.RedisPersistedQueryStore;
import dev.adsgraph.profiles.ProfileCache;
import dev.adsgraph.profiles.RedisProfileCache;
import dev.adsgraph.sandbox.SandboxCredentials;
import dev.adsgraph.sandbox.SandboxServer;
import dev.adsgraph.sandbox.SandboxSettings;
import dev.adsgraph.testing.GatewayReplicas;
import dev.adsgraph.testing.RedisServer;
import dev.adsgraph.testing.TestDatabase;
import dev.adsgraph.upstream.Region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas in Redis mode on one Redis, one sandbox and one database (as two replicas
 * of a deployment share PostgreSQL): the profile cache, the persisted queries and the
 * invalidations of connections and API keys are shared. The replicas remember connections
 * and keys for an hour here, so what a test sees within seconds can only come from the
 * invalidation reaching the other replica, not from an entry expiring.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedCachesOnRedisTest {

	private static final String ADMIN_TOKEN = "shared-caches-admin-token-0123456789";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration SOON = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private SandboxServer sandbox;

	private GatewayReplicas replicas;

	@BeforeAll
	void start() {
		this.sandbox = SandboxServer.start(SandboxSettings.defaults());
		SandboxCredentials agency = SandboxServer.agencyCredentials();
		List<String> arguments = new ArrayList<>(
				GatewayReplicas.redis(RedisServer.shared().url(), "test:" + UUID.randomUUID() + ":"));
		arguments.addAll(List.of(TestDatabase.arguments(TestDatabase.create())));
		arguments.addAll(List.of("--adsgraph.admin.token=" + ADMIN_TOKEN,
				"--adsgraph.connections.ads-application.client-id=" + agency.clientId(),
				"--adsgraph.connections.ads-application.client-secret=" + agency.clientSecret(),
				"--adsgraph.cache.connections.ttl=1h", "--adsgraph.workspaces.key-cache-ttl=10m"));
		this.replicas = GatewayReplicas.start(this.sandbox, 2, arguments);
	}

	@AfterAll
	void stop() {
		if (this.replicas != null) {
			this.replicas.close();
		}
		if (this.sandbox != null) {
			this.sandbox.close();
		}
	}

	@Test
	void theSharedStoresAreRedisOnes() {
		for (int i = 0; i < this.replicas.size(); i++) {
			assertThat(this.replicas.bean(i, ProfileCache.class)).isInstanceOf(RedisProfileCache.class);
			assertThat(this.replicas.bean(i, PersistedQueryStore.class)).isInstanceOf(RedisPersistedQueryStore.class);
		}
	}

	@Test
	void aProfileListReadOnOneReplicaIsNotReadFromAmazonByTheOther() {
		String query = "{ profiles(filter: { accessLevel: VIEW, regions: [NA] }) { id } }";
		long before = this.replicas.sandboxCount("ads.na.listProfiles");
		JsonNode onA = this.replicas.graphql(0, query);
		JsonNode onB = this.replicas.graphql(1, query);

		assertThat(onA.path("errors").isMissingNode()).as(onA.toString()).isTrue();
		assertThat(onB.path("data")).isEqualTo(onA.path("data"));
		assertThat(onA.path("data").path("profiles").size()).isPositive();
		assertThat(this.replicas.sandboxCount("ads.na.listProfiles") - before).isEqualTo(1);
	}

	@Test
	void theSellersCatalogListingsInventoryAndParticipationsReadOnOneReplicaAreNotReadFromAmazonByTheOther() {
		String query = """
				{ profiles(filter: { regions: [NA] }) { marketplaceParticipation { storeName } }
				  products(marketplaceId: "ATVPDKIKX0DER", asins: ["B0YR85KV4O", "B0EYLJEOC9"],
				           dateRange: {start: "2026-11-01", end: "2026-11-07"}) {
				    nodes { asin catalog { title salesRanks { rank } } listing { sku status } inventory { fulfillable } } } }""";
		List<String> reads = List.of("sp.na.searchCatalogItems", "sp.na.searchListingsItems",
				"sp.na.getInventorySummaries", "sp.na.getMarketplaceParticipations");
		JsonNode onA = this.replicas.graphql(0, query);
		assertThat(onA.path("errors").isMissingNode()).as(onA.toString()).isTrue();
		assertThat(onA.at("/data/products/nodes/0/catalog/title").asString()).isNotEmpty();
		Map<String, Long> afterA = new LinkedHashMap<>();
		reads.forEach((operation) -> afterA.put(operation, this.replicas.sandboxCount(operation)));
		assertThat(afterA.values()).allMatch((count) -> count > 0);

		JsonNode onB = this.replicas.graphql(1, query);
		assertThat(onB.path("data")).isEqualTo(onA.path("data"));
		reads.forEach((operation) -> assertThat(this.replicas.sandboxCount(operation)).as(operation)
			.isEqualTo(afterA.get(operation)));
	}

	@Test
	void aConnectionAddedOrDisconnectedOnOneReplicaChangesTheOthersProfilesAtOnce() {
		String query = "{ profiles(filter: { regions: [NA] }) { id connectedAccount { id } } }";
		Set<String> configuredOnly = connectionsOf(this.replicas.graphql(1, query));
		assertThat(configuredOnly).hasSize(1);

		SandboxCredentials agency = SandboxServer.agencyCredentials();
		String added = this.replicas.bean(0, ConnectionStore.class)
			.save(new Grant("demo", ConnectionKind.ADS, "amzn1.account.AGENCY", "Agency", List.of(Region.NA),
					List.of("advertising::campaign_management"), agency.clientId(), agency.refreshToken()))
			.block(SOON)
			.id()
			.toString();
		await().atMost(SOON).until(() -> connectionsOf(this.replicas.graphql(1, query)).contains(added));

		JsonNode disconnected = this.replicas.graphql(0,
				"mutation { disconnectAccount(input: { id: \"" + added + "\" }) { connectedAccount { status } } }");
		assertThat(
				disconnected.path("data").path("disconnectAccount").path("connectedAccount").path("status").asString())
			.isEqualTo("DISCONNECTED");
		await().atMost(SOON).until(() -> connectionsOf(this.replicas.graphql(1, query)).equals(configuredOnly));
	}

	private static Set<String> connectionsOf(JsonNode answer) {
		Set<String> ids = new TreeSet<>();
		answer.path("data").path("profiles").forEach((p) -> ids.add(p.path("connectedAccount").path("id").asString()));
		return ids;
	}

	@Test
	void aKeyRevokedOnOneReplicaIsRefusedByTheOtherAtOnce() {
		JsonNode issued = JSON.readTree(send(0, "POST", "/admin/workspaces/demo/api-keys", "{\"label\":\"replicas\"}",
				Map.of("Authorization", "Bearer " + ADMIN_TOKEN))
			.body());
		String key = issued.path("key").asString();
		assertThat(this.replicas.post(1, key, "{ __typename }").statusCode()).isEqualTo(200);
		assertThat(this.replicas.post(0, key, "{ __typename }").statusCode()).isEqualTo(200);

		HttpResponse<String> revoked = send(0, "DELETE",
				"/admin/workspaces/demo/api-keys/" + issued.path("id").asString(), null,
				Map.of("Authorization", "Bearer " + ADMIN_TOKEN));
		assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);

		await().atMost(SOON).until(() -> this.replicas.post(1, key, "{ __typename }").statusCode() == 401);
	}

	@Test
	void anAutomaticPersistedQueryRegisteredOnOneReplicaIsServedByTheOther() {
		String document = "query SharedApq" + UUID.randomUUID().toString().replace("-", "") + " { __typename }";
		String hash = GatewayReplicas.sha256(document);
		Map<String, Object> extensions = Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));

		JsonNode unknown = apq(1, Map.of("extensions", extensions));
		assertThat(unknown.path("errors").path(0).path("message").asString()).isEqualTo("PersistedQueryNotFound");
		JsonNode registered = apq(0, Map.of("query", document, "extensions", extensions));
		assertThat(registered.path("data").path("__typename").asString()).isEqualTo("Query");

		await().atMost(SOON)
			.until(() -> "Query"
				.equals(apq(1, Map.of("extensions", extensions)).path("data").path("__typename").asString()));
	}

	private JsonNode apq(int replica, Map<String, Object> body) {
		HttpResponse<String> response = send(replica, "POST", "/graphql", JSON.writeValueAsString(body),
				Map.of("X-Api-Key", GatewayReplicas.API_KEY));
		return JSON.readTree(response.body());
	}

	private HttpResponse<String> send(int replica, String method, String path, String body,
			Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.replicas.baseUrl(replica) + path))
			.timeout(Duration.ofSeconds(30))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		headers.forEach(request::header);
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}
