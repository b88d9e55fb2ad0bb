package dev.adsgraph.e2e;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import org.springframework.test.context.TestPropertySource;

import dev.adsgraph.sandbox.fixtures.Fixtures;
import dev.adsgraph.testing.HeadlessChromium;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A newcomer's path in a real headless Chromium: the dashboard's Connections view, its
 * "Connect Amazon Ads", "Connect Seller Central" and "Connect Vendor Central" buttons,
 * the sandbox's consent pages (clicked through their documented element ids), the
 * gateway's callbacks, and back to the dashboard; then {@code profiles} and the seller's
 * marketplace answered through the new connections. A cancelled consent lands back with
 * its reason; a disconnected account's profiles are gone. The demo workspace connects the
 * agency user and their seller Riverstone, whom its configured credentials cannot reach.
 * Its own application (and database), so no other test sees these connections.
 */
@TestPropertySource(properties = "adsgraph.consent.state-lifetime=9m")
class ConnectionsBrowserTest extends SandboxGatewayTest {

	private static final Path ARTIFACTS = Path.of("target", "connections-browser");

	private static final String RIVERSTONE = "A2RIVRSTN8MQ4K";

	private static final String PROFILES = """
			{ profiles { id countryCode accountInfo { accountId } marketplaceParticipation { id }
			  connectedAccount { id kind source } } }""";

	private static final String PRODUCTS = """
			query($id: ID!, $s: Date!, $e: Date!) { profile(id: $id) {
			  products(dateRange: {start: $s, end: $e}, first: 5) { nodes { asin catalog { title } } } } }""";

	@RegisterExtension
	final HeadlessChromium browser = HeadlessChromium.perTest(ARTIFACTS);

	private String origin;

	@BeforeEach
	void prepare() {
		this.origin = "http://127.0.0.1:" + this.port;
	}

	@Test
	void anAdsUserASellerAndAVendorConnectFromTheDashboardAndTheGraphAnswersThroughThem() {
		assertThat(riverstoneUs()).as("Riverstone's US profile before any consent").isNull();
		this.browser.open(this.origin + "/dashboard?view=connections");
		this.browser.waitFor("the configured connections", () -> rows().size() == 2);
		assertThat(rows()).extracting((row) -> row.get("kind")).containsExactly("AMAZON_ADS", "SELLING_PARTNER");

		// Amazon Ads: the agency user signs in on the sandbox's LWA page and allows.
		click("connect-ads");
		this.browser.waitFor("LWA's authorization page", () -> url().contains("/ap/oa"));
		click("user-agency");
		click("allow");
		String ads = connectedRow("AMAZON_ADS");
		Map<String, Object> profile = riverstoneUs();
		assertThat(profile).as("Riverstone's US profile, through the new connection").isNotNull();
		assertThat(GatewayClient.<String>at(profile, "connectedAccount.id")).isEqualTo(ads);
		assertThat(GatewayClient.<String>at(profile, "connectedAccount.source")).isEqualTo("CONSENT");
		assertThat(profile.get("marketplaceParticipation")).as("no SP-API connection for Riverstone yet").isNull();

		// Seller Central: Riverstone authorizes the SP-API application.
		click("connect-seller");
		this.browser.waitFor("Seller Central's consent page", () -> url().contains("/apps/authorize/consent"));
		click("seller-" + RIVERSTONE);
		click("confirm");
		connectedRow("SELLING_PARTNER");
		assertThat(GatewayClient.<String>at(riverstoneUs(), "marketplaceParticipation.id"))
			.as("the seller's marketplace, through the new SP-API connection")
			.isNotNull();
		// Its products: advertised through the Ads connection, in the catalog through the
		// SP-API one.
		String end = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
		String start = LocalDate.now(ZoneOffset.UTC).minusDays(7).toString();
		Map<String, Object> products = eventually(() -> this.client.graphql(PRODUCTS,
				Map.of("id", GatewayClient.at(riverstoneUs(), "id"), "s", start, "e", end)), (answer) -> {
					List<Map<String, Object>> nodes = GatewayClient.at(answer, "data.profile.products.nodes");
					return nodes != null && !nodes.isEmpty()
							&& nodes.stream()
								.anyMatch((node) -> node.get("catalog") instanceof Map<?, ?> catalog
										&& catalog.get("title") != null);
				});
		assertNoErrors(products);

		// Vendor Central: Acme Brands authorizes the same SP-API application.
		click("connect-vendor");
		this.browser.waitFor("Vendor Central's consent page",
				() -> url().contains("/vendorcentral/apps/authorize/consent"));
		click("vendor-" + Fixtures.ACME_VENDOR_ENTITY);
		click("confirm");
		this.browser.waitFor("the dashboard, connected",
				() -> url().startsWith(this.origin + "/dashboard") && "connected".equals(resultStatus()));
		this.browser.waitFor("the vendor's row", () -> rows().size() == 5);
		assertThat(text("connect-result")).isEqualTo("Connected (Vendor Central).");
		assertThat(rows()).filteredOn((row) -> "SELLING_PARTNER".equals(row.get("kind"))).hasSize(3);
		this.browser.screenshot("connected");

		// A cancelled consent comes back with its reason and changes nothing.
		click("connect-ads");
		this.browser.waitFor("LWA's authorization page", () -> url().contains("/ap/oa"));
		click("deny");
		this.browser.waitFor("the result", () -> "error".equals(resultStatus()));
		assertThat(text("connect-result")).contains("access_denied");
		this.browser.waitFor("the connections", () -> rows().size() == 5);

		// Disconnecting the Ads user takes their profiles away.
		this.browser.js("document.querySelector('#connections tr[data-id=\"' + arguments[0] + '\"]"
				+ " button[data-action=\"disconnect\"]').click();", ads);
		this.browser.waitFor("the disconnected row", () -> rows().stream()
			.anyMatch((row) -> ads.equals(row.get("id")) && "DISCONNECTED".equals(row.get("status"))));
		assertThat(riverstoneUs()).as("the disconnected user's profile").isNull();
		this.browser.assertNoConsoleErrors();
	}

