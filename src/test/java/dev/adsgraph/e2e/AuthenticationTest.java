package dev.adsgraph.e2e;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;

class AuthenticationTest extends SandboxGatewayTest {

	private static final String QUERY = "{\"query\":\"{ profiles { id } }\"}";

	@Test
	void aMissingOrUnknownKeyGetsTheSame401() {
		GatewayClient.Raw missing = this.client.post("/graphql", null, QUERY);
		GatewayClient.Raw unknown = this.client.post("/graphql", "not-a-real-key-000000", QUERY);
		assertThat(missing.status()).isEqualTo(401);
		assertThat(unknown.status()).isEqualTo(401);
		assertThat(unknown.body()).isEqualTo(missing.body());
		assertThat((Object) at(GatewayClient.parse(missing.body()), "errors.0.extensions.code"))
			.isEqualTo("UNAUTHENTICATED");
	}

	@Test
	void eachKeySeesOnlyItsOwnTenantsProfiles() {
		List<Map<String, Object>> demo = at(this.client.graphql("{ profiles { id } }"), "data.profiles");
		Map<String, Object> agencyAnswer = this.client.graphql(GatewayClient.AGENCY_KEY, "{ profiles { id } }",
				Map.of());
		List<Map<String, Object>> agency = at(agencyAnswer, "data.profiles");
		assertThat(agency).isNotEmpty();
		assertThat(agency).extracting((p) -> p.get("id"))
			.doesNotContainAnyElementsOf(demo.stream().map((p) -> p.get("id")).toList());
		Object demoId = demo.get(0).get("id");
		Map<String, Object> crossTenant = this.client.graphql(GatewayClient.AGENCY_KEY,
				"query($id: ID!) { profile(id: $id) { id } }", Map.of("id", demoId));
		assertThat(errorCode(crossTenant)).isEqualTo("NOT_FOUND");
	}

	@Test
	void errorsCarryTheCorrelationIdTheCallerSent() {
		GatewayClient.Raw raw = this.client.post("/graphql", GatewayClient.DEMO_KEY,
				"{\"query\":\"{ profile(id: \\\"abc\\\") { id } }\"}");
		assertThat(raw.status()).isEqualTo(200);
		Map<String, Object> answer = GatewayClient.parse(raw.body());
		assertThat((String) at(answer, "errors.0.extensions.correlationId")).isNotBlank();
		assertThat(raw.headers().get("x-correlation-id"))
			.containsExactly((String) at(answer, "errors.0.extensions.correlationId"));
	}

	@Test
	void crossOriginCallsAreRefusedUnlessTheOriginIsAllowed() {
		// adsgraph.cors.allowed-origins is empty by default: no origin is allowed.
		RawHttp.Response preflight = CorsTest.preflight(this.port, CorsTest.ALLOWED, "x-api-key, content-type");
		assertThat(preflight.status()).isEqualTo(403);
		assertThat(preflight.headers()).doesNotContainKey("access-control-allow-origin");
		RawHttp.Response post = CorsTest.post(this.port, CorsTest.ALLOWED, GatewayClient.DEMO_KEY);
		assertThat(post.status()).isEqualTo(403);
		assertThat(post.headers()).doesNotContainKey("access-control-allow-origin");
	}

	@Test
	void keysAreCheckedOnEverySpellingOfTheEndpointPath() {
		// The router decodes and drops matrix parameters; the key check must see the same
		// path.
		for (String path : new String[] { "/graphql;x=1", "/%67raphql", "/graphql;jsessionid=1" }) {
			GatewayClient.Raw raw = this.client.post(path, null, "{\"query\":\"{ __schema { types { name } } }\"}");
			assertThat(raw.status()).as(path).isEqualTo(401);
			assertThat(raw.body()).as(path).doesNotContain("__schema", "types");
		}
	}

	@Test
	void twoKeyHeadersAreRefusedEvenWhenEachIsValid() {
		RawHttp.Response answer = RawHttp.send(this.port,
				RawHttp.request("POST", "/graphql",
						List.of(Map.entry("Content-Type", "application/json".getBytes()),
								Map.entry("X-Api-Key", GatewayClient.DEMO_KEY.getBytes()),
								Map.entry("X-Api-Key", GatewayClient.AGENCY_KEY.getBytes())),
						"{\"query\":\"{ profiles { id } }\"}".getBytes()));
		assertThat(answer.status()).isEqualTo(401);
	}

}
