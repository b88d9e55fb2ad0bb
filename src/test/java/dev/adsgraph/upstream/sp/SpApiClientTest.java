package dev.adsgraph.upstream.sp;

import dev.adsgraph.testing.ClosedPort;
import dev.adsgraph.testing.MutableClock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The SP-API client over real HTTP against a scripted server. Rate limits are generous
 * here.
 */
class SpApiClientTest {

	private static final String TOKEN_PATH = "/auth/o2/token";

	private static final String NA = "/sp/na";

	private static final String US = "ATVPDKIKX0DER";

	private static final SpCredentials CREDENTIALS = new SpCredentials(
			new LwaCredentials("amzn1.application-oa2-client.sp", "sp-client-secret", "Atzr|sp-refresh"), "A1SELLER");

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final AtomicInteger tokensIssued = new AtomicInteger();

	private ScriptedHttpServer server;

	private SellingPartnerApiClient client;

	/**
	 * What the SP-API side of the scripted server answers; LWA always issues a fresh
	 * token.
	 */
	private Function<RecordedRequest, Reply> sp = (request) -> Reply.status(500);

	@BeforeEach
	void start() {
		this.server = new ScriptedHttpServer();
		this.server.script(
				(request) -> request.path().equals(TOKEN_PATH)
						? Reply.json(200,
								"{\"access_token\":\"Atza|sp-token-" + this.tokensIssued.incrementAndGet()
										+ "\",\"token_type\":\"bearer\",\"expires_in\":3600}")
						: this.sp.apply(request));
		this.client = client(Map.of(Region.NA, URI.create(this.server.url() + NA), Region.EU,
				URI.create(this.server.url() + "/sp/eu/")), Duration.ofSeconds(5));
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	private SellingPartnerApiClient client(Map<Region, URI> hosts, Duration responseTimeout) {
		LwaTokenService tokens = new LwaTokenService(WebClient.builder(),
				new UpstreamProperties.Lwa(URI.create(this.server.url() + TOKEN_PATH), Duration.ofSeconds(60),
						Duration.ofSeconds(5)),
				new InMemoryLwaTokenCache(), this.clock);
		UpstreamProperties.Sp properties = new UpstreamProperties.Sp(hosts, Duration.ofSeconds(2), responseTimeout,
				DataSize.ofMegabytes(16), null, Map.of(), Duration.ofSeconds(30), DataSize.ofKilobytes(64));
		Map<SpOperation, SpRateLimit> generous = Arrays.stream(SpOperation.values())
			.collect(Collectors.toMap(Function.identity(), (operation) -> new SpRateLimit(1000, 1000)));
		SpRateLimiter limiter = new SpRateLimiter(new InMemoryTokenBucketStore(this.clock), generous,
				Duration.ofSeconds(30), Schedulers.parallel());
		return new WebClientSellingPartnerApiClient(WebClient.builder(), properties, tokens, limiter, this.clock);
	}

	private void answer(Reply reply) {
		this.sp = (request) -> reply;
	}

	private List<RecordedRequest> spRequests() {
		return this.server.requestsTo("/sp/");
	}

	private RecordedRequest onlySpRequest() {
		assertThat(spRequests()).hasSize(1);
		return spRequests().get(0);
	}

	/** Query parameters decoded, in order. */
	private static Map<String, String> query(RecordedRequest request) {
		Map<String, String> params = new LinkedHashMap<>();
		if (request.query().isEmpty()) {
			return params;
		}
		for (String pair : request.query().split("&")) {
			int eq = pair.indexOf('=');
			params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
		}
		return params;
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

	private static JsonNode json(String text) {
		return JsonMapper.shared().readTree(text);
	}

	private static final String PARTICIPATIONS = """
			{"payload":[{"marketplace":{"id":"ATVPDKIKX0DER","name":"Amazon.com","countryCode":"US",
			"defaultCurrencyCode":"USD","defaultLanguageCode":"en_US","domainName":"www.amazon.com"},
			"participation":{"isParticipating":true,"hasSuspendedListings":false},"storeName":"BestSellerStore"}]}""";

	// --- headers, hosts and paths

	@Test
	void callsCarryTheAccessTokenHeaderAndTheUserAgentButNoAuthorization() {
		answer(Reply.json(200, PARTICIPATIONS));

		List<MarketplaceParticipation> participations = this.client.getMarketplaceParticipations(CREDENTIALS, Region.NA)
			.block();

		RecordedRequest request = onlySpRequest();
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.uri()).isEqualTo(NA + "/sellers/v1/marketplaceParticipations");
		assertThat(request.header("x-amz-access-token")).isEqualTo("Atza|sp-token-1");
		assertThat(request.header("Authorization")).isNull();
		assertThat(request.header("user-agent")).startsWith("Adsgraph/")
			.contains("(Language=Java/" + System.getProperty("java.version") + "; Platform=");
		assertThat(request.header("x-amz-date")).isEqualTo("20260101T000000Z");
		assertThat(request.header("Accept")).isEqualTo("application/json");
		assertThat(participations).singleElement().satisfies((p) -> {
			assertThat(p.marketplace().id()).isEqualTo(US);
			assertThat(p.marketplace().countryCode()).isEqualTo("US");
			assertThat(p.participation().isParticipating()).isTrue();
			assertThat(p.participation().hasSuspendedListings()).isFalse();
			assertThat(p.storeName()).isEqualTo("BestSellerStore");
		});
	}

	@Test
	void eachRegionUsesItsOwnHostAndATrailingSlashInTheHostIsHarmless() {
		answer(Reply.json(200, PARTICIPATIONS));

		this.client.getMarketplaceParticipations(CREDENTIALS, Region.EU).block();

		assertThat(onlySpRequest().uri()).isEqualTo("/sp/eu/sellers/v1/marketplaceParticipations");
	}

	@Test
	void aMissingRegionOrCredentialFailsWithoutARequest() {
		assertThatThrownBy(() -> this.client.getMarketplaceParticipations(CREDENTIALS, null).block())
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> this.client.getMarketplaceParticipations(null, Region.NA).block())
			.isInstanceOf(IllegalArgumentException.class);
		assertThat(this.server.requests()).isEmpty();
	}

