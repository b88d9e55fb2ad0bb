package dev.adsgraph.tenancy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

import dev.adsgraph.tenancy.AdsgraphProperties.AdsCredentialProperties;
import dev.adsgraph.tenancy.AdsgraphProperties.Mode;
import dev.adsgraph.tenancy.AdsgraphProperties.TenantProperties;
import dev.adsgraph.testing.ConfigurationBinding;
import dev.adsgraph.testing.MutableClock;
import dev.adsgraph.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request path's look-up on a real database, counting the statements it sends: a
 * configured key sends none, an issued key one per cache lifetime however many requests
 * (concurrent ones included), a key not shaped like an issued one none; expiry is the
 * clock's, on every request.
 */
class ApiKeyResolverTest {

	private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

	private static DatabaseClient database;

	private final MutableClock clock = new MutableClock(NOW);

	private final AtomicInteger lookUps = new AtomicInteger();

	private final CountingStore store = new CountingStore();

	private final TenantRegistry registry = new TenantRegistry(new AdsgraphProperties(Mode.LIVE, null,
			List.of(new TenantProperties("configured", "Configured", "a-configured-key-0000",
					new AdsCredentialProperties("amzn1.application-oa2-client.c", "s", "Atzr|c", List.of("NA")),
					null))));

	private final ApiKeyResolver resolver = new ApiKeyResolver(this.registry, this.store,
			ConfigurationBinding.bind(WorkspacesProperties.class), this.clock);

	@BeforeAll
	static void migrate() {
		database = TestDatabase.migrated();
	}

	@Test
	void aConfiguredKeyNeedsNoStatement() {
		assertThat(this.resolver.resolve("a-configured-key-0000").block().id()).isEqualTo("configured");
		assertThat(this.resolver.resolve("agk_" + "x".repeat(43)).blockOptional()).isEmpty();
		assertThat(this.lookUps).hasValue(1);
		assertThat(this.resolver.resolve("not-shaped-like-an-issued-key").blockOptional()).isEmpty();
		assertThat(this.resolver.resolve(null).blockOptional()).isEmpty();
		assertThat(this.lookUps).hasValue(1);
	}

	@Test
	void anIssuedKeyIsLookedUpOncePerCacheLifetime() {
		String workspace = workspace();
		String key = ApiKeyResolver.newKey();
		issue(workspace, key);
		List<Tenant> found = Flux.range(0, 50)
			.flatMap((i) -> this.resolver.resolve(key), 50)
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(found).hasSize(50).allSatisfy((tenant) -> {
			assertThat(tenant.id()).isEqualTo(workspace);
			assertThat(tenant.adsConnections()).isEmpty();
			assertThat(tenant.spConnections()).isEmpty();
		});
		assertThat(this.lookUps).hasValue(1);
		String unknown = ApiKeyResolver.newKey();
		for (int i = 0; i < 5; i++) {
			assertThat(this.resolver.resolve(unknown).blockOptional()).isEmpty();
		}
		assertThat(this.lookUps).hasValue(2);
	}

	@Test
	void forgettingAfterARevocationRefusesTheKeyAtOnce() {
		String workspace = workspace();
		String key = ApiKeyResolver.newKey();
		UUID id = issue(workspace, key);
		assertThat(this.resolver.resolve(key).blockOptional()).isPresent();
		this.store.revoke(workspace, id, NOW).block();
		// Remembered until forgotten (another replica: until the TTL).
		assertThat(this.resolver.resolve(key).blockOptional()).isPresent();
		this.resolver.forgetIssuedKeys();
		assertThat(this.resolver.resolve(key).blockOptional()).isEmpty();
		assertThat(this.lookUps).hasValue(2);
	}

	@Test
	void aRememberedKeyIsRefusedWhenItsOverlapEnds() {
		String workspace = workspace();
		String key = ApiKeyResolver.newKey();
		UUID id = issue(workspace, key);
		this.store
			.rotate(workspace, id, UUID.randomUUID(), ApiKeyResolver.sha256(ApiKeyResolver.newKey()), NOW,
					NOW.plus(Duration.ofHours(1)))
			.block();
		assertThat(this.resolver.resolve(key).blockOptional()).isPresent();
		this.clock.advance(Duration.ofMinutes(59));
		assertThat(this.resolver.resolve(key).blockOptional()).isPresent();
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(this.resolver.resolve(key).blockOptional()).isEmpty();
		assertThat(this.lookUps).hasValue(1);
	}

	@Test
	void aKeyOfAConfiguredWorkspaceAnswersAsTheConfiguredTenant() {
		this.store.ensure("configured", "Configured", NOW).block();
		String key = ApiKeyResolver.newKey();
		issue("configured", key);
		assertThat(this.resolver.resolve(key).block()).isSameAs(this.registry.tenants().get(0));
	}

	private String workspace() {
		String id = "ws-" + UUID.randomUUID().toString().substring(0, 8);
		this.store.create(id, "Workspace " + id, NOW).block();
		return id;
	}

	private UUID issue(String workspace, String key) {
		return this.store.issue(UUID.randomUUID(), workspace, null, ApiKeyResolver.sha256(key), NOW).block().id();
	}

	/** The real store, counting the look-ups by digest it is asked for. */
	private final class CountingStore extends WorkspaceStore {

		CountingStore() {
			super(database);
		}

		@Override
		public Mono<KeyMatch> findByDigest(byte[] digest) {
			ApiKeyResolverTest.this.lookUps.incrementAndGet();
			return super.findByDigest(digest);
		}

	}

}
