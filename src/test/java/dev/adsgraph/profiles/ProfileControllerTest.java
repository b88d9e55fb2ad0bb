package dev.adsgraph.profiles;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

import dev.adsgraph.graphql.GatewayGraphQlTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The profile fields' arguments, judged before any upstream call; the profiles themselves
 * are tested end to end ({@code e2e.ProfilesTest}).
 */
@GatewayGraphQlTest
class ProfileControllerTest {

	@Autowired
	private GraphQlTester graphQlTester;

	@Test
	void aMalformedProfileIdIsABadUserInputNamingTheArgument() {
		for (String id : List.of("abc", "-5", "0", "99999999999999999999999", "12 34")) {
			this.graphQlTester.documentName("profileById")
				.variable("id", id)
				.execute()
				.errors()
				.satisfy((errors) -> assertThat(errors).singleElement().satisfies((error) -> {
					assertThat(error.getExtensions()).as(id).containsEntry("code", "BAD_USER_INPUT");
					assertThat(error.getMessage()).startsWith("id must be a profile id");
					assertThat(error.getPath()).isEqualTo("profile");
				}))
				.path("profile")
				.valueIsNull();
		}
	}

	@Test
	void anUnknownCountryCodeIsARequestErrorThatSaysWhatIsExpected() {
		this.graphQlTester.documentName("profilesByFilter")
			.variable("filter", Map.of("countryCodes", List.of("XX")))
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement()
				.satisfies((error) -> assertThat(error.getMessage())
					.contains("Expected an ISO 3166-1 alpha-2 country code")
					.doesNotContain("java", "enum")))
			.path("profiles")
			.pathDoesNotExist();
	}

	@Test
	void anEmptyMarketplaceIdInTheFilterIsABadUserInput() {
		this.graphQlTester.documentName("profilesByFilter")
			.variable("filter", Map.of("marketplaceIds", List.of("ATVPDKIKX0DER", " ")))
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement().satisfies((error) -> {
				assertThat(error.getExtensions()).containsEntry("code", "BAD_USER_INPUT");
				assertThat(error.getMessage()).isEqualTo("filter.marketplaceIds must not contain an empty id.");
			}));
	}

}