	@Test
	void theAccessTokenIsReusedAcrossCallsAndRegions() {
		answer(Reply.json(200, PARTICIPATIONS));

		this.client.getMarketplaceParticipations(CREDENTIALS, Region.NA).block();
		this.client.getMarketplaceParticipations(CREDENTIALS, Region.EU).block();

		assertThat(this.server.requestsTo(TOKEN_PATH)).hasSize(1);
		assertThat(spRequests()).extracting((r) -> r.header("x-amz-access-token")).containsOnly("Atza|sp-token-1");
	}

	@Test
	void credentialsNeverPrintTheirSecrets() {
		assertThat(CREDENTIALS.toString()).contains("A1SELLER")
			.doesNotContain("sp-client-secret")
			.doesNotContain("Atzr|sp-refresh");
		assertThat(new ReportDocument("d1", "https://s3/doc?X-Amz-Signature=secret", "GZIP").toString())
			.doesNotContain("secret");
	}

	// --- catalog

	private static final String CATALOG_ITEM = """
			{"asin":"B07N4M94X4","summaries":[{"marketplaceId":"ATVPDKIKX0DER","brandName":"SAMSUNG",
			"brand":"SAMSUNG","itemName":"Samsung QN82Q60RAFXZA Flat 82-Inch QLED 4K Q60 Series","itemClassification":"BASE_PRODUCT"}],
			"salesRanks":[{"marketplaceId":"ATVPDKIKX0DER","classificationRanks":[{"classificationId":"6463520011",
			"title":"QLED TVs","link":"http://www.amazon.com/gp/bestsellers/electronics/6463520011","rank":14}],
			"displayGroupRanks":[{"websiteDisplayGroup":"ce_display_on_website","title":"Electronics","rank":2426}]}],
			"images":[{"marketplaceId":"ATVPDKIKX0DER","images":[{"variant":"MAIN","link":"https://m.media-amazon.com/images/I/91uohwV+k3L.jpg","height":1707,"width":2560}]}],
			"attributes":{"item_name":[{"value":"Samsung TV","language_tag":"en_US","marketplace_id":"ATVPDKIKX0DER"}]},
			"futureFacet":{"ignored":true}}""";

