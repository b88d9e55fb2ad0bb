package dev.adsgraph.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.adsgraph.AdsgraphApplication;
import dev.adsgraph.sandbox.SandboxCredentials;
import dev.adsgraph.sandbox.SandboxServer;
import dev.adsgraph.sandbox.SandboxSettings;
import dev.adsgraph.testing.TestDatabase;
import dev.adsgraph.testing.OwnEventLoops;

import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An idempotency key outlives the gateway: a registration is sent, the gateway stops, a
 * new one starts on the same database, and the retry with the same key gets the first
 * answer without reaching Amazon again. "Amazon" (a sandbox of the test's own) keeps
 * running across the restart, so it can tell how many accounts were registered. (The
 * packaged jar killed with SIGKILL: {@code dev.adsgraph.tooling.RestartIT}.)
 */
class IdempotencyAfterRestartTest {

	private static final String REGISTER = """
			mutation($input: RegisterAdsAccountInput!, $key: String) {
			  registerAdsAccount(input: $input, idempotencyKey: $key) {
			    adsAccount { id name status }
			    userErrors { code message field }
			  }
			}""";

	private static final String ACCOUNTS = "{ adsAccounts(first: 100) { nodes { id name } } }";

	private final SandboxServer amazon = SandboxServer.start(new SandboxSettings(null, 0, null, null, null, null));

	private final String database = TestDatabase.create();

	private final List<ConfigurableApplicationContext> gateways = new ArrayList<>();

	@AfterEach
	void stop() {
		this.gateways.forEach(ConfigurableApplicationContext::close);
		this.amazon.close();
	}

	/** A gateway in live mode on the test's sandbox and database. */
	private GatewayClient startGateway() {
		SandboxCredentials ads = SandboxServer.demoCredentials();
		String sandbox = this.amazon.baseUrl();
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--adsgraph.mode=live",
				"--adsgraph.tenants[0].id=demo", "--adsgraph.tenants[0].api-key=" + GatewayClient.DEMO_KEY,
				"--adsgraph.tenants[0].ads.client-id=" + ads.clientId(),
				"--adsgraph.tenants[0].ads.client-secret=" + ads.clientSecret(),
				"--adsgraph.tenants[0].ads.refresh-token=" + ads.refreshToken(), "--adsgraph.tenants[0].ads.regions=NA",
				"--adsgraph.upstream.lwa.token-url=" + sandbox + "/auth/o2/token",
				"--adsgraph.upstream.ads.hosts.NA=" + sandbox + "/ads/na"));
		arguments.addAll(List.of(TestDatabase.arguments(this.database)));
		ConfigurableApplicationContext gateway = new SpringApplicationBuilder(AdsgraphApplication.class)
			.initializers(OwnEventLoops::register)
			.run(arguments.toArray(String[]::new));
		this.gateways.add(gateway);
		int port = Integer.parseInt(gateway.getEnvironment().getRequiredProperty("local.server.port"));
		return new GatewayClient(port, sandbox);
	}

	@Test
	void aRetryAfterARestartGetsTheFirstAnswerAndRegistersNothing() {
		String name = "Restart Dental " + UUID.randomUUID();
		Map<String, Object> input = Map.of("association",
				Map.of("business",
						Map.of("name", name, "phone", "+1 206 555 0199", "addressLine1", "400 Pine St", "city",
								"Seattle", "state", "WA", "zipCode", "98101", "countryCode", "US", "websiteUrl",
								"https://www.restart-dental.example")));
		Map<String, Object> variables = new HashMap<>();
		variables.put("input", input);
		variables.put("key", UUID.randomUUID().toString());

		GatewayClient first = startGateway();
		Map<String, Object> answer = first.graphql(REGISTER, variables);
		assertThat(SandboxGatewayTest.errors(answer)).as("errors in %s", answer).isEmpty();
		assertThat((String) at(answer, "data.registerAdsAccount.adsAccount.id")).startsWith("amzn1.ads-account");
		this.gateways.remove(0).close();

		GatewayClient second = startGateway();
		assertThat(second.graphql(REGISTER, variables)).isEqualTo(answer);
		assertThat(second.sandboxCount("ads.na.RegisterAdsAccount")).isEqualTo(1);
		List<Map<String, Object>> accounts = at(second.graphql(ACCOUNTS), "data.adsAccounts.nodes");
		assertThat(accounts).filteredOn((account) -> name.equals(account.get("name"))).hasSize(1);
	}

}
