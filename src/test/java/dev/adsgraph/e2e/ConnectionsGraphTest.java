package dev.adsgraph.e2e;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;

import dev.adsgraph.connections.Connection;
import dev.adsgraph.connections.ConnectionKind;
import dev.adsgraph.connections.ConnectionStore;
import dev.adsgraph.connections.ConnectionsProperties;
import dev.adsgraph.connections.Grant;
import dev.adsgraph.connections.WorkspaceConnections;
import dev.adsgraph.sandbox.fixtures.Fixtures;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.lwa.LwaCredentials;
import dev.adsgraph.upstream.lwa.LwaTokenService;

import static dev.adsgraph.e2e.GatewayClient.AGENCY_KEY;
import static dev.adsgraph.e2e.GatewayClient.DEMO_KEY;
import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The graph over every connection of a workspace, on PostgreSQL and the sandbox over
 * HTTP. The sandbox has one Amazon Ads user per LWA client, so this application's Ads and
 * SP-API applications are the agency user's (a {@code @Primary} properties bean): the
 * agency user's grant, saved into the demo workspace through the store, is then a second
 * Ads connection there next to the demo tenant's configured one, and the Riverstone
 * seller's grant an SP-API connection.
 */
@Import(ConnectionsGraphTest.AgencyApplications.class)
class ConnectionsGraphTest extends SandboxGatewayTest {

	private static final String PROFILES = "{ profiles { id accountInfo { accountId } connectedAccount { id kind source } } }";

	private static final String ACCOUNTS = """
			{ connectedAccounts { id kind status statusReason source amazonId name regions scopes connectedAt
			  statusChangedAt lastUsedAt } }""";

	private static final String DISCONNECT = """
			mutation($id: ID!) { disconnectAccount(input: {id: $id}) {
			  connectedAccount { id status } userErrors { code message field } } }""";

	@Autowired
	ConnectionStore store;

	@Autowired
	DatabaseClient database;

	@Autowired
	MeterRegistry meters;

	@Autowired
	LwaTokenService lwa;

