package dev.adsgraph.sandbox;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sandbox is the default upstream, and never runs next to real credentials. */
class SandboxEnvironmentPostProcessorTest {

	@Test
	void withoutTenantsTheSandboxStartsAndTheGatewayIsPointedAtIt() throws Exception {
		String base;
		try (ConfigurableApplicationContext context = run()) {
			ConfigurableEnvironment environment = context.getEnvironment();
			base = environment.getProperty("adsgraph.sandbox.url");
			assertThat(base).matches("http://127\\.0\\.0\\.1:\\d+");
			assertThat(environment.getProperty("adsgraph.mode")).isEqualTo("sandbox");
			assertThat(environment.getProperty("adsgraph.upstream.lwa.token-url")).isEqualTo(base + "/auth/o2/token");
			// Each Amazon host at the root of a free port of its own, as the gateway
			// reaches
			// Amazon's.
			java.util.Set<String> hosts = new java.util.HashSet<>();
			for (String host : new String[] { "ads.hosts.NA", "ads.hosts.EU", "ads.hosts.FE", "sp.hosts.NA",
					"sp.hosts.EU", "sp.hosts.FE" }) {
				String url = environment.getProperty("adsgraph.upstream." + host);
				assertThat(url).as(host).matches("http://127\\.0\\.0\\.1:\\d+").isNotEqualTo(base);
				hosts.add(url);
			}
			assertThat(hosts).hasSize(6);
			assertThat(environment.getProperty("adsgraph.tenants[0].id")).isEqualTo("demo");
			// The demo keys are configured as digests, as live tenants should be (the
			// digests are
			// those of printf %s adsgraph-demo-key | sha256sum, the recipe in
			// docs/configuration.md).
			assertThat(environment.getProperty("adsgraph.tenants[0].api-key")).isNull();
			assertThat(environment.getProperty("adsgraph.tenants[0].api-key-sha256"))
				.isEqualTo("a77a684018206921b6b28fb7d61c94c8545a369a6c735b6ad83257f4922919e9");
			assertThat(environment.getProperty("adsgraph.tenants[0].ads.regions")).isEqualTo("NA,EU,FE");
			assertThat(environment.getProperty("adsgraph.tenants[1].id")).isEqualTo("agency");
			assertThat(environment.getProperty("adsgraph.tenants[1].api-key-sha256"))
				.isEqualTo("137636464e6986867dc56e8979af485db3467e0477c3f3f71ba2b52d7246e4b6");
			assertThat(environment.getProperty("adsgraph.tenants[0].sp.selling-partner-id"))
				.isEqualTo("A3NWOUTDR82KQZ");
			assertThat(environment.getProperty("adsgraph.tenants[1].sp.selling-partner-id"))
				.isEqualTo("A2RIVRSTN8MQ4K");
			assertThat(environment.getProperty("adsgraph.tenants[0].sp.client-id"))
				.isEqualTo(SandboxServer.demoSpCredentials().clientId())
				.isNotEqualTo(environment.getProperty("adsgraph.tenants[0].ads.client-id"));

			// The configured SP credentials work against the started sandbox's SP-API.
			String spForm = SandboxTestClient.form(Map.of("grant_type", "refresh_token", "client_id",
					environment.getProperty("adsgraph.tenants[0].sp.client-id"), "client_secret",
					environment.getProperty("adsgraph.tenants[0].sp.client-secret"), "refresh_token",
					environment.getProperty("adsgraph.tenants[0].sp.refresh-token")));
			HttpResponse<String> spToken = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(base + "/auth/o2/token"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(spForm))
					.build(), HttpResponse.BodyHandlers.ofString());
			String accessToken = SandboxTestClient.JSON.readTree(spToken.body()).get("access_token").stringValue();
			HttpResponse<String> participations = HttpClient.newHttpClient()
				.send(HttpRequest
					.newBuilder(URI.create(environment.getProperty("adsgraph.upstream.sp.hosts.NA")
							+ "/sellers/v1/marketplaceParticipations"))
					.header("x-amz-access-token", accessToken)
					.header("User-Agent", SandboxTestClient.USER_AGENT)
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(participations.statusCode()).isEqualTo(200);

			// The configured demo credentials work against the started sandbox.
			String form = SandboxTestClient.form(Map.of("grant_type", "refresh_token", "client_id",
					environment.getProperty("adsgraph.tenants[0].ads.client-id"), "client_secret",
					environment.getProperty("adsgraph.tenants[0].ads.client-secret"), "refresh_token",
					environment.getProperty("adsgraph.tenants[0].ads.refresh-token")));
			HttpResponse<String> token = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(base + "/auth/o2/token"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(token.statusCode()).isEqualTo(200);
		}
		String closedBase = base;
		assertThatThrownBy(() -> HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(closedBase + "/sandbox")).build(),
					HttpResponse.BodyHandlers.ofString()))
			.isInstanceOf(ConnectException.class);
	}

	@Test
	void sandboxSettingsComeFromAdsgraphSandboxProperties() throws IOException, InterruptedException {
		try (ConfigurableApplicationContext context = run("adsgraph.sandbox.registration-delay=150ms",
				"adsgraph.sandbox.token-ttl=90s", "adsgraph.sandbox.sp-rate-limits=false",
				"adsgraph.sandbox.report-processing-time=0s", "adsgraph.sandbox.strict=true")) {
			String base = context.getEnvironment().getProperty("adsgraph.sandbox.url");
			String form = SandboxTestClient.form(SandboxTestClient.refreshGrant(SandboxServer.demoCredentials()));
			HttpResponse<String> token = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(base + "/auth/o2/token"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(SandboxTestClient.JSON.readTree(token.body()).get("expires_in").asInt()).isEqualTo(90);

			// With rate limits off, getMarketplaceParticipations (burst 15) answers a
			// 16th call; with no
			// processing time a report is DONE at once.
			String spForm = SandboxTestClient.form(SandboxTestClient.refreshGrant(SandboxServer.demoSpCredentials()));
			String spToken = SandboxTestClient.JSON
				.readTree(HttpClient.newHttpClient()
					.send(HttpRequest.newBuilder(URI.create(base + "/auth/o2/token"))
						.header("Content-Type", "application/x-www-form-urlencoded")
						.POST(HttpRequest.BodyPublishers.ofString(spForm))
						.build(), HttpResponse.BodyHandlers.ofString())
					.body())
				.get("access_token")
				.stringValue();
			int last = 0;
			for (int i = 0; i < 16; i++) {
				last = HttpClient.newHttpClient()
					.send(HttpRequest.newBuilder(URI.create(base + "/sp/na/sellers/v1/marketplaceParticipations"))
						.header("x-amz-access-token", spToken)
						.header("User-Agent", SandboxTestClient.USER_AGENT)
						.build(), HttpResponse.BodyHandlers.ofString())
					.statusCode();
			}
			assertThat(last).isEqualTo(200);
			String reportId = SandboxTestClient.JSON.readTree(HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(base + "/sp/na/reports/2021-06-30/reports"))
					.header("x-amz-access-token", spToken)
					.header("User-Agent", SandboxTestClient.USER_AGENT)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(
							"{\"reportType\":\"GET_SALES_AND_TRAFFIC_REPORT\",\"marketplaceIds\":[\"ATVPDKIKX0DER\"]}"))
					.build(), HttpResponse.BodyHandlers.ofString())
				.body()).get("reportId").stringValue();
			String status = SandboxTestClient.JSON
				.readTree(HttpClient.newHttpClient()
					.send(HttpRequest.newBuilder(URI.create(base + "/sp/na/reports/2021-06-30/reports/" + reportId))
						.header("x-amz-access-token", spToken)
						.header("User-Agent", SandboxTestClient.USER_AGENT)
						.build(), HttpResponse.BodyHandlers.ofString())
					.body())
				.get("processingStatus")
				.stringValue();
			assertThat(status).isEqualTo("DONE");

			// Strict mode refuses a user-agent without Language=.
			int noLanguage = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(base + "/sp/na/sellers/v1/marketplaceParticipations"))
					.header("x-amz-access-token", spToken)
					.header("User-Agent", "curl/8.0")
					.build(), HttpResponse.BodyHandlers.ofString())
				.statusCode();
			assertThat(noLanguage).isEqualTo(400);
		}
	}

	@Test
	void configuredTenantsOrLiveModeOrDisablingKeepTheSandboxOff() {
		for (String[] properties : new String[][] { { "adsgraph.tenants[0].id=acme" }, { "adsgraph.mode=live" },
				{ "adsgraph.sandbox.enabled=false" }, { "adsgraph.mode=live", "adsgraph.tenants[0].id=acme" } }) {
			try (ConfigurableApplicationContext context = run(properties)) {
				assertThat(context.getEnvironment().getProperty("adsgraph.sandbox.url"))
					.as(String.join(",", properties))
					.isNull();
				assertThat(context.getEnvironment().getPropertySources().contains("adsgraphSandbox")).isFalse();
			}
		}
	}

	@Test
	void tenantsFromEnvironmentVariablesCountToo() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of("ADSGRAPH_TENANTS_0_ID", "acme")));

		new SandboxEnvironmentPostProcessor(Supplier::get).postProcessEnvironment(environment,
				new org.springframework.boot.SpringApplication());

		assertThat(environment.getProperty("adsgraph.sandbox.url")).isNull();
	}

	@Test
	void explicitSandboxModeWithTenantsStopsTheStartUp() {
		assertThatThrownBy(() -> run("adsgraph.mode=sandbox", "adsgraph.tenants[0].id=acme").close())
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("adsgraph.mode=sandbox")
			.hasMessageContaining("adsgraph.tenants");
	}

	private static ConfigurableApplicationContext run(String... properties) {
		return new SpringApplicationBuilder(Empty.class).web(WebApplicationType.NONE)
			.properties(properties)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
