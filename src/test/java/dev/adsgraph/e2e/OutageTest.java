package dev.adsgraph.e2e;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One upstream down: the other's fields still answer, the failed fields carry typed
 * errors, the circuit of the failing upstream opens so it is no longer called, and closes
 * again once the upstream is back.
 */
@TestPropertySource(properties = { "adsgraph.upstream.resilience.retry.max-attempts=2",
		"adsgraph.upstream.resilience.retry.initial-backoff=20ms",
		"adsgraph.upstream.resilience.circuit-breaker.sliding-window-size=4",
		"adsgraph.upstream.resilience.circuit-breaker.minimum-calls=4",
		"adsgraph.upstream.resilience.circuit-breaker.open-duration=2s",
		"adsgraph.upstream.resilience.circuit-breaker.half-open-calls=1" })
class OutageTest extends SandboxGatewayTest {

	private static final String SP_DOWN = """
			{"rules": [{"upstream": "sp", "operation": "*", "unavailable": 1.0}]}""";

	private static final String BOTH = "{ profiles { id countryCode } sellingPartner { id marketplaceParticipations { id } } }";

	@AfterEach
	void calm() {
		this.client.clearSandboxFaults();
	}

	@Test
	void withTheSellingPartnerApiDownTheAdsFieldsStillAnswerAndTheOthersCarryTypedErrors() {
		this.client.sandboxFaults(SP_DOWN);

		Map<String, Object> answer = this.client.graphql(BOTH);

		List<Map<String, Object>> profiles = at(answer, "data.profiles");
		assertThat(profiles).isNotEmpty();
		assertThat((Object) at(answer, "data.sellingPartner")).isNull();
		List<Map<String, Object>> errors = errors(answer);
		assertThat(errors).hasSize(1);
		Map<String, Object> error = errors.get(0);
		assertThat(error.get("path")).isEqualTo(List.of("sellingPartner"));
		assertThat((String) at(error, "extensions.code")).isEqualTo("UPSTREAM_UNAVAILABLE");
		assertThat((String) at(error, "extensions.upstream")).isEqualTo("sp");
		assertThat((String) at(error, "extensions.operation")).isNotBlank();
		assertThat((Boolean) at(error, "extensions.retryable")).isTrue();
		assertThat((String) at(error, "extensions.correlationId")).isNotBlank();
		// The upstream's own words and our internals stay in the logs.
		assertThat(error.toString()).doesNotContain("temporarily unavailable", "ServiceUnavailable", "Exception",
				"at dev.adsgraph");
	}

	@Test
	void theCircuitOfAFailingUpstreamOpensAndClosesWhenItIsBack() {
		this.client.sandboxFaults(SP_DOWN);

		boolean opened = false;
		for (int i = 0; i < 20 && !opened; i++) {
			long before = spCalls();
			Map<String, Object> answer = this.client.graphql(BOTH);
			assertThat(errors(answer)).isNotEmpty();
			assertThat(GatewayClient.<String>at(errors(answer).get(0), "extensions.code"))
				.isEqualTo("UPSTREAM_UNAVAILABLE");
			assertThat(GatewayClient.<List<?>>at(answer, "data.profiles")).isNotEmpty();
			opened = spCalls() == before;
			if (opened) {
				assertThat(GatewayClient.<Integer>at(errors(answer).get(0), "extensions.retryAfterSeconds"))
					.isGreaterThanOrEqualTo(1);
			}
		}
		assertThat(opened).as("a query answered without calling the failing upstream").isTrue();

		this.client.clearSandboxFaults();
		Map<String, Object> recovered = eventually(() -> this.client.graphql(BOTH),
				(answer) -> errors(answer).isEmpty());
		assertThat((String) at(recovered, "data.sellingPartner.id")).isNotBlank();
		assertThat(spCalls()).isPositive();
	}

	/** SP-API requests that reached the sandbox, faulted or not. */
	private long spCalls() {
		return this.client.sandboxStats()
			.entrySet()
			.stream()
			.filter((e) -> e.getKey().startsWith("sp.") && !e.getKey().contains(".fault.")
					&& !e.getKey().endsWith(".throttled"))
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

}
