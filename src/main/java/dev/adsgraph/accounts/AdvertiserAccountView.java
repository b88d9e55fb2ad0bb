package dev.adsgraph.accounts;

import java.util.List;

import dev.adsgraph.upstream.Countries;
import dev.adsgraph.upstream.ads.AdvertiserAccount;

/**
 * The schema's {@code AdvertiserAccount} and the types under it, with ISO country codes.
 */
record AdvertiserAccountView(String id, String displayName, Status status, String currencyCode, String timeZoneIana,
		String industryVertical, Boolean isGlobalAccount, Boolean isTestAccount, String managerAccountId,
		List<BusinessDetailsView> businessDetails, List<AlternateIdView> alternateIds,
		List<LinkView> sellingAccountLinks) {

	record Status(String code, String message) {
	}

	record BusinessDetailsView(String addressToken, AddressView address, String businessRegistrationNumber,
			String website) {
	}

	record AddressView(String businessName, String addressLine1, String addressLine2, String city, String state,
			String zipCode, String countryCode, String phoneNumber) {
	}

	record AlternateIdView(String countryCode, String region, String profileId, String entityId,
			String dspAdvertiserId) {
	}

	record LinkView(String sellingAccountLinkToken, String sellingProgram, String state, String message) {
	}

	static AdvertiserAccountView of(AdvertiserAccount a) {
		Status status = (a.status() != null) ? new Status(a.status().statusCode(), a.status().statusMessage())
				: new Status("REGISTRATION_IN_PROGRESS", null);
		return new AdvertiserAccountView(a.advertiserAccountId(), a.displayName(), status, a.currencyCode(),
				a.timeZoneIana(), a.industryVertical(), a.isGlobalAccount(), a.isTestAccount(), a.managerAccountId(),
				list(a.businessDetails()).stream().map(AdvertiserAccountView::details).toList(),
				list(a.alternateIds()).stream()
					.map((id) -> new AlternateIdView(Countries.toIso(id.countryCode()), id.region(), id.profileId(),
							id.entityId(), id.dspAdvertiserId()))
					.toList(),
				list(a.sellingAccountLinkRequests()).stream()
					.filter((r) -> r.sellingAccountLinkDetails() != null)
					.map((r) -> link(r.sellingAccountLinkDetails()))
					.toList());
	}

	private static BusinessDetailsView details(AdvertiserAccount.BusinessDetails d) {
		AdvertiserAccount.Address a = d.address();
		AddressView address = (a != null) ? new AddressView(a.businessName(), a.addressLine1(), a.addressLine2(),
				a.city(), a.state(), a.zipCode(), Countries.toIso(a.countryCode()), a.phoneNumber()) : null;
		return new BusinessDetailsView(d.addressToken(), address, d.businessRegistrationNumber(), d.website());
	}

	private static LinkView link(AdvertiserAccount.SellingAccountLinkDetails d) {
		AdvertiserAccount.LinkStatus s = d.linkStatus();
		return new LinkView(d.sellingAccountLinkToken(), d.sellingProgram(), (s != null) ? s.statusCode() : null,
				(s != null) ? s.statusMessage() : null);
	}

	private static <T> List<T> list(List<T> values) {
		return (values != null) ? values : List.of();
	}

}
