package dev.adsgraph.campaigns;

import java.math.BigDecimal;

import dev.adsgraph.campaigns.CampaignWriter.Item;
import dev.adsgraph.campaigns.CampaignWriter.Kind;
import dev.adsgraph.campaigns.CampaignWriter.Known;
import dev.adsgraph.campaigns.CampaignWriter.SetDailyBudget;
import dev.adsgraph.campaigns.CampaignWriter.SetDefaultBid;
import dev.adsgraph.campaigns.CampaignWriter.SetState;
import dev.adsgraph.profiles.ProfileView;
import dev.adsgraph.upstream.Region;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules the campaign writes judge inputs by before anything is sent. The sandbox has
 * Sponsored Products campaigns only, so the ad-product rule is proven here; the others
 * are also proven end to end in {@code e2e.CampaignWritesTest}.
 */
class CampaignWriterRulesTest {

	private static ProfileView profile(String currency) {
		return new ProfileView("1111", Region.NA, "US", currency, "America/Los_Angeles", "ATVPDKIKX0DER", null,
				new ProfileView.AccountInfoView("A1", "SELLER", "Seller", null, true), "default");
	}

	private static String code(WriteError error) {
		return (error != null) ? error.code() : null;
	}

	@Test
	void budgetsAndBidsAreForSponsoredProductsOnly() {
		Known brands = new Known("SPONSORED_BRANDS", "ENABLED", null);
		WriteError budget = CampaignWriter.refuse(3, Kind.CAMPAIGN,
				new Item("1111", "C1", new SetDailyBudget(new BigDecimal("10"))), brands);
		assertThat(code(budget)).isEqualTo("WRONG_AD_PRODUCT");
		assertThat(budget.message()).contains("SPONSORED_BRANDS").contains("SPONSORED_PRODUCTS");
		assertThat(budget.field()).containsExactly("input", "3", "campaignId");
		assertThat(code(
				CampaignWriter.refuse(0, Kind.AD_GROUP, new Item("1111", "G1", new SetDefaultBid(new BigDecimal("1"))),
						new Known("SPONSORED_DISPLAY", "ENABLED", null))))
			.isEqualTo("WRONG_AD_PRODUCT");
		assertThat(CampaignWriter.refuse(0, Kind.CAMPAIGN, new Item("1111", "C1", new SetState("PAUSED")), brands))
			.as("states of every sponsored ad product can change")
			.isNull();
		assertThat(CampaignWriter.refuse(0, Kind.CAMPAIGN,
				new Item("1111", "C1", new SetDailyBudget(new BigDecimal("10"))),
				new Known("SPONSORED_PRODUCTS", "PAUSED", null)))
			.isNull();
	}

	@Test
	void anArchivedEntityTakesNoChangeButArchiving() {
		Known archived = new Known("SPONSORED_PRODUCTS", "ARCHIVED", null);
		assertThat(code(CampaignWriter.refuse(0, Kind.AD, new Item("1111", "A1", new SetState("ENABLED")), archived)))
			.isEqualTo("ARCHIVED_RESOURCE_CANNOT_EDIT");
		assertThat(code(CampaignWriter.refuse(0, Kind.CAMPAIGN,
				new Item("1111", "C1", new SetDailyBudget(new BigDecimal("5"))), archived)))
			.isEqualTo("ARCHIVED_RESOURCE_CANNOT_EDIT");
		assertThat(CampaignWriter.refuse(0, Kind.AD, new Item("1111", "A1", new SetState("ARCHIVED")), archived))
			.isNull();
	}

