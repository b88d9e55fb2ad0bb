package dev.adsgraph.campaigns;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import dev.adsgraph.graphql.Ids;
import dev.adsgraph.products.Money;
import dev.adsgraph.profiles.ProfileView;
import dev.adsgraph.upstream.ads.Ad;
import dev.adsgraph.upstream.ads.AdGroup;
import dev.adsgraph.upstream.ads.Campaign;
import dev.adsgraph.upstream.ads.Target;

/**
 * The schema's {@code Campaign}, {@code AdGroup}, {@code Ad} and {@code Target}, each
 * with the profile it was read in (whose connection reads its children). Ids are opaque,
 * of the profile and Amazon's id, so other features (the writes) answer the same id for
 * the same entity.
 */
public final class CampaignViews {

	private CampaignViews() {
	}

	/** The schema's {@code Campaign}. */
	public record CampaignView(String id, String campaignId, String name, String adProduct, String state,
			String deliveryStatus, Money budget, LocalDate startDate, LocalDate endDate, ProfileView profile) {

		public static CampaignView of(ProfileView profile, Campaign campaign) {
			Campaign.MonetaryBudget daily = campaign.dailyBudget();
			Money budget = (daily != null && daily.value() != null)
					? money(daily.value(), daily.currencyCode(), profile) : null;
			return new CampaignView(opaqueId("Campaign", profile, campaign.campaignId()), campaign.campaignId(),
					campaign.name(), campaign.adProduct(), campaign.state(),
					(campaign.status() != null) ? campaign.status().deliveryStatus() : null, budget,
					date(campaign.startDateTime()), date(campaign.endDateTime()), profile);
		}

	}

	/**
	 * The schema's {@code AdGroup}.
	 *
	 * @param parent its campaign when it was read as one of the campaign's ad groups;
	 * null when read otherwise (then its campaign is loaded by id)
	 */
	public record AdGroupView(String id, String adGroupId, String campaignId, String adProduct, String name,
			String state, Money defaultBid, ProfileView profile, CampaignView parent) {

		public static AdGroupView of(ProfileView profile, AdGroup group, CampaignView parent) {
			Money bid = (group.bid() != null && group.bid().defaultBid() != null)
					? money(group.bid().defaultBid(), group.bid().currencyCode(), profile) : null;
			return new AdGroupView(opaqueId("AdGroup", profile, group.adGroupId()), group.adGroupId(),
					group.campaignId(), group.adProduct(), group.name(), group.state(), bid, profile, parent);
		}

	}

	/**
	 * The schema's {@code Ad}.
	 *
	 * @param parent its ad group when it was read as one of the ad group's ads; null when
	 * read otherwise
	 */
	public record AdView(String id, String adId, String adGroupId, String campaignId, String adProduct, String state,
			String asin, String sku, ProfileView profile, AdGroupView parent) {

		public static AdView of(ProfileView profile, Ad ad, AdGroupView parent) {
			return new AdView(opaqueId("Ad", profile, ad.adId()), ad.adId(), ad.adGroupId(), ad.campaignId(),
					ad.adProduct(), ad.state(), ad.asin(), ad.sku(), profile, parent);
		}

	}

	/** The schema's {@code Target}. */
	public record TargetView(String id, String targetId, String state, String targetType, boolean negative,
			String keyword, String matchType, String asin, Money bid) {

		public static TargetView of(ProfileView profile, Target target) {
			Money bid = (target.bid() != null && target.bid().bid() != null)
					? money(target.bid().bid(), target.bid().currencyCode(), profile) : null;
			return new TargetView(opaqueId("Target", profile, target.targetId()), target.targetId(), target.state(),
					target.targetType(), Boolean.TRUE.equals(target.negative()), target.keyword(), target.matchType(),
					target.asin(), bid);
		}

	}

	private static String opaqueId(String type, ProfileView profile, String amazonId) {
		return Ids.opaque(type, profile.id(), amazonId);
	}

	private static Money money(BigDecimal amount, String currencyCode, ProfileView profile) {
		return new Money(amount, (currencyCode != null) ? currencyCode : profile.currencyCode());
	}

	/**
	 * The day of a v1 date-time (ISO 8601 with an offset), in UTC; null when absent or
	 * unreadable (a display field, not worth failing the campaign for).
	 */
	static LocalDate date(String dateTime) {
		if (dateTime == null || dateTime.isBlank()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(dateTime).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
		}
		catch (DateTimeParseException ex) {
			try {
				return LocalDate.parse(dateTime.substring(0, Math.min(10, dateTime.length())));
			}
			catch (DateTimeParseException again) {
				return null;
			}
		}
	}

}
