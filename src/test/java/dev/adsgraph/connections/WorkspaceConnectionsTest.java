package dev.adsgraph.connections;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;

import dev.adsgraph.graphql.CodedException;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.testing.MutableClock;
import dev.adsgraph.testing.TestDatabase;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.UpstreamException;
import dev.adsgraph.upstream.UpstreamProperties;
import dev.adsgraph.upstream.lwa.InMemoryLwaTokenCache;
import dev.adsgraph.upstream.lwa.LwaCredentials;
import dev.adsgraph.upstream.lwa.LwaTokenService;
import dev.adsgraph.upstream.sp.SpCredentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a workspace's requests call Amazon with, on a database of its own: the store
 * counts the statements that read a workspace's connections, so the request path is seen
 * to cost none while the workspace's entry lives.
 */
class WorkspaceConnectionsTest {

	private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");

	private static final LwaCredentials CONFIGURED = new LwaCredentials("amzn1.application-oa2-client.own",
			"own-secret", "Atzr|configured");

	private static final Tenant TENANT = Tenant.configured("w1", "Workspace one", CONFIGURED, List.of(Region.NA),
			new SpCredentials(new LwaCredentials("amzn1.application-oa2-client.sp", "sp-secret", "Atzr|sp"),
					"A1SELLER"),
			List.of(Region.NA));

	private static DatabaseClient database;

	private final MutableClock clock = new MutableClock(START);

	private final AtomicInteger reads = new AtomicInteger();

	/**
	 * Completed when the write {@link WorkspaceConnections#refused} starts without
	 * waiting for it has reached the table.
	 */
	private final CompletableFuture<Boolean> markedInTable = new CompletableFuture<>();

	private final ConnectionStore store = new ConnectionStore(database, new TokenCipher(Map.of("k", new byte[32]), "k"),
			this.clock) {

		@Override
		public Flux<Connection> ofWorkspace(String workspaceId) {
			WorkspaceConnectionsTest.this.reads.incrementAndGet();
			return super.ofWorkspace(workspaceId);
		}

		@Override
		public Mono<Boolean> needsReauthorization(Connection connection, String reason) {
			return super.needsReauthorization(connection, reason)
				.doOnSuccess(WorkspaceConnectionsTest.this.markedInTable::complete)
				.doOnError(WorkspaceConnectionsTest.this.markedInTable::completeExceptionally);
		}

	};

	private final ConnectionsProperties properties = new ConnectionsProperties(Map.of(), null, "unused",
			new ConnectionsProperties.Application("amzn1.application-oa2-client.ads-app", "ads-app-secret"),
			new ConnectionsProperties.SpApplication("amzn1.sp.solution.x", "amzn1.application-oa2-client.sp-app",
					"sp-app-secret", false));

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private WorkspaceConnections connections;

	@BeforeAll
	static void migrate() {
		database = TestDatabase.migrated();
	}

