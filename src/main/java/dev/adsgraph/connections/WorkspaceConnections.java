package dev.adsgraph.connections;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.adsgraph.connections.ConnectionsProperties.LwaClient;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.Tenant.AdsConnection;
import dev.adsgraph.tenancy.Tenant.SpConnection;
import dev.adsgraph.tenancy.Tenant.UnusableConnection;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.UpstreamException;
import dev.adsgraph.upstream.lwa.LwaCredentials;
import dev.adsgraph.upstream.lwa.LwaTokenListener;
import dev.adsgraph.upstream.lwa.LwaTokenService;
import dev.adsgraph.upstream.sp.SpCredentials;

/**
 * Which connections a workspace's requests call Amazon with: the configured tenant's own
 * ({@link Tenant#CONFIG_ADS}, {@link Tenant#CONFIG_SP}) followed by the workspace's
 * active stored connections, oldest first. What was read of the table is kept per
 * workspace for {@code adsgraph.cache.connections.ttl} (bounded), and dropped at once
 * when {@link ConnectionStore} changes one of the workspace's connections, so the request
 * path costs no statement while the entry lives, a configured tenant's included.
 * <p>
 * Lifecycle: when LWA answers {@code invalid_grant} for a connection's refresh token, the
 * connection is marked {@code NEEDS_REAUTHORIZATION} (in the table; a configured one in
 * this replica's memory until it restarts), counted in
 * {@code adsgraph.connections.reauthorization.needed}, and left out of the workspace's
 * next requests, which name it in an error instead of calling with it. Each access token
 * LWA issues for a stored connection records its {@code last_used_at} (about once an
 * hour, never once per request).
 */
@Component
public class WorkspaceConnections implements LwaTokenListener {

	/** The counter of connections found revoked or expired, tagged by kind. */
	public static final String REAUTHORIZATION_METRIC = "adsgraph.connections.reauthorization.needed";

	/** The {@code extensions.code} of an error naming a connection that needs consent. */
	public static final String NEEDS_REAUTHORIZATION = "CONNECTION_NEEDS_REAUTHORIZATION";

	private static final Logger log = LoggerFactory.getLogger(WorkspaceConnections.class);

	private static final String REFUSED_REASON = "Login with Amazon refused the refresh token (invalid_grant): "
			+ "the grant was revoked or has expired";

	private final ConnectionStore store;

	private final ConnectionsProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	/**
	 * A workspace's stored connections as last read, and the workspace built of them
	 * (built once per entry, so a cached workspace costs a request nothing but a lookup).
	 */
	private final AsyncCache<String, Stored> rows;

	/**
	 * The connection each credential fingerprint belongs to, for what LWA tells of a
	 * refresh: filled when connections are read, never per request.
	 */
	private final Cache<String, Ref> byFingerprint;

	/**
	 * Refresh tokens LWA refused, by fingerprint: left out of the snapshots from the
	 * moment LWA answered, before the table says so.
	 */
	private final Cache<String, Instant> refused;

	/** Configured connections marked in memory, by workspace and connection id. */
	private final ConcurrentMap<String, Marked> markedConfigured = new ConcurrentHashMap<>();

	/** When a configured connection last got an access token, by workspace and id. */
	private final ConcurrentMap<String, Instant> configuredLastUsed = new ConcurrentHashMap<>();

