package dev.adsgraph.e2e;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A field whose upstream call fails is null with its error, and only it: its siblings, at
 * the root and in every item of a list, still answer (the schema makes every field that
 * calls Amazon nullable where its failure must not erase its siblings). Profiles are not
 * cached and the circuit breakers are off here, so every query calls Amazon for them and
 * a fault shows at once and ends with the test.
 */
@TestPropertySource(
		properties = { "adsgraph.cache.profiles.ttl=0s", "adsgraph.upstream.resilience.circuit-breaker.enabled=false",
				"adsgraph.upstream.resilience.retry.max-attempts=1" })
class PartialResultsTest extends SandboxGatewayTest {

	@AfterEach
	void calm() {
		this.client.clearSandboxFaults();
	}

	@Test
	void withTheProfileListDownTheFieldsThatNeedItAreNullAndTheirSiblingsStay() {
		this.client.sandboxFaults("""
				{"rules": [{"upstream": "ads", "operation": "listProfiles", "unavailable": 1.0}]}""");

		Map<String, Object> answer = this.client.graphql("""
				{ profiles { id }
				  adsAccounts { nodes { id alternateIds { profileId } profiles { id } } }
				  sellingAccounts { sellingAccountLinkToken } }""");

		assertThat((Object) at(answer, "data.profiles")).isNull();
		assertThat((List<?>) at(answer, "data.sellingAccounts")).isNotEmpty();
		List<Map<String, Object>> accounts = at(answer, "data.adsAccounts.nodes");
		assertThat(accounts).isNotEmpty().allSatisfy((account) -> assertThat((String) account.get("id")).isNotBlank());
		List<Map<String, Object>> withProfiles = accounts.stream()
			.filter((account) -> ((List<Map<String, Object>>) account.get("alternateIds")).stream()
				.anyMatch((id) -> id.get("profileId") != null))
			.toList();
		assertThat(withProfiles).isNotEmpty()
			.allSatisfy((account) -> assertThat(account).containsEntry("profiles", null));
		List<Map<String, Object>> errors = errors(answer);
		assertThat(errors).isNotEmpty().allSatisfy((error) -> {
			assertThat((String) at(error, "extensions.code")).isEqualTo("UPSTREAM_UNAVAILABLE");
			assertThat((String) at(error, "extensions.upstream")).isEqualTo("ads");
			List<?> path = (List<?>) error.get("path");
			assertThat(path.get(path.size() - 1)).isEqualTo("profiles");
		});
		assertThat(errors).filteredOn((error) -> List.of("profiles").equals(error.get("path"))).hasSize(1);
	}

	/**
	 * Mutations run one after the other: the second one's refused key nulls its payload
	 * only, and the first one's token, which exists at Amazon now, is in the answer.
	 */
	@Test
	void aRefusedMutationLeavesThePayloadOfTheOneThatRanBeforeIt() {
		Map<String, Object> answer = this.client.graphql("""
				mutation {
				  created: createTermsToken { termsToken { token status } userErrors { code } }
				  refused: createTermsToken(idempotencyKey: "no spaces please") { termsToken { token } }
				}""");

		assertThat((String) at(answer, "data.created.termsToken.token")).isNotBlank();
		assertThat((Object) at(answer, "data.created.termsToken.status")).isEqualTo("CREATED");
		assertThat((Object) at(answer, "data.refused")).isNull();
		assertThat(errors(answer)).singleElement().satisfies((error) -> {
			assertThat((Object) at(error, "extensions.code")).isEqualTo("BAD_USER_INPUT");
			assertThat((Object) at(error, "extensions.argument")).isEqualTo("idempotencyKey");
			assertThat(error.get("path")).isEqualTo(List.of("refused"));
		});
	}

	@Test
	void withTheProfileListBackTheSameQueryAnswersInFull() {
		Map<String, Object> answer = this.client.graphql("""
				{ profiles { id }
				  adsAccounts { nodes { id profiles { id } } }
				  sellingAccounts { sellingAccountLinkToken } }""");

		assertNoErrors(answer);
		assertThat((List<?>) at(answer, "data.profiles")).isNotEmpty();
	}

}
