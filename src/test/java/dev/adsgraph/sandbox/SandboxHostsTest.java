package dev.adsgraph.sandbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.BaseUrlClient.Answer;
import dev.adsgraph.sandbox.SandboxTestClient.Exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each Amazon host at the root of a port of its own, reached by a client that knows only
 * a base URL per host and derives its {@code Host} header from it, and the path-prefix
 * form on the first port still working beside it.
 */
class SandboxHostsTest {

	private static final List<String> REGIONS = List.of("NA", "EU", "FE");

	private final SandboxTestClient sandbox = SandboxTestClient
		.start(SandboxSettings.defaults().withReportProcessingTime(Duration.ZERO));

	private final SandboxServer server = this.sandbox.server();

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	@Test
	void everyHostHasAFreePortOfItsOwnListedBySandboxInfo() {
		JsonNode info = this.sandbox.raw("GET", "/sandbox").send().json();
		Set<Integer> ports = new HashSet<>();
		info.get("ports").forEach((port) -> ports.add(port.asInt()));
		assertThat(ports).hasSize(8).contains(this.server.port());
		assertThat(info.get("lwaTokenUrl").stringValue()).isEqualTo(this.server.lwaTokenUrl());
		for (String region : REGIONS) {
			assertThat(info.at("/adsHosts/" + region).stringValue()).isEqualTo(this.server.adsHost(region));
			assertThat(info.at("/spHosts/" + region).stringValue()).isEqualTo(this.server.spHost(region));
			assertThat(info.at("/pathPrefixForm/adsHosts/" + region).stringValue())
				.isEqualTo(this.server.baseUrl() + "/ads/" + region.toLowerCase());
		}
		assertThat(info.get("documentsHost").stringValue()).isEqualTo(this.server.documentsHost());
		assertThat(this.server.adsHost("NA")).doesNotContain("/ads").isNotEqualTo(this.server.adsHost("EU"));

		// A second sandbox never shares a port with the first.
		try (SandboxTestClient other = SandboxTestClient.start()) {
			JsonNode otherInfo = other.raw("GET", "/sandbox").send().json();
			otherInfo.get("ports").forEach((port) -> assertThat(ports).doesNotContain(port.asInt()));
		}
	}

	@Test
	void aClientWithOnlyABaseUrlPerHostReachesLwaEveryRegionalHostAndTheDocuments() throws IOException {
		BaseUrlClient lwa = new BaseUrlClient(this.server.baseUrl());
		assertThat(lwa.hostHeader()).doesNotContain("/");
		String adsToken = token(lwa, SandboxServer.demoCredentials());
		String spToken = token(lwa, SandboxServer.demoSpCredentials());

		for (String region : REGIONS) {
			BaseUrlClient ads = new BaseUrlClient(this.server.adsHost(region));
			Answer profiles = ads.get("/v2/profiles", Map.of("Authorization", "Bearer " + adsToken,
					"Amazon-Advertising-API-ClientId", SandboxServer.demoCredentials().clientId()));
			assertThat(profiles.status()).as(profiles.text()).isEqualTo(200);
			assertThat(profiles.header("x-amzn-RequestId")).isNotBlank();
			assertThat(profiles.json().isArray()).isTrue();

			BaseUrlClient sp = new BaseUrlClient(this.server.spHost(region));
			Answer participations = sp.get("/sellers/v1/marketplaceParticipations", spHeaders(spToken));
			assertThat(participations.header("x-amzn-RequestId")).isNotBlank();
			assertThat(participations.status()).as(participations.text()).isNotEqualTo(404);
		}
		// Each port reached its own region, not a default one.
		JsonNode stats = this.sandbox.raw("GET", "/sandbox/stats").send().json();
		for (String region : REGIONS) {
			String path = region.toLowerCase();
			assertThat(stats.path("ads." + path + ".listProfiles").asLong()).as(region).isEqualTo(1);
			assertThat(stats.path("sp." + path + ".getMarketplaceParticipations").asLong()).as(region).isEqualTo(1);
		}

		// A report requested on the SP-API host points at the document host's root.
		BaseUrlClient sp = new BaseUrlClient(this.server.spHost("NA"));
		Answer created = sp.send("POST", "/reports/2021-06-30/reports", spHeaders(spToken), "application/json",
				"{\"reportType\":\"GET_SALES_AND_TRAFFIC_REPORT\",\"marketplaceIds\":[\"ATVPDKIKX0DER\"]}");
		assertThat(created.status()).as(created.text()).isEqualTo(202);
		Answer report = sp.get("/reports/2021-06-30/reports/" + created.json().get("reportId").stringValue(),
				spHeaders(spToken));
		assertThat(report.json().get("processingStatus").stringValue()).as(report.text()).isEqualTo("DONE");
		Answer document = sp.get("/reports/2021-06-30/documents/" + report.json().get("reportDocumentId").stringValue(),
				spHeaders(spToken));
		String url = document.json().get("url").stringValue();
		assertThat(url).startsWith(this.server.documentsHost() + "/");
		BaseUrlClient documents = new BaseUrlClient(this.server.documentsHost());
		Answer file = documents.get(url.substring(this.server.documentsHost().length()), Map.of());
		assertThat(file.status()).isEqualTo(200);
		assertThat(gunzip(file.body())).contains("salesAndTrafficByAsin");
	}

