package dev.adsgraph.profiles;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.ads.AdsApiClient;
import dev.adsgraph.upstream.ads.ProfileFilter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * A tenant's advertising profiles, always read through the {@link ProfileCache}: one
 * upstream {@code GET /v2/profiles} per tenant, region and upstream filter within the
 * cache's lifetime, however many fields and queries ask.
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
	 * The tenant's profiles that match the query, region by region in the tenant's region
	 * order.
	 */
	public Mono<List<ProfileView>> list(Tenant tenant, ProfileQuery query) {
		ProfileFilter upstream = new ProfileFilter(ProfileQuery.amazonEnum(query.apiProgram()),
				ProfileQuery.amazonEnum(query.accessLevel()), null, null);
		return Flux.fromIterable(tenant.regions())
			.filter(query::includesRegion)
			.concatMap((region) -> regionProfiles(tenant, region, upstream))
			.filter(query::matches)
			.collectList();
	}

	/**
	 * One profile by id, among every profile the tenant can at least view. The id comes
	 * from the client and may not exist at all, so a miss reloads the lists of the
	 * tenant's regions at most once per reload interval, whatever ids are asked for.
	 */
	public Mono<Optional<ProfileView>> byId(Tenant tenant, long profileId) {
		return find(tenant, Set.of(profileId), tenant.regions(), false)
			.map((found) -> Optional.ofNullable(found.get(profileId)));
	}

	/**
	 * Several profiles by id, as Amazon reported them (an ads account's
	 * {@code alternateIds}), looked up in the viewable-profile lists of the given regions
	 * only (one cached upstream call per region). Amazon has just said these ids exist,
	 * so a missing one means the cached list predates it (a new registration): the lists
	 * are reloaded, at most once per reload interval for each missing id. Throttling per
	 * id rather than per region matters: a reload spent on some other id (a client asking
	 * for an id that does not exist, another account registered a moment earlier) must
	 * not hide a new account's profiles for the rest of the interval. Ids the tenant
	 * cannot see are absent from the map.
	 */
	public Mono<Map<Long, ProfileView>> byIds(Tenant tenant, Collection<Long> profileIds, Collection<Region> regions) {
		return find(tenant, profileIds, regions, true);
	}

	private Mono<Map<Long, ProfileView>> find(Tenant tenant, Collection<Long> profileIds, Collection<Region> regions,
			boolean reportedByAmazon) {
		if (profileIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		Set<Long> wanted = Set.copyOf(profileIds);
		List<Region> searched = new ArrayList<>(tenant.regions());
		searched.retainAll(regions);
		return lookup(tenant, searched, wanted, reportedByAmazon).flatMap((found) -> {
			if (found.keySet().containsAll(wanted) || !this.reloadOnMiss) {
				return Mono.just(found);
			}
			Set<Long> missing = new HashSet<>(wanted);
			missing.removeAll(found.keySet());
			List<Region> reloadable = searched.stream()
				.filter((region) -> reportedByAmazon ? claimReload(tenant, region, missing)
						: claimReload(new ReloadClaim(tenant.id(), region, null)))
				.toList();
			if (reloadable.isEmpty()) {
				return Mono.just(found);
			}
			// Every list of the region goes, so `profiles` shows the new profiles too.
			reloadable.forEach((region) -> this.cache
				.invalidate((key) -> key.tenantId().equals(tenant.id()) && key.region() == region));
			return lookup(tenant, searched, wanted, false);
		});
	}

	/** Whether any of the missing ids has not had its reload of the region yet. */
	private boolean claimReload(Tenant tenant, Region region, Set<Long> missing) {
		boolean claimed = false;
		for (Long id : missing) {
			claimed |= claimReload(new ReloadClaim(tenant.id(), region, id));
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
	private Mono<Map<Long, ProfileView>> lookup(Tenant tenant, List<Region> regions, Set<Long> wanted,
			boolean reportedByAmazon) {
		return Flux.fromIterable(regions).flatMap((region) -> {
			AtomicBoolean loadedNow = new AtomicBoolean();
			return regionProfiles(tenant, region, LOOKUP, loadedNow)
				.filter((profile) -> wanted.contains(Long.parseLong(profile.id())))
				.collectList()
				.doOnNext((hits) -> {
					if (reportedByAmazon && loadedNow.get() && !hits.isEmpty()) {
						this.cache.invalidate((key) -> key.tenantId().equals(tenant.id()) && key.region() == region
								&& !LOOKUP.equals(key.upstreamFilter()));
					}
				})
				.flatMapIterable((hits) -> hits);
		}).collect(HashMap::new, (map, profile) -> map.put(Long.parseLong(profile.id()), profile));
	}

	/**
	 * A reload of one tenant's lists in one region, for one missing id reported by
	 * Amazon, or for any id a client asked for ({@code profileId} null).
	 */
	private record ReloadClaim(String tenantId, Region region, Long profileId) {
	}

	private Flux<ProfileView> regionProfiles(Tenant tenant, Region region, ProfileFilter filter) {
		return regionProfiles(tenant, region, filter, new AtomicBoolean());
	}

	/**
	 * @param loadedNow set when this call read the list from Amazon
	 */
	private Flux<ProfileView> regionProfiles(Tenant tenant, Region region, ProfileFilter filter,
			AtomicBoolean loadedNow) {
		ProfileCache.Key key = new ProfileCache.Key(tenant.id(), region, filter);
		return this.cache.get(key, () -> {
			loadedNow.set(true);
			return this.ads.listProfiles(tenant.ads(), region, filter);
		}).flatMapIterable((profiles) -> profiles.stream().map((p) -> ProfileView.of(region, p)).toList());
	}

}
