package dev.adsgraph.e2e;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;

class ProfilesTest extends SandboxGatewayTest {

	private static final String PROFILES = """
			query($filter: ProfileFilter) {
			  profiles(filter: $filter) {
			    id region countryCode currencyCode timezone marketplaceId dailyBudget
			    accountInfo { accountId type name subType validPaymentMethod }
			  }
			}""";

	@Test
	void profilesOfEveryRegionComeWithIsoCountriesAndInt64Ids() {
		Map<String, Object> answer = this.client.graphql(PROFILES);
		assertNoErrors(answer);
		List<Map<String, Object>> profiles = at(answer, "data.profiles");
		assertThat(profiles).extracting((p) -> p.get("region")).contains("NA", "EU", "FE");
		assertThat(profiles).extracting((p) -> p.get("countryCode"))
			.contains("US", "GB", "DE", "JP")
			.doesNotContain("UK");
		assertThat(profiles).allSatisfy((p) -> {
			assertThat(p.get("id")).isInstanceOf(String.class);
			assertThat(Long.parseLong((String) p.get("id"))).isGreaterThan(Integer.MAX_VALUE);
		});
		Map<String, Object> gb = profiles.stream().filter((p) -> "GB".equals(p.get("countryCode"))).findFirst().get();
		assertThat(gb).containsEntry("currencyCode", "GBP")
			.containsEntry("timezone", "Europe/London")
			.containsEntry("marketplaceId", "A1F83G8C2ARO7P")
			.containsEntry("region", "EU");
	}

	@Test
	void dailyBudgetsAreExactDecimalStrings() {
		Map<String, Object> answer = this.client.graphql(PROFILES);
		assertNoErrors(answer);
		List<Map<String, Object>> profiles = at(answer, "data.profiles");
		List<Object> budgets = profiles.stream()
			.map((p) -> p.get("dailyBudget"))
			.filter((budget) -> budget != null)
			.toList();
		// The sandbox's budgets are whole numbers sent as JSON numbers (500.0,
		// 9.99999999E8):
		// answered as Amazon's digits, never with an exponent.
		assertThat(budgets).isNotEmpty().allSatisfy((budget) -> assertThat(budget).isInstanceOf(String.class));
		assertThat(budgets).allSatisfy((budget) -> assertThat((String) budget).matches("-?[0-9]+(\\.[0-9]+)?"));
		assertThat(budgets).contains("500.0");
	}

	@Test
	void filtersNarrowByTypeRegionAndCountry() {
		Map<String, Object> vendorsInEu = this.client.graphql(PROFILES,
				Map.of("filter", Map.of("types", List.of("VENDOR"), "regions", List.of("EU"))));
		assertNoErrors(vendorsInEu);
		List<Map<String, Object>> profiles = at(vendorsInEu, "data.profiles");
		assertThat(profiles).isNotEmpty().allSatisfy((p) -> {
			assertThat(p.get("region")).isEqualTo("EU");
			assertThat((Object) at(p, "accountInfo.type")).isEqualTo("VENDOR");
			assertThat((Object) at(p, "accountInfo.validPaymentMethod")).isNotNull();
		});
		Map<String, Object> japan = this.client.graphql(PROFILES,
				Map.of("filter", Map.of("countryCodes", List.of("JP"))));
		List<Map<String, Object>> jp = at(japan, "data.profiles");
		assertThat(jp).isNotEmpty().allSatisfy((p) -> assertThat(p).containsEntry("currencyCode", "JPY"));
	}

	@Test
	void oneProfileById() {
		Map<String, Object> all = this.client.graphql(PROFILES);
		Map<String, Object> some = at(all, "data.profiles.0");
		Map<String, Object> answer = this.client.graphql("query($id: ID!) { profile(id: $id) { id countryCode } }",
				Map.of("id", some.get("id")));
		assertNoErrors(answer);
		assertThat((Object) at(answer, "data.profile.id")).isEqualTo(some.get("id"));
	}

	@Test
	void anUnknownProfileIsNullWithNotFound() {
		Map<String, Object> answer = this.client.graphql("{ profile(id: \"9999999999999\") { id } }");
		assertThat((Object) at(answer, "data.profile")).isNull();
		assertThat(errorCode(answer)).isEqualTo("NOT_FOUND");
	}

	@Test
	void amazonsUkIsAcceptedAsGb() {
		Map<String, Object> answer = this.client.graphql(PROFILES,
				Map.of("filter", Map.of("countryCodes", List.of("UK"))));
		assertNoErrors(answer);
		List<Map<String, Object>> gb = at(answer, "data.profiles");
		assertThat(gb).isNotEmpty().allSatisfy((p) -> assertThat(p).containsEntry("countryCode", "GB"));
	}

}