	WorkspaceConnections(ConnectionStore store, ConnectionsProperties properties, ConnectionCacheProperties cache,
			LwaTokenService lwa, Clock clock, ObjectProvider<MeterRegistry> meters) {
		this.store = store;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters.getIfAvailable();
		this.rows = Caffeine.newBuilder().expireAfterWrite(cache.ttl()).maximumSize(cache.maxSize()).buildAsync();
		this.byFingerprint = Caffeine.newBuilder()
			.maximumSize(cache.maxSize() * 4)
			.expireAfterAccess(Duration.ofDays(1))
			.build();
		this.refused = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofHours(1)).build();
		store.onChange((workspaceId) -> this.rows.synchronous().invalidate(workspaceId));
		lwa.addListener(this);
	}

	/**
	 * The request path: the workspace with every connection it may call with now, from
	 * {@code configured} (a tenant as the registry holds it, with its configured
	 * connections) and the workspace's stored ones. Answered from memory while the
	 * workspace's entry lives; one statement when it does not.
	 */
	public Mono<Tenant> withConnections(Tenant configured) {
		String workspaceId = configured.id();
		CompletableFuture<Stored> cached = this.rows.getIfPresent(workspaceId);
		if (cached != null && cached.isDone() && !cached.isCompletedExceptionally()) {
			return Mono.just(cached.join().tenant(configured));
		}
		return Mono
			.fromFuture(
					() -> this.rows.get(workspaceId,
							(id, executor) -> this.store.ofWorkspace(id).collectList().map(Stored::new).toFuture()),
					true)
			.map((stored) -> stored.tenant(configured))
			.onErrorResume((ex) -> {
				// The configured connections keep answering while the database does not.
				log.warn("Could not read the stored connections of workspace {}; answering with its configured "
						+ "ones only: {}", workspaceId, ex.toString());
				return Mono.just(snapshot(configured, List.of()));
			});
	}

	/** What was read of a workspace's table rows, and the workspace made of them. */
	private final class Stored {

		private final List<Connection> rows;

		private volatile Built built;

		Stored(List<Connection> rows) {
			this.rows = rows;
		}

		Tenant tenant(Tenant configured) {
			Built last = this.built;
			if (last != null && last.configured() == configured) {
				return last.tenant();
			}
			Tenant tenant = snapshot(configured, this.rows);
			this.built = new Built(configured, tenant);
			return tenant;
		}

	}

	private record Built(Tenant configured, Tenant tenant) {
	}

	/**
	 * Every connection of the workspace, whatever its status, as the schema's
	 * {@code ConnectedAccount} shows them: the configured ones first.
	 */
	public Mono<List<Account>> accounts(Tenant configured) {
		return this.store.ofWorkspace(configured.id()).collectList().map((stored) -> {
			List<Account> accounts = new ArrayList<>();
			configuredAccounts(configured, accounts);
			for (Connection row : stored) {
				accounts.add(account(row));
			}
			return accounts;
		});
	}

	/** The account one of the workspace's profiles was listed through. */
	public Mono<Optional<Account>> account(Tenant tenant, String connectionId) {
		List<Account> configured = new ArrayList<>();
		configuredAccounts(tenant, configured);
		Optional<Account> found = configured.stream().filter((a) -> a.id().equals(connectionId)).findFirst();
		if (found.isPresent()) {
			return Mono.just(found);
		}
		UUID id = uuid(connectionId);
		if (id == null) {
			return Mono.just(Optional.empty());
		}
		return this.store.find(tenant.id(), id)
			.map((row) -> Optional.of(account(row)))
			.defaultIfEmpty(Optional.empty());
	}

	/**
	 * Disconnects one of the workspace's stored connections; empty when it has no such
	 * one.
	 */
	public Mono<Account> disconnect(Tenant tenant, UUID id) {
		return this.store.disconnect(tenant.id(), id).map(this::account);
	}

	/** A stored connection's id, or null when {@code value} is not one. */
	public static UUID uuid(String value) {
		if (value == null || value.length() != 36) {
			return null;
		}
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * The configured connections, Ads then SP-API: the usable ones from the tenant, the
	 * ones marked in memory from the marks.
	 */
	private void configuredAccounts(Tenant tenant, List<Account> accounts) {
		String workspaceId = tenant.id();
		tenant.adsConnections()
			.stream()
			.filter((c) -> c.configured() && !this.markedConfigured.containsKey(key(workspaceId, c.id())))
			.forEach((c) -> accounts
				.add(new Account(c.id(), ConnectionKind.ADS, ConnectionStatus.ACTIVE, null, true, null, c.name(),
						c.regions(), List.of(), null, null, this.configuredLastUsed.get(key(workspaceId, c.id())))));
		markedAccounts(workspaceId, ConnectionKind.ADS, accounts);
		tenant.spConnections()
			.stream()
			.filter((c) -> c.configured() && !this.markedConfigured.containsKey(key(workspaceId, c.id())))
			.forEach((c) -> accounts.add(new Account(c.id(), ConnectionKind.SELLING_PARTNER, ConnectionStatus.ACTIVE,
					null, true, c.sellingPartnerId(), c.name(), c.regions(), List.of(), null, null,
					this.configuredLastUsed.get(key(workspaceId, c.id())))));
		markedAccounts(workspaceId, ConnectionKind.SELLING_PARTNER, accounts);
	}

	private void markedAccounts(String workspaceId, ConnectionKind kind, List<Account> accounts) {
		this.markedConfigured.forEach((k, marked) -> {
			if (marked.workspaceId().equals(workspaceId) && marked.kind() == kind) {
				accounts.add(new Account(marked.connectionId(), marked.kind(), ConnectionStatus.NEEDS_REAUTHORIZATION,
						marked.reason() + " (a configured connection: marked in this replica's memory until it "
								+ "restarts; replace its refresh token in the configuration)",
						true, marked.amazonId(), null, marked.regions(), List.of(), null, marked.at(),
						this.configuredLastUsed.get(k)));
			}
		});
	}

	private Account account(Connection row) {
		ConnectionStatus status = row.status();
		String reason = row.statusReason();
		if (status == ConnectionStatus.ACTIVE && row.refreshToken() != null && client(row).isEmpty()) {
			status = ConnectionStatus.NEEDS_REAUTHORIZATION;
			reason = foreignClient(row);
		}
		return new Account(row.id().toString(), row.kind(), status, reason, false, row.subject(), row.name(),
				row.regions(), row.scopes(), row.connectedAt(), row.statusAt(), row.lastUsedAt());
	}

	private Optional<LwaClient> client(Connection row) {
		return this.properties.client(row.kind(), row.clientId());
	}

	private static String foreignClient(Connection row) {
		return "its refresh token was issued to the LWA application " + row.clientId()
				+ ", which is not this deployment's " + ((row.kind() == ConnectionKind.ADS) ? "Ads" : "SP-API")
				+ " application; consent again";
	}

	private Tenant snapshot(Tenant configured, List<Connection> stored) {
		String workspaceId = configured.id();
		List<AdsConnection> ads = new ArrayList<>();
		List<SpConnection> sp = new ArrayList<>();
		List<UnusableConnection> unusable = new ArrayList<>();
		for (AdsConnection c : configured.adsConnections()) {
			Marked marked = this.markedConfigured.get(key(workspaceId, c.id()));
			if (marked != null) {
				unusable.add(new UnusableConnection(c.id(), true, NEEDS_REAUTHORIZATION, needsConsent(c.id())));
			}
			else {
				index(c.credentials(), new Ref(workspaceId, c.id(), ConnectionKind.ADS, null, c.regions(), null));
				ads.add(c);
			}
		}
		for (SpConnection c : configured.spConnections()) {
			Marked marked = this.markedConfigured.get(key(workspaceId, c.id()));
			if (marked != null) {
				unusable.add(new UnusableConnection(c.id(), false, NEEDS_REAUTHORIZATION, needsConsent(c.id())));
			}
			else {
				index(c.credentials().lwa(), new Ref(workspaceId, c.id(), ConnectionKind.SELLING_PARTNER, null,
						c.regions(), c.sellingPartnerId()));
				sp.add(c);
			}
		}
		for (Connection row : stored) {
			boolean isAds = row.kind() == ConnectionKind.ADS;
			String id = row.id().toString();
			if (row.status() == ConnectionStatus.DISCONNECTED || row.refreshToken() == null) {
				continue;
			}
			Optional<LwaClient> client = client(row);
			if (row.status() != ConnectionStatus.ACTIVE || client.isEmpty()) {
				unusable.add(new UnusableConnection(id, isAds, NEEDS_REAUTHORIZATION, needsConsent(id)));
				continue;
			}
			LwaCredentials credentials = new LwaCredentials(client.get().clientId(), client.get().clientSecret(),
					row.refreshToken());
			String fingerprint = credentials.fingerprint();
			Instant refusedAt = this.refused.getIfPresent(fingerprint);
			if (refusedAt != null && !refusedAt.isBefore(row.connectedAt())) {
				unusable.add(new UnusableConnection(id, isAds, NEEDS_REAUTHORIZATION, needsConsent(id)));
				continue;
			}
			this.byFingerprint.put(fingerprint,
					new Ref(workspaceId, id, row.kind(), row, row.regions(), isAds ? null : row.subject()));
			if (isAds) {
				ads.add(new AdsConnection(id, credentials, row.regions(), row.subject(), row.name(), false));
			}
			else {
				sp.add(new SpConnection(id, new SpCredentials(credentials, row.subject()), row.regions(), row.name(),
						false));
			}
		}
		return configured.withConnections(ads, sp, unusable);
	}

	private void index(LwaCredentials credentials, Ref ref) {
		String fingerprint = credentials.fingerprint();
		if (this.byFingerprint.getIfPresent(fingerprint) == null) {
			this.byFingerprint.put(fingerprint, ref);
		}
	}

	/** The sentence of the error that names a connection needing consent again. */
	public static String needsConsent(String connectionId) {
		return "The connected Amazon account " + connectionId
				+ " needs authorization again (its grant was revoked or has expired, or it was given to another "
				+ "application); its data is left out until it is reconnected.";
	}

	@Override
	public void obtained(LwaCredentials credentials) {
		Ref ref = this.byFingerprint.getIfPresent(credentials.fingerprint());
		if (ref == null) {
			return;
		}
		Instant now = this.clock.instant();
		if (ref.row() == null) {
			this.configuredLastUsed.put(key(ref.workspaceId(), ref.connectionId()), now);
			return;
		}
		this.store.used(ref.row().id(), now)
			.subscribe(null, (ex) -> log.warn("Could not record the use of connection {}: {}", ref.connectionId(),
					ex.toString()));
	}

	@Override
	public void refused(LwaCredentials credentials, UpstreamException ex) {
		String fingerprint = credentials.fingerprint();
		Ref ref = this.byFingerprint.getIfPresent(fingerprint);
		if (ref == null) {
			return;
		}
		Instant now = this.clock.instant();
		boolean first;
		if (ref.row() == null) {
			first = this.markedConfigured.putIfAbsent(key(ref.workspaceId(), ref.connectionId()),
					new Marked(ref.workspaceId(), ref.connectionId(), ref.kind(), ref.regions(), ref.amazonId(),
							REFUSED_REASON, now)) == null;
		}
		else {
			first = this.refused.asMap().putIfAbsent(fingerprint, now) == null;
		}
		// Left out of the workspace's next requests from now on.
		this.rows.synchronous().invalidate(ref.workspaceId());
		if (!first) {
			return;
		}
		log.warn("Connection {} of workspace {} needs authorization again: {}", ref.connectionId(), ref.workspaceId(),
				REFUSED_REASON);
		if (this.meters != null) {
			Counter.builder(REAUTHORIZATION_METRIC)
				.description("Connections found revoked or expired (LWA answered invalid_grant)")
				.tag("kind", ref.kind().name().toLowerCase(java.util.Locale.ROOT))
				.tag("source", (ref.row() == null) ? "configuration" : "consent")
				.register(this.meters)
				.increment();
		}
		if (ref.row() != null) {
			this.store.needsReauthorization(ref.row(), REFUSED_REASON)
				.subscribe(null, (failure) -> log.warn("Could not mark connection {} as needing authorization: {}",
						ref.connectionId(), failure.toString()));
		}
	}

	private static String key(String workspaceId, String connectionId) {
		return workspaceId + "\n" + connectionId;
	}

	/** Where a credential's fingerprint leads. */
	private record Ref(String workspaceId, String connectionId, ConnectionKind kind, Connection row,
			List<Region> regions, String amazonId) {
	}

	private record Marked(String workspaceId, String connectionId, ConnectionKind kind, List<Region> regions,
			String amazonId, String reason, Instant at) {
	}

	/**
	 * A connection as the schema's {@code ConnectedAccount} shows it.
	 *
	 * @param configured whether it comes from the configuration (else from a consent)
	 * @param amazonId the LWA user id or the selling partner id, when known
	 */
	public record Account(String id, ConnectionKind kind, ConnectionStatus status, String statusReason,
			boolean configured, String amazonId, String name, List<Region> regions, List<String> scopes,
			Instant connectedAt, Instant statusChangedAt, Instant lastUsedAt) {
	}

}
