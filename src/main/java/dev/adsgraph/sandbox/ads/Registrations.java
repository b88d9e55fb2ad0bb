package dev.adsgraph.sandbox.ads;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.adsgraph.sandbox.fixtures.Access;
import dev.adsgraph.sandbox.fixtures.Account;
import dev.adsgraph.sandbox.fixtures.Account.BusinessDetails;
import dev.adsgraph.sandbox.fixtures.Account.Market;
import dev.adsgraph.sandbox.fixtures.Account.V1Attributes;
import dev.adsgraph.sandbox.fixtures.Country;
import dev.adsgraph.sandbox.fixtures.Fixtures;
import dev.adsgraph.sandbox.fixtures.Ids;
import dev.adsgraph.sandbox.fixtures.Review;
import dev.adsgraph.sandbox.fixtures.SellingPartner;
import dev.adsgraph.sandbox.fixtures.SellingProgram;

/**
 * Drafts new accounts the same way for both registration APIs: fresh ids for the account
 * and each country, a review fixed now that takes effect after the registration delay.
 */
public final class Registrations {

	/** A fresh seller profile has no budget cap; Amazon shows that as this sentinel. */
	static final double UNCAPPED_DAILY_BUDGET = 999_999_999.0;

	private final Ids ids;

	private final Clock clock;

	private final Duration delay;

	public Registrations(Ids ids, Clock clock, Duration delay) {
		this.ids = ids;
		this.clock = clock;
		this.delay = delay;
	}

	/**
	 * @param partner the selling partner, or null for a business that does not sell on
	 * Amazon
	 * @param business the v1 businessDetails item to keep
	 */
	Account draft(String userId, String accountName, SellingPartner partner, BusinessDetails business,
			List<Country> countries, V1Attributes v1) {
		boolean seller = partner != null && partner.program() == SellingProgram.AMAZON_SELLER;
		List<Market> markets = new ArrayList<>();
		for (Country country : countries) {
			// New vendor-type profiles have no payment method until billing is set up.
			markets.add(new Market(country, this.ids.profileId(country.region()), this.ids.entityId(),
					seller ? UNCAPPED_DAILY_BUDGET : null, seller ? null : Boolean.FALSE, Access.FULL));
		}
		Review review = (partner != null) ? partner.review() : reviewOf(business.website());
		Instant now = this.clock.instant();
		return new Account(this.ids.adsAccountId(), userId, accountName, partner, business, markets, now,
				now.plus(this.delay), review, v1, partner != null);
	}

	Instant now() {
		return this.clock.instant();
	}

	/**
	 * Businesses whose website cannot be verified are turned down; the fixtures document
	 * the trigger.
	 */
	static Review reviewOf(String website) {
		String host = Websites.host(website);
		return (host != null && host.endsWith(Fixtures.UNVERIFIABLE_TLD))
				? Review.disabled(Fixtures.BUSINESS_NOT_VERIFIED) : Review.APPROVED;
	}

}
