package dev.adsgraph.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.adsgraph.testing.HeadlessChromium;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's campaign table in a real headless Chromium: the selected profile's
 * campaigns with the gateway's figures over the page's dates, a campaign opened to its ad
 * groups and an ad group to its ads, each ad beside the product it advertises (ASIN,
 * title, stock), all as the gateway answers them over plain HTTP. The screenshot
 * {@code target/dashboard-browser/campaigns.png} is kept as a test artifact.
 */
class DashboardCampaignsBrowserTest extends SandboxGatewayTest {

	/** What the page shows of the campaigns, asked over HTTP. */
	static final String CAMPAIGNS = """
			query($id: ID!, $s: Date!, $e: Date!) { profile(id: $id) {
			  campaigns(first: 50) { nodes { campaignId name adProduct state budget { amount }
			    performance(dateRange: {start: $s, end: $e}) { spend { amount } sales { amount } acos roas
			      freshness { status } } } } } }""";

	/**
	 * One campaign (the one after the cursor) with its ad groups and ads with their
	 * products, asked over HTTP: a page of one, since a campaign's whole tree is all the
	 * complexity limit allows.
	 */
	static final String TREE = """
			query($id: ID!, $s: Date!, $e: Date!, $after: String) { profile(id: $id) {
			  campaigns(first: 1, after: $after) { pageInfo { hasNextPage endCursor }
			    nodes { campaignId adGroups(first: 20) { nodes { adGroupId name state
			    ads(first: 20) { nodes { adId state asin sku product(dateRange: {start: $s, end: $e}) {
			      asin catalog { title } inventory { fulfillable } } } } } } } } } }""";

	/** How many campaigns, from the first, the test looks through for one to open. */
	private static final int LOOKED_AT = 12;

	private static final List<String> MONEY = List.of("budget", "spend", "sales");

	@RegisterExtension
	final HeadlessChromium browser = HeadlessChromium.perTest(DashboardBrowserTest.ARTIFACTS).window(1400, 1800);

	private DashboardScreen screen;

	private String origin;

	@BeforeEach
	void prepare() {
		this.screen = new DashboardScreen(this.browser);
		this.origin = "http://127.0.0.1:" + this.port;
	}