	/** Waits until the dashboard is back with a connected result and the new row. */
	private String connectedRow(String kind) {
		this.browser.waitFor("the dashboard, connected",
				() -> url().startsWith(this.origin + "/dashboard") && "connected".equals(resultStatus()));
		this.browser.waitFor("the new " + kind + " row",
				() -> rows().stream()
					.anyMatch((row) -> kind.equals(row.get("kind")) && "ACTIVE".equals(row.get("status"))
							&& String.valueOf(row.get("id")).matches("[0-9a-f-]{36}")));
		assertThat(url()).as("the consent's answer is shown once").endsWith("/dashboard?view=connections");
		return rows().stream()
			.filter((row) -> kind.equals(row.get("kind")) && String.valueOf(row.get("id")).matches("[0-9a-f-]{36}"))
			.map((row) -> (String) row.get("id"))
			.findFirst()
			.orElseThrow();
	}

	private Map<String, Object> riverstoneUs() {
		Map<String, Object> answer = this.client.graphql(PROFILES);
		List<Map<String, Object>> profiles = GatewayClient.at(answer, "data.profiles");
		return profiles.stream()
			.filter((p) -> RIVERSTONE.equals(GatewayClient.at(p, "accountInfo.accountId"))
					&& "US".equals(p.get("countryCode")))
			.findFirst()
			.orElse(null);
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> rows() {
		return (List<Map<String, Object>>) this.browser
			.js("return Array.from(document.querySelectorAll('#connections tbody tr'))"
					+ ".map(function (row) { return { id: row.dataset.id, kind: row.dataset.kind,"
					+ " status: row.dataset.status }; });");
	}

	private void click(String id) {
		this.browser.waitFor("#" + id, () -> !this.browser.driver().findElements(By.id(id)).isEmpty());
		this.browser.driver().findElement(By.id(id)).click();
	}

	private String url() {
		return this.browser.driver().getCurrentUrl();
	}

	private String resultStatus() {
		return (String) this.browser.js("var r = document.getElementById('connect-result');"
				+ " return (r && !r.hidden) ? r.dataset.status : null;");
	}

	private String text(String id) {
		return (String) this.browser.js("return document.getElementById(arguments[0]).textContent;", id);
	}

}
