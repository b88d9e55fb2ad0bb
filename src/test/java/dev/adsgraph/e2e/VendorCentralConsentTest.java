package dev.adsgraph.e2e;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.util.HtmlUtils;

import dev.adsgraph.connections.ConnectionStore;
import dev.adsgraph.sandbox.fixtures.Fixtures;
import dev.adsgraph.testing.OffsetClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A vendor connects the way a newcomer does in the dashboard, end to end over HTTP:
 * {@code connectVendorCentral} answers the sandbox's Vendor Central consent page, the
 * vendor picks Acme Brands and confirms, the gateway's SP-API callback saves the
 * connection, and Acme's US vendor profile then has retail figures and TACoS equal to the
 * sandbox's ground truth. Bad inputs are clear errors that store nothing. Shares its
 * application with {@link ConsentTest} (same configuration), whose states and connections
 * it empties the same way.
 */
@Import(ConsentTest.MovableClock.class)
@TestPropertySource(properties = "adsgraph.consent.state-lifetime=10m")
class VendorCentralConsentTest extends SandboxGatewayTest {

	private static final String CONNECT_VENDOR = """
			mutation($input: ConnectVendorCentralInput!) {
			  connectVendorCentral(input: $input) { authorizationUrl expiresAt userErrors { code message field } }
			}""";

	private static final Pattern HIDDEN = Pattern
		.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");

	@Autowired
	DatabaseClient database;

	@Autowired
	OffsetClock clock;

	@Autowired
	ConnectionStore store;

	@Value("${adsgraph.connections.sp-application.application-id}")
	String spApplicationId;

	private UUID connected;

	@BeforeEach
	void empty() {
		this.database.sql("DELETE FROM consent_state").fetch().rowsUpdated().block();
		this.database.sql("DELETE FROM connection").fetch().rowsUpdated().block();
		this.clock.reset();
	}

	@AfterEach
	void disconnect() {
		if (this.connected != null) {
			this.store.disconnect("demo", this.connected).block();
		}
	}

	private String returnUrl() {
		return "http://localhost:" + this.port + "/dashboard?view=connections";
	}

	private Map<String, Object> connect(String region, String returnUrl) {
		Map<String, Object> input = new LinkedHashMap<>();
		input.put("region", region);
		input.put("returnUrl", returnUrl);
		return this.client.graphql(CONNECT_VENDOR, Map.of("input", input));
	}

	private long rows(String table) {
		return this.database.sql("SELECT count(*) AS n FROM " + table)
			.map((row) -> row.get("n", Long.class))
			.one()
			.block();
	}

	@Test
	void aVendorConnectsOnTheSandboxsVendorCentralPageAndItsVendorProfileHasTheGroundTruthsTacos() {
		Map<String, Object> answer = connect("NA", returnUrl());
		assertNoErrors(answer);
		assertThat((List<?>) GatewayClient.at(answer, "data.connectVendorCentral.userErrors")).isEmpty();
		URI page = URI.create(GatewayClient.at(answer, "data.connectVendorCentral.authorizationUrl"));
		assertThat(page.getScheme() + "://" + page.getRawAuthority() + page.getRawPath())
			.isEqualTo(this.sandboxUrl + "/vendorcentral/apps/authorize/consent");
		Map<String, String> parameters = query(page);
		assertThat(parameters).containsOnlyKeys("application_id", "state", "version", "redirect_uri");
		assertThat(parameters).containsEntry("application_id", this.spApplicationId)
			.containsEntry("version", "beta")
			.containsEntry("redirect_uri", "http://localhost:" + this.port + "/connect/sp/callback");
		assertThat(this.database.sql("SELECT kind, region FROM consent_state").fetch().one().block())
			.containsEntry("kind", "SELLING_PARTNER")
			.containsEntry("region", "NA");

		// The vendor's browser: the page lists Acme Brands (and no seller); confirm.
		GatewayClient.Raw shown = this.client.get(page.toString());
		assertThat(shown.status()).as(shown.body()).isEqualTo(200);
		assertThat(shown.body()).contains("Vendor Central")
			.contains("Acme Brands Inc.")
			.contains(Fixtures.ACME_VENDOR_ENTITY)
			.doesNotContain(Fixtures.DEMO_SP.sellingPartnerId());
		Map<String, String> form = hidden(shown);
		form.put("vendor", Fixtures.ACME_VENDOR_ENTITY);
		form.put("action", "confirm");
		GatewayClient.Raw confirmed = this.client.postForm(this.sandboxUrl + "/vendorcentral/apps/authorize/consent",
				form);
		assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(302);
		String callback = confirmed.headers().get("location").get(0);
		assertThat(callback).startsWith("http://localhost:" + this.port + "/connect/sp/callback?");
		assertThat(query(URI.create(callback))).containsEntry("selling_partner_id", Fixtures.ACME_VENDOR_ENTITY)
			.containsKeys("state", "spapi_oauth_code");

		GatewayClient.Raw back = this.client.get(callback);
		assertThat(back.status()).as(back.body()).isEqualTo(303);
		Map<String, String> outcome = query(URI.create(back.headers().get("location").get(0)));
		assertThat(outcome).containsEntry("status", "connected")
			.containsEntry("kind", "SELLING_PARTNER")
			.containsKey("connectedAccount");
		this.connected = UUID.fromString(outcome.get("connectedAccount"));
		Map<String, Object> row = this.database.sql("SELECT * FROM connection").fetch().one().block();
		assertThat(row).containsEntry("id", this.connected)
			.containsEntry("workspace_id", "demo")
			.containsEntry("kind", "SELLING_PARTNER")
			.containsEntry("subject", Fixtures.ACME_VENDOR_ENTITY)
			.containsEntry("status", "ACTIVE");
		assertThat((String[]) row.get("regions")).containsExactly("NA");

		VendorRetailTest.assertAcmeUsRetailEqualsTheGroundTruth(this.client);
	}

