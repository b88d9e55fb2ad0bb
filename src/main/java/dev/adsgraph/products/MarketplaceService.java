package dev.adsgraph.products;

import java.util.List;
import java.util.Optional;

import dev.adsgraph.caching.CacheMetrics;
import dev.adsgraph.caching.CaffeineKeyedCache;
import dev.adsgraph.caching.KeyedCache;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.sp.MarketplaceParticipation;
import dev.adsgraph.upstream.sp.SellingPartnerApiClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The marketplaces the tenant's selling partner participates in. Amazon allows about one
 * getMarketplaceParticipations call a minute, so the answer is cached per tenant and
 * region.
 */
@Service
public class MarketplaceService {

	private final SellingPartnerApiClient sp;

	private final KeyedCache<Key, List<MarketplaceParticipation>> cache;

	MarketplaceService(SellingPartnerApiClient sp, ProductsProperties properties,
			ObjectProvider<CacheMetrics> cacheMetrics) {
		this.sp = sp;
		this.cache = new CaffeineKeyedCache<>("marketplaceParticipations", properties.participationsTtl(), 10_000,
				cacheMetrics.getIfAvailable(() -> CacheMetrics.NONE));
	}

	/**
	 * Every participation in the regions the SP-API authorization covers; empty without
	 * one.
	 */
	public Mono<List<MarketplaceParticipation>> participations(Tenant tenant) {
		if (tenant.sp().isEmpty()) {
			return Mono.just(List.of());
		}
		return Flux.fromIterable(tenant.spRegions()).concatMap((region) -> inRegion(tenant, region)).collectList();
	}

	/** The participation in one marketplace, if the selling partner has one. */
	public Mono<Optional<MarketplaceParticipation>> participation(Tenant tenant, String marketplaceId) {
		return participations(tenant).map((all) -> all.stream()
			.filter((p) -> p.marketplace() != null && marketplaceId.equals(p.marketplace().id()))
			.findFirst());
	}

	private Flux<MarketplaceParticipation> inRegion(Tenant tenant, Region region) {
		return this.cache
			.get(new Key(tenant.id(), region),
					() -> this.sp.getMarketplaceParticipations(tenant.sp().orElseThrow(), region))
			.flatMapIterable((list) -> list);
	}

	record Key(String tenantId, Region region) {
	}

}
