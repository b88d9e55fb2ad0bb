package dev.adsgraph.accounts;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

import dev.adsgraph.graphql.GatewayGraphQlTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Advertiser account batches and filters the gateway refuses whole before any upstream
 * call; batches Amazon answers are tested end to end
 * ({@code e2e.AdvertiserAccountsTest}).
 */
@GatewayGraphQlTest
class AdvertiserAccountControllerTest {

	private static final Map<String, Object> ONE = Map.of("businessDetails",
			Map.of("address", Map.of("businessName", "X", "addressLine1", "1 Test Way", "city", "Seattle", "state",
					"WA", "zipCode", "98101", "countryCode", "US")));

	@Autowired
	private GraphQlTester graphQlTester;

	@Test
	void batchesOfNoneOrMoreThanAHundredAreRefusedWhole() {
		for (List<Map<String, Object>> input : List.of(List.<Map<String, Object>>of(),
				Collections.nCopies(AdvertiserAccountController.MAX_BATCH + 1, ONE))) {
			GraphQlTester.Response response = this.graphQlTester.documentName("createAdvertiserAccounts")
				.variable("input", input)
				.execute();
			response.path("createAdvertiserAccounts.userErrors[0].code")
				.entity(String.class)
				.isEqualTo("INVALID_BATCH_SIZE");
			response.path("createAdvertiserAccounts.results").entityList(Object.class).hasSize(0);
		}
	}

	@Test
	void aFilterOfMoreThanAHundredIdsIsABadUserInput() {
		this.graphQlTester.documentName("advertiserAccounts")
			.variable("filter", Map.of("ids", Collections.nCopies(101, "amzn1.x")))
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement()
				.satisfies((error) -> assertThat(error.getExtensions()).containsEntry("code", "BAD_USER_INPUT")));
	}

}
