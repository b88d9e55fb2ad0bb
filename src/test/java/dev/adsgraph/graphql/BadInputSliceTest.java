package dev.adsgraph.graphql;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wrong GraphQL input of every kind (syntax, unknown fields, wrong argument types,
 * invalid ids, cursors, enums, emails and keys) gets an error or a user error that says
 * what is wrong, decided before any upstream call, never an internal error. Bodies that
 * are not GraphQL requests at all are tested over HTTP ({@code e2e.BadInputTest}).
 */
@GatewayGraphQlTest
class BadInputSliceTest {

	@Autowired
	private GraphQlTester graphQlTester;

	static Stream<Arguments> badDocuments() {
		return Stream.of(Arguments.of("{", Map.of()), Arguments.of("{ nope }", Map.of()),
				Arguments.of("{ profiles { nope } }", Map.of()), Arguments.of("{ profile { id } }", Map.of()),
				Arguments.of("{ profile(id: \"1\u0000\") { id } }", Map.of()),
				Arguments.of("query($f: Int) { adsAccounts(first: $f) { nodes { id } } }", Map.of("f", "ten")),
				Arguments.of("{ adsAccounts(first: 2147483648) { nodes { id } } }", Map.of()),
				Arguments.of("{ adsAccounts(after: \"\") { nodes { id } } }", Map.of()),
				Arguments.of("{ advertiserAccounts(filter: {ids: []}) { nodes { id } } }", Map.of()),
				Arguments.of("{ termsToken(token: \"\") { status } }", Map.of()),
				Arguments.of("{ adsAccount(id: \"\") { id } }", Map.of()),
				Arguments.of("mutation { createTermsToken(input: {termsType: NOPE}) { userErrors { code } } }",
						Map.of()),
				Arguments.of("mutation { registerAdsAccount(input: {association: {}}) { userErrors { code } } }",
						Map.of()),
				Arguments.of(
						"mutation { registerAdsAccount(input: {association: {amazonAuthor: {email: \"not-an-email\"}}}) { userErrors { code } } }",
						Map.of()),
				Arguments.of(
						"mutation { registerAdsAccount(input: {association: {amazonSeller: {sellerCentralAccount: \"<b>\"}}}) { userErrors { code } } }",
						Map.of()),
				Arguments.of(
						"mutation { registerAdsAccount(input: {countryCode: ZZ, association: {amazonVendor: {vendorGroup: \"1\"}}}) { userErrors { code } } }",
						Map.of()),
				Arguments.of(
						"mutation { registerAdsAccount(input: {accountName: \"\", association: {amazonVendor: {vendorGroup: \"4815162\"}}}) { userErrors { code } } }",
						Map.of()),
				Arguments.of(
						"mutation { updateAdvertiserAccounts(input: [{id: \"bad id\"}]) { results { errors { code } } } }",
						Map.of()),
				Arguments.of("mutation { createTermsToken(idempotencyKey: \"\") { userErrors { code } } }", Map.of()),
				Arguments.of(
						"mutation { createTermsToken(idempotencyKey: \"no spaces please\") { userErrors { code } } }",
						Map.of()),
				Arguments.of("mutation { createTermsToken(idempotencyKey: 42) { userErrors { code } } }", Map.of()),
				Arguments.of(
						"mutation { createAdvertiserAccounts(input: [{businessDetails: {address: {businessName: \"\", addressLine1: \"\", city: \"\", countryCode: \"US\"}}}]) { failed } }",
						Map.of()),
				Arguments.of(
						"mutation { createAdvertiserAccounts(input: [{currencyCode: \"XXX1\", businessDetails: {addressToken: \"x\"}}]) { failed } }",
						Map.of()),
				Arguments.of("{ sellingAccounts(filter: {sellingProgram: AMAZON_SHOP}) { displayName } }", Map.of()),
				Arguments.of("{ profiles(filter: {regions: [XX]}) { id } }", Map.of()));
	}

	@ParameterizedTest
	@MethodSource("badDocuments")
	void isAnsweredWithAnErrorThatSaysWhatIsWrong(String document, Map<String, Object> variables) {
		GraphQlTester.Response response = this.graphQlTester.document(document).variables(variables).execute();
		List<ResponseError> errors = new java.util.ArrayList<>();
		response.errors().satisfy(errors::addAll);
		assertThat(errors).allSatisfy((error) -> {
			assertThat(error.getMessage()).doesNotContain("Exception", "java.", "NullPointer");
			assertThat(String.valueOf(error.getExtensions().get("code"))).as(error.getMessage())
				.isNotEqualTo("INTERNAL")
				.doesNotStartWith("UPSTREAM");
		});
		Object data = response.returnResponse().getData();
		assertThat(!errors.isEmpty() || mentionsAProblem(data)).as("an error or a user error in %s", data).isTrue();
	}

	/** A non-empty {@code userErrors} or {@code errors} list, or {@code failed: 1}. */
	private static boolean mentionsAProblem(Object data) {
		if (data instanceof Map<?, ?> map) {
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				boolean problems = ("userErrors".equals(entry.getKey()) || "errors".equals(entry.getKey()))
						&& entry.getValue() instanceof List<?> list && !list.isEmpty();
				boolean failed = "failed".equals(entry.getKey()) && entry.getValue() instanceof Number n
						&& n.intValue() == 1;
				if (problems || failed || mentionsAProblem(entry.getValue())) {
					return true;
				}
			}
		}
		else if (data instanceof List<?> list) {
			return list.stream().anyMatch(BadInputSliceTest::mentionsAProblem);
		}
		return false;
	}

}
