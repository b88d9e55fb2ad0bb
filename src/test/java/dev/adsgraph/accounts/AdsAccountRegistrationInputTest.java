package dev.adsgraph.accounts;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

import dev.adsgraph.graphql.GatewayGraphQlTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registration input the gateway refuses itself, by the schema or as user errors, before
 * Amazon is called (the slice's upstream is a closed port); registrations that reach
 * Amazon are tested end to end ({@code e2e.RegistrationTest}).
 */
@GatewayGraphQlTest
class AdsAccountRegistrationInputTest {

	@Autowired
	private GraphQlTester graphQlTester;

	private GraphQlTester.Response register(Map<String, Object> input) {
		return this.graphQlTester.documentName("registerAdsAccount").variable("input", input).execute();
	}

	@Test
	void aBusinessOutsideTheUsIsRefusedBeforeAmazonIsCalled() {
		GraphQlTester.Response response = register(Map.of("association",
				Map.of("business",
						Map.of("name", "Brandt GmbH", "phone", "+49 30 1234567", "addressLine1", "Hauptstr. 1", "city",
								"Berlin", "zipCode", "10115", "countryCode", "DE", "websiteUrl",
								"https://www.brandt.example"))));
		response.path("registerAdsAccount.adsAccount").valueIsNull();
		response.path("registerAdsAccount.userErrors[*].code")
			.entityList(String.class)
			.containsExactly("BUSINESS_COUNTRY_NOT_SUPPORTED");
		response.path("registerAdsAccount.userErrors[0].field")
			.entityList(String.class)
			.containsExactly("input", "association", "business", "countryCode");
	}

	@Test
	void aBusinessOnAFreeMailDomainIsRefused() {
		register(Map.of("association", Map.of("business",
				Map.of("name", "Joe's Bikes", "phone", "+1 775 555 0100", "addressLine1", "1 Main St", "city", "Reno",
						"zipCode", "89501", "countryCode", "US", "websiteUrl", "https://joesbikes.gmail.com"))))
			.path("registerAdsAccount.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("UNPROFESSIONAL_DOMAIN");
	}

	@Test
	void anAuthorWithAMalformedEmailIsRefused() {
		GraphQlTester.Response response = register(
				Map.of("association", Map.of("amazonAuthor", Map.of("email", "not-an-address"))));
		response.path("registerAdsAccount.userErrors[0].code").entity(String.class).isEqualTo("INVALID_EMAIL");
		response.path("registerAdsAccount.userErrors[0].field")
			.entityList(String.class)
			.containsExactly("input", "association", "amazonAuthor", "email");
	}

	@Test
	void twoAssociationsAtOnceAreRefusedByTheSchema() {
		register(Map.of("association",
				Map.of("amazonSeller", Map.of("sellerCentralAccount", "A17CEDARLN4PTS"), "amazonVendor",
						Map.of("vendorGroup", "4815162"))))
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement()
				.satisfies((error) -> assertThat(error.getMessage()).contains("Exactly one key")))
			.path("registerAdsAccount")
			.pathDoesNotExist();
	}

	@Test
	void aBusinessWithoutAPhoneIsRefusedByTheSchema() {
		register(Map.of("association",
				Map.of("business",
						Map.of("name", "X", "addressLine1", "1 A St", "city", "Reno", "zipCode", "89501", "countryCode",
								"US"))))
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement()
				.satisfies((error) -> assertThat(error.getMessage()).contains("phone")))
			.path("registerAdsAccount")
			.pathDoesNotExist();
	}

	@Test
	void aMalformedTermsTokenIsABadUserInput() {
		this.graphQlTester.documentName("termsTokenStatus")
			.variable("t", "<script>")
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement()
				.satisfies((error) -> assertThat(error.getExtensions()).containsEntry("code", "BAD_USER_INPUT")))
			.path("termsToken")
			.valueIsNull();
	}

}
