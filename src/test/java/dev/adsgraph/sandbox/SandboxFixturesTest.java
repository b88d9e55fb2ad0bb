package dev.adsgraph.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariants the fixtures promise to tests, tools and a future SP-API simulator. */
class SandboxFixturesTest {

	private final Fixtures.World world = Fixtures.load();

	@Test
	void fixturesAreTheSameOnEveryLoad() {
		Fixtures.World again = Fixtures.load();

		assertThat(again.accounts()).isEqualTo(this.world.accounts());
		assertThat(again.users()).isEqualTo(this.world.users());
	}

	@Test
	void profileIdsAreUniqueInt64ValuesAboveTwoToThe31() {
		List<Long> profileIds = new ArrayList<>();
		for (SandboxUser user : this.world.users().values()) {
			user.standaloneProfiles().forEach((profile) -> profileIds.add(profile.profileId()));
		}
		for (Account account : this.world.accounts()) {
			account.markets().forEach((market) -> profileIds.add(market.profileId()));
		}
		assertThat(profileIds).doesNotHaveDuplicates()
			.allSatisfy((id) -> assertThat(id).isGreaterThan(1L << 31).isLessThanOrEqualTo(1L << 53));
	}

	@Test
	void sellerIdsLookLikeMerchantIdsAndEveryPartnerHasAFullAddress() {
		Set<String> linkTokens = new HashSet<>();
		for (SandboxUser user : this.world.users().values()) {
			for (SellingPartner partner : user.partners()) {
				if (partner.program() == SellingProgram.AMAZON_SELLER) {
					assertThat(partner.partnerId()).matches("A[0-9A-Z]{12,13}");
				}
				PostalAddress address = partner.address();
				assertThat(List.of(address.addressToken(), address.addressLine1(), address.businessName(),
						address.city(), address.countryCode(), address.state(), address.zipCode()))
					.doesNotContainNull();
				assertThat(linkTokens.add(partner.sellingAccountLinkToken())).isTrue();
			}
		}
	}

	@Test
	void theDemoUserHasSixtyThreeSettledAccountsAcrossAllRegions() {
		List<Account> demo = this.world.accounts()
			.stream()
			.filter((a) -> a.userId().equals(Fixtures.DEMO_USER))
			.toList();

		assertThat(demo).hasSize(63).allMatch((account) -> account.settled(Instant.EPOCH));
		Set<AdsRegion> regions = new HashSet<>();
		demo.forEach((account) -> account.markets().forEach((market) -> regions.add(market.country().region())));
		assertThat(regions).containsExactlyInAnyOrder(AdsRegion.values());
	}

}
