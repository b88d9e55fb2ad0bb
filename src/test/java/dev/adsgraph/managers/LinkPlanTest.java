package dev.adsgraph.managers;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.adsgraph.upstream.ads.ManagerAccount;
import dev.adsgraph.upstream.ads.ManagerAccount.AccountToUpdate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * From inputs (ads accounts) to Amazon's items (their countries' entity ids) and back to
 * a result per input at its index.
 */
class LinkPlanTest {

	private static final LinkPlan.Input NORTHWIND = LinkPlan.Input.found(0, "amzn1.ads-account.g.north", "Northwind",
			List.of("ENTITYUS", "ENTITYCA"));

	private static final LinkPlan.Input HARBOR = LinkPlan.Input.found(1, "amzn1.ads-account.g.harbor", "Blue Harbor",
			List.of("ENTITYUK"));

	private static final LinkPlan.Input UNKNOWN = LinkPlan.Input.refused(2, "amzn1.ads-account.g.none",
			ManagerError.of("UNKNOWN_ADS_ACCOUNT", "unknown", "accounts", "2"));

	@Test
	void itemsAreTheDistinctEntityIdsOfTheInputsThatCanBeSent() {
		LinkPlan plan = LinkPlan.of(true, List.of(NORTHWIND, HARBOR, UNKNOWN,
				LinkPlan.Input.found(3, "amzn1.ads-account.g.north", "Northwind", List.of("ENTITYUS", "ENTITYCA"))));
		assertThat(plan.items()).containsExactly("ENTITYUS", "ENTITYCA", "ENTITYUK");
		assertThat(plan.tooManyItems()).isNull();
	}

	@Test
	void anInputIsDoneOnlyWhenEveryOneOfItsCountriesSucceeded() {
		LinkPlan plan = LinkPlan.of(true, List.of(NORTHWIND, HARBOR, UNKNOWN));
		List<LinkPlan.Result> results = plan.results(new ManagerAccount.UpdateResult(
				List.of(AccountToUpdate.accountId("ENTITYUS"), AccountToUpdate.accountId("ENTITYCA")),
				List.of(new ManagerAccount.Failure(AccountToUpdate.accountId("ENTITYUK"),
						new ManagerAccount.ErrorDetail("FORBIDDEN", "not an admin")))));
		assertThat(results).extracting(LinkPlan.Result::index).containsExactly(0, 1, 2);
		assertThat(results).extracting(LinkPlan.Result::done).containsExactly(true, false, false);
		assertThat(results.get(0).userErrors()).isEmpty();
		ManagerError notAdmin = results.get(1).userErrors().get(0);
		assertThat(notAdmin.code()).isEqualTo("NOT_ADMIN");
		assertThat(notAdmin.message()).contains("Admin", "Blue Harbor", "not an admin");
		assertThat(notAdmin.field()).containsExactly("accounts", "1");
		assertThat(results.get(2).userErrors()).extracting(ManagerError::code).containsExactly("UNKNOWN_ADS_ACCOUNT");
	}

	@Test
	void aCountryAmazonNeitherConfirmsNorRefusesIsNotDone() {
		LinkPlan plan = LinkPlan.of(false, List.of(NORTHWIND));
		List<LinkPlan.Result> results = plan
			.results(new ManagerAccount.UpdateResult(List.of(AccountToUpdate.accountId("ENTITYUS")), List.of()));
		assertThat(results.get(0).done()).isFalse();
		assertThat(results.get(0).userErrors()).extracting(ManagerError::code).containsExactly("NOT_CONFIRMED");
	}

	@Test
	void forbiddenWhileUnlinkingKeepsAmazonsCode() {
		LinkPlan plan = LinkPlan.of(false, List.of(HARBOR));
		List<LinkPlan.Result> results = plan.results(new ManagerAccount.UpdateResult(List.of(),
				List.of(new ManagerAccount.Failure(AccountToUpdate.accountId("ENTITYUK"),
						new ManagerAccount.ErrorDetail("FORBIDDEN", null)))));
		assertThat(results.get(0).userErrors()).extracting(ManagerError::code).containsExactly("FORBIDDEN");
	}

	@Test
	void moreThanTwentyCountriesRefuseTheWholeRequest() {
		List<String> entities = new java.util.ArrayList<>();
		for (int i = 0; i < 21; i++) {
			entities.add("ENTITY" + i);
		}
		LinkPlan plan = LinkPlan.of(true, List.of(LinkPlan.Input.found(0, "amzn1.ads-account.g.big", "Big", entities)));
		assertThat(plan.tooManyItems().code()).isEqualTo("TOO_MANY_ACCOUNTS");
		assertThat(plan.tooManyItems().message()).contains("21", "20");
		LinkPlan twenty = LinkPlan.of(true,
				List.of(LinkPlan.Input.found(0, "amzn1.ads-account.g.big", "Big", entities.subList(0, 20))));
		assertThat(twenty.tooManyItems()).isNull();
	}

	@Test
	void nothingSentMeansEveryRefusedInputKeepsItsErrorAndNoneIsDone() {
		assertThat(LinkPlan.of(true, List.of(UNKNOWN)).unsent()).singleElement()
			.satisfies((result) -> assertThat(result.userErrors()).hasSize(1));
		assertThat(LinkPlan.of(true, Collections.emptyList()).items()).isEmpty();
	}

	@Test
	void regionsMergeByManagerAccountWithTheirLinkedAccountsInOrder() {
		ManagerAccount na = new ManagerAccount("ma1", "Group",
				List.of(new ManagerAccount.LinkedAccount("ENTITYUS", "N", "SELLER", null, "ATVPDKIKX0DER", "1")));
		ManagerAccount eu = new ManagerAccount("ma1", "Group",
				List.of(new ManagerAccount.LinkedAccount("ENTITYUK", "H", "SELLER", "", "A1F83G8C2ARO7P", "2")));
		ManagerAccount other = new ManagerAccount("ma2", "Other", null);
		List<ManagerAccountView> merged = ManagerAccountService.merge(List.of(List.of(na, other), List.of(eu)));
		assertThat(merged).extracting(ManagerAccountView::id).containsExactly("ma1", "ma2");
		assertThat(merged.get(0).linkedAccounts()).extracting(ManagerAccountView.LinkedAdsAccountView::countryCode)
			.containsExactly("US", "GB");
		assertThat(merged.get(0).linkedAccounts().get(1).dspAdvertiserId()).isNull();
		assertThat(merged.get(0).links(List.of("ENTITYUK"), List.of())).isTrue();
		assertThat(merged.get(0).links(List.of(), List.of("1"))).isTrue();
		assertThat(merged.get(1).links(List.of("ENTITYUS"), List.of("1"))).isFalse();
	}

}
