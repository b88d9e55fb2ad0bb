package dev.adsgraph.sandbox.ads;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.adsgraph.sandbox.ads.CampaignStore.AdEntity;
import dev.adsgraph.sandbox.ads.CampaignStore.AdGroupEntity;
import dev.adsgraph.sandbox.ads.CampaignStore.CampaignEntity;
import dev.adsgraph.sandbox.ads.CampaignStore.State;
import dev.adsgraph.sandbox.ads.CampaignStore.TargetEntity;
import dev.adsgraph.sandbox.fixtures.Country;
import dev.adsgraph.sandbox.fixtures.Figures;

/**
 * The v1 shapes of the campaign entities (AmazonAdsAPIALLMerged_prod_3p_ALL.json
 * {@code Campaign}, {@code AdGroup}, {@code Ad}, {@code Target}), with the members the
 * sandbox's sponsored-products data fills. {@code status.deliveryStatus} is DELIVERING
 * when the entity and its parents are ENABLED, otherwise NOT_DELIVERING with the reasons
 * (CAMPAIGN_PAUSED, AD_GROUP_ARCHIVED, AD_PAUSED, ...).
 */
final class CampaignViews {

	private CampaignViews() {
	}

	static CampaignView campaign(CampaignEntity campaign) {
		Country country = campaign.market().country();
		return new CampaignView(campaign.campaignId(), CampaignStore.SPONSORED_PRODUCTS, campaign.name(),
				campaign.state().name(), campaign.created(), campaign.updated(), campaign.created(),
				List.of(new Budget("MONETARY", "DAILY",
						new BudgetValue(new MonetaryBudgetValue(
								new MonetaryBudget(country.currencyCode(), money(campaign.budgetMinor(), country)))))),
				"CPC", "SINGLE_MARKETPLACE", List.of(country.isoCode()),
				status(reasons(null, null, campaign.state(), "CAMPAIGN")));
	}

	static AdGroupView adGroup(AdGroupEntity adGroup, CampaignEntity campaign) {
		Country country = adGroup.market().country();
		return new AdGroupView(adGroup.adGroupId(), CampaignStore.SPONSORED_PRODUCTS, adGroup.campaignId(),
				adGroup.name(), adGroup.state().name(), adGroup.created(), adGroup.updated(),
				new AdGroupBid(country.currencyCode(), money(adGroup.defaultBidMinor(), country)), "SINGLE_MARKETPLACE",
				List.of(country.isoCode()), status(reasons(campaign.state(), null, adGroup.state(), "AD_GROUP")));
	}

	static AdView ad(AdEntity ad, AdGroupEntity adGroup, CampaignEntity campaign, boolean vendor) {
		Country country = ad.market().country();
		AdvertisedProduct product = vendor ? new AdvertisedProduct("ASIN", ad.asin(), null, null)
				: new AdvertisedProduct("SKU", ad.sku(), "ASIN", ad.asin());
		return new AdView(ad.adId(), ad.adGroupId(), ad.campaignId(), CampaignStore.SPONSORED_PRODUCTS, "PRODUCT_AD",
				ad.state().name(), ad.created(), ad.updated(),
				new CreativeView(new ProductCreative(new ProductCreativeSettings(product))), "SINGLE_MARKETPLACE",
				List.of(country.isoCode()), status(reasons(campaign.state(), adGroup.state(), ad.state(), "AD")));
	}

	static TargetView target(TargetEntity target, AdGroupEntity adGroup, CampaignEntity campaign) {
		Country country = target.market().country();
		TargetDetails details = target.targetType().equals("KEYWORD")
				? new TargetDetails(new KeywordTarget(target.keyword(), target.matchType()), null) : new TargetDetails(
						null, new ProductTarget(target.matchType(), new ProductValue(target.asin()), "ASIN"));
		TargetBid bid = (target.bidMinor() != null)
				? new TargetBid(money(target.bidMinor(), country), country.currencyCode()) : null;
		return new TargetView(target.targetId(), target.adGroupId(), CampaignStore.SPONSORED_PRODUCTS,
				target.targetType(), target.negative(), target.state().name(), target.created(), target.updated(),
				details, bid, "AD_GROUP", "SINGLE_MARKETPLACE", List.of(country.isoCode()),
				status(reasons(campaign.state(), adGroup.state(), target.state(), "TARGET")));
	}

	static BigDecimal money(long minor, Country country) {
		return Figures.money(minor, country);
	}

	// Parents first: a paused campaign is the reason before a paused ad.
	private static List<String> reasons(State campaign, State adGroup, State own, String kind) {
		List<String> reasons = new ArrayList<>();
		if (campaign != null && campaign != State.ENABLED) {
			reasons.add("CAMPAIGN_" + campaign.name());
		}
		if (adGroup != null && adGroup != State.ENABLED) {
			reasons.add("AD_GROUP_" + adGroup.name());
		}
		if (own != State.ENABLED) {
			reasons.add(kind + "_" + own.name());
		}
		return reasons;
	}

	private static StatusView status(List<String> reasons) {
		return reasons.isEmpty() ? new StatusView("DELIVERING", null) : new StatusView("NOT_DELIVERING", reasons);
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record CampaignView(String campaignId, String adProduct, String name, String state, Instant creationDateTime,
			Instant lastUpdatedDateTime, Instant startDateTime, List<Budget> budgets, String costType,
			String marketplaceScope, List<String> marketplaces, StatusView status) {
	}

	record Budget(String budgetType, String recurrenceTimePeriod, BudgetValue budgetValue) {
	}

	record BudgetValue(MonetaryBudgetValue monetaryBudgetValue) {
	}

	record MonetaryBudgetValue(MonetaryBudget monetaryBudget) {
	}

	record MonetaryBudget(String currencyCode, BigDecimal value) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record StatusView(String deliveryStatus, List<String> deliveryReasons) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record AdGroupView(String adGroupId, String adProduct, String campaignId, String name, String state,
			Instant creationDateTime, Instant lastUpdatedDateTime, AdGroupBid bid, String marketplaceScope,
			List<String> marketplaces, StatusView status) {
	}

	record AdGroupBid(String currencyCode, BigDecimal defaultBid) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record AdView(String adId, String adGroupId, String campaignId, String adProduct, String adType, String state,
			Instant creationDateTime, Instant lastUpdatedDateTime, CreativeView creative, String marketplaceScope,
			List<String> marketplaces, StatusView status) {
	}

	record CreativeView(ProductCreative productCreative) {
	}

	record ProductCreative(ProductCreativeSettings productCreativeSettings) {
	}

	record ProductCreativeSettings(AdvertisedProduct advertisedProduct) {
	}

	/**
	 * Sellers advertise a SKU, which resolves to its ASIN; vendors advertise the ASIN
	 * itself.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record AdvertisedProduct(String productIdType, String productId, String resolvedProductIdType,
			String resolvedProductId) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record TargetView(String targetId, String adGroupId, String adProduct, String targetType, boolean negative,
			String state, Instant creationDateTime, Instant lastUpdatedDateTime, TargetDetails targetDetails,
			TargetBid bid, String targetLevel, String marketplaceScope, List<String> marketplaces, StatusView status) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record TargetDetails(KeywordTarget keywordTarget, ProductTarget productTarget) {
	}

	record KeywordTarget(String keyword, String matchType) {
	}

	record ProductTarget(String matchType, ProductValue product, String productIdType) {
	}

	record ProductValue(String productId) {
	}

	record TargetBid(BigDecimal bid, String currencyCode) {
	}

}
