package dev.adsgraph.e2e;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

import dev.adsgraph.testing.OffsetClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consent flows end to end over HTTP: the mutations' URLs, their refusals, and the
 * public callbacks with every kind of unusable state or parameter, against the
 * application's own PostgreSQL (read directly to prove what was and was not stored). The
 * gateway's clock runs ahead on demand so a state expires without waiting; this class has
 * an application of its own.
 */
@Import(ConsentTest.MovableClock.class)
@TestPropertySource(properties = "adsgraph.consent.state-lifetime=10m")
class ConsentTest extends SandboxGatewayTest {

	private static final String CONNECT_ADS = """
			mutation($input: ConnectAmazonAdsInput!) {
			  connectAmazonAds(input: $input) { authorizationUrl expiresAt userErrors { code message field } }
			}""";

	private static final String CONNECT_SP = """
			mutation($input: ConnectSellerCentralInput!) {
			  connectSellerCentral(input: $input) { authorizationUrl expiresAt userErrors { code message field } }
			}""";

	/**
	 * A code as Amazon's would be; it must never show up anywhere the gateway answers.
	 */
	private static final String CODE = "ANdNAVhyhqirUelHGEHA-secret-code";

	@Autowired
	DatabaseClient database;

	@Autowired
	OffsetClock clock;

	@Value("${adsgraph.connections.ads-application.client-id}")
	String adsClientId;

	@Value("${adsgraph.connections.sp-application.application-id}")
	String spApplicationId;

	@BeforeEach
	void empty() {
		this.database.sql("DELETE FROM consent_state").fetch().rowsUpdated().block();
		this.database.sql("DELETE FROM connection").fetch().rowsUpdated().block();
		this.clock.reset();
	}

	private String returnUrl() {
		return "http://localhost:" + this.port + "/dashboard?page=connections";
	}

	private Map<String, Object> connect(String mutation, String region, String returnUrl) {
		Map<String, Object> input = new LinkedHashMap<>();
		input.put("region", region);
		input.put("returnUrl", returnUrl);
		return this.client.graphql(mutation, Map.of("input", input));
	}

	private String issue(String mutation) {
		Map<String, Object> answer = connect(mutation, "NA", returnUrl());
		assertNoErrors(answer);
		String field = mutation.contains("connectAmazonAds") ? "connectAmazonAds" : "connectSellerCentral";
		String url = GatewayClient.at(answer, "data." + field + ".authorizationUrl");
		return query(URI.create(url)).get("state");
	}