	@Test
	void thePathPrefixFormKeepsWorkingAndHandsOutPrefixLinks() {
		Exchange participations = this.sandbox.sp("na", "GET", "/sellers/v1/marketplaceParticipations").send();
		assertThat(participations.status()).isEqualTo(200);
		Exchange created = this.sandbox.sp("na", "POST", "/reports/2021-06-30/reports")
			.json("application/json",
					Map.of("reportType", "GET_SALES_AND_TRAFFIC_REPORT", "marketplaceIds", List.of("ATVPDKIKX0DER")))
			.send();
		String documentId = this.sandbox
			.sp("na", "GET", "/reports/2021-06-30/reports/" + created.json().get("reportId").stringValue())
			.send()
			.json()
			.get("reportDocumentId")
			.stringValue();
		String url = this.sandbox.sp("na", "GET", "/reports/2021-06-30/documents/" + documentId)
			.send()
			.json()
			.get("url")
			.stringValue();
		assertThat(url).startsWith(this.server.baseUrl() + "/documents/");
		assertThat(this.sandbox.download(url).status()).isEqualTo(200);
	}

	@Test
	void termsLinksFromAnAdsHostPointAtTheSandboxPagesAndUnknownPathsAreReportedAsSent() {
		BaseUrlClient ads = new BaseUrlClient(this.server.adsHost("EU"));
		String token = this.sandbox.accessToken(SandboxServer.demoCredentials());
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Authorization", "Bearer " + token);
		headers.put("Amazon-Advertising-API-ClientId", SandboxServer.demoCredentials().clientId());
		Answer created = ads.send("POST", "/termsTokens", headers, SandboxTestClient.TERMS_REQUEST,
				"{\"termsType\":\"ADVERTISING\"}");
		assertThat(created.status()).as(created.text()).isEqualTo(201);
		String termsUrl = created.json().get("termsUrl").stringValue();
		assertThat(termsUrl).startsWith(this.server.baseUrl() + "/terms/agreement/");
		assertThat(this.sandbox.raw("GET", termsUrl.substring(this.server.baseUrl().length())).send().status())
			.isEqualTo(200);

		Answer unknown = ads.get("/v9/nothing", headers);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.text()).contains("GET /v9/nothing").doesNotContain("/ads/eu");
		// The sandbox's own endpoints live on the first port only, as Amazon's hosts have
		// none.
		assertThat(ads.get("/sandbox/stats", Map.of()).status()).isEqualTo(404);
	}

	@Test
	void aFirstPortWithoutSevenMoreAboveItIsRefusedBeforeBinding() {
		assertThatThrownBy(() -> SandboxServer.start(SandboxSettings.defaults().withPort(65530)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("needs 8 ports from 65530");
	}

	private static String token(BaseUrlClient lwa, SandboxCredentials credentials) {
		Answer token = lwa.send("POST", "/auth/o2/token", Map.of(), "application/x-www-form-urlencoded",
				SandboxTestClient.form(SandboxTestClient.refreshGrant(credentials)));
		assertThat(token.status()).as(token.text()).isEqualTo(200);
		return token.json().get("access_token").stringValue();
	}

	private static Map<String, String> spHeaders(String token) {
		return Map.of("x-amz-access-token", token, "User-Agent", SandboxTestClient.USER_AGENT);
	}

	private static String gunzip(byte[] gzip) throws IOException {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
			return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
	}

}
