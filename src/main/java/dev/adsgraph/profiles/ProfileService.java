package dev.adsgraph.profiles;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.adsgraph.connections.ConnectionErrors;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.Tenant.AdsConnection;
import dev.adsgraph.tenancy.Tenant.UnusableConnection;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.ads.AdsApiClient;
import dev.adsgraph.upstream.ads.ProfileFilter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * A workspace's advertising profiles, always read through the {@link ProfileCache}: one
 * upstream {@code GET /v2/profiles} per workspace, connection, region and upstream filter
 * within the cache's lifetime, however many fields and queries ask. Each profile knows
 * the connection it was listed through ({@link ProfileView#connectionId()}), and calls
 * for it use that connection.
 */
@Service
public class ProfileService {

	/**
	 * Lookups by id search the widest list Amazon gives: every profile the user can at
	 * least view (with {@code accessLevel=view} Amazon lists edit and view-only profiles
	 * alike), so an ads account's view-only countries still resolve.
	 */
	private static final ProfileFilter LOOKUP = new ProfileFilter(null, "view", null, null);

	private final AdsApiClient ads;

	private final ProfileCache cache;

	/**
	 * When each list was last reloaded because an id was missing from it. Local to this
	 * replica on purpose: it only throttles this replica's reloads.
	 */
	private final Cache<ReloadClaim, Boolean> recentlyReloaded;

	private final boolean reloadOnMiss;

	ProfileService(AdsApiClient ads, ProfileCache cache, ProfileCacheProperties properties) {
		this.ads = ads;
		this.cache = cache;
		Duration interval = properties.reloadOnMissInterval();
		this.reloadOnMiss = !interval.isNegative();
		this.recentlyReloaded = Caffeine.newBuilder()
			.expireAfterWrite(interval.isNegative() ? Duration.ZERO : interval)
			.maximumSize(100_000)
			.build();
	}

	/**
	 * The workspace's profiles that match the query: the union over its Ads connections
	 * (in connection order, each region by region), a profile seen through two
	 * connections once, as the first connection lists it. A connection that fails, or
	 * that needs authorization again, leaves its profiles out and is named in
	 * {@link Listed#failures()}.
	 */
	public Mono<Listed> list(Tenant tenant, ProfileQuery query) {
		ProfileFilter upstream = new ProfileFilter(ProfileQuery.amazonEnum(query.apiProgram()),
				ProfileQuery.amazonEnum(query.accessLevel()), null, null);
		return Flux.fromIterable(tenant.adsConnections())
			.flatMapSequential((connection) -> Flux.fromIterable(connection.regions())
				.filter(query::includesRegion)
				.concatMap((region) -> regionProfiles(tenant, connection, region, upstream))
				.filter(query::matches)
				.collectList()
				.map((profiles) -> new Listed(profiles, List.of()))
				.onErrorResume((ex) -> Mono.just(new Listed(List.of(),
						List.of(new Failure(connection.id(), ConnectionErrors.of(connection.id(), ex)))))))
			.collectList()
			.map((parts) -> {
				Map<String, ProfileView> union = new LinkedHashMap<>();
				List<Failure> failures = new ArrayList<>();
				for (Listed part : parts) {
					part.profiles().forEach((profile) -> union.putIfAbsent(profile.id(), profile));
					failures.addAll(part.failures());
				}
				failures.addAll(unusable(tenant));
				return new Listed(List.copyOf(union.values()), failures);
			});
	}

	private static List<Failure> unusable(Tenant tenant) {
		return tenant.unusableConnections()
			.stream()
			.filter(UnusableConnection::ads)
			.map((c) -> new Failure(c.id(), ConnectionErrors.needsReauthorization(c.id())))
			.toList();
	}

	/**
	 * Profiles and the connections that could not be asked for theirs.
	 *
	 * @param failures one per connection that failed, with the error that says why
	 */
	public record Listed(List<ProfileView> profiles, List<Failure> failures) {
	}

	/** A connection whose profiles are missing, and why. */
	public record Failure(String connectionId, Throwable error) {
	}

	/**
	 * One profile by id, among every profile the workspace can at least view. The id
	 * comes from the client and may not exist at all, so a miss reloads the lists of the
	 * connection's regions at most once per reload interval, whatever ids are asked for.
	 * Not found while a connection failed: that connection's error, since the profile may
	 * be its.
	 */
	public Mono<Optional<ProfileView>> byId(Tenant tenant, long profileId) {
		return find(tenant, Set.of(profileId), tenant.adsRegions(), false).flatMap((found) -> {
			ProfileView profile = found.profiles().get(profileId);
			if (profile == null && !found.failures().isEmpty()) {
				return Mono.error(found.failures().get(0).error());
			}
			return Mono.just(Optional.ofNullable(profile));
		});
	}

	/**
	 * Several profiles by id, as Amazon reported them (an ads account's
	 * {@code alternateIds}), looked up in the viewable-profile lists of the given regions
	 * only (one cached upstream call per connection and region). Amazon has just said
	 * these ids exist, so a missing one means the cached list predates it (a new
	 * registration): the lists are reloaded, at most once per reload interval for each
	 * missing id. Throttling per id rather than per region matters: a reload spent on
	 * some other id (a client asking for an id that does not exist, another account
	 * registered a moment earlier) must not hide a new account's profiles for the rest of
	 * the interval. Ids the workspace cannot see are absent from the map; when one is
	 * missing while a connection failed, that connection's error.
	 */
	public Mono<Map<Long, ProfileView>> byIds(Tenant tenant, Collection<Long> profileIds, Collection<Region> regions) {
		return find(tenant, profileIds, regions, true).flatMap((found) -> {
			// An id Amazon reported that no connection answered for may be a failed
			// connection's: its error, rather than a list that looks complete.
			if (!found.profiles().keySet().containsAll(profileIds) && !found.tried().isEmpty()) {
				return Mono.error(found.tried().get(0).error());
			}
			return Mono.just(found.profiles());
		});
	}

	/**
	 * @param failures every connection that could not answer, the unusable ones first
	 * @param tried the connections that failed when asked (not the unusable ones)
	 */
	private record Found(Map<Long, ProfileView> profiles, List<Failure> failures, List<Failure> tried) {
	}

	/** Connection by connection, for the ids the earlier ones did not have. */
	private Mono<Found> find(Tenant tenant, Collection<Long> profileIds, Collection<Region> regions,
			boolean reportedByAmazon) {
		if (profileIds.isEmpty()) {
			return Mono.just(new Found(Map.of(), List.of(), List.of()));
		}
		Set<Long> wanted = Set.copyOf(profileIds);
		Map<Long, ProfileView> found = new HashMap<>();
		List<Failure> tried = new ArrayList<>();
		return Flux.fromIterable(tenant.adsConnections()).concatMap((connection) -> {
			Set<Long> missing = new HashSet<>(wanted);
			missing.removeAll(found.keySet());
			if (missing.isEmpty()) {
				return Mono.empty();
			}
			return find(tenant, connection, missing, regions, reportedByAmazon).doOnNext((hits) -> {
				hits.forEach(found::putIfAbsent);
			}).onErrorResume((ex) -> {
				tried.add(new Failure(connection.id(), ConnectionErrors.of(connection.id(), ex)));
				return Mono.empty();
			});
		}).then(Mono.fromSupplier(() -> {
			List<Failure> failures = new ArrayList<>(unusable(tenant));
			failures.addAll(tried);
			return new Found(Map.copyOf(found), failures, List.copyOf(tried));
		}));
	}

	private Mono<Map<Long, ProfileView>> find(Tenant tenant, AdsConnection connection, Set<Long> wanted,
			Collection<Region> regions, boolean reportedByAmazon) {
		List<Region> searched = new ArrayList<>(connection.regions());
		searched.retainAll(regions);
		return lookup(tenant, connection, searched, wanted, reportedByAmazon).flatMap((found) -> {
			if (found.keySet().containsAll(wanted) || !this.reloadOnMiss) {
				return Mono.just(found);
			}
			Set<Long> missing = new HashSet<>(wanted);
			missing.removeAll(found.keySet());
			List<Region> reloadable = searched.stream()
				.filter((region) -> reportedByAmazon ? claimReload(tenant, connection, region, missing)
						: claimReload(new ReloadClaim(tenant.id(), connection.id(), region, null)))
				.toList();
			if (reloadable.isEmpty()) {
				return Mono.just(found);
			}
			// Every list of the region goes, so `profiles` shows the new profiles too.
			reloadable.forEach((region) -> this.cache
				.invalidate(new ProfileCache.Lists(tenant.id(), connection.id(), region, null)));
			return lookup(tenant, connection, searched, wanted, false);
		});
	}

	/** Whether any of the missing ids has not had its reload of the region yet. */
	private boolean claimReload(Tenant tenant, AdsConnection connection, Region region, Set<Long> missing) {
		boolean claimed = false;
		for (Long id : missing) {
			claimed |= claimReload(new ReloadClaim(tenant.id(), connection.id(), region, id));
		}
		return claimed;
	}

	private boolean claimReload(ReloadClaim claim) {
		Set<Boolean> claimed = new HashSet<>();
		this.recentlyReloaded.get(claim, (k) -> claimed.add(Boolean.TRUE));
		return !claimed.isEmpty();
	}

	/**
	 * Looks the ids up in the viewable-profile list of each region. When that list is
	 * read from Amazon for this lookup and holds ids Amazon has just announced, the
	 * region's other lists (the ones {@code profiles} reads, cached earlier) may predate
	 * them: they go too, so {@code profiles} shows what {@code AdsAccount.profiles}
	 * shows.
	 */
	private Mono<Map<Long, ProfileView>> lookup(Tenant tenant, AdsConnection connection, List<Region> regions,
			Set<Long> wanted, boolean reportedByAmazon) {
		return Flux.fromIterable(regions).flatMap((region) -> {
			AtomicBoolean loadedNow = new AtomicBoolean();
			return regionProfiles(tenant, connection, region, LOOKUP, loadedNow)
				.filter((profile) -> wanted.contains(Long.parseLong(profile.id())))
				.collectList()
				.doOnNext((hits) -> {
					if (reportedByAmazon && loadedNow.get() && !hits.isEmpty()) {
						this.cache.invalidate(new ProfileCache.Lists(tenant.id(), connection.id(), region, LOOKUP));
					}
				})
				.flatMapIterable((hits) -> hits);
		}).collect(HashMap::new, (map, profile) -> map.put(Long.parseLong(profile.id()), profile));
	}

	/**
	 * A reload of one tenant's lists in one region, for one missing id reported by
	 * Amazon, or for any id a client asked for ({@code profileId} null).
	 */
	private record ReloadClaim(String tenantId, String connectionId, Region region, Long profileId) {
	}

	private Flux<ProfileView> regionProfiles(Tenant tenant, AdsConnection connection, Region region,
			ProfileFilter filter) {
		return regionProfiles(tenant, connection, region, filter, new AtomicBoolean());
	}

	/**
	 * @param loadedNow set when this call read the list from Amazon
	 */
	private Flux<ProfileView> regionProfiles(Tenant tenant, AdsConnection connection, Region region,
			ProfileFilter filter, AtomicBoolean loadedNow) {
		ProfileCache.Key key = new ProfileCache.Key(tenant.id(), connection.id(), region, filter);
		return this.cache.get(key, () -> {
			loadedNow.set(true);
			return this.ads.listProfiles(connection.credentials(), region, filter);
		})
			.flatMapIterable(
					(profiles) -> profiles.stream().map((p) -> ProfileView.of(connection.id(), region, p)).toList());
	}

}
