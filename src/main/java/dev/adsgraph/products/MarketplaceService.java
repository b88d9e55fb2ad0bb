package dev.adsgraph.products;

import java.util.List;
import java.util.Optional;

import tools.jackson.core.type.TypeReference;

import dev.adsgraph.caching.CacheMetrics;
import dev.adsgraph.caching.CaffeineKeyedCache;
import dev.adsgraph.caching.KeyedCache;
import dev.adsgraph.caching.SharedKeyedCaches;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.Tenant.SpConnection;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.sp.MarketplaceParticipation;
import dev.adsgraph.upstream.sp.SellingPartnerApiClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The marketplaces the workspace's selling partners participate in. Amazon allows about
 * one getMarketplaceParticipations call a minute, so the answer is cached per workspace,
 * SP-API connection and region.
 */
@Service
public class MarketplaceService {

	private final SellingPartnerApiClient sp;

	private final KeyedCache<Key, List<MarketplaceParticipation>> cache;

	MarketplaceService(SellingPartnerApiClient sp, ProductsProperties properties,
			ObjectProvider<CacheMetrics> cacheMetrics, ObjectProvider<SharedKeyedCaches> sharedCaches) {
		this.sp = sp;
		this.cache = sharedCaches.getIfAvailable(() -> SharedKeyedCaches.NONE)
			.share("marketplaceParticipations",
					new CaffeineKeyedCache<>("marketplaceParticipations", properties.participationsTtl(), 10_000,
							cacheMetrics.getIfAvailable(() -> CacheMetrics.NONE)),
					properties.participationsTtl(), new TypeReference<List<MarketplaceParticipation>>() {
					});
	}

	/**
	 * Every participation of the connection's selling partner in the regions it covers.
	 */
	public Mono<List<MarketplaceParticipation>> participations(Tenant tenant, SpConnection connection) {
		return Flux.fromIterable(connection.regions())
			.concatMap((region) -> inRegion(tenant, connection, region))
			.collectList();
	}

	/**
	 * The participation in one marketplace of any of the workspace's selling partners, if
	 * one has it; empty without SP-API connections.
	 */
	public Mono<Optional<MarketplaceParticipation>> participation(Tenant tenant, String marketplaceId) {
		return Flux.fromIterable(tenant.spConnections())
			.concatMap((connection) -> participations(tenant, connection).flatMapIterable((all) -> all))
			.filter((p) -> p.marketplace() != null && marketplaceId.equals(p.marketplace().id()))
			.sort((a, b) -> Boolean.compare(participating(b), participating(a)))
			.next()
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty());
	}

	private static boolean participating(MarketplaceParticipation p) {
		return p.participation() != null && p.participation().isParticipating();
	}

	private Flux<MarketplaceParticipation> inRegion(Tenant tenant, SpConnection connection, Region region) {
		return this.cache
			.get(new Key(tenant.id(), connection.id(), region),
					() -> this.sp.getMarketplaceParticipations(connection.credentials(), region))
			.flatMapIterable((list) -> list);
	}

	record Key(String tenantId, String connectionId, Region region) {
	}

}