	@BeforeEach
	void empty() {
		database.sql("DELETE FROM connection").fetch().rowsUpdated().block();
		StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("meters", this.meters));
		LwaTokenService lwa = new LwaTokenService(WebClient.builder(),
				new UpstreamProperties.Lwa(URI.create("http://127.0.0.1:9/auth/o2/token"), Duration.ofSeconds(60),
						Duration.ofSeconds(1)),
				new InMemoryLwaTokenCache(), this.clock);
		this.connections = new WorkspaceConnections(this.store, this.properties,
				new ConnectionCacheProperties(Duration.ofMinutes(10), 100), lwa, this.clock,
				beans.getBeanProvider(MeterRegistry.class));
	}

	private Connection save(String subject, String clientId, String token) {
		return this.store
			.save(new Grant("w1", ConnectionKind.ADS, subject, null, List.of(Region.EU), List.of(), clientId, token))
			.block();
	}

	@Test
	void aConfiguredWorkspaceIsReadOnceAndThenAnsweredFromMemory() {
		for (int i = 0; i < 100; i++) {
			Tenant tenant = this.connections.withConnections(TENANT).block();
			assertThat(tenant.adsConnections()).extracting(Tenant.AdsConnection::id).containsExactly("config:ads");
			assertThat(tenant.spConnections()).extracting(Tenant.SpConnection::id).containsExactly("config:sp");
		}
		assertThat(this.reads).hasValue(1);
	}

	@Test
	void aSavedConnectionIsSeenAtOnceAfterTheConfiguredOnes() {
		this.connections.withConnections(TENANT).block();
		Connection saved = save("user-1", "amzn1.application-oa2-client.ads-app", "Atzr|user-1");
		Tenant tenant = this.connections.withConnections(TENANT).block();
		assertThat(tenant.adsConnections()).extracting(Tenant.AdsConnection::id)
			.containsExactly("config:ads", saved.id().toString());
		assertThat(tenant.adsConnection(saved.id().toString()).get().credentials())
			.isEqualTo(new LwaCredentials("amzn1.application-oa2-client.ads-app", "ads-app-secret", "Atzr|user-1"));
		assertThat(tenant.adsRegions()).containsExactly(Region.NA, Region.EU);
		assertThat(tenant.accountConnection().id()).isEqualTo("config:ads");
		assertThat(this.reads).hasValue(2);
	}

	@Test
	void aGrantOfAnotherApplicationIsNotCalledWith() {
		Connection foreign = save("user-2", "amzn1.application-oa2-client.someone-else", "Atzr|user-2");
		Tenant tenant = this.connections.withConnections(TENANT).block();
		assertThat(tenant.adsConnections()).extracting(Tenant.AdsConnection::id).containsExactly("config:ads");
		assertThat(tenant.unusableConnections()).singleElement()
			.satisfies((c) -> assertThat(c.id()).isEqualTo(foreign.id().toString()));
		assertThat(this.connections.accounts(TENANT).block()).filteredOn((a) -> a.id().equals(foreign.id().toString()))
			.singleElement()
			.satisfies((a) -> {
				assertThat(a.status()).isEqualTo(ConnectionStatus.NEEDS_REAUTHORIZATION);
				assertThat(a.statusReason()).contains("someone-else");
			});
	}

	@Test
	void aRefusedGrantIsLeftOutAtOnceAndCountedOnce() {
		Connection saved = save("user-3", "amzn1.application-oa2-client.ads-app", "Atzr|user-3");
		Tenant before = this.connections.withConnections(TENANT).block();
		LwaCredentials credentials = before.adsConnection(saved.id().toString()).get().credentials();
		UpstreamException refused = new UpstreamException("lwa", "token", 400, "invalid_grant", "revoked", null, false,
				null);
		this.connections.refused(credentials, refused);
		this.connections.refused(credentials, refused);
		Tenant after = this.connections.withConnections(TENANT).block();
		assertThat(after.adsConnections()).extracting(Tenant.AdsConnection::id).containsExactly("config:ads");
		assertThat(after.unusableConnections()).extracting(Tenant.UnusableConnection::id)
			.containsExactly(saved.id().toString());
		assertThat(this.meters.counter(WorkspaceConnections.REAUTHORIZATION_METRIC, "kind", "ads", "source", "consent")
			.count()).isEqualTo(1.0);
		// The request that met the refusal does not wait for the table: wait for the
		// write.
		assertThat(this.markedInTable).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(true);
		assertThat(this.store.find("w1", saved.id()).block().status())
			.isEqualTo(ConnectionStatus.NEEDS_REAUTHORIZATION);
	}

	@Test
	void aRefusedConfiguredGrantIsMarkedInMemory() {
		this.connections.withConnections(TENANT).block();
		this.connections.refused(CONFIGURED,
				new UpstreamException("lwa", "token", 400, "invalid_grant", "revoked", null, false, null));
		Tenant after = this.connections.withConnections(TENANT).block();
		assertThat(after.adsConnections()).isEmpty();
		assertThatThrownBy(after::accountConnection).isInstanceOfSatisfying(CodedException.class,
				(ex) -> assertThat(ex.code()).isEqualTo("NO_ADS_CONNECTION"));
		assertThat(this.connections.accounts(TENANT).block()).filteredOn((a) -> a.id().equals("config:ads"))
			.singleElement()
			.satisfies((a) -> assertThat(a.status()).isEqualTo(ConnectionStatus.NEEDS_REAUTHORIZATION));
		assertThat(this.meters
			.counter(WorkspaceConnections.REAUTHORIZATION_METRIC, "kind", "ads", "source", "configuration")
			.count()).isEqualTo(1.0);
	}

	@Test
	void anotherWorkspacesConnectionsAreNeverSeen() {
		this.store
			.save(new Grant("w2", ConnectionKind.ADS, "user-4", null, List.of(Region.NA), List.of(),
					"amzn1.application-oa2-client.ads-app", "Atzr|user-4"))
			.block();
		assertThat(this.connections.withConnections(TENANT).block().adsConnections()).hasSize(1);
		assertThat(this.connections.accounts(TENANT).block()).extracting(WorkspaceConnections.Account::id)
			.containsExactly("config:ads", "config:sp");
		assertThat(this.connections.disconnect(TENANT, UUID.randomUUID()).blockOptional()).isEmpty();
	}

}
