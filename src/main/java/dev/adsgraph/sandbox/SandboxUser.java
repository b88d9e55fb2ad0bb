package dev.adsgraph.sandbox;

import java.util.List;
import java.util.Optional;

/**
 * An Amazon user who granted an LWA client access: the selling partners they have rights
 * on, the manager accounts they belong to, and profiles that are not part of a
 * sponsored-ads account (DSP agency profiles).
 */
record SandboxUser(String id, List<SellingPartner> partners, List<String> managerAccountIds,
		List<ProfileEntry> standaloneProfiles) {

	SandboxUser {
		partners = List.copyOf(partners);
		managerAccountIds = List.copyOf(managerAccountIds);
		standaloneProfiles = List.copyOf(standaloneProfiles);
	}

	Optional<SellingPartner> partner(SellingProgram program, String partnerId) {
		return this.partners.stream().filter((p) -> p.matches(program, partnerId)).findFirst();
	}

	Optional<SellingPartner> partnerByLinkToken(String sellingAccountLinkToken) {
		return this.partners.stream()
			.filter((p) -> p.sellingAccountLinkToken().equals(sellingAccountLinkToken))
			.findFirst();
	}

	Optional<PostalAddress> addressByToken(String addressToken) {
		return this.partners.stream()
			.map(SellingPartner::address)
			.filter((a) -> addressToken.equals(a.addressToken()))
			.findFirst();
	}

}
