package dev.adsgraph.sandbox.control;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.SandboxServer;
import dev.adsgraph.sandbox.SandboxSettings;
import dev.adsgraph.sandbox.SandboxTestClient;
import dev.adsgraph.sandbox.SandboxTestClient.Exchange;
import dev.adsgraph.sandbox.fixtures.Fixtures;
import dev.adsgraph.testing.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/** The /sandbox control endpoints tests and tools rely on. */
class SandboxControlTest {

	private final SandboxTestClient sandbox = SandboxTestClient.start();

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	@Test
	void statsCountEveryRequestPerOperationIncludingRejectedOnes() {
		this.sandbox.accessToken(SandboxServer.demoCredentials());
		assertThat(this.sandbox.raw("POST", "/sandbox/stats/reset").send().status()).isEqualTo(204);

		this.sandbox.ads("na", "GET", "/v2/profiles").send();
		this.sandbox.ads("na", "GET", "/v2/profiles").withoutHeader("Authorization").send();
		this.sandbox.ads("eu", "GET", "/v2/profiles/1").send();
		this.sandbox.ads("fe", "POST", "/adsApi/v1/query/sellingAccounts").json("application/json", "{}").send();
		this.sandbox.lwa("application/x-www-form-urlencoded", "grant_type=refresh_token");

		JsonNode stats = this.sandbox.raw("GET", "/sandbox/stats").send().json();
		assertThat(stats.get("ads.na.listProfiles").asInt()).isEqualTo(2);
		assertThat(stats.get("ads.eu.getProfileById").asInt()).isEqualTo(1);
		assertThat(stats.get("ads.fe.QuerySellingAccount").asInt()).isEqualTo(1);
		assertThat(stats.get("lwa.token").asInt()).isEqualTo(1);
		assertThat(stats.get("warnings")).isEmpty();
		assertThat(stats.size()).isEqualTo(5);

		this.sandbox.raw("POST", "/sandbox/stats/reset").send();
		assertThat(this.sandbox.raw("GET", "/sandbox/stats").send().json().propertyNames()).containsExactly("warnings");
	}

	@Test
	void theAcceptEndpointAcceptsKnownTokensOnce() {
		String termsToken = this.sandbox.ads("na", "POST", "/termsTokens")
			.json(SandboxTestClient.TERMS_REQUEST, "{}")
			.send()
			.json()
			.get("termsToken")
			.stringValue();

		Exchange accepted = this.sandbox.raw("POST", "/sandbox/termsTokens/" + termsToken + "/accept").send();
		Exchange unknown = this.sandbox.raw("POST", "/sandbox/termsTokens/4de3327e-a595-44cb-b689-f7f746805c02/accept")
			.send();
		this.sandbox.ads("na", "POST", "/adsAccounts")
			.json(SandboxTestClient.ACCOUNTS_V2,
					Map.of("termsToken", termsToken, "associations",
							List.of(Map.of("amazonSeller", Map.of("sellerCentralAccount", "A17CEDARLN4PTS")))))
			.send();
		Exchange redeemed = this.sandbox.raw("POST", "/sandbox/termsTokens/" + termsToken + "/accept").send();

		assertThat(accepted.status()).isEqualTo(200);
		assertThat(accepted.json().get("termsTokenStatus").stringValue()).isEqualTo("ACCEPTED");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(redeemed.status()).isEqualTo(409);
	}

	@Test
	void theSettleEndpointEndsAPendingRegistrationAtOnce() {
		// A sandbox of its own whose registrations would stay pending for an hour.
		try (SandboxTestClient slow = SandboxTestClient
			.start(SandboxSettings.defaults().withRegistrationDelay(Duration.ofHours(1)))) {
			Exchange registered = slow.ads("na", "POST", "/adsAccounts")
				.json(SandboxTestClient.ACCOUNTS_V2,
						Map.of("associations",
								List.of(Map.of("amazonSeller", Map.of("sellerCentralAccount", "A17CEDARLN4PTS")))))
				.send();
			String adsAccountId = registered.json().at("/adsAccount/adsAccountId").stringValue();
			assertThat(status(slow, adsAccountId)).isEqualTo("PENDING");

			Exchange settled = slow.raw("POST", "/sandbox/adsAccounts/" + adsAccountId + "/settle").send();
			Exchange unknown = slow.raw("POST", "/sandbox/adsAccounts/amzn1.ads-account.g.nosuchaccount/settle").send();

			assertThat(settled.status()).isEqualTo(200);
			assertThat(settled.json().get("status").stringValue()).isEqualTo("CREATED");
			assertThat(settled.json().get("v1Status").stringValue()).isEqualTo("APPROVED");
			assertThat(status(slow, adsAccountId)).isEqualTo("CREATED");
			assertThat(unknown.status()).isEqualTo(404);
		}
	}