	private static Map<String, String> query(URI uri) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (uri.getRawQuery() == null) {
			return parameters;
		}
		for (String pair : uri.getRawQuery().split("&")) {
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8);
			assertThat(parameters).as("parameter %s once in %s", name, uri).doesNotContainKey(name);
			parameters.put(name, URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
		}
		return parameters;
	}

	private long rows(String table) {
		return this.database.sql("SELECT count(*) AS n FROM " + table)
			.map((row) -> row.get("n", Long.class))
			.one()
			.block();
	}

	private GatewayClient.Raw callback(String path, String query) {
		return this.client.get(this.client.gatewayUrl() + path + "?" + query);
	}

	private static URI location(GatewayClient.Raw raw) {
		assertThat(raw.status()).as("status of %s", raw.body()).isEqualTo(303);
		return URI.create(raw.headers().get("location").get(0));
	}

	private static void assertRefusedPage(GatewayClient.Raw raw, String reason) {
		assertThat(raw.status()).isEqualTo(400);
		assertThat(raw.headers().get("content-type").get(0)).startsWith("text/html");
		assertThat(raw.headers()).doesNotContainKey("location");
		assertThat(raw.body()).contains("The Amazon connection did not complete").contains(reason);
		assertThat(raw.body()).doesNotContain(CODE);
	}

	@Test
	void connectAmazonAdsAnswersTheLoginWithAmazonUrlWithEveryParameter() {
		Instant before = this.clock.instant();
		Map<String, Object> answer = connect(CONNECT_ADS, "EU", returnUrl());

		assertNoErrors(answer);
		assertThat((List<?>) GatewayClient.at(answer, "data.connectAmazonAds.userErrors")).isEmpty();
		URI url = URI.create(GatewayClient.at(answer, "data.connectAmazonAds.authorizationUrl"));
		assertThat(url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath())
			.isEqualTo(this.sandboxUrl + "/ap/oa");
		Map<String, String> parameters = query(url);
		assertThat(parameters).containsOnlyKeys("client_id", "scope", "response_type", "redirect_uri", "state");
		assertThat(parameters).containsEntry("client_id", this.adsClientId)
			.containsEntry("scope", "advertising::campaign_management profile:user_id")
			.containsEntry("response_type", "code")
			.containsEntry("redirect_uri", "http://localhost:" + this.port + "/connect/ads/callback");
		String state = parameters.get("state");
		assertThat(state).matches("[A-Za-z0-9_-]{43}");
		OffsetDateTime expiresAt = OffsetDateTime.parse(GatewayClient.at(answer, "data.connectAmazonAds.expiresAt"));
		assertThat(expiresAt.toInstant()).isBetween(before.plus(Duration.ofMinutes(10)).minusSeconds(1),
				this.clock.instant().plus(Duration.ofMinutes(10)));
		Map<String, Object> row = this.database.sql("SELECT * FROM consent_state").fetch().one().block();
		assertThat(row).containsEntry("workspace_id", "demo")
			.containsEntry("kind", "ADS")
			.containsEntry("region", "EU")
			.containsEntry("return_url", returnUrl())
			.containsEntry("redirect_uri", parameters.get("redirect_uri"));
		assertThat(HexFormat.of().formatHex(bytes(row.get("state_sha256")))).isEqualTo(sha256(state));
		assertThat(row.values()).noneSatisfy((value) -> assertThat(String.valueOf(value)).contains(state));
	}

	@Test
	void connectSellerCentralAnswersTheConsentUrlWithBetaForADraftApplication() {
		Map<String, Object> answer = connect(CONNECT_SP, "NA", returnUrl());

		assertNoErrors(answer);
		URI url = URI.create(GatewayClient.at(answer, "data.connectSellerCentral.authorizationUrl"));
		assertThat(url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath())
			.isEqualTo(this.sandboxUrl + "/apps/authorize/consent");
		Map<String, String> parameters = query(url);
		assertThat(parameters).containsOnlyKeys("application_id", "state", "version", "redirect_uri");
		assertThat(parameters).containsEntry("application_id", this.spApplicationId)
			.containsEntry("version", "beta")
			.containsEntry("redirect_uri", "http://localhost:" + this.port + "/connect/sp/callback");
		assertThat(parameters.get("state")).matches("[A-Za-z0-9_-]{43}");
		assertThat(this.database.sql("SELECT kind, region FROM consent_state").fetch().one().block())
			.containsEntry("kind", "SELLING_PARTNER")
			.containsEntry("region", "NA");
	}

	@Test
	void aReturnUrlOffTheAllowListIsAUserErrorAndStoresNothing() {
		String origin = "http://localhost:" + this.port;
		for (String returnUrl : List.of("https://evil.example.com/connected", origin + "@evil.example.com/",
				"http://localhost:" + (this.port + 1) + "/dashboard", "mailto:someone@example.com",
				origin + "/dashboard/../graphql#x", origin + "/" + "a".repeat(2100))) {
			for (String mutation : List.of(CONNECT_ADS, CONNECT_SP)) {
				Map<String, Object> answer = connect(mutation, "NA", returnUrl);
				assertNoErrors(answer);
				String field = mutation.contains("connectAmazonAds") ? "connectAmazonAds" : "connectSellerCentral";
				assertThat((Object) GatewayClient.at(answer, "data." + field + ".authorizationUrl")).isNull();
				List<Map<String, Object>> errors = GatewayClient.at(answer, "data." + field + ".userErrors");
				assertThat(errors).as(returnUrl).singleElement().satisfies((error) -> {
					assertThat(error).containsEntry("code", "RETURN_URL_NOT_ALLOWED")
						.containsEntry("field", List.of("input", "returnUrl"));
					assertThat((String) error.get("message")).startsWith("returnUrl");
				});
			}
		}
		assertThat(rows("consent_state")).isZero();
	}

	@Test
	void aRelativeReturnUrlOrAMissingRegionIsRefusedByTheSchemaAndStoresNothing() {
		String relative = "{\"query\": " + json(CONNECT_ADS)
				+ ", \"variables\": {\"input\": {\"region\": \"NA\", \"returnUrl\": \"/dashboard\"}}}";
		GatewayClient.Raw refused = this.client.post("/graphql", GatewayClient.DEMO_KEY, relative);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("GRAPHQL_VALIDATION_FAILED").contains("Invalid URL value");
		String noRegion = "{\"query\": " + json(CONNECT_SP) + ", \"variables\": {\"input\": {\"returnUrl\": "
				+ json(returnUrl()) + "}}}";
		refused = this.client.post("/graphql", GatewayClient.DEMO_KEY, noRegion);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("GRAPHQL_VALIDATION_FAILED").contains("region");
		assertThat(rows("consent_state")).isZero();
	}

	private static String json(String text) {
		return tools.jackson.databind.json.JsonMapper.shared().writeValueAsString(text);
	}

	@Test
	void theCallbacksNeedNoApiKeyAndRefuseAMissingUnknownOrMalformedStateWithAPage() {
		assertRefusedPage(callback("/connect/ads/callback", "code=" + CODE + "&scope=x"), "no state parameter");
		assertRefusedPage(callback("/connect/ads/callback", "code=" + CODE + "&state=" + "A".repeat(43)),
				"The state is unknown");
		assertRefusedPage(
				callback("/connect/sp/callback",
						"spapi_oauth_code=" + CODE + "&selling_partner_id=A1&state=%3Cscript%3E"),
				"not one this gateway issued");
		assertThat(callback("/connect/sp/callback", "state=%3Cscript%3E").body()).doesNotContain("<script>");
		assertThat(rows("connection")).isZero();
	}

	@Test
	void anExpiredStateGetsThePageAndNothingIsSaved() {
		String state = issue(CONNECT_ADS);
		this.clock.advance(Duration.ofMinutes(11));

		assertRefusedPage(callback("/connect/ads/callback", "code=" + CODE + "&state=" + state), "expired");
		assertThat(rows("connection")).isZero();
	}

	@Test
	void aStateIsUsedOnceAReplayGetsThePage() {
		String state = issue(CONNECT_SP);
		URI first = location(callback("/connect/sp/callback", "error=access_denied&state=" + state));
		assertThat(query(first)).containsEntry("status", "error");

		assertRefusedPage(
				callback("/connect/sp/callback", "spapi_oauth_code=" + CODE + "&selling_partner_id=A1&state=" + state),
				"used already");
		assertThat(rows("connection")).isZero();
	}

	@Test
	void anotherKindsStateGetsThePageAndStaysUsableForItsOwnCallback() {
		String state = issue(CONNECT_SP);

		assertRefusedPage(callback("/connect/ads/callback", "code=" + CODE + "&state=" + state), "another kind");
		assertThat(rows("connection")).isZero();
		assertThat(location(callback("/connect/sp/callback", "error=access_denied&state=" + state))).isNotNull();
	}

	@Test
	void aDenialLandsOnTheReturnUrlWithTheReasonAndConsumesTheState() {
		String state = issue(CONNECT_ADS);

		URI back = location(
				callback("/connect/ads/callback", "error=access_denied&error_description=User+denied&state=" + state));

		assertThat(back.toString()).startsWith(returnUrl() + "&");
		assertThat(query(back)).containsEntry("page", "connections")
			.containsEntry("status", "error")
			.containsEntry("kind", "AMAZON_ADS")
			.containsEntry("error", "access_denied")
			.hasEntrySatisfying("error_description", (text) -> assertThat(text).contains("declined"));
		assertThat(this.database.sql("SELECT used_at FROM consent_state").fetch().one().block().get("used_at"))
			.isNotNull();
		assertThat(rows("connection")).isZero();
	}

	@Test
	void aCallbackWithoutTheCodeLandsOnTheReturnUrlAsAnInvalidRequest() {
		String ads = issue(CONNECT_ADS);
		assertThat(query(location(callback("/connect/ads/callback", "scope=profile&state=" + ads))))
			.containsEntry("error", "invalid_request");
		String sp = issue(CONNECT_SP);
		assertThat(query(location(callback("/connect/sp/callback", "spapi_oauth_code=" + CODE + "&state=" + sp))))
			.containsEntry("error", "invalid_request")
			.hasEntrySatisfying("error_description", (text) -> assertThat(text).contains("selling_partner_id"));
		assertThat(rows("connection")).isZero();
	}

	@Test
	void anOversizedOrRepeatedParameterGetsThePageAndConsumesNothing() {
		String state = issue(CONNECT_ADS);

		assertRefusedPage(callback("/connect/ads/callback", "code=" + "c".repeat(2049) + "&state=" + state),
				"longer than 2048 characters");
		assertRefusedPage(callback("/connect/ads/callback", "code=a&code=b&state=" + state), "more than once");
		assertThat(this.database.sql("SELECT used_at FROM consent_state").fetch().one().block().get("used_at"))
			.isNull();
	}

	@Test
	void aCodeAmazonRefusesLandsOnTheReturnUrlWithoutTheCodeInItOrInTheLogs() {
		String state = issue(CONNECT_ADS);

		URI back;
		try (CapturedLogs logs = CapturedLogs.attach()) {
			back = location(callback("/connect/ads/callback", "code=" + CODE + "&scope=profile&state=" + state));
			assertThat(logs.text()).contains("Consent of kind ADS for workspace demo failed").doesNotContain(CODE);
		}

		Map<String, String> outcome = query(back);
		assertThat(outcome).containsEntry("status", "error").containsEntry("kind", "AMAZON_ADS");
		assertThat(outcome.get("error")).isEqualTo("invalid_grant");
		assertThat(back.toString()).doesNotContain(CODE);
		assertThat(rows("connection")).isZero();
	}

	@Test
	void anAdsUserConnectsThroughTheSandboxAndReconnectingUpdatesTheSameConnection() {
		URI first = location(simulatedConsent(connectUrl(CONNECT_ADS)));
		Map<String, String> outcome = query(first);
		assertThat(outcome).containsEntry("status", "connected").containsEntry("kind", "AMAZON_ADS");
		Map<String, Object> row = this.database.sql("SELECT * FROM connection").fetch().one().block();
		assertThat(row).containsEntry("id", java.util.UUID.fromString(outcome.get("connectedAccount")))
			.containsEntry("workspace_id", "demo")
			.containsEntry("kind", "ADS")
			.containsEntry("status", "ACTIVE")
			.containsEntry("client_id", this.adsClientId);
		assertThat((String) row.get("subject")).startsWith("amzn1.account.");
		assertThat((String[]) row.get("regions")).isNotEmpty();
		assertThat((String[]) row.get("scopes")).contains("advertising::campaign_management");

		URI again = location(simulatedConsent(connectUrl(CONNECT_ADS)));
		assertThat(query(again)).containsEntry("connectedAccount", outcome.get("connectedAccount"));
		assertThat(rows("connection")).isEqualTo(1);
	}

	@Test
	void aSellerConnectsThroughTheSandboxAndReconnectingUpdatesTheSameConnection() {
		URI first = location(simulatedConsent(connectUrl(CONNECT_SP)));
		Map<String, String> outcome = query(first);
		assertThat(outcome).containsEntry("status", "connected").containsEntry("kind", "SELLING_PARTNER");
		Map<String, Object> row = this.database.sql("SELECT * FROM connection").fetch().one().block();
		assertThat(row).containsEntry("kind", "SELLING_PARTNER").containsEntry("status", "ACTIVE");
		assertThat((String[]) row.get("regions")).containsExactly("NA");

		URI again = location(simulatedConsent(connectUrl(CONNECT_SP)));
		assertThat(query(again)).containsEntry("connectedAccount", outcome.get("connectedAccount"));
		assertThat(rows("connection")).isEqualTo(1);
	}

	@Test
	void aRedirectUriOtherThanTheAuthorizationsIsRefusedByLwaAndLandsOnTheReturnUrl() {
		URI authorizationUrl = connectUrl(CONNECT_ADS);
		String callback = consentPage(authorizationUrl, "allow");
		// As if the gateway's public URL changed between the mutation and the callback.
		this.database.sql("UPDATE consent_state SET redirect_uri = :other")
			.bind("other", "http://localhost:" + this.port + "/elsewhere")
			.fetch()
			.rowsUpdated()
			.block();

		Map<String, String> outcome = query(location(this.client.get(callback)));

		assertThat(outcome).containsEntry("status", "error").containsEntry("error", "invalid_grant");
		assertThat(rows("connection")).isZero();
	}

	@Test
	void aSellerWhoDeniesOnTheSandboxsPageLandsOnTheReturnUrlWithAccessDenied() {
		String callback = consentPage(connectUrl(CONNECT_SP), "cancel");

		Map<String, String> outcome = query(location(this.client.get(callback)));

		assertThat(outcome).containsEntry("status", "error").containsEntry("error", "access_denied");
		assertThat(rows("connection")).isZero();
	}

	private URI connectUrl(String mutation) {
		Map<String, Object> answer = connect(mutation, "NA", returnUrl());
		assertNoErrors(answer);
		String field = mutation.contains("connectAmazonAds") ? "connectAmazonAds" : "connectSellerCentral";
		return URI.create(GatewayClient.at(answer, "data." + field + ".authorizationUrl"));
	}

	/**
	 * The user on the sandbox's consent page allows the application: the page's answer
	 * sends the browser to the gateway's callback, which is followed once.
	 */
	private GatewayClient.Raw simulatedConsent(URI authorizationUrl) {
		String callback = consentPage(authorizationUrl,
				authorizationUrl.getPath().endsWith("/ap/oa") ? "allow" : "confirm");
		assertThat(callback).startsWith("http://localhost:" + this.port + "/connect/");
		return this.client.get(callback);
	}

	/**
	 * What a browser does on the sandbox's page ({@code docs/sandbox.md}): signs in as
	 * the global user (profiles in all three regions) or picks their seller, then clicks
	 * {@code action}; answers where the page sends the browser.
	 */
	private String consentPage(URI pageUrl, String action) {
		GatewayClient.Raw page = this.client.get(pageUrl.toString());
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		Map<String, String> form = new LinkedHashMap<>();
		java.util.regex.Matcher hidden = java.util.regex.Pattern
			.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")
			.matcher(page.body());
		while (hidden.find()) {
			form.put(org.springframework.web.util.HtmlUtils.htmlUnescape(hidden.group(1)),
					org.springframework.web.util.HtmlUtils.htmlUnescape(hidden.group(2)));
		}
		boolean ads = pageUrl.getPath().endsWith("/ap/oa");
		form.put(ads ? "user" : "seller", ads ? "global" : "A1MARLOWHG7Q2X");
		form.put("action", action);
		GatewayClient.Raw answer = this.client.postForm(
				URI.create(pageUrl.getScheme() + "://" + pageUrl.getRawAuthority() + pageUrl.getRawPath()).toString(),
				form);
		assertThat(answer.status()).as(answer.body()).isEqualTo(302);
		return answer.headers().get("location").get(0);
	}

	private static byte[] bytes(Object value) {
		java.nio.ByteBuffer buffer = ((java.nio.ByteBuffer) value).duplicate();
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		return bytes;
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(java.security.MessageDigest.getInstance("SHA-256")
					.digest(text.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new AssertionError(ex);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class MovableClock {

		@Bean
		@Primary
		OffsetClock aheadClock() {
			return new OffsetClock();
		}

	}

}
