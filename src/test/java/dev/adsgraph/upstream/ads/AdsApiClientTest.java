package dev.adsgraph.upstream.ads;

import dev.adsgraph.testing.ClosedPort;
import dev.adsgraph.testing.MutableClock;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
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
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class AdsApiClientTest {

	private static final String TOKEN_PATH = "/auth/o2/token";

	private static final String NA = "/ads/na";

	private static final LwaCredentials CREDENTIALS = new LwaCredentials("amzn1.application-oa2-client.abc",
			"client-secret", "Atzr|refresh");

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final AtomicInteger tokensIssued = new AtomicInteger();

	private ScriptedHttpServer server;

	private AdsApiClient client;

	/**
	 * What the Ads side of the scripted server answers; LWA always issues a fresh token.
	 */
	private Function<RecordedRequest, Reply> ads = (request) -> Reply.status(500);

	@BeforeEach
	void start() {
		this.server = new ScriptedHttpServer();
		this.server.script(
				(request) -> request.path().equals(TOKEN_PATH)
						? Reply.json(200,
								"{\"access_token\":\"Atza|token-" + this.tokensIssued.incrementAndGet()
										+ "\",\"token_type\":\"bearer\",\"expires_in\":3600}")
						: this.ads.apply(request));
		this.client = client(Map.of(Region.NA, URI.create(this.server.url() + NA), Region.EU,
				URI.create(this.server.url() + "/ads/eu/")), Duration.ofSeconds(5));
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	private AdsApiClient client(Map<Region, URI> hosts, Duration responseTimeout) {
		LwaTokenService tokens = new LwaTokenService(WebClient.builder(),
				new UpstreamProperties.Lwa(URI.create(this.server.url() + TOKEN_PATH), Duration.ofSeconds(60),
						Duration.ofSeconds(5)),
				new InMemoryLwaTokenCache(), this.clock);
		return new WebClientAdsApiClient(WebClient.builder(),
				new UpstreamProperties.Ads(hosts, Duration.ofSeconds(2), responseTimeout, DataSize.ofMegabytes(16)),
				tokens, this.clock);
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

	// --- headers, paths and media types

	@Test
	void listProfilesSendsBearerTokenAndClientIdButNoScopeAndKeepsTheHostPathPrefix() {
		answer(Reply.json(200, "[]"));

		List<Profile> profiles = this.client.listProfiles(CREDENTIALS, Region.NA, ProfileFilter.NONE).block();

		RecordedRequest request = onlyAdsRequest();
		assertThat(profiles).isEmpty();
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.uri()).isEqualTo(NA + "/v2/profiles");
		assertThat(request.header("Authorization")).isEqualTo("Bearer Atza|token-1");
		assertThat(request.header("Amazon-Advertising-API-ClientId")).isEqualTo(CREDENTIALS.clientId());
		assertThat(request.header("Amazon-Advertising-API-Scope")).isNull();
		assertThat(request.header("Amazon-Ads-ClientId")).isNull();
		assertThat(request.header("Accept")).isEqualTo("application/json");
	}

	@Test
	void listProfilesSendsOnlyTheFiltersThatAreSet() {
		answer(Reply.json(200, "[]"));

		this.client.listProfiles(CREDENTIALS, Region.NA, new ProfileFilter("campaign", null, "seller", false)).block();

		assertThat(onlyAdsRequest().query())
			.isEqualTo("apiProgram=campaign&profileTypeFilter=seller&validPaymentMethodFilter=false");
	}

	@Test
	void eachRegionUsesItsOwnHostAndATrailingSlashInTheHostIsHarmless() {
		answer(Reply.json(200, "[]"));

		this.client.listProfiles(CREDENTIALS, Region.EU, null).block();

		assertThat(onlyAdsRequest().uri()).isEqualTo("/ads/eu/v2/profiles");
	}

	@Test
	void profileIdsBeyondIntRangeAreReadExactly() {
		answer(Reply.json(200, """
				[{"profileId": 3456789012345678901, "countryCode": "UK", "currencyCode": "GBP",
				  "dailyBudget": 10.5, "timezone": "Europe/London",
				  "accountInfo": {"marketplaceStringId": "A1F83G8C2ARO7P", "id": "A2SELLER",
				                  "type": "seller", "name": "Shop", "someNewField": 1}}]
				"""));

		List<Profile> profiles = this.client.listProfiles(CREDENTIALS, Region.NA, ProfileFilter.NONE).block();

		assertThat(profiles).singleElement().satisfies((profile) -> {
			assertThat(profile.profileId()).isEqualTo(3456789012345678901L);
			assertThat(profile.countryCode()).isEqualTo("UK");
			assertThat(profile.accountInfo().marketplaceStringId()).isEqualTo("A1F83G8C2ARO7P");
			assertThat(profile.accountInfo().validPaymentMethod()).isNull();
		});
	}

	@Test
	void aDailyBudgetIsReadExactlyFromItsDigits() {
		// Beyond 2^53 with cents: a double would make it 9007199254740992.
		answer(Reply.json(200, """
				[{"profileId": 1, "countryCode": "US", "currencyCode": "USD", "dailyBudget": 9007199254740993.07,
				  "timezone": "America/Los_Angeles", "accountInfo": {"id": "A2SELLER", "type": "seller"}},
				 {"profileId": 2, "countryCode": "US", "currencyCode": "USD", "dailyBudget": 500.10,
				  "timezone": "America/Los_Angeles", "accountInfo": {"id": "A2SELLER", "type": "seller"}}]
				"""));

		List<Profile> profiles = this.client.listProfiles(CREDENTIALS, Region.NA, ProfileFilter.NONE).block();

		assertThat(profiles).extracting((profile) -> profile.dailyBudget().toPlainString())
			.containsExactly("9007199254740993.07", "500.10");
	}

	@Test
	void registerAdsAccountSendsTheVendorContentTypeAndUnwrapsTheAccount() {
		answer(Reply.json(201, """
				{"adsAccount": {"adsAccountId": "amzn1.ads-account.g.abc", "accountName": "Shop", "status": "PENDING"}}
				"""));
		RegisterAdsAccountRequest body = new RegisterAdsAccountRequest("Shop", List.of("US"),
				List.of(new RegisterAdsAccountRequest.Association(
						new RegisterAdsAccountRequest.AmazonSeller("A2SELLER"), null, null, null)),
				null);

		AdsAccount account = this.client.registerAdsAccount(CREDENTIALS, Region.NA, body).block();

		RecordedRequest request = onlyAdsRequest();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.uri()).isEqualTo(NA + "/adsAccounts");
		assertThat(request.header("Content-Type")).isEqualTo("application/vnd.registeradsaccountresource.v1+json");
		assertThat(request.header("Amazon-Advertising-API-ClientId")).isEqualTo(CREDENTIALS.clientId());
		assertThat(json(request.body())).isEqualTo(json("""
				{"accountName": "Shop", "countryCodes": ["US"],
				 "associations": [{"amazonSeller": {"sellerCentralAccount": "A2SELLER"}}]}
				"""));
		assertThat(account.adsAccountId()).isEqualTo("amzn1.ads-account.g.abc");
		assertThat(account.status()).isEqualTo("PENDING");
	}

	@Test
	void listAdsAccountsUsesTheListMediaTypeBothWaysAndSendsOnlyTheSetFields() {
		answer(Reply.of(200, "application/vnd.listaccountsresource.v1+json", """
				{"adsAccounts": [{"adsAccountId": "amzn1.ads-account.g.1", "status": "CREATED",
				  "countryCodes": ["US"],
				  "alternateIds": [{"countryCode": "US", "profileId": 3456789012345678901},
				                   {"countryCode": "US", "entityId": "ENTITY1"}],
				  "errors": {"CA": [{"errorCode": "X", "errorId": 5, "errorMessage": "not ready"}]}}],
				 "nextToken": "page-2"}
				"""));

		AdsAccount.Page page = this.client.listAdsAccounts(CREDENTIALS, Region.NA, 50, null).block();

		RecordedRequest request = onlyAdsRequest();
		assertThat(request.uri()).isEqualTo(NA + "/adsAccounts/list");
		assertThat(request.header("Content-Type")).isEqualTo("application/vnd.listaccountsresource.v1+json");
		assertThat(request.header("Accept")).isEqualTo("application/vnd.listaccountsresource.v1+json");
		assertThat(json(request.body())).isEqualTo(json("{\"maxResults\": 50}"));
		assertThat(page.nextToken()).isEqualTo("page-2");
		AdsAccount account = page.adsAccounts().get(0);
		assertThat(account.alternateIds().get(0).profileId()).isEqualTo(3456789012345678901L);
		assertThat(account.alternateIds().get(1).entityId()).isEqualTo("ENTITY1");
		assertThat(account.errors().get("CA").get(0).errorMessage()).isEqualTo("not ready");
	}

	@Test
	void getAdsAccountAcceptsTheAccountMediaTypeAndUnwrapsTheAccount() {
		answer(Reply.of(200, "application/vnd.accountresource.v1+json",
				"{\"adsAccount\": {\"adsAccountId\": \"amzn1.ads-account.g.1\", \"status\": \"CREATED\"}}"));

		AdsAccount account = this.client.getAdsAccount(CREDENTIALS, Region.NA, "amzn1.ads-account.g.1").block();

		RecordedRequest request = onlyAdsRequest();
		assertThat(request.uri()).isEqualTo(NA + "/adsAccounts/amzn1.ads-account.g.1");
		assertThat(request.header("Accept")).isEqualTo("application/vnd.accountresource.v1+json");
		assertThat(account.status()).isEqualTo("CREATED");
	}

	@Test
	void createTermsTokenUsesTheTermsTokenMediaTypes() {
		answer(Reply.of(201, "application/vnd.termstokenresource.v1+json", """
				{"termsToken": "8b5e1f0a-0000-4000-8000-000000000001",
				 "termsUrl": "https://advertising.amazon.com/terms/agreement/8b5e1f0a-0000-4000-8000-000000000001"}
				"""));

		TermsToken.Created created = this.client.createTermsToken(CREDENTIALS, Region.NA, "ADVERTISING").block();

		RecordedRequest request = onlyAdsRequest();
		assertThat(request.uri()).isEqualTo(NA + "/termsTokens");
		assertThat(request.header("Content-Type"))
			.isEqualTo("application/vnd.GlobalRegistrationService.TermsTokenResource.v1.0+json");
		assertThat(request.header("Accept")).isEqualTo("application/vnd.termstokenresource.v1+json");
		assertThat(json(request.body())).isEqualTo(json("{\"termsType\": \"ADVERTISING\"}"));
		assertThat(created.termsToken()).isEqualTo("8b5e1f0a-0000-4000-8000-000000000001");
		assertThat(created.termsUrl()).endsWith("/8b5e1f0a-0000-4000-8000-000000000001");
	}

	@Test
	void getTermsTokenEncodesTheTokenAsOnePathSegment() {
		answer(Reply.of(200, "application/vnd.termstokenresource.v1+json",
				"{\"termsTokenStatus\": \"ACCEPTED\", \"termsType\": \"ADVERTISING\"}"));

		TermsToken.Status status = this.client.getTermsToken(CREDENTIALS, Region.NA, "a/b c").block();

		RecordedRequest request = onlyAdsRequest();
		assertThat(request.uri()).isEqualTo(NA + "/termsTokens/a%2Fb%20c");
		assertThat(request.header("Accept")).isEqualTo("application/vnd.termstokenresource.v1+json");
		assertThat(status.termsTokenStatus()).isEqualTo("ACCEPTED");
	}

	@Test
	void v1QueriesSendTheV1ClientIdHeaderAndFilterObjects() {
		answer(Reply.json(200, """
				{"advertiserAccounts": [{"advertiserAccountId": "amzn1.ads-account.g.9",
				  "status": {"statusCode": "APPROVED", "statusMessage": "ok"},
				  "alternateIds": [{"countryCode": "GB", "region": "EU", "profileId": "3456789012345678901"}]}],
				 "nextToken": "n2"}
				"""));

		AdvertiserAccount.Page page = this.client
			.queryAdvertiserAccounts(CREDENTIALS, Region.NA,
					new AdvertiserAccount.Query(List.of("amzn1.ads-account.g.9"), true, 10, "n1"))
			.block();

		RecordedRequest request = onlyAdsRequest();
		assertThat(request.uri()).isEqualTo(NA + "/adsApi/v1/query/advertiserAccounts");
		assertThat(request.header("Amazon-Ads-ClientId")).isEqualTo(CREDENTIALS.clientId());
		assertThat(request.header("Authorization")).isEqualTo("Bearer Atza|token-1");
		assertThat(request.header("Content-Type")).isEqualTo("application/json");
		assertThat(json(request.body())).isEqualTo(json("""
				{"advertiserAccountIdFilter": {"include": ["amzn1.ads-account.g.9"]},
				 "isGlobalAccountFilter": {"include": [true]}, "maxResults": 10, "nextToken": "n1"}
				"""));
		assertThat(page.nextToken()).isEqualTo("n2");
		assertThat(page.advertiserAccounts()).singleElement().satisfies((account) -> {
			assertThat(account.status().statusCode()).isEqualTo("APPROVED");
			assertThat(account.alternateIds().get(0).profileId()).isEqualTo("3456789012345678901");
		});
	}

	@Test
	void v1QueriesLeaveUnsetFiltersOut() {
		answer(Reply.json(200, "{\"sellingAccounts\": []}"));

		SellingAccount.Page empty = this.client
			.querySellingAccounts(CREDENTIALS, Region.NA, new SellingAccount.Query(null, "AMAZON_SELLER", null, null))
			.block();
		this.client.queryAdvertiserAccounts(CREDENTIALS, Region.NA, null).onErrorResume((ex) -> Mono.empty()).block();

		List<RecordedRequest> requests = this.server.requestsTo("/ads/");
		assertThat(requests.get(0).uri()).isEqualTo(NA + "/adsApi/v1/query/sellingAccounts");
		assertThat(json(requests.get(0).body()))
			.isEqualTo(json("{\"sellingProgramFilter\": {\"include\": [\"AMAZON_SELLER\"]}}"));
		assertThat(json(requests.get(1).body())).isEqualTo(json("{}"));
		assertThat(empty.sellingAccounts()).isEmpty();
		assertThat(empty.nextToken()).isNull();
	}

	@Test
	void querySellingAccountsReadsAccountsAndSendsTheLinkTokenFilter() {
		answer(Reply.json(200,
				"""
						{"sellingAccounts": [{"sellingAccountLinkToken": "enc-token", "sellingProgram": "AMAZON_SELLER",
						  "portals": ["SELLER_CENTRAL"], "countryCodes": ["US"],
						  "business": {"addresses": [{"addressToken": "addr-1", "addressLine1": "1 Main St",
						    "businessName": "Shop", "city": "Seattle", "countryCode": "US", "state": "WA", "zipCode": "98101"}]}}]}
						"""));

		SellingAccount.Page page = this.client
			.querySellingAccounts(CREDENTIALS, Region.NA, new SellingAccount.Query("enc-token", null, 20, null))
			.block();

		assertThat(json(onlyAdsRequest().body()))
			.isEqualTo(json("{\"sellingAccountLinkTokenFilter\": {\"include\": [\"enc-token\"]}, \"maxResults\": 20}"));
		assertThat(page.sellingAccounts()).singleElement().satisfies((account) -> {
			assertThat(account.portals()).containsExactly("SELLER_CENTRAL");
			assertThat(account.business().addresses().get(0).addressToken()).isEqualTo("addr-1");
		});
	}

	// --- 207 multi-status

	@Test
	void createAdvertiserAccountsReadsBothHalvesOfA207() {
		answer(Reply.json(207,
				"""
						{"success": [{"index": 0, "advertiserAccount": {"advertiserAccountId": "amzn1.ads-account.g.new",
						   "status": {"statusCode": "REGISTRATION_IN_PROGRESS", "statusMessage": "queued"}}}],
						 "error": [{"index": 1, "errors": [{"code": "MISSING_BUSINESS_NAME", "message": "businessName is required",
						   "fieldLocation": "advertiserAccounts[1].businessDetails[0].address.businessName"}]}]}
						"""));
		AdvertiserAccount.Address address = new AdvertiserAccount.Address("1 Main St", null, "Shop", "Seattle", "US",
				null, "WA", "98101");
		AdvertiserAccount good = new AdvertiserAccount(null,
				List.of(new AdvertiserAccount.BusinessDetails(null, address, null, null)), "USD", "Shop", null, null,
				null, null, null, "America/Los_Angeles", null, null);
		AdvertiserAccount bad = new AdvertiserAccount(null,
				List.of(new AdvertiserAccount.BusinessDetails("addr-token", null, null, null)), null, null, null, null,
				null, null, null, null, null, null);

		MultiStatus<AdvertiserAccount> result = this.client
			.createAdvertiserAccounts(CREDENTIALS, Region.NA, List.of(good, bad))
			.block();

		RecordedRequest request = onlyAdsRequest();
		assertThat(request.uri()).isEqualTo(NA + "/adsApi/v1/create/advertiserAccounts");
		assertThat(request.header("Amazon-Ads-ClientId")).isEqualTo(CREDENTIALS.clientId());
		assertThat(json(request.body())).isEqualTo(json("""
				{"advertiserAccounts": [
				  {"businessDetails": [{"address": {"addressLine1": "1 Main St", "businessName": "Shop",
				     "city": "Seattle", "countryCode": "US", "state": "WA", "zipCode": "98101"}}],
				   "currencyCode": "USD", "displayName": "Shop", "timeZoneIana": "America/Los_Angeles"},
				  {"businessDetails": [{"addressToken": "addr-token"}]}]}
				"""));
		assertThat(result.success()).singleElement().satisfies((success) -> {
			assertThat(success.index()).isZero();
			assertThat(success.item().advertiserAccountId()).isEqualTo("amzn1.ads-account.g.new");
			assertThat(success.item().status().statusCode()).isEqualTo("REGISTRATION_IN_PROGRESS");
		});
		assertThat(result.error()).singleElement().satisfies((failure) -> {
			assertThat(failure.index()).isEqualTo(1);
			assertThat(failure.errors()).containsExactly(new MultiStatus.ItemError("MISSING_BUSINESS_NAME",
					"businessName is required", "advertiserAccounts[1].businessDetails[0].address.businessName"));
		});
	}

	@Test
	void updateAdvertiserAccountsWithOnlySuccessesHasAnEmptyErrorList() {
		answer(Reply.json(207, """
				{"success": [{"index": 0, "advertiserAccount": {"advertiserAccountId": "amzn1.ads-account.g.1",
				   "displayName": "Renamed", "status": {"statusCode": "APPROVED", "statusMessage": "ok"}}}]}
				"""));
		AdvertiserAccount rename = new AdvertiserAccount("amzn1.ads-account.g.1", null, null, "Renamed", null, null,
				null, null, null, null, null, null);

		MultiStatus<AdvertiserAccount> result = this.client
			.updateAdvertiserAccounts(CREDENTIALS, Region.NA, List.of(rename))
			.block();

		assertThat(onlyAdsRequest().uri()).isEqualTo(NA + "/adsApi/v1/update/advertiserAccounts");
		assertThat(result.error()).isEmpty();
		assertThat(result.success().get(0).item().displayName()).isEqualTo("Renamed");
	}

	// --- errors

	static Stream<Arguments> errorShapes() {
		return Stream.of(
				arguments("generic {code, details}", 400, "application/json",
						"{\"code\":\"INVALID_ARGUMENT\",\"details\":\"apiProgram is invalid\"}", "INVALID_ARGUMENT",
						"apiProgram is invalid", false),
				arguments("reporting {code:<status>, detail}", 422, "application/json",
						"{\"code\":\"422\",\"detail\":\"Invalid Advertiser or Marketplace ID.\"}", "422",
						"Invalid Advertiser or Marketplace ID.", false),
				arguments("accounts V2 errors list", 400, "application/json",
						"{\"errors\":[{\"errorCode\":\"INVALID_ARGUMENT\",\"errorId\":1,\"errorMessage\":\"bad name\"},"
								+ "{\"errorCode\":\"INVALID_ARGUMENT\",\"errorId\":2,\"errorMessage\":\"bad country\"}]}",
						"INVALID_ARGUMENT", "bad name; bad country", false),
				arguments("{message}", 403, "application/json", "{\"message\":\"Access denied\"}", null,
						"Access denied", false),
				arguments("v1 {code, message}", 500, "application/json",
						"{\"code\":\"INTERNAL_ERROR\",\"message\":\"Something went wrong\"}", "INTERNAL_ERROR",
						"Something went wrong", true),
				arguments("HTML page", 502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>", null,
						"HTTP 502", true),
				arguments("empty body", 502, "application/json", "", null, "HTTP 502", true),
				arguments("JSON that is not an object", 503, "application/json", "\"overloaded\"", null, "HTTP 503",
						true));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("errorShapes")
	void everyErrorShapeBecomesOneTypedError(String shape, int status, String contentType, String body,
			String expectedCode, String expectedMessage, boolean expectedRetryable) {
		answer(Reply.of(status, contentType, body).header("x-amzn-RequestId", "req-" + status));

		UpstreamException error = catchThrowableOfType(UpstreamException.class,
				() -> this.client.listAdsAccounts(CREDENTIALS, Region.NA, null, null).block());

		assertThat(error.upstream()).isEqualTo("ads");
		assertThat(error.operation()).isEqualTo("ListAdsAccounts");
		assertThat(error.httpStatus()).isEqualTo(status);
		assertThat(error.code()).isEqualTo(expectedCode);
		assertThat(error.getMessage()).endsWith(" - " + expectedMessage);
		assertThat(error.requestId()).isEqualTo("req-" + status);
		assertThat(error.retryable()).isEqualTo(expectedRetryable);
		assertThat(error.retryAfter()).isNull();
	}

	@Test
	void throttlingCarriesRetryAfterInSeconds() {
		answer(Reply.json(429, "{\"code\":\"TOO_MANY_REQUESTS\",\"message\":\"slow down\"}")
			.header("Retry-After", "7"));

		UpstreamException error = catchThrowableOfType(UpstreamException.class,
				() -> this.client.queryAdvertiserAccounts(CREDENTIALS, Region.NA, null).block());

		assertThat(error.operation()).isEqualTo("QueryAdvertiserAccount");
		assertThat(error.httpStatus()).isEqualTo(429);
		assertThat(error.code()).isEqualTo("TOO_MANY_REQUESTS");
		assertThat(error.retryable()).isTrue();
		assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void retryAfterAsAnHttpDateIsTheTimeLeftUntilThatDate() {
		answer(Reply.json(503, "{\"message\":\"busy\"}").header("Retry-After", "Thu, 01 Jan 2026 00:01:30 GMT"));

		UpstreamException error = catchThrowableOfType(UpstreamException.class,
				() -> this.client.getTermsToken(CREDENTIALS, Region.NA, "t").block());

		assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void notFoundIsEmptyForGetAdsAccount() {
		answer(Reply.json(404, "{\"message\":\"Advertising Account not found.\"}"));

		AdsAccount account = this.client.getAdsAccount(CREDENTIALS, Region.NA, "amzn1.ads-account.g.none").block();

		assertThat(account).isNull();
		assertThat(this.server.requestsTo("/ads/")).hasSize(1);
	}

	@Test
	void notFoundIsAnErrorForOtherOperations() {
		answer(Reply.json(404, "{\"code\":\"NOT_FOUND\",\"message\":\"no such token\"}"));

		UpstreamException error = catchThrowableOfType(UpstreamException.class,
				() -> this.client.getTermsToken(CREDENTIALS, Region.NA, "unknown").block());

		assertThat(error.isNotFound()).isTrue();
		assertThat(error.operation()).isEqualTo("GetTermsToken");
		assertThat(error.retryable()).isFalse();
	}

	@Test
	void unauthorizedDropsTheTokenSoTheNextCallFetchesANewOne() {
		AtomicInteger adsCalls = new AtomicInteger();
		this.ads = (request) -> (adsCalls.incrementAndGet() == 1)
				? Reply.json(401, "{\"code\":\"UNAUTHORIZED\",\"details\":\"Not authorized to access scope\"}")
				: Reply.json(200, "[]");

		UpstreamException first = catchThrowableOfType(UpstreamException.class,
				() -> this.client.listProfiles(CREDENTIALS, Region.NA, null).block());
		this.client.listProfiles(CREDENTIALS, Region.NA, null).block();

		List<RecordedRequest> adsRequests = this.server.requestsTo("/ads/");
		assertThat(first.httpStatus()).isEqualTo(401);
		assertThat(first.retryable()).isFalse();
		assertThat(adsRequests).hasSize(2); // no blind retry of the 401
		assertThat(adsRequests.get(0).header("Authorization")).isEqualTo("Bearer Atza|token-1");
		assertThat(adsRequests.get(1).header("Authorization")).isEqualTo("Bearer Atza|token-2");
		assertThat(this.server.requestsTo(TOKEN_PATH)).hasSize(2);
	}

	@Test
	void tokenIsReusedAcrossCallsWhileValid() {
		answer(Reply.json(200, "[]"));

		this.client.listProfiles(CREDENTIALS, Region.NA, null).block();
		this.client.listProfiles(CREDENTIALS, Region.EU, null).block();

		assertThat(this.server.requestsTo(TOKEN_PATH)).hasSize(1);
	}

	@Test
	void lwaFailureSurfacesAsTheLwaErrorWithoutCallingAds() {
		this.server
			.script((request) -> Reply.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"revoked\"}"));

		UpstreamException error = catchThrowableOfType(UpstreamException.class,
				() -> this.client.listProfiles(CREDENTIALS, Region.NA, null).block());

		assertThat(error.upstream()).isEqualTo("lwa");
		assertThat(error.code()).isEqualTo("invalid_grant");
		assertThat(this.server.requestsTo("/ads/")).isEmpty();
	}

	@Test
	void connectionRefusedIsStatusZeroAndRetryable() throws Exception {
		try (ClosedPort closed = new ClosedPort()) {
			AdsApiClient unreachable = client(Map.of(Region.NA, URI.create(closed.url())), Duration.ofSeconds(5));

			UpstreamException error = catchThrowableOfType(UpstreamException.class,
					() -> unreachable.getAdsAccount(CREDENTIALS, Region.NA, "amzn1.ads-account.g.1").block());

			assertThat(error.upstream()).isEqualTo("ads");
			assertThat(error.operation()).isEqualTo("GetAccount");
			assertThat(error.httpStatus()).isZero();
			assertThat(error.code()).isNull();
			assertThat(error.retryable()).isTrue();
		}
	}

	@Test
	void responseTimeoutIsStatusZeroAndRetryable() {
		answer(Reply.json(200, "[]").delayedBy(Duration.ofSeconds(3)));
		AdsApiClient impatient = client(Map.of(Region.NA, URI.create(this.server.url() + NA)), Duration.ofMillis(300));

		UpstreamException error = catchThrowableOfType(UpstreamException.class,
				() -> impatient.listProfiles(CREDENTIALS, Region.NA, null).block(Duration.ofSeconds(10)));

		assertThat(error.operation()).isEqualTo("listProfiles");
		assertThat(error.httpStatus()).isZero();
		assertThat(error.retryable()).isTrue();
	}

	@Test
	void unreadableSuccessBodyIsAnInvalidResponseError() {
		answer(Reply.of(200, "application/vnd.accountresource.v1+json", "{\"adsAccount\": "));

		UpstreamException error = catchThrowableOfType(UpstreamException.class,
				() -> this.client.getAdsAccount(CREDENTIALS, Region.NA, "amzn1.ads-account.g.1").block());

		assertThat(error.httpStatus()).isEqualTo(200);
		assertThat(error.code()).isEqualTo("invalid_response");
	}

	// --- pagination

}
