package dev.adsgraph.e2e;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.adsgraph.testing.HeadlessChromium;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's alerts panel in a real headless Chromium: the selected profile's alerts
 * as the gateway answers them over plain HTTP, among them an advertised ASIN that is out
 * of stock with the ads affected and their spend at risk, and the total spend at risk at
 * the top. The screenshot {@code target/dashboard-browser/alerts.png} is kept as a test
 * artifact.
 */
class DashboardAlertsBrowserTest extends SandboxGatewayTest {

	/** What the panel shows, asked over HTTP. */
	static final String ALERTS = """
			query($id: ID!) { alerts(profileId: $id) { spendAtRisk { amount } checkedAt
			  freshness { status } unavailable { source }
			  nodes { id kind severity asin marketplaceId spendAtRisk { amount }
			    ads { campaignId campaignName adId spendLast7Days { amount } } } } }""";

	static final String TITLES = """
			query($m: String!, $asins: [String!]!, $s: Date!, $e: Date!) {
			  products(marketplaceId: $m, asins: $asins, dateRange: {start: $s, end: $e}) { nodes { asin catalog { title } } } }""";

	/**
	 * Product Pricing's plan (a batch of 20 ASINs every 30 seconds, burst 1) shared with
	 * the other tests of this application: two batches' wait and some.
	 */
	private static final Duration SETTLE = Duration.ofSeconds(90);

	@RegisterExtension
	final HeadlessChromium browser = HeadlessChromium.perTest(DashboardBrowserTest.ARTIFACTS).window(1400, 1300);

	private DashboardScreen screen;

	private String origin;

	@BeforeEach
	void prepare() {
		this.screen = new DashboardScreen(this.browser);
		this.origin = "http://127.0.0.1:" + this.port;
	}

