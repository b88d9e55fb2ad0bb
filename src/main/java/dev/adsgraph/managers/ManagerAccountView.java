package dev.adsgraph.managers;

import java.util.List;

import dev.adsgraph.upstream.Marketplaces;
import dev.adsgraph.upstream.ads.ManagerAccount;

/**
 * The schema's {@code ManagerAccount}: Amazon's, with the linked accounts of every region
 * the workspace covers.
 */
record ManagerAccountView(String id, String name, List<LinkedAdsAccountView> linkedAccounts) {

	ManagerAccountView {
		linkedAccounts = (linkedAccounts != null) ? List.copyOf(linkedAccounts) : List.of();
	}

	static ManagerAccountView of(ManagerAccount account) {
		return new ManagerAccountView(account.managerAccountId(), account.managerAccountName(),
				account.linkedAccounts().stream().map(LinkedAdsAccountView::of).toList());
	}

	/** Whether any country of an ads account (by entity or profile id) is linked here. */
	boolean links(List<String> entityIds, List<String> profileIds) {
		return this.linkedAccounts.stream()
			.anyMatch((linked) -> entityIds.contains(linked.accountId())
					|| (linked.profileId() != null && profileIds.contains(linked.profileId())));
	}

	/** The schema's {@code LinkedAdsAccount}: one country of a linked account. */
	record LinkedAdsAccountView(String accountId, String name, String type, String countryCode, String marketplaceId,
			String profileId, String dspAdvertiserId) {

		static LinkedAdsAccountView of(ManagerAccount.LinkedAccount linked) {
			String country = (linked.marketplaceId() != null)
					? Marketplaces.byId(linked.marketplaceId()).map(Marketplaces.Marketplace::countryCode).orElse(null)
					: null;
			String dsp = (linked.dspAdvertiserId() != null && !linked.dspAdvertiserId().isEmpty())
					? linked.dspAdvertiserId() : null;
			return new LinkedAdsAccountView(linked.accountId(), linked.accountName(), linked.accountType(), country,
					linked.marketplaceId(), linked.profileId(), dsp);
		}

	}

}