	@Test
	void anUnknownRegionIsRefusedByTheSchemaAndABadReturnUrlIsAUserErrorAndNothingIsStored() {
		String unknown = "{\"query\": " + json(CONNECT_VENDOR)
				+ ", \"variables\": {\"input\": {\"region\": \"MOON\", \"returnUrl\": " + json(returnUrl()) + "}}}";
		GatewayClient.Raw refused = this.client.post("/graphql", GatewayClient.DEMO_KEY, unknown);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("GRAPHQL_VALIDATION_FAILED").contains("MOON");

		String relative = "{\"query\": " + json(CONNECT_VENDOR)
				+ ", \"variables\": {\"input\": {\"region\": \"NA\", \"returnUrl\": \"/dashboard\"}}}";
		refused = this.client.post("/graphql", GatewayClient.DEMO_KEY, relative);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("GRAPHQL_VALIDATION_FAILED").contains("Invalid URL value");

		for (String returnUrl : List.of("https://evil.example.com/connected",
				"http://localhost:" + (this.port + 1) + "/dashboard")) {
			Map<String, Object> answer = connect("EU", returnUrl);
			assertNoErrors(answer);
			assertThat((Object) GatewayClient.at(answer, "data.connectVendorCentral.authorizationUrl")).isNull();
			List<Map<String, Object>> errors = GatewayClient.at(answer, "data.connectVendorCentral.userErrors");
			assertThat(errors).as(returnUrl)
				.singleElement()
				.satisfies((error) -> assertThat(error).containsEntry("code", "RETURN_URL_NOT_ALLOWED")
					.containsEntry("field", List.of("input", "returnUrl")));
		}
		assertThat(rows("consent_state")).isZero();
		assertThat(rows("connection")).isZero();
	}

	@Test
	void theVendorCentralPageRefusesASellerAndACancelLandsOnTheReturnUrlWithAccessDenied() {
		URI page = URI
			.create(GatewayClient.at(connect("NA", returnUrl()), "data.connectVendorCentral.authorizationUrl"));
		String target = this.sandboxUrl + "/vendorcentral/apps/authorize/consent";

		Map<String, String> form = hidden(this.client.get(page.toString()));
		form.put("vendor", Fixtures.DEMO_SP.sellingPartnerId());
		form.put("action", "confirm");
		GatewayClient.Raw refused = this.client.postForm(target, form);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.headers()).doesNotContainKey("location");
		assertThat(refused.body()).contains("Choose the vendor account to authorize");

		form.put("action", "cancel");
		GatewayClient.Raw cancelled = this.client.postForm(target, form);
		assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(302);
		GatewayClient.Raw back = this.client.get(cancelled.headers().get("location").get(0));
		assertThat(back.status()).isEqualTo(303);
		assertThat(query(URI.create(back.headers().get("location").get(0)))).containsEntry("status", "error")
			.containsEntry("error", "access_denied");
		assertThat(rows("connection")).isZero();
	}

	private static Map<String, String> hidden(GatewayClient.Raw page) {
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		Map<String, String> form = new LinkedHashMap<>();
		Matcher matcher = HIDDEN.matcher(page.body());
		while (matcher.find()) {
			form.put(HtmlUtils.htmlUnescape(matcher.group(1)), HtmlUtils.htmlUnescape(matcher.group(2)));
		}
		assertThat(form).containsKey("ticket");
		return form;
	}

	private static Map<String, String> query(URI uri) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (uri.getRawQuery() == null) {
			return parameters;
		}
		for (String pair : uri.getRawQuery().split("&")) {
			int equals = pair.indexOf('=');
			parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
		}
		return parameters;
	}

	private static String json(String text) {
		return tools.jackson.databind.json.JsonMapper.shared().writeValueAsString(text);
	}

}
