package dev.adsgraph.e2e;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Liveness and readiness never call Amazon, so a probe every few seconds spends none of
 * the tenants' upstream rate limits. The quiet application, so nothing another test
 * started, such as report polling, calls the sandbox meanwhile.
 */
@TestPropertySource(properties = SandboxGatewayTest.QUIET_SANDBOX)
class HealthProbesTest extends SandboxGatewayTest {

	@Test
	void probesAnswerUpWithoutASingleUpstreamCall() {
		this.client.resetSandboxStats();
		for (int i = 0; i < 10; i++) {
			for (String probe : new String[] { "/actuator/health/readiness", "/actuator/health/liveness",
					"/actuator/health" }) {
				// A new connection per probe, as an orchestrator's probes make: on main
				// as found, a
				// kept-alive connection to the gateway stalls after some dozens of
				// requests, a
				// separate problem this test is not about.
				GatewayClient probes = new GatewayClient(this.port, this.sandboxUrl);
				GatewayClient.Raw answer = probes.get(this.client.gatewayUrl() + probe);
				assertThat(answer.status()).as(probe).isEqualTo(200);
				assertThat(GatewayClient.parse(answer.body())).as(probe).containsEntry("status", "UP");
			}
		}
		Map<String, Long> calls = this.client.sandboxStats();
		assertThat(calls).as("upstream calls caused by 30 probes")
			.allSatisfy((operation, count) -> assertThat(count).isZero());
	}

}
