package dev.adsgraph.e2e;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.test.context.TestPropertySource;

import dev.adsgraph.testing.HeadlessChromium;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard while the upstream reports are still being prepared: the sandbox holds
 * its reports until the test releases them and the gateway never waits for them, so the
 * first answers are {@code PENDING} however slow the machine. The page says it is
 * preparing the report, asks again, and shows the figures once they are ready. (The
 * properties are those of {@code DailyPerformanceTest}, which shares the application.)
 */
@TestPropertySource(properties = { "adsgraph.sandbox.report-processing-time=3s", "adsgraph.reports.grace=0s" })
class DashboardReportPendingBrowserTest extends SandboxGatewayTest {

	@RegisterExtension
	final HeadlessChromium browser = HeadlessChromium.perTest(DashboardBrowserTest.ARTIFACTS);

	private DashboardScreen screen;

	@BeforeEach
	void prepare() {
		this.screen = new DashboardScreen(this.browser);
	}

	@AfterEach
	void releaseTheReports() {
		this.client.releaseReports();
	}

	@Test
	void saysTheReportIsBeingPreparedAndAsksAgainUntilItIsReady() {
		String origin = "http://127.0.0.1:" + this.port;
		this.client.holdReports();
		this.browser.open(origin + "/dashboard");
		// Only this test asks this application for the page's range
		// (DailyPerformanceTest, which shares it,
		// asks ranges weeks earlier), so its first question starts the reports.
		this.browser.waitFor("an answer that the report is being prepared", () -> this.screen.pendingAnswers() > 0);
		assertThat(this.screen.status()).startsWith("Preparing report…");
		assertThat(this.screen.asins()).as("no figures while the report is pending").isEmpty();
		this.browser.screenshot("preparing-report");
		this.browser.waitFor("a second pending answer", () -> this.screen.pendingAnswers() > 1);
		assertThat(this.screen.status()).startsWith("Preparing report…");
		assertThat(this.screen.asins()).as("no figures while the report is held").isEmpty();

		this.client.releaseReports();
		this.browser.waitFor("the product rows", () -> !this.screen.asins().isEmpty());
		assertThat(this.screen.status()).doesNotContain("Preparing");
		assertThat(this.screen.pendingAnswers()).isPositive();
		Map<String, Object> truth = new DashboardBrowserTest.Truth(this.client).products(this.screen.selectedProfile(),
				dateField("start"), dateField("end"));
		List<Map<String, Object>> nodes = GatewayClient.at(truth, "data.profile.products.nodes");
		assertThat(this.screen.asins()).isEqualTo(nodes.stream().map((n) -> (String) n.get("asin")).toList());
		String asin = (String) nodes.get(0).get("asin");
		assertThat(this.screen.value(asin, "spend")).isEqualByComparingTo(
				DashboardBrowserTest.decimal(GatewayClient.at(nodes.get(0), "advertising.spend.amount")));
		this.browser.assertEveryRequestStayedOn(origin, origin + "/dashboard", origin + "/graphql");
		this.browser.assertNoConsoleErrors();
	}

	private String dateField(String id) {
		return (String) this.browser.js("return document.getElementById(arguments[0]).value;", id);
	}

}
