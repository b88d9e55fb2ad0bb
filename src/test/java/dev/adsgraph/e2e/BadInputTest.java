package dev.adsgraph.e2e;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies that are not a GraphQL request, and requests the schema refuses, get a 4xx or a
 * GraphQL error that says what is wrong, never a 5xx, a stack trace or an internal
 * exception message; the gateway answers normally afterwards. Wrong GraphQL input of
 * every kind is judged on the schema in {@code graphql.BadInputSliceTest}.
 */
class BadInputTest extends SandboxGatewayTest {

	static Stream<String> badBodies() {
		return Stream.of("{", "not json at all", "[]", "{\"query\": 42}", "{\"query\": \"\"}",
				// a valid id that names no profile: the answer comes from upstream
				"{\"query\": \"{ profile(id: 12) { id } }\"}");
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

	@Test
	void aRequestTheSchemaRefusesIsA400ThatSaysWhatIsExpected() {
		GatewayClient.Raw raw = this.client.post("/graphql", GatewayClient.DEMO_KEY,
				"{\"query\":\"{ profiles(filter: {countryCodes: [\\\"XX\\\"]}) { id } }\"}");
		assertThat(raw.status()).isEqualTo(400);
		assertThat((String) GatewayClient.at(GatewayClient.parse(raw.body()), "errors.0.message"))
			.contains("Expected an ISO 3166-1 alpha-2 country code")
			.doesNotContain("java", "enum");
	}

}