	@Test
	void heldReportsStayInProgressUntilReleased() {
		// A sandbox of its own on a clock the test moves: reports take 200 ms.
		MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
		try (SandboxTestClient sandbox = SandboxTestClient
			.start(SandboxSettings.defaults().withClock(clock).withReportProcessingTime(Duration.ofMillis(200)))) {
			String readyBefore = createSpReport(sandbox);
			clock.advance(Duration.ofMillis(200));
			assertThat(spStatus(sandbox, readyBefore)).isEqualTo("DONE");

			assertThat(sandbox.raw("PUT", "/sandbox/reports/hold").send().status()).isEqualTo(204);
			String sp = createSpReport(sandbox);
			long profileId = northwindUsProfile(sandbox);
			String ads = createAdsReport(sandbox, profileId);
			clock.advance(Duration.ofMinutes(10));
			assertThat(spStatus(sandbox, sp)).isEqualTo("IN_PROGRESS");
			assertThat(adsStatus(sandbox, ads, profileId)).isEqualTo("PROCESSING");
			assertThat(spStatus(sandbox, readyBefore)).as("ready before the hold").isEqualTo("DONE");

			assertThat(sandbox.raw("DELETE", "/sandbox/reports/hold").send().status()).isEqualTo(204);
			assertThat(spStatus(sandbox, sp)).isEqualTo("DONE");
			assertThat(adsStatus(sandbox, ads, profileId)).isEqualTo("COMPLETED");

			sandbox.raw("PUT", "/sandbox/reports/hold").send();
			sandbox.raw("POST", "/sandbox/reset").send();
			String afterReset = createSpReport(sandbox);
			clock.advance(Duration.ofMillis(200));
			assertThat(spStatus(sandbox, afterReset)).as("a reset releases the hold").isEqualTo("DONE");
		}
	}

	private static String createSpReport(SandboxTestClient sandbox) {
		Exchange created = sandbox.sp("na", "POST", "/reports/2021-06-30/reports")
			.json("application/json",
					Map.of("reportType", "GET_SALES_AND_TRAFFIC_REPORT", "marketplaceIds", List.of("ATVPDKIKX0DER")))
			.send();
		assertThat(created.status()).as(created.body()).isEqualTo(202);
		return created.json().get("reportId").stringValue();
	}

	private static String spStatus(SandboxTestClient sandbox, String reportId) {
		return sandbox.sp("na", "GET", "/reports/2021-06-30/reports/" + reportId)
			.send()
			.json()
			.get("processingStatus")
			.stringValue();
	}

	private static String createAdsReport(SandboxTestClient sandbox, long profileId) {
		Map<String, Object> request = Map.of("startDate", "2026-11-01", "endDate", "2026-11-07", "configuration",
				Map.of("adProduct", "SPONSORED_PRODUCTS", "reportTypeId", "spAdvertisedProduct", "groupBy",
						List.of("advertiser"), "columns", List.of("date", "advertisedAsin", "clicks"), "timeUnit",
						"DAILY", "format", "GZIP_JSON"));
		Exchange created = sandbox.ads("na", "POST", "/reporting/reports")
			.header("Amazon-Advertising-API-Scope", Long.toString(profileId))
			.json(SandboxTestClient.REPORT_REQUEST, request)
			.send();
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		return created.json().get("reportId").stringValue();
	}

	private static String adsStatus(SandboxTestClient sandbox, String reportId, long profileId) {
		return sandbox.ads("na", "GET", "/reporting/reports/" + reportId)
			.header("Amazon-Advertising-API-Scope", Long.toString(profileId))
			.send()
			.json()
			.get("status")
			.stringValue();
	}

	private static long northwindUsProfile(SandboxTestClient sandbox) {
		for (JsonNode profile : sandbox.ads("na", "GET", "/v2/profiles").send().json()) {
			if (profile.at("/accountInfo/id").stringValue().equals(Fixtures.NORTHWIND)
					&& profile.get("countryCode").stringValue().equals("US")) {
				return profile.get("profileId").asLong();
			}
		}
		throw new AssertionError("Northwind US profile missing");
	}

	private static String status(SandboxTestClient sandbox, String adsAccountId) {
		return sandbox.ads("na", "GET", "/adsAccounts/" + adsAccountId)
			.send()
			.json()
			.at("/adsAccount/status")
			.stringValue();
	}

