package dev.adsgraph.e2e;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.adsgraph.testing.HeadlessChromium;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real headless Chromium with the network cut off
 * ({@link HeadlessChromium}): it loads from the gateway alone, fills in the demo key,
 * picks the profile with retail figures, and shows the same figures the gateway answers
 * over plain HTTP, in its table and in its chart over time (one point per day of the
 * chosen range, read from Chart.js's own data). The screenshot
 * {@code target/dashboard-browser/dashboard.png} is kept as a test artifact.
 */
class DashboardBrowserTest extends SandboxGatewayTest {

	static final Path ARTIFACTS = Path.of("target", "dashboard-browser");

	/** The figures the page asks for, asked over HTTP. */
	static final String PRODUCTS = """
			query($id: ID!, $s: Date!, $e: Date!) { profile(id: $id) {
			  performance(dateRange: {start: $s, end: $e}) { freshness { advertising { status } retail { status } }
			    advertising { spend { amount } } sales { orderedProductSales { amount } } metrics { tacos }
			    daily { date advertising { spend { amount } attributedSales { amount } } sales { orderedProductSales { amount } }
			      metrics { acos tacos } } }
			  products(dateRange: {start: $s, end: $e}, first: 50) { nodes { asin catalog { title }
			    inventory { fulfillable } advertising { spend { amount } attributedSales { amount } }
			    sales { orderedProductSales { amount } } metrics { acos tacos organicShare } } } } }""";

	/** Tall enough for the screenshot to show the table below the chart. */
	@RegisterExtension
	final HeadlessChromium browser = HeadlessChromium.perTest(ARTIFACTS).window(1400, 1300);

	private DashboardScreen screen;

	private String origin;

	@BeforeEach
	void prepare() {
		this.screen = new DashboardScreen(this.browser);
		this.origin = "http://127.0.0.1:" + this.port;
	}

	@Test
	void showsTheSellersProductsWithTheGatewaysFiguresAndDrawsTheChart() {
		this.browser.open(this.origin + "/dashboard");
		assertThat(this.screen.apiKey()).as("the demo key, filled in in sandbox mode")
			.isEqualTo(GatewayClient.DEMO_KEY);
		this.browser.waitFor("the product rows", () -> !this.screen.asins().isEmpty());

		// The profile chosen is the first with an SP-API marketplace, where retail
		// figures exist.
		List<Map<String, Object>> profiles = GatewayClient
			.at(this.client.graphql("{ profiles { id marketplaceParticipation { id } } }"), "data.profiles");
		String expected = (String) profiles.stream()
			.filter((p) -> p.get("marketplaceParticipation") != null)
			.findFirst()
			.orElseThrow()
			.get("id");
		assertThat(this.screen.profileOptions()).isEqualTo(profiles.size());
		assertThat(this.screen.selectedProfile()).isEqualTo(expected);
		assertThat(this.screen.errors()).isEmpty();

		Map<String, Object> truth = new Truth(this.client).products(expected, dateField("start"), dateField("end"));
		List<Map<String, Object>> nodes = GatewayClient.at(truth, "data.profile.products.nodes");
		assertThat(nodes).hasSizeGreaterThan(3);
		assertThat(this.screen.asins()).isEqualTo(nodes.stream().map((n) -> (String) n.get("asin")).toList());
		for (Map<String, Object> node : nodes.subList(0, 3)) {
			String asin = (String) node.get("asin");
			assertShows(asin, "spend", decimal(GatewayClient.at(node, "advertising.spend.amount")));
			assertShows(asin, "adSales", decimal(GatewayClient.at(node, "advertising.attributedSales.amount")));
			assertShows(asin, "sales", decimal(GatewayClient.at(node, "sales.orderedProductSales.amount")));
			assertThat(this.screen.value(asin, "tacos"))
				.isEqualByComparingTo(decimal(GatewayClient.at(node, "metrics.tacos")));
			Object title = GatewayClient.at(node, "catalog.title");
			assertThat(this.screen.text(asin, "title")).isEqualTo((title != null) ? title : "—");
			Object fulfillable = GatewayClient.at(node, "inventory.fulfillable");
			assertThat(this.screen.text(asin, "inventory"))
				.isEqualTo((fulfillable != null) ? fulfillable.toString() : "—");
		}
		assertThat(digits(this.screen.total("total-spend")))
			.isEqualTo(digits(decimal(GatewayClient.at(truth, "data.profile.performance.advertising.spend.amount"))));
		assertThat(digits(this.screen.total("total-sales"))).isEqualTo(
				digits(decimal(GatewayClient.at(truth, "data.profile.performance.sales.orderedProductSales.amount"))));

		// The chart is over time: one point per day of the chosen range, the gateway's
		// daily figures.
		Map<String, Object> chart = this.screen.chart();
		assertThat(chart).as("the Chart.js instance on the canvas").isNotNull().containsEntry("type", "line");
		LocalDate start = LocalDate.parse(dateField("start"));
		LocalDate end = LocalDate.parse(dateField("end"));
		List<String> days = start.datesUntil(end.plusDays(1)).map(LocalDate::toString).toList();
		assertThat(days).hasSize(14);
		assertThat(chart.get("labels")).isEqualTo(days);
		List<Map<String, Object>> daily = GatewayClient.at(truth, "data.profile.performance.daily");
		assertThat(daily).extracting((d) -> d.get("date")).containsExactlyElementsOf(days);
		for (String label : List.of("Spend", "Ad sales", "Total sales", "ACOS", "TACoS")) {
			assertThat((List<?>) GatewayClient.at(chart, "datasets." + label)).as(label).hasSize(days.size());
		}
		List<?> spend = GatewayClient.at(chart, "datasets.Spend");
		List<?> sales = GatewayClient.at(chart, "datasets.Total sales");
		List<?> acos = GatewayClient.at(chart, "datasets.ACOS");
		List<?> tacos = GatewayClient.at(chart, "datasets.TACoS");
		// Amounts arrive as decimal strings; Chart.js is given numbers.
		assertThat(spend).as("the Spend data points")
			.allSatisfy((point) -> assertThat(point).isInstanceOf(Number.class));
		for (int i = 0; i < days.size(); i++) {
			Map<String, Object> day = daily.get(i);
			assertThat(decimal(spend.get(i))).as("spend on %s", days.get(i))
				.isEqualByComparingTo(decimal(GatewayClient.at(day, "advertising.spend.amount")));
			assertThat(decimal(sales.get(i))).as("total sales on %s", days.get(i))
				.isEqualByComparingTo(decimal(GatewayClient.at(day, "sales.orderedProductSales.amount")));
			assertRatio(acos.get(i), GatewayClient.at(day, "metrics.acos"));
			assertRatio(tacos.get(i), GatewayClient.at(day, "metrics.tacos"));
		}
		assertThat(this.screen.paintedChartPixels()).as("pixels drawn on the chart's canvas").isGreaterThan(1000);

		this.browser.screenshot("dashboard");
		this.browser.assertEveryRequestStayedOn(this.origin, this.origin + "/dashboard", this.origin + "/graphql");
		this.browser.assertNoConsoleErrors();
	}

	@Test
	void showsTheGatewaysErrorsWithTheirCodes() {
		this.browser.open(this.origin + "/dashboard");
		this.browser.waitFor("the product rows", () -> !this.screen.asins().isEmpty());

		this.screen.set("end", dateField("start"));
		this.screen.set("start", LocalDate.parse(dateField("end")).plusDays(3).toString());
		this.browser.waitFor("the date range error", () -> !this.screen.errors().isEmpty());
		// Both figures fail for the one reason; the page says it once.
		assertThat(this.screen.errors()).singleElement()
			.asString()
			.startsWith("BAD_USER_INPUT: ")
			.contains("is before dateRange.start");

		this.screen.set("api-key", "not-a-key-of-anyone");
		this.browser.waitFor("the API key error",
				() -> this.screen.errors().stream().anyMatch((e) -> e.startsWith("UNAUTHENTICATED")));
		assertThat(this.screen.errors()).singleElement().asString().startsWith("UNAUTHENTICATED: ");
		assertThat(this.screen.asins()).as("nothing of the previous key's stays on screen").isEmpty();
		assertThat(this.screen.profileOptions()).isEqualTo(1);
		this.browser.screenshot("errors");
		// A 401 shows in the console as a failed resource load, so only the requests are
		// checked here.
		this.browser.assertEveryRequestStayedOn(this.origin, this.origin + "/dashboard", this.origin + "/graphql");
	}

	/** What the page asks, asked over HTTP: the truth the page must show. */
	record Truth(GatewayClient client) {

		/** The gateway's answer once both reports are ready. */
		Map<String, Object> products(String profileId, String start, String end) {
			Map<String, Object> answer = eventually(
					() -> this.client.graphql(PRODUCTS, Map.of("id", profileId, "s", start, "e", end)),
					(a) -> "READY".equals(GatewayClient.at(a, "data.profile.performance.freshness.advertising.status"))
							&& "READY".equals(GatewayClient.at(a, "data.profile.performance.freshness.retail.status")));
			assertNoErrors(answer);
			return answer;
		}

	}

	/**
	 * A ratio on the chart is the gateway's, or both are missing (no denominator that
	 * day).
	 */
	private static void assertRatio(Object shown, Object answered) {
		if (answered == null) {
			assertThat(shown).isNull();
		}
		else {
			assertThat(((Number) shown).doubleValue()).isEqualTo(((Number) answered).doubleValue());
		}
	}

	/**
	 * The cell's figure is the gateway's, and its text shows it (in whatever format: the
	 * same digits).
	 */
	private void assertShows(String asin, String column, BigDecimal expected) {
		assertThat(this.screen.value(asin, column)).as("%s %s", asin, column).isEqualByComparingTo(expected);
		assertThat(digits(this.screen.text(asin, column))).as("%s %s shown", asin, column).isEqualTo(digits(expected));
	}

	private String dateField(String id) {
		return (String) this.browser.js("return document.getElementById(arguments[0]).value;", id);
	}

	static BigDecimal decimal(Object value) {
		return new BigDecimal(String.valueOf(value));
	}

	/**
	 * A money amount's digits as shown with two decimals ("$1,234.50" and 1234.5 both
	 * give 123450).
	 */
	static String digits(Object amount) {
		String text = (amount instanceof BigDecimal number) ? number.setScale(2, RoundingMode.HALF_EVEN).toPlainString()
				: String.valueOf(amount);
		return text.replaceAll("[^0-9]", "").replaceFirst("^0+(?=.)", "");
	}

}
