package dev.adsgraph.tenancy;

import dev.adsgraph.AdsgraphApplication;
import dev.adsgraph.testing.OwnEventLoops;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class LiveModeStartupTest {

	/**
	 * An argument, since builder properties lose to application.yml's server.port 8080.
	 */
	private static final String RANDOM_PORT = "--server.port=0";

	@Test
	void liveModeWithAMissingCredentialRefusesToStartNamingIt(CapturedOutput output) {
		assertThatThrownBy(() -> new SpringApplicationBuilder(AdsgraphApplication.class)
			.initializers(OwnEventLoops::register)
			.properties("adsgraph.tenants[0].id=acme", "adsgraph.tenants[0].api-key=acme-key-0123456789",
					"adsgraph.tenants[0].ads.client-id=amzn1.x",
					"adsgraph.tenants[0].ads.refresh-token=Atzr|secret-refresh", "adsgraph.tenants[0].ads.regions=NA")
			.run(RANDOM_PORT)
			.close()).hasRootCauseInstanceOf(InvalidTenantConfigurationException.class);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("adsgraph.tenants[0].ads.client-secret is missing")
			.doesNotContain("Atzr|secret-refresh", "acme-key-0123456789");
	}

	@Test
	void liveModeWithCompleteTenantsStartsWithoutTheSandbox() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AdsgraphApplication.class)
			.initializers(OwnEventLoops::register)
			.properties("adsgraph.tenants[0].id=acme", "adsgraph.tenants[0].api-key=acme-key-0123456789",
					"adsgraph.tenants[0].ads.client-id=amzn1.x", "adsgraph.tenants[0].ads.client-secret=s",
					"adsgraph.tenants[0].ads.refresh-token=Atzr|r", "adsgraph.tenants[0].ads.regions=NA,EU")
			.run(RANDOM_PORT)) {
			assertThat(context.getEnvironment().getProperty("adsgraph.sandbox.url")).isNull();
			assertThat(context.getEnvironment().getProperty("adsgraph.upstream.ads.hosts.NA")).isNull();
			TenantRegistry registry = context.getBean(TenantRegistry.class);
			assertThat(registry.mode()).isEqualTo(AdsgraphProperties.Mode.LIVE);
			assertThat(registry.tenants()).extracting(Tenant::id).containsExactly("acme");
		}
	}

	@Test
	void aMalformedKeyDigestStopsTheStartUpNamingTheSettingButNotTheValue(CapturedOutput output) {
		assertThatThrownBy(() -> new SpringApplicationBuilder(AdsgraphApplication.class)
			.initializers(OwnEventLoops::register)
			.properties("adsgraph.tenants[0].id=acme", "adsgraph.tenants[0].api-key-sha256=acme-key-pasted-by-mistake",
					"adsgraph.tenants[0].ads.client-id=amzn1.x", "adsgraph.tenants[0].ads.client-secret=s",
					"adsgraph.tenants[0].ads.refresh-token=Atzr|r", "adsgraph.tenants[0].ads.regions=NA")
			.run(RANDOM_PORT)
			.close()).hasRootCauseInstanceOf(InvalidTenantConfigurationException.class);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("adsgraph.tenants[0].api-key-sha256 must be 64 hexadecimal characters")
			.contains("sha256sum")
			.doesNotContain("acme-key-pasted-by-mistake");
	}

	@Test
	void aWildcardOriginOrANonPositiveRateStopsTheStartUpNamingTheSetting(CapturedOutput output) {
		String[] tenant = { "--adsgraph.tenants[0].id=acme", "--adsgraph.tenants[0].api-key-sha256=" + "ab".repeat(32),
				"--adsgraph.tenants[0].ads.client-id=amzn1.x", "--adsgraph.tenants[0].ads.client-secret=s",
				"--adsgraph.tenants[0].ads.refresh-token=Atzr|r", "--adsgraph.tenants[0].ads.regions=NA", RANDOM_PORT };
		assertThatThrownBy(
				() -> new SpringApplicationBuilder(AdsgraphApplication.class).initializers(OwnEventLoops::register)
					.run(concat(tenant, "--adsgraph.cors.allowed-origins=https://ok.example.com,*"))
					.close())
			.isNotNull();
		assertThatThrownBy(
				() -> new SpringApplicationBuilder(AdsgraphApplication.class).initializers(OwnEventLoops::register)
					.run(concat(tenant, "--adsgraph.limits.requests-per-second=0"))
					.close())
			.isNotNull();
		assertThat(output).contains("adsgraph.cors.allowed-origins[1] '*' is a wildcard")
			.contains("Binding to target dev.adsgraph.graphql.LimitsProperties failed")
			.contains("Origin: \"adsgraph.limits.requests-per-second\"")
			.contains("Reason: must be greater than 0");
	}

	private static String[] concat(String[] first, String last) {
		String[] all = java.util.Arrays.copyOf(first, first.length + 1);
		all[first.length] = last;
		return all;
	}

}
