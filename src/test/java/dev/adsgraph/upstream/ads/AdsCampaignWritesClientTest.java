package dev.adsgraph.upstream.ads;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.adsgraph.testing.MutableClock;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.ScriptedHttpServer;
import dev.adsgraph.upstream.ScriptedHttpServer.RecordedRequest;
import dev.adsgraph.upstream.ScriptedHttpServer.Reply;
import dev.adsgraph.upstream.UpstreamProperties;
import dev.adsgraph.upstream.lwa.InMemoryLwaTokenCache;
import dev.adsgraph.upstream.lwa.LwaCredentials;
import dev.adsgraph.upstream.lwa.LwaTokenService;

import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Ads API v1 campaign writes (UpdateCampaign, DeleteCampaign, UpdateAdGroup,
 * UpdateAd, DeleteAd): the profile's scope, the bodies with only the fields changed, and
 * the 207 answer per index, a partial success reported as a failure.
 */
class AdsCampaignWritesClientTest {

	private static final String TOKEN_PATH = "/auth/o2/token";

	private static final String NA = "/ads/na";

	private static final long PROFILE = 3456789012345678901L;

	private static final LwaCredentials CREDENTIALS = new LwaCredentials("amzn1.application-oa2-client.abc",
			"client-secret", "Atzr|refresh");

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private ScriptedHttpServer server;

	private AdsApiClient client;

	private Function<RecordedRequest, Reply> ads = (request) -> Reply.status(500);

