package dev.adsgraph.profiles;

import java.math.BigDecimal;
import java.util.Locale;

import dev.adsgraph.upstream.Countries;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.ads.Profile;

/**
 * A profile as the schema's {@code Profile} type shows it: ISO country, id as a string,
 * enums.
 *
 * @param connectionId the workspace's Ads connection the profile was listed through,
 * whose credentials every call for the profile uses
 */
public record ProfileView(String id, Region region, String countryCode, String currencyCode, String timezone,
		String marketplaceId, BigDecimal dailyBudget, AccountInfoView accountInfo, String connectionId) {

	/**
	 * The schema's {@code AccountInfo}.
	 *
	 * @param id Amazon's account id, answered as {@code accountId}: the schema gives the
	 * type no {@code id}, because the account's name and payment method differ between
	 * its profiles, so a normalised client cache must keep it inside its profile
	 */
	public record AccountInfoView(String id, String type, String name, String subType, Boolean validPaymentMethod) {

		public String accountId() {
			return this.id;
		}

	}

	static ProfileView of(String connectionId, Region region, Profile profile) {
		Profile.AccountInfo info = profile.accountInfo();
		AccountInfoView account = (info != null) ? new AccountInfoView(info.id(), upper(info.type()), info.name(),
				upper(info.subType()), info.validPaymentMethod()) : new AccountInfoView("", null, null, null, null);
		return new ProfileView(Long.toString(profile.profileId()), region, Countries.toIso(profile.countryCode()),
				profile.currencyCode(), profile.timezone(), (info != null) ? info.marketplaceStringId() : null,
				profile.dailyBudget(), account, connectionId);
	}

	private static String upper(String value) {
		return (value != null) ? value.toUpperCase(Locale.ROOT) : null;
	}

}
