package dev.adsgraph.campaigns;

import java.math.BigDecimal;
import java.util.List;

import dev.adsgraph.campaigns.CampaignViews.AdGroupView;
import dev.adsgraph.campaigns.CampaignViews.AdView;
import dev.adsgraph.campaigns.CampaignViews.CampaignView;
import dev.adsgraph.campaigns.CampaignWriteController.AdGroupWritePayload;
import dev.adsgraph.campaigns.CampaignWriteController.AdGroupWriteResult;
import dev.adsgraph.campaigns.CampaignWriteController.AdWritePayload;
import dev.adsgraph.campaigns.CampaignWriteController.AdWriteResult;
import dev.adsgraph.campaigns.CampaignWriteController.CampaignWritePayload;
import dev.adsgraph.campaigns.CampaignWriteController.CampaignWriteResult;
import dev.adsgraph.products.Money;
import dev.adsgraph.profiles.ProfileView;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.ads.Ad;
import dev.adsgraph.upstream.ads.AdGroup;
import dev.adsgraph.upstream.ads.Campaign;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payloads an idempotency key keeps survive a JSON round trip by their type alone,
 * written entities included, so the PostgreSQL {@code IdempotencyStore} can replay them.
 */
class CampaignWritePayloadJsonTest {

	private final JsonMapper json = JsonMapper.builder().build();

	private static final ProfileView PROFILE = new ProfileView("1111", Region.NA, "US", "USD", "America/Los_Angeles",
			"ATVPDKIKX0DER", new BigDecimal("100.00"),
			new ProfileView.AccountInfoView("A1", "SELLER", "Seller", null, true), "default");

	private <T> void assertRoundTrip(T payload, Class<T> type) {
		String written = this.json.writeValueAsString(payload);
		assertThat(this.json.readValue(written, type)).isEqualTo(payload);
	}

	@Test
	void campaignPayloads() {
		Campaign campaign = new Campaign("C1", "Spring", "SPONSORED_PRODUCTS", "PAUSED", null,
				List.of(new Campaign.Budget("MONETARY",
						new Campaign.BudgetValue(new Campaign.MonetaryBudgetValue(
								new Campaign.MonetaryBudget("USD", new BigDecimal("25.50"))), null),
						"DAILY")),
				"2026-11-01T00:00:00Z", null, null, List.of("US"), null, null);
		assertRoundTrip(new CampaignWritePayload(
				List.of(new CampaignWriteResult(0, "1111", "C1", "PAUSED", new Money(new BigDecimal("25.50"), "USD"),
						CampaignView.of(PROFILE, campaign), List.of()),
						new CampaignWriteResult(1, "1111", "C2", null, null, null,
								List.of(WriteError.at(1, "UNKNOWN_CAMPAIGN", "No campaign C2", "campaignId")))),
				1, 1, List.of()), CampaignWritePayload.class);
		assertRoundTrip(
				new CampaignWritePayload(List.of(), 0, 0,
						List.of(WriteError.batch("INVALID_BATCH_SIZE", "input must have 1 to 100 items; got 0."))),
				CampaignWritePayload.class);
	}

	@Test
	void adAndAdGroupPayloads() {
		AdGroup group = new AdGroup("G1", "C1", "Group", "SPONSORED_PRODUCTS", "ENABLED", null,
				new AdGroup.Bid(new BigDecimal("0.75"), "USD"), null, null, null, null);
		assertRoundTrip(new AdGroupWritePayload(List.of(new AdGroupWriteResult(0, "1111", "G1",
				new Money(new BigDecimal("0.75"), "USD"), AdGroupView.of(PROFILE, group, null), List.of())), 1, 0,
				List.of()), AdGroupWritePayload.class);
		Ad ad = new Ad("A1", "G1", "C1", null, "SPONSORED_PRODUCTS", "PRODUCT_AD", "ARCHIVED", null, null,
				"SINGLE_MARKETPLACE", List.of("US"), null, null);
		assertRoundTrip(new AdWritePayload(
				List.of(new AdWriteResult(0, "1111", "A1", "ARCHIVED", AdView.of(PROFILE, ad, null), List.of())), 1, 0,
				List.of()), AdWritePayload.class);
	}

}
