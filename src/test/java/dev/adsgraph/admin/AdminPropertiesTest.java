package dev.adsgraph.admin;

import org.junit.jupiter.api.Test;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.adsgraph.tenancy.ApiKeyResolver;
import dev.adsgraph.testing.ConfigurationBinding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The admin token's settings as start-up binds them, and the demo token sandbox mode
 * configures unless one is set.
 */
class AdminPropertiesTest {

	private static final String DEMO_DIGEST = "sha256:"
			+ java.util.HexFormat.of().formatHex(ApiKeyResolver.sha256("adsgraph-demo-admin-token"));

	@Test
	void withoutATokenTheAdminApiIsOff() {
		assertThat(ConfigurationBinding.bind(AdminProperties.class).enabled()).isFalse();
		assertThat(ConfigurationBinding.bind(AdminProperties.class, "adsgraph.admin.token-sha256= ").enabled())
			.isFalse();
	}

	@Test
	void aDigestOrAPlainTokenTurnsItOn() {
		AdminProperties hashed = ConfigurationBinding.bind(AdminProperties.class,
				"adsgraph.admin.token-sha256=" + DEMO_DIGEST.toUpperCase().replace("SHA256:", "sha256:"));
		assertThat(hashed.digest()).isEqualTo(ApiKeyResolver.sha256("adsgraph-demo-admin-token"));
		AdminProperties plain = ConfigurationBinding.bind(AdminProperties.class,
				"adsgraph.admin.token=adsgraph-demo-admin-token");
		assertThat(plain.digest()).isEqualTo(hashed.digest());
		assertThat(plain.toString()).doesNotContain("adsgraph-demo-admin-token");
	}

	@Test
	void wrongSettingsStopTheStartUpWithoutQuotingTheValue() {
		assertThatThrownBy(() -> ConfigurationBinding.bind(AdminProperties.class,
				"adsgraph.admin.token=a-long-enough-token-0", "adsgraph.admin.token-sha256=" + DEMO_DIGEST))
			.satisfies((ex) -> assertThat(ConfigurationBinding.problems(ex)).contains("both set"));
		assertThatThrownBy(() -> ConfigurationBinding.bind(AdminProperties.class, "adsgraph.admin.token=short-secret"))
			.satisfies((ex) -> assertThat(ConfigurationBinding.problems(ex)).contains("at least 16")
				.doesNotContain("short-secret"));
		assertThatThrownBy(
				() -> ConfigurationBinding.bind(AdminProperties.class, "adsgraph.admin.token-sha256=not-hex-secret"))
			.satisfies((ex) -> assertThat(ConfigurationBinding.problems(ex)).contains("64 hexadecimal")
				.doesNotContain("not-hex-secret"));
	}

	@Test
	void sandboxModeConfiguresTheDemoTokenUnlessOneIsSet() {
		try (ConfigurableApplicationContext context = run()) {
			Environment environment = context.getEnvironment();
			assertThat(environment.getProperty("adsgraph.mode")).isEqualTo("sandbox");
			assertThat("sha256:" + environment.getProperty("adsgraph.admin.token-sha256")).isEqualTo(DEMO_DIGEST);
		}
		try (ConfigurableApplicationContext context = run("adsgraph.admin.token=my-own-admin-token-0")) {
			Environment environment = context.getEnvironment();
			assertThat(environment.getProperty("adsgraph.mode")).isEqualTo("sandbox");
			assertThat(environment.getProperty("adsgraph.admin.token-sha256")).isNull();
		}
		try (ConfigurableApplicationContext context = run("adsgraph.admin.token-sha256=")) {
			// Set and empty: the admin API stays off in sandbox mode too.
			assertThat(context.getEnvironment().getProperty("adsgraph.admin.token-sha256")).isEmpty();
			assertThat(ConfigurationBinding.bind(AdminProperties.class, "adsgraph.admin.token-sha256=").enabled())
				.isFalse();
		}
		try (ConfigurableApplicationContext context = run("adsgraph.mode=live")) {
			assertThat(context.getEnvironment().getProperty("adsgraph.admin.token-sha256")).isNull();
		}
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