	@Test
	void catalogSearchRefusesMoreThanTwentyIdentifiersBeforeAnyRequest() {
		List<String> asins = IntStream.range(0, 21).mapToObj((i) -> "B0000000%02d".formatted(i)).toList();

		assertThatThrownBy(() -> this.client
			.searchCatalogItems(CREDENTIALS, Region.NA, CatalogItemSearch.byIdentifiers("ASIN", asins, US, null))
			.block()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 20");
		assertThat(this.server.requests()).isEmpty();
	}

	@Test
	void catalogSearchChecksTheModelsOtherRulesToo() {
		assertThatThrownBy(() -> new CatalogItemSearch(List.of("B1"), "ASIN", null, List.of(US, "A2EUQ1WTGCTBG2"), null,
				null, null, null, null))
			.hasMessageContaining("exactly one marketplaceId");
		assertThatThrownBy(() -> new CatalogItemSearch(List.of("B1"), "ASIN", List.of("tv"), List.of(US), null, null,
				null, null, null))
			.hasMessageContaining("either identifiers or keywords");
		assertThatThrownBy(() -> CatalogItemSearch.byIdentifiers(null, List.of("B1"), US, null))
			.hasMessageContaining("identifiersType");
		assertThatThrownBy(() -> CatalogItemSearch.byIdentifiers("SKU", List.of("SKU-1"), US, null))
			.hasMessageContaining("sellerId");
		assertThatThrownBy(() -> CatalogItemSearch.byKeywords(List.of("tv"), US, null).withPageSize(21))
			.hasMessageContaining("pageSize");
	}

	@Test
	void identifiersWithReservedCharactersArriveIntact() {
		answer(Reply.json(200, "{\"numberOfResults\":0,\"items\":[]}"));

		this.client
			.searchCatalogItems(CREDENTIALS, Region.NA,
					CatalogItemSearch.bySellerSkus("A1SELLER", List.of("A+B/C", "50% off&more"), US, null))
			.block();

		RecordedRequest request = onlySpRequest();
		assertThat(request.query()).contains("identifiers=A%2BB%2FC%2C50%25%20off%26more");
		assertThat(query(request)).containsEntry("identifiers", "A+B/C,50% off&more")
			.containsEntry("identifiersType", "SKU")
			.containsEntry("sellerId", "A1SELLER")
			.containsEntry("marketplaceIds", US);
	}

	// --- listings

	private static final String LISTINGS_ITEM = """
			{"sku":"GM-ZDPI-9B4E","summaries":[{"marketplaceId":"ATVPDKIKX0DER","asin":"B071VG5N9D","productType":"LUGGAGE",
			"conditionType":"new_new","status":["BUYABLE","DISCOVERABLE"],"itemName":"Hardside Carry-On Spinner Suitcase Luggage",
			"createdDate":"2021-02-01T00:00:00Z","lastUpdatedDate":"2021-03-01T00:00:00Z",
			"mainImage":{"link":"https://www.example.com/luggage.png","height":500,"width":500}}],
			"offers":[{"marketplaceId":"ATVPDKIKX0DER","offerType":"B2C","price":{"currencyCode":"USD","amount":"100.00"}},
			{"marketplaceId":"ATVPDKIKX0DER","offerType":"B2B","price":{"currencyCode":"USD","amount":"12345678901234567890.123456789"}}],
			"fulfillmentAvailability":[{"fulfillmentChannelCode":"DEFAULT","quantity":100}],
			"issues":[{"code":"90220","message":"'size' is required but not supplied.","severity":"ERROR",
			"attributeNames":["size"],"categories":["MISSING_ATTRIBUTE"]}]}""";

	@Test
	void listingsSearchNeedsIdentifiersTypeWithIdentifiers() {
		assertThatThrownBy(() -> new ListingsItemSearch("A1SELLER", List.of(US), List.of("S1"), null, null, null, null))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new ListingsItemSearch("A1SELLER", List.of(US),
				IntStream.range(0, 21).mapToObj(String::valueOf).toList(), "SKU", null, null, null))
			.hasMessageContaining("at most 20");
	}

	// --- FBA inventory

	private static String inventoryPage(String nextToken, String... skus) {
		String summaries = Stream.of(skus)
			.map((sku) -> "{\"asin\":\"B0" + sku + "\",\"fnSku\":\"X0" + sku + "\",\"sellerSku\":\"" + sku
					+ "\",\"condition\":\"NewItem\",\"lastUpdatedTime\":\"\",\"productName\":\"P\",\"totalQuantity\":7,"
					+ "\"inventoryDetails\":{\"fulfillableQuantity\":5,\"reservedQuantity\":{\"totalReservedQuantity\":2}}}")
			.collect(Collectors.joining(","));
		String pagination = (nextToken != null) ? ",\"pagination\":{\"nextToken\":\"" + nextToken + "\"}" : "";
		return "{\"payload\":{\"granularity\":{\"granularityType\":\"Marketplace\",\"granularityId\":\"" + US
				+ "\"},\"inventorySummaries\":[" + summaries + "]}" + pagination + "}";
	}

	@Test
	void inventorySummariesAreAskedForAtMarketplaceGranularityWithDetails() {
		answer(Reply.json(200, inventoryPage("next-1", "SKU1")));

		InventorySummary.Page page = this.client
			.getInventorySummaries(CREDENTIALS, Region.NA,
					new InventorySummariesQuery(US, List.of("SKU1", "SKU,2"), null), null)
			.block();

		assertThat(query(onlySpRequest())).containsExactly(Map.entry("details", "true"),
				Map.entry("granularityType", "Marketplace"), Map.entry("granularityId", US),
				Map.entry("sellerSkus", "SKU1,SKU,2"), Map.entry("marketplaceIds", US));
		assertThat(page.nextToken()).isEqualTo("next-1");
		assertThat(page.granularity().granularityId()).isEqualTo(US);
		assertThat(page.inventorySummaries()).singleElement().satisfies((s) -> {
			assertThat(s.sellerSku()).isEqualTo("SKU1");
			assertThat(s.totalQuantity()).isEqualTo(7);
			assertThat(s.lastUpdatedTime()).isEmpty();
			assertThat(s.inventoryDetails().fulfillableQuantity()).isEqualTo(5);
			assertThat(s.inventoryDetails().reservedQuantity().totalReservedQuantity()).isEqualTo(2);
		});
	}

