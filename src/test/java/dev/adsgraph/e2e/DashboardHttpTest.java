package dev.adsgraph.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard page and its assets as the gateway serves them over HTTP, in sandbox
 * mode.
 */
class DashboardHttpTest extends SandboxGatewayTest {

	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	@Test
	void thePageIsHtmlWithAStrictPolicyAndTheDemoKeyInItsSettings() {
		GatewayClient.Raw page = this.client.get(this.client.gatewayUrl() + "/dashboard");
		assertThat(page.status()).isEqualTo(200);
		assertThat(header(page, "Content-Type")).isEqualTo("text/html;charset=UTF-8");
		assertThat(header(page, "Content-Security-Policy")).isEqualTo(CONTENT_SECURITY_POLICY);
		assertThat(header(page, "X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(header(page, "Cache-Control")).isEqualTo("no-store");
		Map<String, Object> settings = settings(page.body());
		assertThat(settings).containsEntry("endpoint", "/graphql")
			.containsEntry("mode", "sandbox")
			.containsEntry("apiKeyHeader", "X-Api-Key")
			.containsEntry("demoApiKey", GatewayClient.DEMO_KEY);
		assertThat(page.body()).as("nothing loaded from elsewhere").doesNotContainPattern("(?i)(https?|wss?):|//[a-z]");
	}

	@Test
	void everyScriptAndStylesheetIsServedWithItsContentType() {
		String body = this.client.get(this.client.gatewayUrl() + "/dashboard").body();
		Matcher reference = Pattern.compile("(?:src|href)=\"(/dashboard/assets/[^\"]+)\"").matcher(body);
		List<String> urls = new ArrayList<>();
		while (reference.find()) {
			urls.add(reference.group(1).replace("&amp;", "&"));
		}
		assertThat(urls).hasSize(3);
		for (String url : urls) {
			GatewayClient.Raw asset = this.client.get(this.client.gatewayUrl() + url);
			assertThat(asset.status()).as(url).isEqualTo(200);
			String expected = url.contains(".css?") ? "text/css;charset=UTF-8" : "text/javascript;charset=UTF-8";
			assertThat(header(asset, "Content-Type")).as(url).isEqualTo(expected);
			assertThat(header(asset, "X-Content-Type-Options")).as(url).isEqualTo("nosniff");
			assertThat(header(asset, "Cache-Control")).as("%s: its URL names its content", url).contains("immutable");
			assertThat(asset.body()).as(url).isNotBlank();
		}
		assertThat(urls).anyMatch((url) -> url.startsWith("/dashboard/assets/chart.umd.js?v="));
		GatewayClient.Raw chart = this.client.get(this.client.gatewayUrl() + "/dashboard/assets/chart.umd.js");
		assertThat(chart.body()).startsWith("/*!\n * Chart.js v4.");
		assertThat(header(chart, "Cache-Control")).as("without the current digest").isEqualTo("no-cache");
		assertThat(this.client.get(this.client.gatewayUrl() + "/dashboard/assets/chart.js").status())
			.as("only the files the page uses")
			.isEqualTo(404);
		assertThat(this.client.get(this.client.gatewayUrl() + "/dashboard/assets/..%2Fdashboard.html").status())
			.isEqualTo(404);
	}

	@Test
	void theTrailingSlashRedirectsToThePage() {
		GatewayClient.Raw redirect = this.client.get(this.client.gatewayUrl() + "/dashboard/");
		assertThat(redirect.status()).isEqualTo(308);
		assertThat(header(redirect, "Location")).isEqualTo("/dashboard");
	}

	private static String header(GatewayClient.Raw raw, String name) {
		return raw.headers()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
			.map((entry) -> String.join(", ", entry.getValue()))
			.findFirst()
			.orElse(null);
	}

	static Map<String, Object> settings(String html) {
		Matcher block = Pattern
			.compile("<script type=\"application/json\" id=\"adsgraph-dashboard-settings\">(.*?)</script>",
					Pattern.DOTALL)
			.matcher(html);
		assertThat(block.find()).as("the settings block").isTrue();
		return GatewayClient.parse(block.group(1));
	}

}
