package dev.adsgraph.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A global advertising account. {@code /adsAccounts} and the v1 advertiser accounts are
 * two views of the same accounts (both use {@code amzn1.ads-account.g.} ids), so an
 * account registered through one API is visible through the other. Immutable: changes
 * replace the record.
 *
 * <p>
 * Its state is computed from timestamps rather than advanced by a timer: before
 * {@code settlesAt} it is PENDING (v1: REGISTRATION_IN_PROGRESS), afterwards the
 * {@code review} holds.
 *
 * @param partner the selling partner it advertises for, or null for a business that does
 * not sell on Amazon
 * @param business the v1 businessDetails item (an address token or a literal address)
 * @param link whether v1 shows a selling account link request
 */
record Account(String adsAccountId, String userId, String accountName, SellingPartner partner, BusinessDetails business,
		List<Market> markets, Instant createdAt, Instant settlesAt, Review review, V1Attributes v1, boolean link) {

	Account {
		markets = List.copyOf(markets);
	}

	boolean settled(Instant now) {
		return !now.isBefore(this.settlesAt);
	}

	/** This account with its review taking effect at {@code when}, if not earlier. */
	Account settlingBy(Instant when) {
		return when.isBefore(this.settlesAt) ? new Account(this.adsAccountId, this.userId, this.accountName,
				this.partner, this.business, this.markets, this.createdAt, when, this.review, this.v1, this.link)
				: this;
	}

	/** The /adsAccounts {@code Status}. */
	String status(Instant now) {
		return settled(now) ? this.review.verdict().name() : "PENDING";
	}

	/** The v1 {@code AccountState}. */
	String v1Status(Instant now) {
		if (!settled(now)) {
			return "REGISTRATION_IN_PROGRESS";
		}
		return (this.review.verdict() == Review.Verdict.DISABLED) ? "REJECTED" : "APPROVED";
	}

	/**
	 * Markets with a profile, once the review has settled and not disabled the account.
	 */
	List<Market> liveMarkets(Instant now) {
		if (!settled(now) || this.review.verdict() == Review.Verdict.DISABLED) {
			return List.of();
		}
		return this.markets.stream().filter((m) -> !this.review.failedCountries().containsKey(m.country())).toList();
	}

	List<ProfileEntry> profiles(Instant now) {
		List<ProfileEntry> profiles = new ArrayList<>();
		for (Market market : liveMarkets(now)) {
			boolean seller = this.partner != null && this.partner.program() == SellingProgram.AMAZON_SELLER;
			String type = (this.partner != null) ? this.partner.program().profileType() : "vendor";
			String subType = (this.partner != null) ? this.partner.program().profileSubType() : null;
			profiles.add(new ProfileEntry(market.profileId(), market.country(), type, subType,
					seller ? this.partner.partnerId() : market.entityId(), this.accountName,
					seller ? market.dailyBudget() : null, seller ? null : market.validPaymentMethod(),
					market.access()));
		}
		return profiles;
	}

	/** Errors per country (Ads spelling), as {@code AdsAccountWithMetaData.errors}. */
	Map<Country, Review.AccountError> errors(Instant now) {
		return settled(now) ? this.review.failedCountries() : Map.of();
	}

	Account withAccountName(String accountName) {
		return new Account(this.adsAccountId, this.userId, accountName, this.partner, this.business, this.markets,
				this.createdAt, this.settlesAt, this.review, this.v1, this.link);
	}

	Account withBusiness(BusinessDetails business) {
		return new Account(this.adsAccountId, this.userId, this.accountName, this.partner, business, this.markets,
				this.createdAt, this.settlesAt, this.review, this.v1, this.link);
	}

	Account withV1(V1Attributes v1) {
		return new Account(this.adsAccountId, this.userId, this.accountName, this.partner, this.business, this.markets,
				this.createdAt, this.settlesAt, this.review, v1, this.link);
	}

	/**
	 * One country of the account. Each has its own profile and entity id;
	 * {@code dailyBudget}, {@code validPaymentMethod} and {@code access} shape the
	 * profile.
	 */
	record Market(Country country, long profileId, String entityId, Double dailyBudget, Boolean validPaymentMethod,
			Access access) {
	}

	/** The v1 {@code BusinessDetail}: {@code addressToken} or {@code address}. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record BusinessDetails(String addressToken, PostalAddress address, String businessRegistrationNumber,
			String website) {

		/** A selling partner's account refers to the partner's address by its token. */
		static BusinessDetails of(SellingPartner partner) {
			return new BusinessDetails(partner.address().addressToken(), null, null, partner.website());
		}

	}

	/** v1-only attributes; null members are not rendered. */
	record V1Attributes(String currencyCode, String timeZoneIana, String industryVertical, boolean isGlobalAccount,
			boolean isTestAccount, String managerAccountId) {

		/**
		 * What an account registered without v1 input shows: its home country's currency
		 * and time zone.
		 */
		static V1Attributes global(Country home, String industryVertical) {
			return new V1Attributes(home.currencyCode(), home.timezone(), industryVertical, true, false, null);
		}

	}

}