	@Test
	void allInventorySummariesFollowNextTokenWithTheSameParameters() {
		this.sp = (request) -> switch (String.valueOf(query(request).get("nextToken"))) {
			case "null" -> Reply.json(200, inventoryPage("n1", "SKU1", "SKU2"));
			case "n1" -> Reply.json(200, inventoryPage("n2", "SKU3"));
			default -> Reply.json(200, inventoryPage(null, "SKU4"));
		};

		List<InventorySummary> summaries = this.client
			.getAllInventorySummaries(CREDENTIALS, Region.NA, InventorySummariesQuery.of(US))
			.block();

		assertThat(summaries).extracting(InventorySummary::sellerSku).containsExactly("SKU1", "SKU2", "SKU3", "SKU4");
		assertThat(spRequests()).extracting((r) -> query(r).get("nextToken")).containsExactly(null, "n1", "n2");
		assertThat(spRequests()).allSatisfy(
				(r) -> assertThat(query(r)).containsEntry("granularityId", US).containsEntry("details", "true"));
	}

	@Test
	void anExpiredInventoryNextTokenRestartsFromTheFirstPageOnce() {
		AtomicInteger firstPages = new AtomicInteger();
		this.sp = (request) -> {
			String token = query(request).get("nextToken");
			if (token == null) {
				return Reply.json(200, inventoryPage("token-" + firstPages.incrementAndGet(), "SKU1"));
			}
			if (token.equals("token-1")) {
				return Reply.json(400,
						"{\"errors\":[{\"code\":\"InvalidInput\",\"message\":\"Invalid nextToken: expired\"}]}");
			}
			return Reply.json(200, inventoryPage(null, "SKU2"));
		};

		List<InventorySummary> summaries = this.client
			.getAllInventorySummaries(CREDENTIALS, Region.NA, InventorySummariesQuery.of(US))
			.block();

		// The half-walked first attempt is dropped, not merged.
		assertThat(summaries).extracting(InventorySummary::sellerSku).containsExactly("SKU1", "SKU2");
		assertThat(spRequests()).extracting((r) -> query(r).get("nextToken"))
			.containsExactly(null, "token-1", null, "token-2");
	}

	@Test
	void anInventoryNextTokenRefusedTwiceFailsWithAmazonsError() {
		this.sp = (request) -> (query(request).get("nextToken") == null) ? Reply.json(200, inventoryPage("t", "SKU1"))
				: Reply.json(400, "{\"errors\":[{\"code\":\"InvalidInput\",\"message\":\"Invalid nextToken\"}]}")
					.header("x-amzn-RequestId", "req-400");

		UpstreamException ex = catchThrowableOfType(UpstreamException.class,
				() -> this.client.getAllInventorySummaries(CREDENTIALS, Region.NA, InventorySummariesQuery.of(US))
					.block());

		assertThat(ex.httpStatus()).isEqualTo(400);
		assertThat(ex.code()).isEqualTo("InvalidInput");
		assertThat(ex.operation()).isEqualTo("getInventorySummaries");
		assertThat(ex.requestId()).isEqualTo("req-400");
		assertThat(spRequests()).hasSize(4);
	}

	@Test
	void aFirstInventoryPageRefusedIsNotRetried() {
		answer(Reply.json(400, "{\"errors\":[{\"code\":\"InvalidInput\",\"message\":\"bad marketplace\"}]}"));

		assertThatThrownBy(
				() -> this.client.getAllInventorySummaries(CREDENTIALS, Region.NA, InventorySummariesQuery.of("XX"))
					.block())
			.isInstanceOf(UpstreamException.class);
		assertThat(spRequests()).hasSize(1);
	}

	// --- sales

	private static final String ORDER_METRICS = """
			{"payload":[{"interval":"2018-09-01T00:00-07:00--2018-09-02T00:00-07:00","unitCount":2,"orderItemCount":1,
			"orderCount":1,"averageUnitPrice":{"amount":"22.50","currencyCode":"USD"},
			"totalSales":{"amount":"0.1","currencyCode":"USD"}}]}""";

	// --- errors, both envelope families

