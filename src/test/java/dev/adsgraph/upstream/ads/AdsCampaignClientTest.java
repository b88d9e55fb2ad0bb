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
import dev.adsgraph.upstream.UpstreamException;
import dev.adsgraph.upstream.UpstreamProperties;
import dev.adsgraph.upstream.lwa.InMemoryLwaTokenCache;
import dev.adsgraph.upstream.lwa.LwaCredentials;
import dev.adsgraph.upstream.lwa.LwaTokenService;

import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The Ads API v1 campaign management reads (QueryCampaign, QueryAdGroup, QueryAd,
 * QueryTarget): the profile's scope, the v1 headers, the filter objects and the answers.
 */
class AdsCampaignClientTest {

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
	void queryCampaignsActsForTheProfileWithTheV1HeadersAndFilterObjects() {
		answer(Reply.json(200,
				"""
						{"campaigns": [{"campaignId": "111", "name": "Brand - exact", "adProduct": "SPONSORED_PRODUCTS",
						  "state": "ENABLED", "status": {"deliveryStatus": "DELIVERING"},
						  "budgets": [{"budgetType": "MONETARY", "recurrenceTimePeriod": "DAILY",
						    "budgetValue": {"monetaryBudgetValue": {"monetaryBudget": {"currencyCode": "USD", "value": 25.10}}}}],
						  "startDateTime": "2026-11-01T00:00:00Z", "creationDateTime": "2026-11-01T00:00:00Z",
						  "lastUpdatedDateTime": "2026-11-02T00:00:00Z", "marketplaces": ["US"], "someNewField": 1}],
						 "nextToken": "n2"}
						"""));

		Campaign.Page page = this.client
			.queryCampaigns(CREDENTIALS, Region.NA, PROFILE,
					new Campaign.Query("SPONSORED_PRODUCTS", List.of("111"), List.of("ENABLED", "PAUSED"),
							List.of("Brand"), 20, "n1"))
			.block();

		RecordedRequest request = onlyAdsRequest();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.uri()).isEqualTo(NA + "/adsApi/v1/query/campaigns");
		assertThat(request.header("Amazon-Ads-ClientId")).isEqualTo(CREDENTIALS.clientId());
		assertThat(request.header("Amazon-Advertising-API-Scope")).isEqualTo(Long.toString(PROFILE));
		assertThat(request.header("Authorization")).isEqualTo("Bearer Atza|token");
		assertThat(request.header("Content-Type")).isEqualTo("application/json");
		assertThat(json(request.body())).isEqualTo(json("""
				{"adProductFilter": {"include": ["SPONSORED_PRODUCTS"]}, "campaignIdFilter": {"include": ["111"]},
				 "stateFilter": {"include": ["ENABLED", "PAUSED"]},
				 "nameFilter": {"include": ["Brand"], "queryTermMatchType": "BROAD_MATCH"},
				 "maxResults": 20, "nextToken": "n1"}
				"""));
		assertThat(page.nextToken()).isEqualTo("n2");
		assertThat(page.campaigns()).singleElement().satisfies((campaign) -> {
			assertThat(campaign.campaignId()).isEqualTo("111");
			assertThat(campaign.status().deliveryStatus()).isEqualTo("DELIVERING");
			assertThat(campaign.dailyBudget().value()).isEqualByComparingTo(new BigDecimal("25.10"));
			assertThat(campaign.dailyBudget().currencyCode()).isEqualTo("USD");
		});
	}

	@Test
	void unsetAndEmptyFiltersAreLeftOutButTheAdProductIsAlwaysSent() {
		answer(Reply.json(200, "{\"adGroups\": []}"));

		AdGroup.Page page = this.client
			.queryAdGroups(CREDENTIALS, Region.NA, PROFILE,
					new AdGroup.Query("SPONSORED_BRANDS", List.of(), null, null, null, null))
			.block();

		assertThat(json(onlyAdsRequest().body()))
			.isEqualTo(json("{\"adProductFilter\": {\"include\": [\"SPONSORED_BRANDS\"]}}"));
		assertThat(page.adGroups()).isEmpty();
		assertThat(page.nextToken()).isNull();
	}

	@Test
	void adGroupsCarryTheirCampaignAndDefaultBid() {
		answer(Reply.json(200,
				"""
						{"adGroups": [{"adGroupId": "222", "campaignId": "111", "name": "Exact", "adProduct": "SPONSORED_PRODUCTS",
						  "state": "PAUSED", "bid": {"defaultBid": 0.75, "currencyCode": "USD"},
						  "creationDateTime": "2026-11-01T00:00:00Z", "lastUpdatedDateTime": "2026-11-01T00:00:00Z"}]}
						"""));

		AdGroup.Page page = this.client
			.queryAdGroups(CREDENTIALS, Region.NA, PROFILE,
					new AdGroup.Query("SPONSORED_PRODUCTS", List.of("111", "112"), null, null, 1000, null))
			.block();

		assertThat(onlyAdsRequest().uri()).isEqualTo(NA + "/adsApi/v1/query/adGroups");
		assertThat(json(onlyAdsRequest().body())).isEqualTo(
				json("""
						{"adProductFilter": {"include": ["SPONSORED_PRODUCTS"]}, "campaignIdFilter": {"include": ["111", "112"]},
						 "maxResults": 1000}
						"""));
		assertThat(page.adGroups()).singleElement().satisfies((group) -> {
			assertThat(group.campaignId()).isEqualTo("111");
			assertThat(group.bid().defaultBid()).isEqualByComparingTo("0.75");
		});
	}

	@Test
	void aProductAdNamesItsSkuAndTheAsinAmazonResolvedItTo() {
		answer(Reply.json(200, """
				{"ads": [
				  {"adId": "333", "adGroupId": "222", "campaignId": "111", "adProduct": "SPONSORED_PRODUCTS",
				   "adType": "PRODUCT_AD", "state": "ENABLED", "marketplaceScope": "SINGLE_MARKETPLACE",
				   "creative": {"productCreative": {"productCreativeSettings": {"advertisedProduct":
				     {"productId": "GM-ZDPI-9B4E", "productIdType": "SKU", "resolvedProductId": "B07N4M94X4",
				      "resolvedProductIdType": "ASIN"}}}},
				   "creationDateTime": "2026-11-01T00:00:00Z", "lastUpdatedDateTime": "2026-11-01T00:00:00Z"},
				  {"adId": "334", "adGroupId": "222", "campaignId": "111", "adProduct": "SPONSORED_PRODUCTS",
				   "adType": "PRODUCT_AD", "state": "ENABLED", "marketplaceScope": "SINGLE_MARKETPLACE",
				   "creative": {"productCreative": {"productCreativeSettings": {"advertisedProduct":
				     {"productId": "B000000002", "productIdType": "ASIN"}}}},
				   "creationDateTime": "2026-11-01T00:00:00Z", "lastUpdatedDateTime": "2026-11-01T00:00:00Z"},
				  {"adId": "335", "adGroupId": "222", "adProduct": "SPONSORED_BRANDS", "adType": "VIDEO",
				   "state": "ENABLED", "marketplaceScope": "SINGLE_MARKETPLACE",
				   "creative": {"videoCreative": {"headline": "x"}},
				   "creationDateTime": "2026-11-01T00:00:00Z", "lastUpdatedDateTime": "2026-11-01T00:00:00Z"}],
				 "nextToken": "more"}
				"""));

		Ad.Page page = this.client
			.queryAds(CREDENTIALS, Region.NA, PROFILE,
					new Ad.Query("SPONSORED_PRODUCTS", null, List.of("222"), null, null, 1000, null))
			.block();

		assertThat(onlyAdsRequest().uri()).isEqualTo(NA + "/adsApi/v1/query/ads");
		assertThat(page.ads()).extracting(Ad::asin).containsExactly("B07N4M94X4", "B000000002", null);
		assertThat(page.ads()).extracting(Ad::sku).containsExactly("GM-ZDPI-9B4E", null, null);
		assertThat(page.nextToken()).isEqualTo("more");
	}

	@Test
	void targetsReadKeywordAndProductDetails() {
		answer(Reply.json(200, """
				{"targets": [
				  {"targetId": "444", "adGroupId": "222", "campaignId": "111", "adProduct": "SPONSORED_PRODUCTS",
				   "state": "ENABLED", "negative": false, "targetType": "KEYWORD",
				   "targetDetails": {"keywordTarget": {"keyword": "yoga mat", "matchType": "EXACT"}},
				   "bid": {"bid": 1.25, "currencyCode": "USD"},
				   "creationDateTime": "2026-11-01T00:00:00Z", "lastUpdatedDateTime": "2026-11-01T00:00:00Z"},
				  {"targetId": "445", "adGroupId": "222", "adProduct": "SPONSORED_PRODUCTS", "state": "ENABLED",
				   "negative": true, "targetType": "PRODUCT",
				   "targetDetails": {"productTarget": {"matchType": "PRODUCT_EXACT", "productIdType": "ASIN",
				     "product": {"productId": "B000000009"}}},
				   "creationDateTime": "2026-11-01T00:00:00Z", "lastUpdatedDateTime": "2026-11-01T00:00:00Z"}]}
				"""));

		Target.Page page = this.client
			.queryTargets(CREDENTIALS, Region.NA, PROFILE,
					new Target.Query("SPONSORED_PRODUCTS", null, List.of("222"), null, 5000, null))
			.block();

		assertThat(onlyAdsRequest().uri()).isEqualTo(NA + "/adsApi/v1/query/targets");
		assertThat(page.targets()).extracting(Target::keyword).containsExactly("yoga mat", null);
		assertThat(page.targets()).extracting(Target::matchType).containsExactly("EXACT", "PRODUCT_EXACT");
		assertThat(page.targets()).extracting(Target::asin).containsExactly(null, "B000000009");
		assertThat(page.targets().get(0).bid().bid()).isEqualByComparingTo("1.25");
		assertThat(page.targets().get(1).negative()).isTrue();
	}

	@Test
	void aV1ErrorIsOneTypedErrorNamingTheOperation() {
		answer(Reply.json(400, "{\"code\":\"FIELD_VALUE_IS_INVALID\",\"message\":\"bad nextToken\"}")
			.header("x-amzn-RequestId", "req-400"));

		UpstreamException error = catchThrowableOfType(UpstreamException.class,
				() -> this.client
					.queryCampaigns(CREDENTIALS, Region.NA, PROFILE,
							new Campaign.Query("SPONSORED_PRODUCTS", null, null, null, null, "stale"))
					.block());

		assertThat(error.upstream()).isEqualTo("ads");
		assertThat(error.operation()).isEqualTo("QueryCampaign");
		assertThat(error.httpStatus()).isEqualTo(400);
		assertThat(error.code()).isEqualTo("FIELD_VALUE_IS_INVALID");
		assertThat(error.requestId()).isEqualTo("req-400");
		assertThat(error.retryable()).isFalse();
	}

}
