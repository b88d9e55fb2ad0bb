package dev.adsgraph.e2e;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code adsgraph.limits.introspection=false}: an application of its own. */
@TestPropertySource(properties = "adsgraph.limits.introspection=false")
class QueryLimitsIntrospectionOffTest extends SandboxGatewayTest {

	@Test
	void introspectionIsRefusedAndQueriesStillWork() {
		GatewayClient.Raw raw = this.client.post("/graphql", GatewayClient.DEMO_KEY,
				"{\"query\":\"{ __schema { queryType { name } } }\"}");
		assertThat(raw.status()).isBetween(200, 499);
		assertThat(raw.body()).doesNotContain("\"queryType\":{").doesNotContain("Exception");
		Map<String, Object> answer = GatewayClient.parse(raw.body());
		assertThat(errors(answer)).isNotEmpty();
		assertThat((Object) at(this.client.graphql("{ __typename }"), "data.__typename")).isEqualTo("Query");
		assertNoErrors(this.client.graphql("{ profiles { id } }"));
	}

}