	static Stream<Arguments> errorShapes() {
		return Stream.of(arguments("dated API errors list", 400, "application/json",
				"{\"errors\":[{\"code\":\"400\",\"message\":\"Invalid input\",\"details\":\"marketplaceIds\"}]}", "400",
				"Invalid input (marketplaceIds)", false),
				arguments("several errors", 400, "application/json",
						"{\"errors\":[{\"code\":\"InvalidInput\",\"message\":\"a\"},{\"code\":\"InvalidInput\",\"message\":\"b\"}]}",
						"InvalidInput", "a; b", false),
				arguments("throttled", 429, "application/json",
						"{\"errors\":[{\"code\":\"QuotaExceeded\",\"message\":\"You exceeded your quota for the requested resource.\"}]}",
						"QuotaExceeded", "You exceeded your quota for the requested resource.", true),
				arguments("gateway message", 403, "application/json", "{\"message\":\"Forbidden\"}", null, "Forbidden",
						false),
				arguments("html page", 502, "text/html", "<html><body>Bad Gateway</body></html>", null, "HTTP 502",
						true),
				arguments("empty body", 503, "application/json", "", null, "HTTP 503", true));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("errorShapes")
	void datedApiErrorsBecomeOneTypedError(String shape, int status, String contentType, String body, String code,
			String message, boolean retryable) {
		answer(Reply.of(status, contentType, body).header("x-amzn-RequestId", "req-" + status));

		UpstreamException ex = catchThrowableOfType(UpstreamException.class,
				() -> this.client.getReport(CREDENTIALS, Region.NA, "ID323").block());

		assertThat(ex.upstream()).isEqualTo("sp");
		assertThat(ex.operation()).isEqualTo("getReport");
		assertThat(ex.httpStatus()).isEqualTo(status);
		assertThat(ex.code()).isEqualTo(code);
		assertThat(ex.upstreamMessage()).isEqualTo(message);
		assertThat(ex.requestId()).isEqualTo("req-" + status);
		assertThat(ex.retryable()).isEqualTo(retryable);
	}

	@Test
	void v0WrapperErrorsAreDecodedTheSameWay() {
		answer(Reply
			.json(400, "{\"errors\":[{\"code\":\"InvalidInput\",\"message\":\"Invalid Input\",\"details\":\"\"}]}")
			.header("x-amzn-RequestId", "req-v0"));

		UpstreamException ex = catchThrowableOfType(UpstreamException.class,
				() -> this.client.getMarketplaceParticipations(CREDENTIALS, Region.NA).block());

		assertThat(ex.operation()).isEqualTo("getMarketplaceParticipations");
		assertThat(ex.httpStatus()).isEqualTo(400);
		assertThat(ex.code()).isEqualTo("InvalidInput");
		assertThat(ex.upstreamMessage()).isEqualTo("Invalid Input");
		assertThat(ex.requestId()).isEqualTo("req-v0");
		assertThat(ex.retryable()).isFalse();
	}

	@Test
	void aV0SuccessWithErrorsAndNoPayloadIsAnError() {
		answer(Reply.json(200, "{\"errors\":[{\"code\":\"InternalFailure\",\"message\":\"partial outage\"}]}"));

		UpstreamException ex = catchThrowableOfType(UpstreamException.class,
				() -> this.client.getMarketplaceParticipations(CREDENTIALS, Region.NA).block());

		assertThat(ex.httpStatus()).isEqualTo(200);
		assertThat(ex.code()).isEqualTo("InternalFailure");
		assertThat(ex.operation()).isEqualTo("getMarketplaceParticipations");
	}

	@Test
	void aV0SuccessWithAPayloadIsServedEvenWithErrorsBesideIt() {
		answer(Reply.json(200, PARTICIPATIONS.replace("{\"payload\"",
				"{\"errors\":[{\"code\":\"Warning\",\"message\":\"one marketplace unavailable\"}],\"payload\"")));

		assertThat(this.client.getMarketplaceParticipations(CREDENTIALS, Region.NA).block()).hasSize(1);
	}

	@Test
	void aSuccessWithoutAPayloadOrAnUnreadableBodyIsAnInvalidResponse() {
		answer(Reply.json(200, "{}"));
		UpstreamException empty = catchThrowableOfType(UpstreamException.class,
				() -> this.client.getMarketplaceParticipations(CREDENTIALS, Region.NA).block());
		answer(Reply.json(200, "{\"reportId\":"));
		UpstreamException unreadable = catchThrowableOfType(UpstreamException.class,
				() -> this.client.getReport(CREDENTIALS, Region.NA, "r").block());

		assertThat(empty.code()).isEqualTo("invalid_response");
		assertThat(empty.retryable()).isTrue();
		assertThat(unreadable.code()).isEqualTo("invalid_response");
	}

	@Test
	void anExpiredAccessTokenIsDroppedSoTheNextCallFetchesANewOne() {
		answer(Reply.json(403,
				"{\"errors\":[{\"code\":\"Unauthorized\",\"message\":\"Access to requested resource is denied.\","
						+ "\"details\":\"The access token you provided has expired.\"}]}"));

		UpstreamException ex = catchThrowableOfType(UpstreamException.class,
				() -> this.client.getMarketplaceParticipations(CREDENTIALS, Region.NA).block());
		answer(Reply.json(200, PARTICIPATIONS));
		this.client.getMarketplaceParticipations(CREDENTIALS, Region.NA).block();

		assertThat(ex.httpStatus()).isEqualTo(403);
		assertThat(ex.code()).isEqualTo("Unauthorized");
		assertThat(ex.upstreamMessage()).contains("has expired");
		assertThat(ex.retryable()).isFalse();
		assertThat(this.server.requestsTo(TOKEN_PATH)).hasSize(2);
		assertThat(spRequests()).extracting((r) -> r.header("x-amz-access-token"))
			.containsExactly("Atza|sp-token-1", "Atza|sp-token-2");
	}

	@Test
	void aForbiddenForMissingRightsKeepsTheToken() {
		answer(Reply.json(403,
				"{\"errors\":[{\"code\":\"Unauthorized\",\"message\":\"Access to requested resource is denied.\"}]}"));

		assertThatThrownBy(() -> this.client.getMarketplaceParticipations(CREDENTIALS, Region.NA).block())
			.isInstanceOf(UpstreamException.class);
		answer(Reply.json(200, PARTICIPATIONS));
		this.client.getMarketplaceParticipations(CREDENTIALS, Region.NA).block();

		assertThat(this.server.requestsTo(TOKEN_PATH)).hasSize(1);
	}

	@Test
	void connectionRefusedIsStatusZeroAndRetryable() throws IOException {
		try (ClosedPort closed = new ClosedPort()) {
			SellingPartnerApiClient unreachable = client(Map.of(Region.NA, URI.create(closed.url())),
					Duration.ofSeconds(5));

			UpstreamException ex = catchThrowableOfType(UpstreamException.class,
					() -> unreachable.getReport(CREDENTIALS, Region.NA, "r").block());

			assertThat(ex.httpStatus()).isZero();
			assertThat(ex.retryable()).isTrue();
			assertThat(ex.operation()).isEqualTo("getReport");
		}
	}

	@Test
	void responseTimeoutIsStatusZeroAndRetryable() {
		answer(Reply.json(200, "{}").delayedBy(Duration.ofSeconds(2)));
		SellingPartnerApiClient impatient = client(Map.of(Region.NA, URI.create(this.server.url() + NA)),
				Duration.ofMillis(200));

		UpstreamException ex = catchThrowableOfType(UpstreamException.class,
				() -> impatient.getReport(CREDENTIALS, Region.NA, "r").block(Duration.ofSeconds(10)));

		assertThat(ex.httpStatus()).isZero();
		assertThat(ex.retryable()).isTrue();
	}

	// --- product pricing

	@Test
	void competitiveSummaryPostsOneRequestPerAsinAndReadsEachItemsStatus() {
		// Amazon's own example answer (productPricing_2022-05-01.json), trimmed to what
		// the client reads, plus a failed second item.
		answer(Reply.json(200, """
				{"responses":[{"status":{"statusCode":200,"reasonPhrase":"Success"},"body":{"asin":"B00ZIAODGE",
				"marketplaceId":"ATVPDKIKX0DER","featuredBuyingOptions":[{"buyingOptionType":"New",
				"segmentedFeaturedOffers":[{"sellerId":"A3DJR8M9Y3OUPG","condition":"New","fulfillmentType":"MFN",
				"listingPrice":{"amount":18.11,"currencyCode":"USD"},"featuredOfferSegments":[
				{"customerMembership":"PRIME","segmentDetails":{"glanceViewWeightPercentage":72}},
				{"customerMembership":"NON_PRIME","segmentDetails":{"glanceViewWeightPercentage":10}}]},
				{"sellerId":"A2ZWOLFOFDPJL1","condition":"New","fulfillmentType":"MFN",
				"listingPrice":{"amount":17.15,"currencyCode":"USD"},"featuredOfferSegments":[
				{"customerMembership":"NON_PRIME","segmentDetails":{"glanceViewWeightPercentage":18}}]}]}]}},
				{"status":{"statusCode":400,"reasonPhrase":"Client Error"},"body":{"errors":[
				{"code":"INVALID_ASIN","message":"11_AABB_123 is not a valid ASIN"}]}}]}"""));

		List<CompetitiveSummary> summaries = this.client
			.getCompetitiveSummary(CREDENTIALS, Region.NA, US, List.of("B00ZIAODGE", "11_AABB_123"))
			.block();

		RecordedRequest request = onlySpRequest();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo(NA + "/batches/products/pricing/2022-05-01/items/competitiveSummary");
		assertThat(request.header("Content-Type")).startsWith("application/json");
		assertThat(json(request.body())).isEqualTo(
				json("""
						{"requests":[{"asin":"B00ZIAODGE","marketplaceId":"ATVPDKIKX0DER","includedData":["featuredBuyingOptions"],
						"method":"GET","uri":"/products/pricing/2022-05-01/items/competitiveSummary"},
						{"asin":"11_AABB_123","marketplaceId":"ATVPDKIKX0DER","includedData":["featuredBuyingOptions"],
						"method":"GET","uri":"/products/pricing/2022-05-01/items/competitiveSummary"}]}"""));
		CompetitiveSummary featured = summaries.get(0);
		assertThat(featured.featuredSellerIds()).containsExactly("A3DJR8M9Y3OUPG", "A2ZWOLFOFDPJL1");
		assertThat(featured.featuredShare("A3DJR8M9Y3OUPG")).isEqualTo(82.0);
		assertThat(featured.isFeatured("A1NOTFEATURED0")).isFalse();
		assertThat(featured.featuredBuyingOptions().get(0).segmentedFeaturedOffers().get(1).listingPrice().amount())
			.isEqualByComparingTo("17.15");
		// The failed item's body names no ASIN: its place in the batch does.
		CompetitiveSummary failed = summaries.get(1);
		assertThat(failed.asin()).isEqualTo("11_AABB_123");
		assertThat(failed.statusCode()).isEqualTo(400);
		assertThat(failed.errors()).extracting(CompetitiveSummary.ItemError::code).containsExactly("INVALID_ASIN");
	}

	@Test
	void aCompetitiveSummaryWithoutOneAnswerPerAsinIsAnInvalidAnswer() {
		answer(Reply.json(200, "{\"responses\":[]}"));

		UpstreamException ex = catchThrowableOfType(UpstreamException.class,
				() -> this.client.getCompetitiveSummary(CREDENTIALS, Region.NA, US, List.of("B00ZIAODGE")).block());

		assertThat(ex.operation()).isEqualTo("getCompetitiveSummary");
		assertThat(ex.getMessage()).contains("one response per ASIN");
	}

	// --- reports

	@Test
	void createReportPostsTheSpecificationAndAnswersTheReportId() {
		answer(Reply.json(202, "{\"reportId\":\"ID323\"}"));

		String reportId = this.client
			.createReport(CREDENTIALS, Region.NA,
					new CreateReportSpecification("GET_SALES_AND_TRAFFIC_REPORT", List.of(US),
							Instant.parse("2026-01-01T00:00:00Z"), null, Map.of("asinGranularity", "CHILD")))
			.block();

		RecordedRequest request = onlySpRequest();
		assertThat(reportId).isEqualTo("ID323");
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo(NA + "/reports/2021-06-30/reports");
		assertThat(request.header("Content-Type")).startsWith("application/json");
		assertThat(json(request.body())).isEqualTo(json("""
				{"reportType":"GET_SALES_AND_TRAFFIC_REPORT","marketplaceIds":["ATVPDKIKX0DER"],
				"dataStartTime":"2026-01-01T00:00:00Z","reportOptions":{"asinGranularity":"CHILD"}}"""));
	}

	@Test
	void getReportReadsTheReportAndIsEmptyWhenUnknown() {
		this.sp = (request) -> request.path().endsWith("/ID323") ? Reply
			.json(200, "{\"reportId\":\"ID323\",\"reportType\":\"GET_SALES_AND_TRAFFIC_REPORT\","
					+ "\"processingStatus\":\"DONE\",\"createdTime\":\"2026-01-01T00:00:00Z\",\"reportDocumentId\":\"DOC-1\","
					+ "\"marketplaceIds\":[\"ATVPDKIKX0DER\"]}")
				: Reply.json(404, "{\"errors\":[{\"code\":\"NotFound\",\"message\":\"no such report\"}]}");

		Report report = this.client.getReport(CREDENTIALS, Region.NA, "ID323").block();
		Report unknown = this.client.getReport(CREDENTIALS, Region.NA, "nope").block();

		assertThat(report.processingStatus()).isEqualTo("DONE");
		assertThat(report.reportDocumentId()).isEqualTo("DOC-1");
		assertThat(report.marketplaceIds()).containsExactly(US);
		assertThat(unknown).isNull();
	}

	// --- report documents

	private static byte[] gzip(String text) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		return bytes.toByteArray();
	}