	@Test
	void amountsAreAboveZeroWithTheCurrencysDecimals() {
		assertThat(code(CampaignWriter.checkAlone(0, Kind.CAMPAIGN,
				new Item("1111", "C1", new SetDailyBudget(BigDecimal.ZERO)))))
			.isEqualTo("BUDGET_OUT_OF_RANGE");
		assertThat(code(CampaignWriter.checkAlone(0, Kind.AD_GROUP,
				new Item("1111", "G1", new SetDefaultBid(new BigDecimal("-0.01"))))))
			.isEqualTo("BID_OUT_OF_RANGE");
		assertThat(code(CampaignWriter.checkAmount(0, new SetDefaultBid(new BigDecimal("0.015")), profile("USD"))))
			.isEqualTo("TOO_MANY_DECIMALS");
		assertThat(CampaignWriter.checkAmount(0, new SetDefaultBid(new BigDecimal("0.050")), profile("USD")))
			.as("trailing zeros are not decimals")
			.isNull();
		assertThat(code(CampaignWriter.checkAmount(0, new SetDailyBudget(new BigDecimal("500.5")), profile("JPY"))))
			.isEqualTo("TOO_MANY_DECIMALS");
		assertThat(CampaignWriter.checkAmount(0, new SetDailyBudget(new BigDecimal("500")), profile("JPY"))).isNull();
	}

	@Test
	void amountsAreWithinAmazonsSponsoredProductsLimitsOfTheMarketplace() {
		ProfileView us = profile("USD");
		assertThat(code(CampaignWriter.checkAmount(0, new SetDailyBudget(new BigDecimal("0.99")), us)))
			.isEqualTo("BUDGET_OUT_OF_RANGE");
		assertThat(CampaignWriter.checkAmount(0, new SetDailyBudget(new BigDecimal("1")), us)).isNull();
		assertThat(CampaignWriter.checkAmount(0, new SetDailyBudget(new BigDecimal("1000000")), us)).isNull();
		WriteError over = CampaignWriter.checkAmount(2, new SetDailyBudget(new BigDecimal("1000000.01")), us);
		assertThat(code(over)).isEqualTo("BUDGET_OUT_OF_RANGE");
		assertThat(over.message()).contains("1 to 1000000 USD");
		assertThat(over.field()).containsExactly("input", "2", "dailyBudget");
		assertThat(code(CampaignWriter.checkAmount(0, new SetDefaultBid(new BigDecimal("0.01")), us)))
			.isEqualTo("BID_OUT_OF_RANGE");
		assertThat(code(CampaignWriter.checkAmount(0, new SetDefaultBid(new BigDecimal("1000.01")), us)))
			.isEqualTo("BID_OUT_OF_RANGE");
		assertThat(CampaignWriter.checkAmount(0, new SetDefaultBid(new BigDecimal("0.02")), us)).isNull();
		ProfileView jp = new ProfileView("2222", Region.FE, "JP", "JPY", "Asia/Tokyo", "A1VC38T7YXB528", null,
				new ProfileView.AccountInfoView("A2", "SELLER", "Seller", null, true), "default");
		assertThat(code(CampaignWriter.checkAmount(0, new SetDailyBudget(new BigDecimal("99")), jp)))
			.isEqualTo("BUDGET_OUT_OF_RANGE");
		assertThat(code(CampaignWriter.checkAmount(0, new SetDefaultBid(new BigDecimal("1")), jp)))
			.isEqualTo("BID_OUT_OF_RANGE");
		ProfileView nl = new ProfileView("3333", Region.EU, "NL", "EUR", "Europe/Amsterdam", "A1805IZSGTT6HS", null,
				new ProfileView.AccountInfoView("A3", "SELLER", "Seller", null, true), "default");
		assertThat(CampaignWriter.checkAmount(0, new SetDailyBudget(new BigDecimal("0.50")), nl))
			.as("no figures carried for NL: Amazon judges")
			.isNull();
	}

	@Test
	void profileIdsAreNumbersAndEntityIdsAreGiven() {
		assertThat(code(CampaignWriter.checkAlone(0, Kind.CAMPAIGN, new Item("abc", "C1", new SetState("PAUSED")))))
			.isEqualTo("INVALID_PROFILE_ID");
		assertThat(code(CampaignWriter.checkAlone(0, Kind.AD, new Item("1111", " ", new SetState("PAUSED")))))
			.isEqualTo("INVALID_ID");
		assertThat(CampaignWriter.checkAlone(0, Kind.AD, new Item("1111", "A1", new SetState("PAUSED")))).isNull();
	}

}
