package dev.adsgraph.sandbox.ads;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.adsgraph.sandbox.ads.AdsGate.Call;
import dev.adsgraph.sandbox.ads.CampaignStore.Market;
import dev.adsgraph.sandbox.core.ApiException;
import dev.adsgraph.sandbox.fixtures.Access;
import dev.adsgraph.sandbox.fixtures.Account;
import dev.adsgraph.sandbox.fixtures.ProfileEntry;
import dev.adsgraph.sandbox.fixtures.SellingProgram;

/**
 * Which advertising a v1 campaign call may see: the contract declares both
 * {@code Amazon-Advertising-API-Scope} (a profile id) and {@code Amazon-Ads-AccountId}
 * (an advertiser account id) as optional headers of every campaign operation, and at
 * least one is needed to name an advertiser. The profile names one marketplace of one
 * advertiser (as the sponsored-ads APIs have always used it); the account id names every
 * marketplace of the account on this regional host. With both, the profile must belong to
 * the account. A profile of another region, or one the user cannot see, is 401 "Not
 * authorized to access scope", as for the other Ads APIs; a profile without campaign edit
 * rights (a view-only share) may query but not write (403).
 *
 * @param markets the partner and marketplace pairs in scope, empty when the advertiser
 * has no selling account (then it has no campaigns)
 * @param vendor whether the advertiser is a vendor (its product ads name ASINs, not SKUs)
 * @param canEdit whether every profile in scope grants campaign edit
 */
record V1Scope(List<Market> markets, boolean vendor, boolean canEdit, String key) {

	static final String SCOPE = "Amazon-Advertising-API-Scope";

	static final String ACCOUNT_ID = "Amazon-Ads-AccountId";

	static V1Scope of(Call call, AccountRegistry registry, Instant now) {
		String profileHeader = header(call, SCOPE);
		String accountHeader = header(call, ACCOUNT_ID);
		if (profileHeader == null && accountHeader == null) {
			throw ApiException.badRequest(V1ErrorCode.BAD_REQUEST.name(),
					"Name the advertiser with the " + SCOPE + " (profile id) or " + ACCOUNT_ID + " header.");
		}
		Account account = null;
		if (accountHeader != null) {
			account = registry.find(call.user().id(), accountHeader)
				.orElseThrow(() -> new ApiException(401, V1ErrorCode.UNAUTHORIZED.name(),
						"Not authorized to access advertiser account " + accountHeader + "."));
		}
		if (profileHeader == null) {
			List<Market> markets = new ArrayList<>();
			boolean canEdit = true;
			for (Account.Market market : account.liveMarkets(now)) {
				if (market.country().region() == call.region() && account.partner() != null) {
					markets.add(new Market(account.partner().partnerId(), market.country()));
				}
				if (market.country().region() == call.region()) {
					canEdit &= market.access().allows("campaign", "edit");
				}
			}
			return new V1Scope(List.copyOf(markets), vendor(account), canEdit, "account:" + accountHeader);
		}
		long profileId;
		try {
			profileId = Long.parseLong(profileHeader);
		}
		catch (NumberFormatException ex) {
			throw notAuthorized(profileHeader);
		}
		ProfileEntry profile = registry.profiles(call.user(), call.region())
			.stream()
			.filter((p) -> p.profileId() == profileId)
			.findFirst()
			.orElseThrow(() -> notAuthorized(profileHeader));
		Account owner = null;
		for (Account candidate : registry.list(call.user().id())) {
			if (candidate.markets().stream().anyMatch((m) -> m.profileId() == profileId)) {
				owner = candidate;
			}
		}
		if (account != null && (owner == null || !owner.adsAccountId().equals(account.adsAccountId()))) {
			throw ApiException.badRequest(V1ErrorCode.FIELD_VALUE_MISMATCH.name(),
					"Profile " + profileId + " does not belong to advertiser account " + accountHeader + ".");
		}
		List<Market> markets = (owner != null && owner.partner() != null)
				? List.of(new Market(owner.partner().partnerId(), profile.country())) : List.of();
		Access access = profile.access();
		return new V1Scope(markets, vendor(owner), access.allows("campaign", "edit"), "profile:" + profileId);
	}

	private static boolean vendor(Account account) {
		return account != null && account.partner() != null
				&& account.partner().program() == SellingProgram.AMAZON_VENDOR;
	}

	/**
	 * Writes need campaign edit rights on the profile (or every profile of the account).
	 */
	void requireEdit() {
		if (!this.canEdit) {
			throw new ApiException(403, V1ErrorCode.FORBIDDEN.name(),
					"The user has view access only to this advertiser's campaigns.");
		}
	}

	private static String header(Call call, String name) {
		String value = call.request().headers().firstHeader(name);
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	private static ApiException notAuthorized(String profile) {
		return new ApiException(401, V1ErrorCode.UNAUTHORIZED.name(),
				"Not authorized to access scope " + profile + ".");
	}

}