	private static final String REPORT_JSON = "{\"salesAndTrafficByAsin\":[{\"parentAsin\":\"B1\",\"childAsin\":\"B2\"}]}";

	@Test
	void aGzipDocumentIsDownloadedFromItsPresignedUrlWithoutOurCredentialsAndInflated() throws IOException {
		try (BinaryServer documents = new BinaryServer(gzip(REPORT_JSON))) {
			String url = documents.url()
					+ "/docs/DOC-1?X-Amz-Credential=AKIA%2F20260101%2Fus-east-1&X-Amz-Signature=abc";
			answer(Reply.json(200,
					"{\"reportDocumentId\":\"DOC-1\",\"url\":\"" + url + "\",\"compressionAlgorithm\":\"GZIP\"}"));

			byte[] downloaded = this.client.getReportDocument(CREDENTIALS, Region.NA, "DOC-1")
				.flatMap(this.client::downloadReportDocument)
				.block();

			assertThat(onlySpRequest().path()).isEqualTo(NA + "/reports/2021-06-30/documents/DOC-1");
			assertThat(new String(downloaded, StandardCharsets.UTF_8)).isEqualTo(REPORT_JSON);
			assertThat(documents.requests).singleElement().satisfies((request) -> {
				// Encoded once, as signed: a second encoding would break the signature.
				assertThat(request.uri())
					.isEqualTo("/docs/DOC-1?X-Amz-Credential=AKIA%2F20260101%2Fus-east-1&X-Amz-Signature=abc");
				assertThat(request.header("x-amz-access-token")).isNull();
				assertThat(request.header("Authorization")).isNull();
			});
		}
	}

