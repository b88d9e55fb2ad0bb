package dev.adsgraph.alerts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.Tenant.SpConnection;
import dev.adsgraph.upstream.Marketplaces;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.sp.CompetitiveSummary;
import dev.adsgraph.upstream.sp.SellingPartnerApiClient;

import org.springframework.stereotype.Component;

/**
 * Who holds the Featured Offer of an ASIN, from the Product Pricing API's
 * getCompetitiveSummary, cached for {@code adsgraph.alerts.pricing-ttl}. Its usage plan
 * allows one batch of 20 ASINs every 30 seconds, so a check never waits for it: it takes
 * what the cache knows, and the ASINs it does not know are asked in the background (one
 * request in flight per ASIN), for a later check. An ASIN not known yet is undecided, not
 * "held".
 */
@Component
class FeaturedOffers {

	private static final Logger logger = LoggerFactory.getLogger(FeaturedOffers.class);

	private final SellingPartnerApiClient sp;

	private final Cache<Key, Optional<Offer>> offers;

	private final Set<Key> asking = java.util.concurrent.ConcurrentHashMap.newKeySet();

	FeaturedOffers(SellingPartnerApiClient sp, AlertsProperties properties) {
		this.sp = sp;
		this.offers = Caffeine.newBuilder().expireAfterWrite(properties.pricingTtl()).maximumSize(100_000).build();
	}

	/**
	 * What is known of these ASINs' Featured Offers now; the others are asked for in the
	 * background.
	 */
	Map<String, Optional<Offer>> known(Tenant tenant, SpConnection connection, String marketplaceId,
			List<String> asins) {
		Map<String, Optional<Offer>> known = new HashMap<>();
		List<Key> missing = new ArrayList<>();
		for (String asin : asins) {
			Key key = new Key(tenant.id(), connection.id(), marketplaceId, asin);
			Optional<Offer> offer = this.offers.getIfPresent(key);
			if (offer != null) {
				known.put(asin, offer);
			}
			else if (this.asking.add(key)) {
				missing.add(key);
			}
		}
		if (!missing.isEmpty()) {
			ask(connection, marketplaceId, missing);
		}
		return known;
	}

	private void ask(SpConnection connection, String marketplaceId, List<Key> keys) {
		List<List<Key>> batches = new ArrayList<>();
		for (int i = 0; i < keys.size(); i += SellingPartnerApiClient.COMPETITIVE_SUMMARY_BATCH) {
			batches.add(keys.subList(i, Math.min(keys.size(), i + SellingPartnerApiClient.COMPETITIVE_SUMMARY_BATCH)));
		}
		String seller = connection.sellingPartnerId();
		Optional<Region> region = Marketplaces.byId(marketplaceId).map(Marketplaces.Marketplace::region);
		if (region.isEmpty()) {
			// Not a marketplace the gateway knows: nothing to ask, and nothing left
			// waiting.
			keys.forEach(this.asking::remove);
			return;
		}
		Flux.fromIterable(batches)
			.concatMap((batch) -> this.sp
				.getCompetitiveSummary(connection.credentials(), region.get(), marketplaceId,
						batch.stream().map(Key::asin).toList())
				.doOnNext((summaries) -> {
					for (CompetitiveSummary summary : summaries) {
						if (!summary.succeeded() || summary.asin() == null) {
							continue;
						}
						Key key = new Key(batch.get(0).tenantId(), connection.id(), marketplaceId, summary.asin());
						this.offers.put(key, Optional.of(Offer.of(summary, seller)));
					}
				})
				.onErrorResume((ex) -> {
					logger.debug("Featured Offers of {} ASINs not read: {}", batch.size(), ex.toString());
					return reactor.core.publisher.Mono.empty();
				})
				.doFinally((signal) -> batch.forEach(this.asking::remove)))
			.subscribe();
	}

	record Key(String tenantId, String spConnectionId, String marketplaceId, String asin) {
	}

	/**
	 * @param featured whether the seller's offer is featured in at least one segment of
	 * shoppers
	 * @param holderSellerId another seller featured, when the seller is not; null when
	 * nobody is
	 */
	record Offer(boolean featured, String holderSellerId) {

		static Offer of(CompetitiveSummary summary, String sellerId) {
			boolean featured = summary.isFeatured(sellerId);
			String holder = featured ? null
					: summary.featuredSellerIds()
						.stream()
						.filter((id) -> !id.equals(sellerId))
						.findFirst()
						.orElse(null);
			return new Offer(featured, holder);
		}

		/** Lost: another seller holds it; null when nobody does (nothing to say). */
		Boolean winner() {
			return this.featured ? Boolean.TRUE : ((this.holderSellerId != null) ? Boolean.FALSE : null);
		}

	}

}