	/** Every stored connection goes, through the store, so the replica forgets them. */
	@AfterEach
	void disconnectAll() {
		for (String workspace : List.of("demo", "agency")) {
			this.store.ofWorkspace(workspace).concatMap((c) -> this.store.disconnect(workspace, c.id())).then().block();
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class AgencyApplications {

		@Bean
		@Primary
		ConnectionsProperties agencyApplications(Environment environment) {
			ConnectionsProperties bound = Binder.get(environment)
				.bindOrCreate("adsgraph.connections", ConnectionsProperties.class);
			return new ConnectionsProperties(bound.encryptionKeys(), bound.primaryKeyId(), bound.keyFile(),
					new ConnectionsProperties.Application(Fixtures.AGENCY.clientId(), Fixtures.AGENCY.clientSecret()),
					new ConnectionsProperties.SpApplication(bound.spApplication().applicationId(),
							Fixtures.AGENCY_SP.credentials().clientId(),
							Fixtures.AGENCY_SP.credentials().clientSecret(), true));
		}

	}

	private Connection save(String workspace, ConnectionKind kind, String subject, String clientId, String token,
			List<Region> regions) {
		return this.store
			.save(new Grant(workspace, kind, subject, "Grant of " + subject, regions,
					List.of("advertising::campaign_management"), clientId, token))
			.block();
	}

	private Connection saveAgencyUser(String workspace, String token) {
		return saveAdsUser(workspace, Fixtures.AGENCY_USER, token);
	}

	/**
	 * An Ads grant of the agency application. A user other than the sandbox's agency user
	 * stands for one whose cached profile lists nothing else filled.
	 */
	private Connection saveAdsUser(String workspace, String user, String token) {
		return save(workspace, ConnectionKind.ADS, user, Fixtures.AGENCY.clientId(), token, agencyRegions());
	}

	/** The agency tenant's configured Ads regions, as its own key sees them. */
	private List<Region> agencyRegions() {
		List<Map<String, Object>> accounts = at(this.client.graphql(AGENCY_KEY, ACCOUNTS, Map.of()),
				"data.connectedAccounts");
		List<String> regions = at(accounts.get(0), "regions");
		return regions.stream().map(Region::valueOf).toList();
	}

	private List<Map<String, Object>> profiles(String key) {
		Map<String, Object> answer = this.client.graphql(key, PROFILES, Map.of());
		assertNoErrors(answer);
		return at(answer, "data.profiles");
	}

	private static List<String> ids(List<Map<String, Object>> profiles) {
		return profiles.stream().map((p) -> (String) p.get("id")).toList();
	}

	private double reauthorizations() {
		Counter counter = this.meters.find(WorkspaceConnections.REAUTHORIZATION_METRIC)
			.tag("kind", "ads")
			.tag("source", "consent")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private String status(UUID id) {
		return this.database.sql("SELECT status FROM connection WHERE id = :id")
			.bind("id", id)
			.map((row) -> row.get("status", String.class))
			.one()
			.block();
	}

	@Test
	void profilesAreTheUnionOfTheConnectionsAndEachProfileIsAnsweredThroughItsOwn() {
		List<String> demo = ids(profiles(DEMO_KEY));
		List<String> agency = ids(profiles(AGENCY_KEY));
		assertThat(agency).as("the agency user's profiles are not the demo user's").isNotEmpty();
		Connection connection = saveAgencyUser("demo", Fixtures.AGENCY.refreshToken());
		save("demo", ConnectionKind.SELLING_PARTNER, Fixtures.RIVERSTONE, Fixtures.AGENCY_SP.credentials().clientId(),
				Fixtures.AGENCY_SP.credentials().refreshToken(), List.of(Region.NA, Region.EU));

		List<Map<String, Object>> union = profiles(DEMO_KEY);
		Set<String> expected = new LinkedHashSet<>(demo);
		expected.addAll(agency);
		assertThat(ids(union)).as("demo's profiles, then the agency user's, each once")
			.containsExactlyElementsOf(expected);
		for (Map<String, Object> profile : union) {
			String through = demo.contains((String) profile.get("id")) ? "config:ads" : connection.id().toString();
			assertThat((String) at(profile, "connectedAccount.id")).as("connection of %s", profile).isEqualTo(through);
			assertThat((String) at(profile, "connectedAccount.source"))
				.isEqualTo(through.startsWith("config:") ? "CONFIGURATION" : "CONSENT");
		}

		// A Riverstone profile of the agency user: its ad figures come through the agency
		// user's connection, its retail figures through the Riverstone seller's, the same
		// as the agency workspace's own answer for it.
		String riverstone = union.stream()
			.filter((p) -> Fixtures.RIVERSTONE.equals(at(p, "accountInfo.accountId")))
			.filter((p) -> !demo.contains((String) p.get("id")))
			.map((p) -> (String) p.get("id"))
			.findFirst()
			.orElseThrow();
		LocalDate end = LocalDate.now(ZoneOffset.UTC).minusDays(3);
		String query = """
				query($id: ID!, $s: Date!, $e: Date!) { profile(id: $id) {
				  connectedAccount { id }
				  performance(dateRange: {start: $s, end: $e}) {
				    freshness { advertising { status } retail { status } }
				    advertising { impressions clicks spend { amount } } sales { unitsOrdered } } } }""";
		Map<String, Object> variables = Map.of("id", riverstone, "s", end.minusDays(6).toString(), "e", end.toString());
		Map<String, Object> inDemo = eventually(() -> this.client.graphql(DEMO_KEY, query, variables),
				(a) -> "READY".equals(at(a, "data.profile.performance.freshness.advertising.status"))
						&& "READY".equals(at(a, "data.profile.performance.freshness.retail.status")));
		assertNoErrors(inDemo);
		Map<String, Object> inAgency = eventually(() -> this.client.graphql(AGENCY_KEY, query, variables),
				(a) -> "READY".equals(at(a, "data.profile.performance.freshness.advertising.status"))
						&& "READY".equals(at(a, "data.profile.performance.freshness.retail.status")));
		assertThat((String) at(inDemo, "data.profile.connectedAccount.id")).isEqualTo(connection.id().toString());
		assertThat((Object) at(inDemo, "data.profile.performance.advertising"))
			.isEqualTo(at(inAgency, "data.profile.performance.advertising"));
		assertThat((Object) at(inDemo, "data.profile.performance.sales"))
			.isEqualTo(at(inAgency, "data.profile.performance.sales"))
			.isNotNull();
	}

	@Test
	void aRefusedRefreshTokenMarksItsConnectionAndTheOthersKeepAnswering() {
		List<String> demo = ids(profiles(DEMO_KEY));
		double before = reauthorizations();
		Connection revoked = saveAdsUser("demo", "revoked-user", "Atzr|IwEBI-a-token-nobody-issued");

		Map<String, Object> first = this.client.graphql(DEMO_KEY, PROFILES, Map.of());
		assertThat(ids(at(first, "data.profiles"))).containsExactlyElementsOf(demo);
		assertThat(errors(first)).singleElement().satisfies((error) -> {
			assertThat((String) at(error, "extensions.code")).isEqualTo("CONNECTION_NEEDS_REAUTHORIZATION");
			assertThat((String) at(error, "extensions.connectionId")).isEqualTo(revoked.id().toString());
			assertThat(error.get("path")).isEqualTo(List.of("profiles"));
		});
		assertThat(first.toString()).doesNotContain("Atzr|");
		eventually(() -> status(revoked.id()), "NEEDS_REAUTHORIZATION"::equals);
		assertThat(reauthorizations() - before).isEqualTo(1.0);

		long tokens = this.client.sandboxCount("lwa.token");
		Map<String, Object> next = this.client.graphql(DEMO_KEY, PROFILES, Map.of());
		assertThat(ids(at(next, "data.profiles"))).containsExactlyElementsOf(demo);
		assertThat(errors(next)).singleElement()
			.satisfies((error) -> assertThat((String) at(error, "extensions.connectionId"))
				.isEqualTo(revoked.id().toString()));
		assertThat(this.client.sandboxCount("lwa.token")).as("LWA token requests for the next request")
			.isEqualTo(tokens);
		assertThat(reauthorizations() - before).isEqualTo(1.0);
		List<Map<String, Object>> accounts = at(this.client.graphql(DEMO_KEY, ACCOUNTS, Map.of()),
				"data.connectedAccounts");
		assertThat(accounts).filteredOn((a) -> revoked.id().toString().equals(a.get("id")))
			.singleElement()
			.satisfies((a) -> {
				assertThat(a.get("status")).isEqualTo("NEEDS_REAUTHORIZATION");
				assertThat((String) a.get("statusReason")).contains("invalid_grant");
				assertThat(a.get("statusChangedAt")).isNotNull();
			});

		// Consent again: the same user's connection, active with the new token. The
		// sandbox's one agency token is cached for the agency tenant already: forgotten,
		// so
		// the restored connection's first call gets its own access token from LWA.
		this.lwa
			.invalidate(new LwaCredentials(Fixtures.AGENCY.clientId(), Fixtures.AGENCY.clientSecret(),
					Fixtures.AGENCY.refreshToken()))
			.block();
		Connection restored = saveAdsUser("demo", "revoked-user", Fixtures.AGENCY.refreshToken());
		assertThat(restored.id()).isEqualTo(revoked.id());
		List<Map<String, Object>> union = profiles(DEMO_KEY);
		assertThat(ids(union)).containsAll(demo).hasSizeGreaterThan(demo.size());
		assertThat(status(revoked.id())).isEqualTo("ACTIVE");
		eventually(() -> this.database.sql("SELECT last_used_at FROM connection WHERE id = :id")
			.bind("id", revoked.id())
			.map((row) -> java.util.Optional.ofNullable(row.get("last_used_at", java.time.Instant.class)))
			.one()
			.block(), java.util.Optional::isPresent);
	}

	@Test
	void aWorkspaceNeverSeesAnothersConnections() {
		List<String> demoOwn = ids(profiles(DEMO_KEY));
		List<String> agencyOwn = ids(profiles(AGENCY_KEY));
		Connection agencys = saveAdsUser("agency", "isolated-user", "Atzr|IwEBI-another-token-nobody-issued");
		Connection demos = saveAgencyUser("demo", Fixtures.AGENCY.refreshToken());

		List<Map<String, Object>> demoAccounts = at(this.client.graphql(DEMO_KEY, ACCOUNTS, Map.of()),
				"data.connectedAccounts");
		// Earlier tests' disconnected connections are listed too (every status).
		assertThat(demoAccounts).extracting((a) -> a.get("id"))
			.startsWith("config:ads", "config:sp")
			.contains(demos.id().toString())
			.doesNotContain(agencys.id().toString());
		List<Map<String, Object>> agencyAccounts = at(this.client.graphql(AGENCY_KEY, ACCOUNTS, Map.of()),
				"data.connectedAccounts");
		assertThat(agencyAccounts).extracting((a) -> a.get("id"))
			.startsWith("config:ads", "config:sp")
			.contains(agencys.id().toString())
			.doesNotContain(demos.id().toString());
		assertThat(demoAccounts.toString() + agencyAccounts).doesNotContain("Atzr|");

		// The agency workspace's failing connection is named in its answers only.
		Map<String, Object> demo = this.client.graphql(DEMO_KEY, PROFILES, Map.of());
		assertNoErrors(demo);
		Map<String, Object> agency = this.client.graphql(AGENCY_KEY, PROFILES, Map.of());
		assertThat(errors(agency)).singleElement()
			.satisfies((error) -> assertThat((String) at(error, "extensions.connectionId"))
				.isEqualTo(agencys.id().toString()));
		assertThat(ids(at(agency, "data.profiles"))).as("the agency workspace's profiles: its own only")
			.containsExactlyElementsOf(agencyOwn);
		List<Map<String, Object>> agencyProfiles = at(agency, "data.profiles");
		assertThat(agencyProfiles)
			.allSatisfy((p) -> assertThat((String) at(p, "connectedAccount.id")).isEqualTo("config:ads"));
		assertThat(ids(at(demo, "data.profiles"))).containsAll(demoOwn).containsAll(agencyOwn);
	}

	@Test
	void disconnectRefusesWhatIsNotTheWorkspacesStoredConnectionAndChangesNothing() {
		Connection agencys = saveAgencyUser("agency", Fixtures.AGENCY.refreshToken());
		Connection demos = saveAgencyUser("demo", Fixtures.AGENCY.refreshToken());
		Map<String, Object> accountsBefore = this.client.graphql(DEMO_KEY, ACCOUNTS, Map.of());
		Map<String, String> refused = Map.of(UUID.randomUUID().toString(), "CONNECTED_ACCOUNT_NOT_FOUND",
				agencys.id().toString(), "CONNECTED_ACCOUNT_NOT_FOUND", "config:ads", "CONFIGURED_ACCOUNT", "config:sp",
				"CONFIGURED_ACCOUNT", "not-a-connection-id", "CONNECTED_ACCOUNT_NOT_FOUND", "",
				"CONNECTED_ACCOUNT_NOT_FOUND", "x".repeat(5000), "CONNECTED_ACCOUNT_NOT_FOUND");
		refused.forEach((id, code) -> {
			Map<String, Object> answer = this.client.graphql(DEMO_KEY, DISCONNECT, Map.of("id", id));
			assertNoErrors(answer);
			assertThat((Object) at(answer, "data.disconnectAccount.connectedAccount")).isNull();
			assertThat((List<Map<String, Object>>) at(answer, "data.disconnectAccount.userErrors")).singleElement()
				.satisfies((error) -> {
					assertThat(error.get("code")).isEqualTo(code);
					assertThat(error.get("field")).isEqualTo(List.of("input", "id"));
					assertThat(((String) error.get("message")).length()).isLessThan(400);
				});
		});
		assertThat(this.client.graphql(DEMO_KEY, ACCOUNTS, Map.of())).isEqualTo(accountsBefore);
		assertThat(status(agencys.id())).isEqualTo("ACTIVE");
		assertThat(status(demos.id())).isEqualTo("ACTIVE");

		Map<String, Object> done = this.client.graphql(DEMO_KEY, DISCONNECT, Map.of("id", demos.id().toString()));
		assertNoErrors(done);
		assertThat((String) at(done, "data.disconnectAccount.connectedAccount.status")).isEqualTo("DISCONNECTED");
		assertThat((List<?>) at(done, "data.disconnectAccount.userErrors")).isEmpty();
		assertThat(this.database.sql("SELECT refresh_token IS NULL AS gone FROM connection WHERE id = :id")
			.bind("id", demos.id())
			.map((row) -> row.get("gone", Boolean.class))
			.one()
			.block()).isTrue();
		assertThat(profiles(DEMO_KEY))
			.allSatisfy((p) -> assertThat((String) at(p, "connectedAccount.id")).isEqualTo("config:ads"));
		assertThat(status(agencys.id())).isEqualTo("ACTIVE");
	}

}
