package dev.adsgraph.consent;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

import dev.adsgraph.AdsgraphApplication;
import dev.adsgraph.testing.OwnEventLoops;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consent mutations of a gateway in live mode (the sandbox off), over HTTP: Amazon's
 * own consent pages by default, and a user error, with nothing stored, for what is not
 * configured.
 */
class ConsentLiveModeTest {

	private static final String KEY = "acme-key-0123456789";

	private static final List<String> LIVE = List.of("--server.port=0", "--adsgraph.tenants[0].id=acme",
			"--adsgraph.tenants[0].api-key=" + KEY, "--adsgraph.tenants[0].ads.client-id=amzn1.x",
			"--adsgraph.tenants[0].ads.client-secret=s", "--adsgraph.tenants[0].ads.refresh-token=Atzr|r",
			"--adsgraph.tenants[0].ads.regions=NA");

	private static final String CONNECT = """
			mutation($ads: ConnectAmazonAdsInput!, $sp: ConnectSellerCentralInput!, $vc: ConnectVendorCentralInput!) {
			  ads: connectAmazonAds(input: $ads) { authorizationUrl expiresAt userErrors { code message field } }
			  sp: connectSellerCentral(input: $sp) { authorizationUrl expiresAt userErrors { code message field } }
			  vendor: connectVendorCentral(input: $vc) { authorizationUrl expiresAt userErrors { code message field } }
			}""";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static ConfigurableApplicationContext start(String... more) {
		List<String> arguments = new ArrayList<>(LIVE);
		arguments.addAll(List.of(more));
		return new SpringApplicationBuilder(AdsgraphApplication.class).initializers(OwnEventLoops::register)
			.run(arguments.toArray(String[]::new));
	}

	private static JsonNode connect(ConfigurableApplicationContext gateway, String adsRegion, String spRegion)
			throws Exception {
		String port = gateway.getEnvironment().getProperty("local.server.port");
		Map<String, Object> variables = Map.of("ads",
				Map.of("region", adsRegion, "returnUrl", "https://app.example.com/amazon?x=1"), "sp",
				Map.of("region", spRegion, "returnUrl", "https://app.example.com/amazon"), "vc",
				Map.of("region", spRegion, "returnUrl", "https://app.example.com/amazon"));
		String body = JSON.writeValueAsString(Map.of("query", CONNECT, "variables", variables));
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("X-Api-Key", KEY)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode answer = JSON.readTree(response.body());
		assertThat(answer.has("errors")).as(response.body()).isFalse();
		return answer.get("data");
	}

	private static long states(ConfigurableApplicationContext gateway) {
		return gateway.getBean(DatabaseClient.class)
			.sql("SELECT count(*) AS n FROM consent_state")
			.map((row) -> row.get("n", Long.class))
			.one()
			.block();
	}

	private static Map<String, String> query(String url) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String pair : URI.create(url).getRawQuery().split("&")) {
			int equals = pair.indexOf('=');
			parameters.put(pair.substring(0, equals),
					URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
		}
		return parameters;
	}

	@Test
	void withoutAPublicUrlOrApplicationsTheMutationsAnswerAUserErrorAndStoreNothing() throws Exception {
		try (ConfigurableApplicationContext gateway = start(
				"--adsgraph.consent.allowed-return-urls=https://app.example.com")) {
			JsonNode data = connect(gateway, "NA", "NA");
			for (String field : List.of("ads", "sp", "vendor")) {
				assertThat(data.get(field).get("authorizationUrl").isNull()).isTrue();
				assertThat(data.get(field).get("userErrors")).hasSize(1);
				assertThat(data.get(field).get("userErrors").get(0).get("code").asString())
					.isEqualTo("CONSENT_NOT_CONFIGURED");
			}
			assertThat(data.get("ads").get("userErrors").get(0).get("message").asString())
				.contains("adsgraph.connections.ads-application.client-id");
			assertThat(data.get("sp").get("userErrors").get(0).get("message").asString())
				.contains("adsgraph.connections.sp-application.application-id");
			assertThat(data.get("vendor").get("userErrors").get(0).get("message").asString())
				.contains("adsgraph.connections.sp-application.application-id");
			assertThat(states(gateway)).isZero();
		}
	}

	@Test
	void configuredTheUrlsAreAmazonsForTheRegionAndAPublishedApplicationHasNoBetaVersion() throws Exception {
		try (ConfigurableApplicationContext gateway = start("--adsgraph.consent.public-url=https://gw.example.com/",
				"--adsgraph.consent.allowed-return-urls=https://app.example.com/amazon",
				"--adsgraph.connections.ads-application.client-id=amzn1.application-oa2-client.ads",
				"--adsgraph.connections.ads-application.client-secret=ads-secret",
				"--adsgraph.connections.sp-application.application-id=amzn1.sp.solution.live",
				"--adsgraph.connections.sp-application.client-id=amzn1.application-oa2-client.sp",
				"--adsgraph.connections.sp-application.client-secret=sp-secret",
				"--adsgraph.consent.vendor-central-consent-urls.EU=https://vendorcentral.amazon.de/apps/authorize/consent")) {
			JsonNode data = connect(gateway, "EU", "FE");
			String ads = data.get("ads").get("authorizationUrl").asString();
			assertThat(ads).startsWith("https://eu.account.amazon.com/ap/oa?");
			assertThat(query(ads)).containsEntry("client_id", "amzn1.application-oa2-client.ads")
				.containsEntry("redirect_uri", "https://gw.example.com/connect/ads/callback")
				.containsEntry("response_type", "code");
			String sp = data.get("sp").get("authorizationUrl").asString();
			assertThat(sp).startsWith("https://sellercentral-japan.amazon.com/apps/authorize/consent?");
			assertThat(query(sp)).containsOnlyKeys("application_id", "state", "redirect_uri")
				.containsEntry("application_id", "amzn1.sp.solution.live")
				.containsEntry("redirect_uri", "https://gw.example.com/connect/sp/callback");
			String vendor = data.get("vendor").get("authorizationUrl").asString();
			assertThat(vendor).startsWith("https://vendorcentral.amazon.co.jp/apps/authorize/consent?");
			assertThat(query(vendor)).containsOnlyKeys("application_id", "state", "redirect_uri")
				.containsEntry("application_id", "amzn1.sp.solution.live")
				.containsEntry("redirect_uri", "https://gw.example.com/connect/sp/callback");
			assertThat(ads + sp + vendor).doesNotContain("secret");
			assertThat(states(gateway)).isEqualTo(3);

			JsonNode na = connect(gateway, "NA", "NA");
			assertThat(na.get("ads").get("authorizationUrl").asString()).startsWith("https://www.amazon.com/ap/oa?");
			assertThat(na.get("sp").get("authorizationUrl").asString())
				.startsWith("https://sellercentral.amazon.com/apps/authorize/consent?");
			assertThat(na.get("vendor").get("authorizationUrl").asString())
				.startsWith("https://vendorcentral.amazon.com/apps/authorize/consent?");
			// Vendor Central has one URL per marketplace: a deployment sets its vendors'.
			assertThat(connect(gateway, "EU", "EU").get("vendor").get("authorizationUrl").asString())
				.startsWith("https://vendorcentral.amazon.de/apps/authorize/consent?");
		}
	}

}