	@Test
	void showsTheProfilesAlertsWithTheSpendAtRisk() {
		this.browser.open(this.origin + "/dashboard");
		this.browser.waitFor("the alert rows", () -> !this.screen.alerts().isEmpty());
		String profile = this.screen.selectedProfile();

		// An answer holds what the gateway knows when it is asked: a Featured Offer not
		// read yet (Product Pricing allows a batch every 30 seconds) is read in the
		// background and its FEATURED_OFFER_LOST comes in a later answer. So the
		// gateway's answer is taken once every source was read, and the dashboard asks
		// again after that: both then hold the same check's alerts. The panel itself asks
		// again every 30 seconds while its answer lists pricing; that over, no answer of
		// an earlier check can come after the one asked here.
		Map<String, Object> truth = settled(profile);
		this.browser.waitFor("the panel's answer with every Featured Offer read",
				() -> this.screen.alertNotes().stream().noneMatch(DashboardPricingBrowserTest.PRICING));
		int loaded = this.screen.alertAnswers();
		this.screen.click("alerts-refresh");
		this.browser.waitFor("the alerts asked once settled", () -> this.screen.alertAnswers() > loaded);
		List<Map<String, Object>> alerts = GatewayClient.at(truth, "data.alerts.nodes");
		List<Map<String, Object>> shown = this.screen.alerts();
		assertThat(shown).extracting((a) -> a.get("data.alertId"))
			.containsExactlyInAnyOrderElementsOf(alerts.stream().map((a) -> a.get("id")).toList());

		Map<String, Object> outOfStock = alerts.stream()
			.filter((a) -> "OUT_OF_STOCK".equals(a.get("kind")))
			.filter((a) -> amount(GatewayClient.at(a, "spendAtRisk.amount")).signum() > 0)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no out-of-stock alert with spend at risk among " + alerts));
		String start = dateField("start");
		String end = dateField("end");
		// The campaign table is shown (and names the alerts' campaigns) once it is
		// loaded.
		this.browser.waitFor("the campaign rows", () -> !this.screen.campaignIds().isEmpty());
		Map<String, String> names = new HashMap<>();
		for (String id : this.screen.campaignIds()) {
			names.put(id, (String) this.screen.campaign(id).get("name"));
		}
		for (Map<String, Object> alert : alerts) {
			Map<String, Object> row = shown.stream()
				.filter((r) -> alert.get("id").equals(r.get("data.alertId")))
				.findFirst()
				.orElseThrow();
			assertThat(row.get("kind.value")).isEqualTo(alert.get("kind"));
			assertThat(row.get("severity.value")).isEqualTo(alert.get("severity"));
			assertThat(row.get("asin")).isEqualTo(alert.get("asin"));
			Object spend = GatewayClient.at(alert, "spendAtRisk.amount");
			if (spend == null) {
				assertThat(row.get("spendAtRisk")).isEqualTo("—");
			}
			else {
				assertThat(amount(row.get("spendAtRisk.value"))).isEqualByComparingTo(amount(spend));
				assertThat(DashboardBrowserTest.digits((String) row.get("spendAtRisk")))
					.isEqualTo(DashboardBrowserTest.digits(amount(spend)));
			}
			List<Map<String, Object>> ads = GatewayClient.at(alert, "ads");
			List<Map<String, Object>> affected = this.screen.alertAds((String) alert.get("id"));
			assertThat(affected).hasSameSizeAs(ads);
			for (int i = 0; i < ads.size(); i++) {
				Map<String, Object> ad = ads.get(i);
				Map<String, Object> item = affected.get(i);
				assertThat(item.get("campaignId")).isEqualTo(ad.get("campaignId"));
				assertThat(item.get("adId")).isEqualTo(ad.get("adId"));
				String text = (String) item.get("text");
				// The alert's campaign name, else the name the campaign table has, else
				// its id.
				Object name = ad.get("campaignName");
				assertThat(text).contains((name != null) ? (String) name
						: names.getOrDefault((String) ad.get("campaignId"), (String) ad.get("campaignId")));
				if (ad.get("adId") != null) {
					assertThat(text).contains("ad " + ad.get("adId"));
				}
				Object spent = GatewayClient.at(ad, "spendLast7Days.amount");
				if (spent != null) {
					assertThat(DashboardBrowserTest.digits(text.substring(text.lastIndexOf(':'))))
						.isEqualTo(DashboardBrowserTest.digits(amount(spent)));
				}
			}
		}

		// The out-of-stock ASIN with its catalog title, and the ads affected named.
		Map<String, Object> row = shown.stream()
			.filter((r) -> outOfStock.get("id").equals(r.get("data.alertId")))
			.findFirst()
			.orElseThrow();
		Map<String, Object> titles = this.client.graphql(TITLES, Map.of("m", outOfStock.get("marketplaceId"), "asins",
				List.of(outOfStock.get("asin")), "s", start, "e", end));
		Object title = GatewayClient.at(titles, "data.products.nodes.0.catalog.title");
		assertThat(row.get("title")).isEqualTo((title != null) ? title : "—");
		assertThat(this.screen.alertAds((String) outOfStock.get("id"))).isNotEmpty();
		assertThat(names).as("the out-of-stock ASIN's campaign, named from the campaign table")
			.containsKey((String) GatewayClient.at(outOfStock, "ads.0.campaignId"));

		// The total at the top is the gateway's.
		Object total = GatewayClient.at(truth, "data.alerts.spendAtRisk.amount");
		assertThat(total).as("the profile's spend at risk").isNotNull();
		assertThat(DashboardBrowserTest.digits(this.screen.total("alerts-spend-at-risk")))
			.isEqualTo(DashboardBrowserTest.digits(amount(total)));
		assertThat(this.screen.total("alerts-count")).isEqualTo(String.valueOf(alerts.size()));
		assertThat(this.screen.alertErrors()).isEmpty();

		// Refresh alerts asks again, and shows the same alerts.
		int answers = this.screen.alertAnswers();
		this.screen.click("alerts-refresh");
		this.browser.waitFor("the alerts asked again", () -> this.screen.alertAnswers() > answers);
		assertThat(this.screen.alerts()).extracting((a) -> a.get("data.alertId"))
			.containsExactlyInAnyOrderElementsOf(alerts.stream().map((a) -> a.get("id")).toList());

		this.browser.screenshot("alerts");
		this.browser.assertEveryRequestStayedOn(this.origin, this.origin + "/dashboard", this.origin + "/graphql");
		this.browser.assertNoConsoleErrors();
	}

	/**
	 * The profile's alerts once its ads report is READY and every source, Product
	 * Pricing's too, was read (nothing {@code unavailable}).
	 */
	private Map<String, Object> settled(String profile) {
		Map<String, Object> answer = SubscriptionsTest.eventuallyWithin(SETTLE,
				() -> this.client.graphql(ALERTS, Map.of("id", profile)), AlertsTest.settled(Set.of()));
		assertNoErrors(answer);
		return answer;
	}

	private static BigDecimal amount(Object value) {
		return (value != null) ? new BigDecimal(String.valueOf(value)) : null;
	}

	private String dateField(String id) {
		return (String) this.browser.js("return document.getElementById(arguments[0]).value;", id);
	}

}
