package dev.adsgraph.accounts;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

import dev.adsgraph.graphql.GatewayGraphQlTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ads account fields' arguments, judged before any upstream call; the accounts
 * themselves are tested end to end ({@code e2e.AdsAccountsTest}).
 */
@GatewayGraphQlTest
class AdsAccountControllerTest {

	@Autowired
	private GraphQlTester graphQlTester;

	@Test
	void aMalformedAccountIdIsABadUserInput() {
		this.graphQlTester.documentName("adsAccountById")
			.variable("id", "../etc/passwd")
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement().satisfies((error) -> {
				assertThat(error.getExtensions()).containsEntry("code", "BAD_USER_INPUT");
				assertThat(error.getMessage()).contains("id must be an account id");
			}))
			.path("adsAccount")
			.valueIsNull();
	}

	@Test
	void pageSizesOutsideOneToHundredAndForgedCursorsAreBadUserInput() {
		for (Map<String, Object> variables : List.<Map<String, Object>>of(Map.of("first", 0), Map.of("first", 101),
				Map.of("first", -3), Map.of("first", 10, "after", "bm90LWEtY3Vyc29y"),
				Map.of("first", 10, "after", "%%%"))) {
			this.graphQlTester.documentName("adsAccountsPage")
				.variables(variables)
				.execute()
				.errors()
				.satisfy((errors) -> assertThat(errors).as("variables %s", variables)
					.singleElement()
					.satisfies((error) -> assertThat(error.getExtensions()).containsEntry("code", "BAD_USER_INPUT")));
		}
	}

}
