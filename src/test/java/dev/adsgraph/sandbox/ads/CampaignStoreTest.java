package dev.adsgraph.sandbox.ads;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.adsgraph.sandbox.ads.CampaignStore.Market;
import dev.adsgraph.sandbox.fixtures.Catalog;
import dev.adsgraph.sandbox.fixtures.Country;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The v1 entities derived from the fixture: unique ids, one ad per advertised listing,
 * bids and budgets within Amazon's limits, the same on every load.
 */
class CampaignStoreTest {

	private final Catalog catalog = Catalog.load();

	private final CampaignStore store = new CampaignStore(this.catalog, Clock.systemUTC());

	@Test
	void everyAdvertisedListingHasOneAdAndEveryIdIsUnique() {
		List<Market> markets = new ArrayList<>();
		for (String partnerId : this.catalog.partners()) {
			for (Country country : this.catalog.countries(partnerId)) {
				markets.add(new Market(partnerId, country));
			}
		}
		Set<String> ids = new HashSet<>();
		int count = 0;
		for (var campaign : this.store.campaigns(markets)) {
			ids.add(campaign.campaignId());
			count++;
			SponsoredProductsLimits limits = SponsoredProductsLimits.of(campaign.market().country());
			assertThat(campaign.budgetMinor()).isBetween(limits.minBudgetMinor(), limits.maxBudgetMinor());
		}
		for (var adGroup : this.store.adGroups(markets)) {
			ids.add(adGroup.adGroupId());
			count++;
			SponsoredProductsLimits limits = SponsoredProductsLimits.of(adGroup.market().country());
			assertThat(adGroup.defaultBidMinor()).isBetween(limits.minBidMinor(), limits.maxBidMinor());
		}
		for (var ad : this.store.ads(markets)) {
			ids.add(ad.adId());
			count++;
		}
		for (var target : this.store.targets(markets)) {
			ids.add(target.targetId());
			count++;
			if (target.bidMinor() != null) {
				SponsoredProductsLimits limits = SponsoredProductsLimits.of(target.market().country());
				assertThat(target.bidMinor()).isBetween(limits.minBidMinor(), limits.maxBidMinor());
			}
		}
		assertThat(ids).hasSize(count);
		long advertised = markets.stream()
			.mapToLong((m) -> this.catalog.listings(m.partnerId(), m.country())
				.stream()
				.filter((l) -> l.kind().advertised())
				.count())
			.sum();
		assertThat(this.store.ads(markets)).hasSize((int) advertised);
		assertThat(this.store.ads(markets))
			.allSatisfy((ad) -> assertThat(ad.state()).isEqualTo(CampaignStore.State.ENABLED));

		CampaignStore again = new CampaignStore(Catalog.load(), Clock.systemUTC());
		assertThat(again.targets(markets)).isEqualTo(this.store.targets(markets));
		assertThat(again.adGroups(markets)).isEqualTo(this.store.adGroups(markets));
	}

}
