package dev.adsgraph.e2e;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;

class AdsAccountsTest extends SandboxGatewayTest {

	private static final String PAGE = """
			query($first: Int, $after: String) {
			  adsAccounts(first: $first, after: $after) {
			    edges { cursor node { id } }
			    nodes { id name status countryCodes alternateIds { countryCode profileId entityId }
			            profiles { id countryCode } }
			    pageInfo { hasNextPage endCursor }
			  }
			}""";

	@Test
	void walkingThePagesVisitsEveryAccountOnce() {
		List<String> ids = new ArrayList<>();
		String after = null;
		boolean more = true;
		int pages = 0;
		while (more) {
			Map<String, Object> variables = new java.util.HashMap<>();
			variables.put("first", 25);
			variables.put("after", after);
			Map<String, Object> answer = this.client.graphql(PAGE, variables);
			assertNoErrors(answer);
			List<Map<String, Object>> nodes = at(answer, "data.adsAccounts.nodes");
			nodes.forEach((n) -> ids.add((String) n.get("id")));
			more = at(answer, "data.adsAccounts.pageInfo.hasNextPage");
			after = at(answer, "data.adsAccounts.pageInfo.endCursor");
			pages++;
		}
		assertThat(pages).isGreaterThanOrEqualTo(3);
		assertThat(ids).hasSizeGreaterThanOrEqualTo(60).doesNotHaveDuplicates();
		assertThat(ids).allSatisfy((id) -> assertThat(id).startsWith("amzn1.ads-account.g."));
	}

	@Test
	void accountProfilesMatchTheirAlternateIds() {
		Map<String, Object> answer = this.client.graphql(PAGE, Map.of("first", 50));
		assertNoErrors(answer);
		List<Map<String, Object>> nodes = at(answer, "data.adsAccounts.nodes");
		assertThat(nodes).hasSize(50);
		for (Map<String, Object> account : nodes) {
			List<Map<String, Object>> alternateIds = at(account, "alternateIds");
			Set<Object> expected = new HashSet<>();
			alternateIds.stream()
				.filter((a) -> a.get("profileId") != null)
				.forEach((a) -> expected.add(a.get("profileId")));
			List<Map<String, Object>> profiles = at(account, "profiles");
			assertThat(profiles).extracting((p) -> p.get("id")).containsExactlyInAnyOrderElementsOf(expected);
			if ("CREATED".equals(account.get("status"))) {
				assertThat(profiles).as("profiles of %s", account.get("id")).isNotEmpty();
			}
			assertThat(account.get("countryCodes")).asList().doesNotContain("UK");
		}
	}

	@Test
	void oneAccountById() {
		String id = at(this.client.graphql(PAGE, Map.of("first", 1)), "data.adsAccounts.nodes.0.id");
		Map<String, Object> answer = this.client
			.graphql("query($id: ID!) { adsAccount(id: $id) { id status profiles { id } } }", Map.of("id", id));
		assertNoErrors(answer);
		assertThat((Object) at(answer, "data.adsAccount.id")).isEqualTo(id);
	}

	@Test
	void anUnknownAccountIsNullWithNotFound() {
		Map<String, Object> answer = this.client
			.graphql("{ adsAccount(id: \"amzn1.ads-account.g.doesnotexist\") { id } }");
		assertThat((Object) at(answer, "data.adsAccount")).isNull();
		assertThat(errorCode(answer)).isEqualTo("NOT_FOUND");
	}

}