	@BeforeEach
	void start() {
		this.server = new ScriptedHttpServer();
		this.server.script((request) -> request.path().equals(TOKEN_PATH)
				? Reply.json(200, "{\"access_token\":\"Atza|token\",\"token_type\":\"bearer\",\"expires_in\":3600}")
				: this.ads.apply(request));
		LwaTokenService tokens = new LwaTokenService(WebClient.builder(),
				new UpstreamProperties.Lwa(URI.create(this.server.url() + TOKEN_PATH), Duration.ofSeconds(60),
						Duration.ofSeconds(5)),
				new InMemoryLwaTokenCache(), this.clock);
		this.client = new WebClientAdsApiClient(WebClient.builder(),
				new UpstreamProperties.Ads(Map.of(Region.NA, URI.create(this.server.url() + NA)), Duration.ofSeconds(2),
						Duration.ofSeconds(5), DataSize.ofMegabytes(16)),
				tokens, this.clock);
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	private void answer(Reply reply) {
		this.ads = (request) -> reply;
	}

	private RecordedRequest onlyAdsRequest() {
		List<RecordedRequest> requests = this.server.requestsTo("/ads/");
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	private static JsonNode json(String text) {
		return JsonMapper.shared().readTree(text);
	}

	@Test
	void updateCampaignsSendsOnlyTheChangesAndMapsThe207ByIndex() {
		answer(Reply.json(207,
				"""
						{"success": [{"index": 1, "campaign": {"campaignId": "222", "adProduct": "SPONSORED_PRODUCTS",
						   "state": "ENABLED", "budgets": [{"budgetType": "MONETARY", "recurrenceTimePeriod": "DAILY",
						   "budgetValue": {"monetaryBudgetValue": {"monetaryBudget": {"currencyCode": "USD", "value": 31.50}}}}]}}],
						 "partialSuccess": [{"index": 2, "campaign": {"campaignId": "333"},
						   "errors": [{"code": "FIELD_VALUE_IS_INVALID", "message": "partly", "fieldLocation": "budgets"}]}],
						 "error": [{"index": 0, "errors": [{"code": "NOT_FOUND", "message": "no such campaign"}]}]}
						"""));

		MultiStatus<Campaign> answer = this.client.updateCampaigns(CREDENTIALS, Region.NA, PROFILE,
				List.of(CampaignWrites.CampaignChange.state("111", "PAUSED"),
						CampaignWrites.CampaignChange.dailyBudget("222", new BigDecimal("31.50"), "USD"),
						CampaignWrites.CampaignChange.dailyBudget("333", new BigDecimal("5"), "USD")))
			.block();

		RecordedRequest request = onlyAdsRequest();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.uri()).isEqualTo(NA + "/adsApi/v1/update/campaigns");
		assertThat(request.header("Amazon-Advertising-API-Scope")).isEqualTo(Long.toString(PROFILE));
		assertThat(request.header("Amazon-Ads-ClientId")).isEqualTo(CREDENTIALS.clientId());
		assertThat(json(request.body())).isEqualTo(
				json("""
						{"campaigns": [{"campaignId": "111", "state": "PAUSED"},
						 {"campaignId": "222", "budgets": [{"budgetType": "MONETARY", "recurrenceTimePeriod": "DAILY",
						   "budgetValue": {"monetaryBudgetValue": {"monetaryBudget": {"currencyCode": "USD", "value": 31.50}}}}]},
						 {"campaignId": "333", "budgets": [{"budgetType": "MONETARY", "recurrenceTimePeriod": "DAILY",
						   "budgetValue": {"monetaryBudgetValue": {"monetaryBudget": {"currencyCode": "USD", "value": 5}}}}]}]}
						"""));
		assertThat(answer.success()).singleElement().satisfies((success) -> {
			assertThat(success.index()).isEqualTo(1);
			assertThat(success.item().dailyBudget().value()).isEqualByComparingTo("31.50");
		});
		assertThat(answer.error()).extracting(MultiStatus.Failure::index).containsExactlyInAnyOrder(0, 2);
		assertThat(answer.error()).filteredOn((f) -> f.index() == 2)
			.singleElement()
			.satisfies((f) -> assertThat(f.errors()).singleElement()
				.isEqualTo(new MultiStatus.ItemError("FIELD_VALUE_IS_INVALID", "partly", "budgets")));
	}

	@Test
	void archivingIsTheDeleteOperationsWithIdsOnly() {
		answer(Reply.json(207, "{\"success\": [{\"index\": 0, \"ad\": {\"adId\": \"9\", \"state\": \"ARCHIVED\"}}]}"));
		MultiStatus<Ad> ads = this.client.deleteAds(CREDENTIALS, Region.NA, PROFILE, List.of("9")).block();
		assertThat(onlyAdsRequest().uri()).isEqualTo(NA + "/adsApi/v1/delete/ads");
		assertThat(json(onlyAdsRequest().body())).isEqualTo(json("{\"adIds\": [\"9\"]}"));
		assertThat(ads.success()).singleElement().satisfies((s) -> assertThat(s.item().state()).isEqualTo("ARCHIVED"));
		assertThat(ads.error()).isEmpty();
	}

	@Test
	void aDefaultBidIsTheAdGroupsBidChange() {
		answer(Reply.json(207, """
				{"success": [{"index": 0, "adGroup": {"adGroupId": "7", "adProduct": "SPONSORED_PRODUCTS",
				  "state": "ENABLED", "bid": {"defaultBid": 0.87, "currencyCode": "USD"}}}]}
				"""));
		MultiStatus<AdGroup> groups = this.client
			.updateAdGroups(CREDENTIALS, Region.NA, PROFILE,
					List.of(CampaignWrites.AdGroupChange.defaultBid("7", new BigDecimal("0.87"))))
			.block();
		assertThat(onlyAdsRequest().uri()).isEqualTo(NA + "/adsApi/v1/update/adGroups");
		assertThat(json(onlyAdsRequest().body()))
			.isEqualTo(json("{\"adGroups\": [{\"adGroupId\": \"7\", \"bid\": {\"defaultBid\": 0.87}}]}"));
		assertThat(groups.success()).singleElement()
			.satisfies((s) -> assertThat(s.item().bid().defaultBid()).isEqualByComparingTo("0.87"));
	}

}