	@Test
	void uncompressedDocumentsAreReturnedAsSent() {
		ScriptedHttpServer documents = new ScriptedHttpServer();
		try (documents) {
			documents.script((request) -> Reply.of(200, "text/tab-separated-values", "sku\tasin\nS1\tB1\n"));

			byte[] downloaded = this.client
				.downloadReportDocument(new ReportDocument("DOC-2", documents.url() + "/docs/DOC-2", null))
				.block();

			assertThat(new String(downloaded, StandardCharsets.UTF_8)).isEqualTo("sku\tasin\nS1\tB1\n");
		}
	}

	@Test
	void anExpiredDocumentUrlIsATypedErrorThatDoesNotRevealTheUrl() {
		ScriptedHttpServer documents = new ScriptedHttpServer();
		try (documents) {
			documents.script((request) -> Reply
				.of(403, "application/xml",
						"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code>"
								+ "<Message>Request has expired</Message><RequestId>S3REQ</RequestId></Error>")
				.header("x-amz-request-id", "S3REQ"));

			UpstreamException ex = catchThrowableOfType(UpstreamException.class,
					() -> this.client
						.downloadReportDocument(new ReportDocument("DOC-3",
								documents.url() + "/docs/DOC-3?X-Amz-Signature=topsecret", null))
						.block());

			assertThat(ex.operation()).isEqualTo("downloadReportDocument");
			assertThat(ex.httpStatus()).isEqualTo(403);
			assertThat(ex.code()).isEqualTo("AccessDenied");
			assertThat(ex.upstreamMessage()).isEqualTo("Request has expired");
			assertThat(ex.requestId()).isEqualTo("S3REQ");
			assertThat(ex.retryable()).isFalse();
			assertThat(ex.getMessage()).doesNotContain("topsecret");
		}
	}