	@Test
	void showsTheCampaignsAndOpensThemToTheirAdGroupsAdsAndProducts() {
		this.browser.open(this.origin + "/dashboard");
		this.browser.waitFor("the campaign rows", () -> !this.screen.campaignIds().isEmpty());
		String profile = this.screen.selectedProfile();
		String start = dateField("start");
		String end = dateField("end");

		Map<String, Object> truth = eventually(
				() -> this.client.graphql(CAMPAIGNS, Map.of("id", profile, "s", start, "e", end)),
				(a) -> GatewayClient.<List<Map<String, Object>>>at(a, "data.profile.campaigns.nodes")
					.stream()
					.noneMatch((c) -> "PENDING".equals(GatewayClient.at(c, "performance.freshness.status"))));
		assertNoErrors(truth);
		List<Map<String, Object>> campaigns = GatewayClient.at(truth, "data.profile.campaigns.nodes");
		assertThat(campaigns).isNotEmpty();
		assertThat(this.screen.campaignIds()).as("the campaigns, in the gateway's order")
			.isEqualTo(campaigns.stream().map((c) -> (String) c.get("campaignId")).toList());
		for (Map<String, Object> campaign : campaigns) {
			String id = (String) campaign.get("campaignId");
			Map<String, Object> row = this.screen.campaign(id);
			assertThat(row.get("name")).as("campaign %s name", id).isEqualTo(campaign.get("name"));
			assertThat(row.get("adProduct.value")).isEqualTo(campaign.get("adProduct"));
			assertThat(row.get("state.value")).isEqualTo(campaign.get("state"));
			assertFigure(row, "budget", GatewayClient.at(campaign, "budget.amount"));
			assertFigure(row, "spend", GatewayClient.at(campaign, "performance.spend.amount"));
			assertFigure(row, "sales", GatewayClient.at(campaign, "performance.sales.amount"));
			assertFigure(row, "acos", GatewayClient.at(campaign, "performance.acos"));
			assertFigure(row, "roas", GatewayClient.at(campaign, "performance.roas"));
		}
		assertThat(campaigns).as("some campaign with spend in the page's dates")
			.anyMatch((c) -> GatewayClient.at(c, "performance.spend.amount") != null
					&& DashboardBrowserTest.decimal(GatewayClient.at(c, "performance.spend.amount")).signum() > 0);

		// A campaign whose ads advertise products, one of them out of stock when there is
		// one: the ad and its product side by side.
		List<Map<String, Object>> withAds = new ArrayList<>();
		String after = null;
		for (int i = 0; i < LOOKED_AT; i++) {
			Map<String, Object> variables = new HashMap<>(Map.of("id", profile, "s", start, "e", end));
			variables.put("after", after);
			Map<String, Object> page = this.client.graphql(TREE, variables);
			assertNoErrors(page);
			List<Map<String, Object>> nodes = GatewayClient.at(page, "data.profile.campaigns.nodes");
			nodes.stream()
				.filter((c) -> !groups(c).isEmpty() && !ads(groups(c).get(0)).isEmpty())
				.forEach(withAds::add);
			if (!Boolean.TRUE.equals(GatewayClient.at(page, "data.profile.campaigns.pageInfo.hasNextPage"))) {
				break;
			}
			after = GatewayClient.at(page, "data.profile.campaigns.pageInfo.endCursor");
		}
		assertThat(withAds).as("campaigns with an ad group that has ads").isNotEmpty();
		Map<String, Object> chosen = withAds.stream()
			.filter((c) -> groups(c).stream().flatMap((g) -> ads(g).stream()).anyMatch(this::outOfStock))
			.findFirst()
			.orElse(withAds.get(0));
		String campaignId = (String) chosen.get("campaignId");
		this.screen.toggleCampaign(campaignId);
		this.browser.waitFor("the ad groups of " + campaignId, () -> !this.screen.adGroups(campaignId).isEmpty());
		List<Map<String, Object>> shownGroups = this.screen.adGroups(campaignId);
		assertThat(shownGroups).extracting((g) -> g.get("data.adGroupId"))
			.containsExactlyElementsOf(groups(chosen).stream().map((g) -> g.get("adGroupId")).toList());
		assertThat(shownGroups).extracting((g) -> g.get("name"))
			.containsExactlyElementsOf(groups(chosen).stream().map((g) -> g.get("name")).toList());

		Map<String, Object> group = groups(chosen).stream()
			.filter((g) -> ads(g).stream().anyMatch(this::outOfStock))
			.findFirst()
			.orElse(groups(chosen).get(0));
		String adGroupId = (String) group.get("adGroupId");
		this.screen.toggleAdGroup(adGroupId);
		this.browser.waitFor("the ads of " + adGroupId, () -> !this.screen.ads(adGroupId).isEmpty());
		List<Map<String, Object>> shownAds = this.screen.ads(adGroupId);
		assertThat(shownAds).extracting((a) -> a.get("data.adId"))
			.containsExactlyElementsOf(ads(group).stream().map((a) -> a.get("adId")).toList());
		for (int i = 0; i < shownAds.size(); i++) {
			Map<String, Object> ad = ads(group).get(i);
			Map<String, Object> shown = shownAds.get(i);
			Object asin = Objects.requireNonNullElse(GatewayClient.at(ad, "product.asin"), ad.get("asin"));
			assertThat(shown.get("asin")).as("ad %s ASIN", ad.get("adId")).isEqualTo((asin != null) ? asin : "—");
			Object title = GatewayClient.at(ad, "product.catalog.title");
			assertThat(shown.get("title")).as("ad %s product title", ad.get("adId"))
				.isEqualTo((title != null) ? title : "—");
			Object stock = GatewayClient.at(ad, "product.inventory.fulfillable");
			assertThat(shown.get("stock")).as("ad %s stock", ad.get("adId"))
				.isEqualTo((stock != null) ? stock.toString() : "—");
			assertThat(shown.get("state.value")).isEqualTo(ad.get("state"));
		}
		this.browser.screenshot("campaigns");

		// Closing and opening again shows the same rows without asking again.
		this.screen.toggleCampaign(campaignId);
		assertThat(this.screen.adGroups(campaignId)).isEmpty();
		this.screen.toggleCampaign(campaignId);
		assertThat(this.screen.adGroups(campaignId)).hasSameSizeAs(shownGroups);

		assertThat(this.screen.errors()).isEmpty();
		this.browser.assertEveryRequestStayedOn(this.origin, this.origin + "/dashboard", this.origin + "/graphql");
		this.browser.assertNoConsoleErrors();
	}

	private boolean outOfStock(Map<String, Object> ad) {
		Object stock = GatewayClient.at(ad, "product.inventory.fulfillable");
		return stock instanceof Number number && number.intValue() == 0;
	}

	private static List<Map<String, Object>> groups(Map<String, Object> campaign) {
		List<Map<String, Object>> nodes = GatewayClient.at(campaign, "adGroups.nodes");
		return (nodes != null) ? nodes : List.of();
	}

	private static List<Map<String, Object>> ads(Map<String, Object> group) {
		List<Map<String, Object>> nodes = GatewayClient.at(group, "ads.nodes");
		return (nodes != null) ? nodes : List.of();
	}

	/**
	 * The figure the row keeps is the gateway's (or none when it answered none), and its
	 * text shows it.
	 */
	private static void assertFigure(Map<String, Object> row, String column, Object expected) {
		Object value = row.get(column + ".value");
		if (expected == null) {
			assertThat(value).as(column).isNull();
			assertThat(row.get(column)).as(column + " shown").isEqualTo("—");
			return;
		}
		assertThat(DashboardBrowserTest.decimal(value)).as(column)
			.isEqualByComparingTo(DashboardBrowserTest.decimal(expected));
		if (MONEY.contains(column)) {
			assertThat(DashboardBrowserTest.digits((String) row.get(column))).as(column + " shown")
				.isEqualTo(DashboardBrowserTest.digits(DashboardBrowserTest.decimal(expected)));
		}
		else {
			assertThat((String) row.get(column)).as(column + " shown").isNotEqualTo("—");
		}
	}

	private String dateField(String id) {
		return (String) this.browser.js("return document.getElementById(arguments[0]).value;", id);
	}

}
