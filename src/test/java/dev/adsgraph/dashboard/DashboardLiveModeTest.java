package dev.adsgraph.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.adsgraph.AdsgraphApplication;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard of a gateway talking to Amazon: no key of any tenant, the configured header name. */
class DashboardLiveModeTest {

	/** Command-line arguments, which win over application.yml as they would for a person. */
	private static final String[] LIVE = { "--server.port=0", "--adsgraph.api-key-header=X-Acme-Key",
			"--adsgraph.tenants[0].id=acme", "--adsgraph.tenants[0].api-key=acme-key-0123456789",
			"--adsgraph.tenants[0].ads.client-id=amzn1.x", "--adsgraph.tenants[0].ads.client-secret=s",
			"--adsgraph.tenants[0].ads.refresh-token=Atzr|r", "--adsgraph.tenants[0].ads.regions=NA",
			"--adsgraph.dashboard.path=/reports/dashboard" };

	@Test
	void theLivePageNamesTheHeaderButFillsInNoKey() throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AdsgraphApplication.class)
			.run(LIVE)) {
			HttpResponse<String> page = get(context, "/reports/dashboard");
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(DashboardPage.CONTENT_SECURITY_POLICY);
			assertThat(page.body()).contains("\"mode\":\"live\"", "\"apiKeyHeader\":\"X-Acme-Key\"", "\"demoApiKey\":null")
				.contains("/reports/dashboard/assets/dashboard.js?v=")
				.doesNotContain("acme-key-0123456789", "adsgraph-demo-key");
			assertThat(get(context, "/dashboard").statusCode()).isEqualTo(404);
		}
	}

	@Test
	void thePageCanBeSwitchedOff() throws Exception {
		String[] arguments = Arrays.copyOf(LIVE, LIVE.length + 1);
		arguments[LIVE.length] = "--adsgraph.dashboard.enabled=false";
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AdsgraphApplication.class)
			.run(arguments)) {
			assertThat(get(context, "/reports/dashboard").statusCode()).isEqualTo(404);
			assertThat(get(context, "/reports/dashboard/assets/dashboard.js").statusCode()).isEqualTo(404);
		}
	}

	private static HttpResponse<String> get(ConfigurableApplicationContext context, String path) throws Exception {
		String port = context.getEnvironment().getProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

}