	@Test
	void aDocumentLargerThanTheLimitIsRefused() throws IOException {
		// The limit in this test is 64 KB; a small gzip inflating past it is refused as
		// well.
		byte[] bomb = gzip("x".repeat(200_000));
		try (BinaryServer documents = new BinaryServer(bomb)) {
			UpstreamException ex = catchThrowableOfType(UpstreamException.class,
					() -> this.client
						.downloadReportDocument(new ReportDocument("DOC-4", documents.url() + "/d", "GZIP"))
						.block());

			assertThat(ex.code()).isEqualTo("document_too_large");
			assertThat(ex.retryable()).isFalse();
		}
	}

	/**
	 * Serves fixed bytes (ScriptedHttpServer answers text only) and records what it was
	 * asked.
	 */
	static final class BinaryServer implements AutoCloseable {

		final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

		private final DisposableServer server;

		BinaryServer(byte[] body) {
			this.server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
				this.requests.add(new RecordedRequest(request.method().name(), request.uri(),
						request.requestHeaders().copy(), ""));
				return response.header("Content-Type", "application/octet-stream")
					.header("Content-Length", Integer.toString(body.length))
					.sendByteArray(Mono.just(body));
			}).bindNow();
		}

		String url() {
			return "http://127.0.0.1:" + this.server.port();
		}

		@Override
		public void close() {
			this.server.disposeNow(Duration.ofSeconds(5));
		}

	}

	@Test
	void anUnknownCompressionAlgorithmIsRefusedWithoutARequest() {
		assertThatThrownBy(
				() -> this.client.downloadReportDocument(new ReportDocument("DOC-5", this.server.url() + "/d", "ZSTD"))
					.block())
			.isInstanceOf(IllegalArgumentException.class);
		assertThat(this.server.requests()).isEmpty();
	}

}
