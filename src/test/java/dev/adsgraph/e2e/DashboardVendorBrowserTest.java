package dev.adsgraph.e2e;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;

import dev.adsgraph.connections.ConnectionKind;
import dev.adsgraph.connections.ConnectionStore;
import dev.adsgraph.connections.Grant;
import dev.adsgraph.sandbox.fixtures.Fixtures;
import dev.adsgraph.testing.HeadlessChromium;
import dev.adsgraph.upstream.Region;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A vendor profile on the dashboard in a real headless Chromium, with Acme Brands' vendor
 * SP-API authorization in the demo workspace: its retail figures come from the vendor
 * retail analytics reports, which do not have the last days yet, so the page moves its
 * dates to the latest the gateway says they have and shows TACoS as for a seller, the
 * gateway's figures over plain HTTP. The screenshot
 * {@code target/dashboard-browser/vendor.png} is kept as a test artifact.
 */
class DashboardVendorBrowserTest extends SandboxGatewayTest {

	static final String VENDOR_PROFILES = """
			{ profiles(filter: {marketplaceIds: ["ATVPDKIKX0DER"], types: [VENDOR]}) { id accountInfo { accountId } } }""";

	static final String TOTALS = """
			query($id: ID!, $s: Date!, $e: Date!) { profile(id: $id) {
			  performance(dateRange: {start: $s, end: $e}) { metrics { tacos } } } }""";

	@Autowired
	ConnectionStore store;

	private UUID connectionId;

	@RegisterExtension
	final HeadlessChromium browser = HeadlessChromium.perTest(DashboardBrowserTest.ARTIFACTS).window(1400, 1300);

	private DashboardScreen screen;

	private String origin;

	@BeforeEach
	void prepare() {
		this.screen = new DashboardScreen(this.browser);
		this.origin = "http://127.0.0.1:" + this.port;
	}

	/**
	 * Acme's vendor SP-API authorization in the demo workspace, as VendorRetailTest saves
	 * it.
	 */
	@BeforeEach
	void authorizeTheVendor() {
		this.connectionId = this.store
			.save(new Grant("demo", ConnectionKind.SELLING_PARTNER, Fixtures.ACME_VENDOR_ENTITY, "Acme Brands Inc.",
					List.of(Region.NA, Region.EU), List.of(), Fixtures.ACME_VENDOR_SP.credentials().clientId(),
					Fixtures.ACME_VENDOR_SP.credentials().refreshToken()))
			.block()
			.id();
	}

	@AfterEach
	void disconnectTheVendor() {
		this.store.disconnect("demo", this.connectionId).block();
	}

	@Test
	void movesAVendorProfileToTheDatesItsReportsHaveAndShowsItsTacos() {
		this.browser.open(this.origin + "/dashboard");
		this.browser.waitFor("the product rows", () -> !this.screen.asins().isEmpty());
		String vendor = acmeUsProfile();

		// The page's days end yesterday, which the vendor reports do not have yet: the
		// gateway refuses them and names the last day they have; the page moves there and
		// says so.
		Map<String, Object> refused = this.client.graphql(TOTALS,
				Map.of("id", vendor, "s", dateField("start"), "e", dateField("end")));
		Map<String, Object> error = GatewayClient.<List<Map<String, Object>>>at(refused, "errors").get(0);
		assertThat(GatewayClient.<Object>at(error, "extensions.code")).isEqualTo("VENDOR_REPORT_RANGE");
		String latestEnd = GatewayClient.at(error, "extensions.latestEnd");
		this.screen.set("profile", vendor);
		this.browser.waitFor("the vendor's figures", () -> this.screen.status().startsWith("Acme"));
		assertThat(dateField("end")).isEqualTo(latestEnd);
		assertThat(dateField("start")).isEqualTo(LocalDate.parse(latestEnd).minusDays(13).toString());
		assertThat(this.screen.total("range-note")).contains("cannot answer")
			.contains(dateField("start") + " to " + latestEnd);
		assertThat(this.screen.errors()).isEmpty();

		// Days the sandbox's vendor reports have whatever its marketplace's time of day
		// (as VendorRetailTest asks): the vendor's TACoS as the gateway answers it.
		LocalDate end = LocalDate.now(ZoneOffset.UTC).minusDays(5);
		String start = end.minusDays(13).toString();
		this.screen.set("start", start);
		this.screen.set("end", end.toString());
		this.browser.waitFor("the vendor's figures for " + start + " to " + end,
				() -> this.screen.status().equals("Acme Brands Inc. (US), " + start + " to " + end));
		assertThat(this.screen.total("range-note")).isEmpty();
		Map<String, Object> truth = new DashboardBrowserTest.Truth(this.client).products(vendor, start, end.toString());
		Object tacos = GatewayClient.at(truth, "data.profile.performance.metrics.tacos");
		assertThat(tacos).as("the vendor's TACoS").isNotNull();
		assertThat(this.screen.total("total-tacos")).isNotEqualTo("—");
		assertThat(DashboardBrowserTest.digits(this.screen.total("total-sales")))
			.isEqualTo(DashboardBrowserTest.digits(DashboardBrowserTest
				.decimal(GatewayClient.at(truth, "data.profile.performance.sales.orderedProductSales.amount"))));
		List<Map<String, Object>> nodes = GatewayClient.at(truth, "data.profile.products.nodes");
		assertThat(this.screen.asins()).isEqualTo(nodes.stream().map((n) -> (String) n.get("asin")).toList());
		Map<String, Object> withTacos = nodes.stream()
			.filter((n) -> GatewayClient.at(n, "metrics.tacos") != null)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no vendor product with TACoS"));
		String asin = (String) withTacos.get("asin");
		assertThat(this.screen.value(asin, "tacos"))
			.isEqualByComparingTo(DashboardBrowserTest.decimal(GatewayClient.at(withTacos, "metrics.tacos")));
		assertThat(this.screen.text(asin, "tacos")).isNotEqualTo("—");

		this.browser.screenshot("vendor");
		this.browser.assertEveryRequestStayedOn(this.origin, this.origin + "/dashboard", this.origin + "/graphql");
		this.browser.assertNoConsoleErrors();
	}

	private String acmeUsProfile() {
		Map<String, Object> answer = this.client.graphql(VENDOR_PROFILES);
		assertNoErrors(answer);
		List<Map<String, Object>> profiles = GatewayClient.at(answer, "data.profiles");
		return profiles.stream()
			.filter((p) -> Fixtures.ACME_VENDOR_ENTITY.equals(GatewayClient.at(p, "accountInfo.accountId")))
			.map((p) -> (String) p.get("id"))
			.findFirst()
			.orElseThrow();
	}

	private String dateField(String id) {
		return (String) this.browser.js("return document.getElementById(arguments[0]).value;", id);
	}

}
