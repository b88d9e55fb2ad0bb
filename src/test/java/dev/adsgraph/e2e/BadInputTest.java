package dev.adsgraph.e2e;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wrong input of every kind a caller can send gets a 4xx or a GraphQL error that says
 * what is wrong, never a 5xx, a stack trace or an internal exception message; the gateway
 * answers normally afterwards.
 */
class BadInputTest extends SandboxGatewayTest {

	static Stream<String> badBodies() {
		return Stream.of("{", "not json at all", "[]", "{\"query\": 42}", "{\"query\": \"\"}", "{\"query\": \"{\"}",
				"{\"query\": \"{ nope }\"}", "{\"query\": \"{ profiles { nope } }\"}",
				"{\"query\": \"{ profile(id: 12) { id } }\"}", "{\"query\": \"{ profile { id } }\"}",
				"{\"query\": \"{ profile(id: \\\"1\\\u0000\\\") { id } }\"}",
				"{\"query\": \"query($f: Int) { adsAccounts(first: $f) { nodes { id } } }\", \"variables\": {\"f\": \"ten\"}}",
				"{\"query\": \"{ adsAccounts(first: 2147483648) { nodes { id } } }\"}",
				"{\"query\": \"{ adsAccounts(after: \\\"\\\") { nodes { id } } }\"}",
				"{\"query\": \"{ advertiserAccounts(filter: {ids: []}) { nodes { id } } }\"}",
				"{\"query\": \"{ termsToken(token: \\\"\\\") { status } }\"}",
				"{\"query\": \"{ adsAccount(id: \\\"\\\") { id } }\"}",
				"{\"query\": \"mutation { createTermsToken(input: {termsType: NOPE}) { userErrors { code } } }\"}",
				"{\"query\": \"mutation { registerAdsAccount(input: {association: {}}) { userErrors { code } } }\"}",
				"{\"query\": \"mutation { registerAdsAccount(input: {association: {amazonAuthor: {email: \\\"not-an-email\\\"}}}) { userErrors { code } } }\"}",
				"{\"query\": \"mutation { registerAdsAccount(input: {association: {amazonSeller: {sellerCentralAccount: \\\"<b>\\\"}}}) { userErrors { code } } }\"}",
				"{\"query\": \"mutation { registerAdsAccount(input: {countryCode: ZZ, association: {amazonVendor: {vendorGroup: \\\"1\\\"}}}) { userErrors { code } } }\"}",
				"{\"query\": \"mutation { registerAdsAccount(input: {accountName: \\\"\\\", association: {amazonVendor: {vendorGroup: \\\"4815162\\\"}}}) { userErrors { code } } }\"}",
				"{\"query\": \"mutation { updateAdvertiserAccounts(input: [{id: \\\"bad id\\\"}]) { results { errors { code } } } }\"}",
				"{\"query\": \"mutation { createTermsToken(idempotencyKey: \\\"\\\") { userErrors { code } } }\"}",
				"{\"query\": \"mutation { createTermsToken(idempotencyKey: \\\"no spaces please\\\") { userErrors { code } } }\"}",
				"{\"query\": \"mutation { createTermsToken(idempotencyKey: 42) { userErrors { code } } }\"}",
				"{\"query\": \"mutation { createAdvertiserAccounts(input: [{businessDetails: {address: {businessName: \\\"\\\", addressLine1: \\\"\\\", city: \\\"\\\", countryCode: \\\"US\\\"}}}]) { failed } }\"}",
				"{\"query\": \"mutation { createAdvertiserAccounts(input: [{currencyCode: \\\"XXX1\\\", businessDetails: {addressToken: \\\"x\\\"}}]) { failed } }\"}",
				"{\"query\": \"{ sellingAccounts(filter: {sellingProgram: AMAZON_SHOP}) { displayName } }\"}",
				"{\"query\": \"{ profiles(filter: {regions: [XX]}) { id } }\"}");
	}

	@ParameterizedTest
	@MethodSource("badBodies")
	void isAnsweredWithAClearErrorAndNever5xx(String body) {
		GatewayClient.Raw raw = this.client.post("/graphql", GatewayClient.DEMO_KEY, body);
		assertThat(raw.status()).as("status for %s: %s", body, raw.body()).isBetween(200, 499);
		assertThat(raw.body()).as("body for %s", body)
			.doesNotContain("Exception", "java.", "at dev.adsgraph", "INTERNAL", "NullPointer");
		if (raw.status() == 200) {
			assertThat(raw.body()).as("body for %s", body)
				.containsAnyOf("\"errors\"", "\"userErrors\":[{", "\"failed\":1", "\"errors\":[{");
		}
		assertThat(this.client.graphql("{ profiles { id } }").get("errors")).isNull();
	}

}