	@Test
	void resetRestoresTheFixtures() {
		Exchange registered = this.sandbox.ads("na", "POST", "/adsAccounts")
			.json(SandboxTestClient.ACCOUNTS_V2,
					Map.of("associations",
							List.of(Map.of("amazonSeller", Map.of("sellerCentralAccount", "A17CEDARLN4PTS")))))
			.send();
		String adsAccountId = registered.json().at("/adsAccount/adsAccountId").stringValue();
		String firstFixture = listFirst();

		assertThat(this.sandbox.raw("POST", "/sandbox/reset").send().status()).isEqualTo(204);

		assertThat(this.sandbox.ads("na", "GET", "/adsAccounts/" + adsAccountId).send().status()).isEqualTo(404);
		assertThat(listFirst()).isEqualTo(firstFixture);
		assertThat(this.sandbox.ads("na", "POST", "/adsAccounts/list")
			.json(SandboxTestClient.LIST_ACCOUNTS, "{}")
			.send()
			.json()
			.get("adsAccounts")).hasSize(63);
		// Issued access tokens survive a reset, so a running gateway keeps working.
		assertThat(this.sandbox.ads("na", "GET", "/v2/profiles").send().status()).isEqualTo(200);
	}

	@Test
	void infoDescribesHostsAndDemoCredentials() {
		JsonNode info = this.sandbox.raw("GET", "/sandbox").send().json();
		String base = this.sandbox.server().baseUrl();

		assertThat(info.get("lwaTokenUrl").stringValue()).isEqualTo(base + "/auth/o2/token");
		assertThat(info.at("/adsHosts/EU").stringValue()).isEqualTo(this.sandbox.server().adsHost("EU"));
		assertThat(info.at("/pathPrefixForm/adsHosts/EU").stringValue()).isEqualTo(base + "/ads/eu");
		assertThat(info.at("/users/0/clientId").stringValue()).isEqualTo(SandboxServer.demoCredentials().clientId());
		assertThat(info.at("/users/1/refreshToken").stringValue())
			.isEqualTo(SandboxServer.agencyCredentials().refreshToken());
	}

	@Test
	void theTermsPageAnswers404ForUnknownTokens() {
		Exchange unknown = this.sandbox.raw("GET", "/terms/agreement/4de3327e-a595-44cb-b689-f7f746805c02").send();
		Exchange malformed = this.sandbox.raw("GET", "/terms/agreement/%3Cscript%3E").send();

		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.header("Content-Type")).startsWith("text/html");
		assertThat(malformed.status()).isEqualTo(404);
		assertThat(malformed.body()).doesNotContain("<script>");
	}

	private String listFirst() {
		return this.sandbox.ads("na", "POST", "/adsAccounts/list")
			.json(SandboxTestClient.LIST_ACCOUNTS, Map.of("maxResults", 1))
			.send()
			.json()
			.at("/adsAccounts/0/adsAccountId")
			.stringValue();
	}

	@Test
	void groundTruthAndInfoCoverTheSpApi() {
		JsonNode truth = this.sandbox.truth("A3NWOUTDR82KQZ", "ATVPDKIKX0DER", "2026-11-01", "2026-11-07");
		assertThat(truth.get("products")).hasSize(132);
		assertThat(truth.at("/products/131/inCatalog").booleanValue()).isFalse();
		assertThat(truth.at("/products/3/kind").stringValue()).isEqualTo("ADS_ONLY");
		assertThat(truth.at("/products/3/retail/unitsOrdered").asLong()).isZero();
		assertThat(truth.at("/products/7/ads").isNull()).isTrue();
		assertThat(truth.at("/products/0/price/currencyCode").stringValue()).isEqualTo("USD");

		assertThat(this.sandbox.raw("GET", "/sandbox/products?sellerId=A3NWOUTDR82KQZ").send().status()).isEqualTo(400);
		assertThat(this.sandbox
			.raw("GET",
					"/sandbox/products?sellerId=A3NWOUTDR82KQZ&marketplaceId=A1F83G8C2ARO7P"
							+ "&startDate=2026-11-01&endDate=2026-11-02")
			.send()
			.status()).isEqualTo(404);
		assertThat(this.sandbox
			.raw("GET",
					"/sandbox/products?sellerId=A3NWOUTDR82KQZ&marketplaceId=ATVPDKIKX0DER"
							+ "&startDate=2026-11-03&endDate=2026-11-02")
			.send()
			.status()).isEqualTo(400);

		JsonNode info = this.sandbox.raw("GET", "/sandbox").send().json();
		assertThat(info.at("/spHosts/NA").stringValue()).isEqualTo(this.sandbox.server().spHost("NA"));
		assertThat(info.at("/pathPrefixForm/spHosts/NA").stringValue()).endsWith("/sp/na");
		assertThat(info.get("spAuthorizations")).hasSize(5);
		assertThat(info.at("/spAuthorizations/0/sellingPartnerId").stringValue()).isEqualTo("A3NWOUTDR82KQZ");
	}

}
