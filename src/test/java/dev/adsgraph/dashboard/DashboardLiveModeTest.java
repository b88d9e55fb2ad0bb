package dev.adsgraph.dashboard;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import dev.adsgraph.testing.LiveModeGateway;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard of a gateway talking to Amazon: no key of any tenant, the configured
 * header name.
 */
class DashboardLiveModeTest {

	private static final String PATH = "--adsgraph.dashboard.path=/reports/dashboard";

	@Test
	void theLivePageNamesTheHeaderButFillsInNoKey() throws Exception {
		try (LiveModeGateway gateway = LiveModeGateway.start(PATH)) {
			HttpResponse<String> page = gateway.get("/reports/dashboard");
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.headers().firstValue("Content-Security-Policy"))
				.hasValue(DashboardPage.CONTENT_SECURITY_POLICY);
			assertThat(page.body())
				.contains("\"mode\":\"live\"", "\"apiKeyHeader\":\"X-Acme-Key\"", "\"demoApiKey\":null")
				.contains("/reports/dashboard/assets/dashboard.js?v=")
				.doesNotContain(LiveModeGateway.TENANT_KEY, "adsgraph-demo-key");
			assertThat(gateway.get("/dashboard").statusCode()).isEqualTo(404);
		}
	}

	@Test
	void thePageCanBeSwitchedOff() throws Exception {
		try (LiveModeGateway gateway = LiveModeGateway.start(PATH, "--adsgraph.dashboard.enabled=false")) {
			assertThat(gateway.get("/reports/dashboard").statusCode()).isEqualTo(404);
			assertThat(gateway.get("/reports/dashboard/assets/dashboard.js").statusCode()).isEqualTo(404);
		}
	}

}
