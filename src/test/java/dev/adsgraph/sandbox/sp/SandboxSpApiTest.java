package dev.adsgraph.sandbox.sp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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

/**
 * The SP-API simulator over HTTP: authentication, headers, usage plans, and each
 * operation's rules.
 */
class SandboxSpApiTest {

	private static final String US = "ATVPDKIKX0DER";

	private final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-24T12:00:00Z"));

	private final SandboxTestClient sandbox = SandboxTestClient
		.start(SandboxSettings.defaults().withClock(this.clock).withReportProcessingTime(Duration.ofMillis(200)));

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	@Test
	void onlyALiveSpTokenInXAmzAccessTokenOpensTheApi() {
		String path = "/sellers/v1/marketplaceParticipations";
		Exchange ok = this.sandbox.sp("na", "GET", path).send();
		assertThat(ok.status()).isEqualTo(200);

		Exchange missing = this.sandbox.sp("na", "GET", path).withoutHeader("x-amz-access-token").send();
		Exchange bearer = this.sandbox.sp("na", "GET", path)
			.withoutHeader("x-amz-access-token")
			.header("Authorization", "Bearer " + this.sandbox.accessToken(SandboxServer.demoSpCredentials()))
			.send();
		Exchange adsToken = this.sandbox.sp("na", "GET", path)
			.header("x-amz-access-token", this.sandbox.accessToken(SandboxServer.demoCredentials()))
			.send();
		Exchange otherRegion = this.sandbox.sp("eu", "GET", path).send();
		for (Exchange denied : List.of(missing, bearer, adsToken, otherRegion)) {
			assertThat(denied.status()).as(denied.toString()).isEqualTo(403);
			assertThat(denied.json().at("/errors/0/code").stringValue()).isEqualTo("Unauthorized");
			assertThat(denied.json().at("/errors/0/message").stringValue())
				.isEqualTo("Access to requested resource is denied.");
			assertThat(denied.header("x-amzn-RequestId")).isNotBlank();
			assertThat(denied.header("x-amzn-RateLimit-Limit")).isNull();
		}

		// An SP token never opens the Ads API either.
		Exchange adsWithSpToken = this.sandbox.ads("na", "GET", "/v2/profiles")
			.header("Authorization", "Bearer " + this.sandbox.accessToken(SandboxServer.demoSpCredentials()))
			.header("Amazon-Advertising-API-ClientId", SandboxServer.demoSpCredentials().clientId())
			.send();
		assertThat(adsWithSpToken.status()).isEqualTo(401);

		this.clock.advance(Duration.ofHours(2));
		Exchange expired = this.sandbox.sp("na", "GET", path).send();
		assertThat(expired.status()).isEqualTo(403);
	}

	@Test
	void userAgentsAndAcceptsOffAmazonsGuidanceAreServedAndRecordedAndEveryAnswerCarriesTheRateLimit() {
		String path = "/sellers/v1/marketplaceParticipations";
		Exchange sdk = this.sandbox.sp("na", "GET", path)
			.header("User-Agent", "amazon-selling-partner-api-sdk/1.12.0/JavaScript")
			.send();
		assertThat(sdk.status()).as(sdk.body()).isEqualTo(200);
		assertThat(sdk.header("x-amzn-RateLimit-Limit")).isEqualTo("0.016");
		this.sandbox.sp("na", "GET", path)
			.header("User-Agent", "amazon-selling-partner-api-sdk/1.12.0/JavaScript")
			.send();
		Exchange xml = this.sandbox.sp("na", "GET", path).header("Accept", "application/xml").send();
		assertThat(xml.status()).isEqualTo(200);
		Exchange wildcard = this.sandbox.sp("na", "GET", path).header("Accept", "*/*").send();
		assertThat(wildcard.status()).isEqualTo(200);

		Exchange tooLong = this.sandbox.sp("na", "GET", path)
			.header("User-Agent", "App/1.0 (Language=Java/17; Host=" + "h".repeat(480) + ")")
			.send();
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.json().at("/errors/0/code").stringValue()).isEqualTo("InvalidInput");
		assertThat(tooLong.json().at("/errors/0/message").stringValue()).contains("500 characters");

		JsonNode warnings = this.sandbox.raw("GET", "/sandbox/stats").send().json().get("warnings");
		assertThat(warnings).hasSize(2);
		assertThat(warnings.get(0).get("operation").stringValue()).isEqualTo("sp.na.getMarketplaceParticipations");
		assertThat(warnings.get(0).get("header").stringValue()).isEqualTo("accept");
		assertThat(warnings.get(0).get("value").stringValue()).isEqualTo("application/xml");
		assertThat(warnings.get(0).get("guidance").stringValue()).isEqualTo("application/json");
		assertThat(warnings.get(0).get("count").asLong()).isEqualTo(1);
		assertThat(warnings.get(1).get("header").stringValue()).isEqualTo("user-agent");
		assertThat(warnings.get(1).get("value").stringValue())
			.isEqualTo("amazon-selling-partner-api-sdk/1.12.0/JavaScript");
		assertThat(warnings.get(1).get("guidance").stringValue()).contains("Language=");
		assertThat(warnings.get(1).get("count").asLong()).isEqualTo(2);

		assertThat(this.sandbox.raw("POST", "/sandbox/stats/reset").send().status()).isEqualTo(204);
		assertThat(this.sandbox.raw("GET", "/sandbox/stats").send().json().get("warnings")).isEmpty();

		Exchange participations = this.sandbox.sp("na", "GET", "/sellers/v1/marketplaceParticipations").send();
		assertThat(participations.header("x-amzn-RateLimit-Limit")).isEqualTo("0.016");
		assertThat(participations.header("x-amzn-RequestId")).isNotBlank();
		JsonNode payload = participations.json().get("payload");
		assertThat(payload).hasSize(3);
		assertThat(payload.findValuesAsString("countryCode")).containsExactlyInAnyOrder("US", "CA", "MX");
		assertThat(payload.get(0).get("storeName").stringValue()).isEqualTo("Northwind Outdoor Co.");
		assertThat(payload.get(0).at("/marketplace/domainName").stringValue()).isEqualTo("www.amazon.com");

		Exchange notFound = this.sandbox.sp("na", "GET", "/catalog/2022-04-01/items/B000000000?marketplaceIds=" + US)
			.send();
		assertThat(notFound.status()).isEqualTo(404);
		assertThat(notFound.header("x-amzn-RateLimit-Limit")).isEqualTo("2");
	}

	@Test
	void aBurstBeyondTheUsagePlanIsThrottledInTheOperationsEnvelopeAndRefills() {
		String item = "/catalog/2022-04-01/items/" + firstAsin() + "?marketplaceIds=" + US;
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(this.sandbox.sp("na", "GET", item).send().status()).isEqualTo(200);
		assertThat(this.sandbox.sp("na", "GET", item).send().status()).isEqualTo(200);
		Exchange throttled = this.sandbox.sp("na", "GET", item).send();
		assertThat(throttled.status()).isEqualTo(429);
		assertThat(throttled.json().at("/errors/0/code").stringValue()).isEqualTo("QuotaExceeded");
		assertThat(throttled.json().at("/errors/0/message").stringValue())
			.isEqualTo("You exceeded your quota for the requested resource.");
		assertThat(throttled.json().has("payload")).isFalse();
		assertThat(throttled.header("x-amzn-RateLimit-Limit")).isNull();
		this.clock.advance(Duration.ofMillis(500));
		assertThat(this.sandbox.sp("na", "GET", item).send().status()).isEqualTo(200);
		assertThat(this.sandbox.sp("na", "GET", item).send().status()).isEqualTo(429);

		// A v1 operation: burst 15, then the wrapped envelope.
		String metrics = "/sales/v1/orderMetrics?marketplaceIds=" + US
				+ "&interval=2026-11-01T00:00-07:00--2026-11-08T00:00-08:00&granularity=Total&granularityTimeZone=America/Los_Angeles";
		for (int i = 0; i < 15; i++) {
			assertThat(this.sandbox.sp("na", "GET", metrics).send().status()).isEqualTo(200);
		}
		Exchange wrapped = this.sandbox.sp("na", "GET", metrics).send();
		assertThat(wrapped.status()).isEqualTo(429);
		assertThat(wrapped.json().at("/errors/0/code").stringValue()).isEqualTo("QuotaExceeded");
		JsonNode stats = this.sandbox.raw("GET", "/sandbox/stats").send().json();
		assertThat(stats.get("sp.na.getCatalogItem").asInt()).isEqualTo(5);
		assertThat(stats.get("sp.na.getCatalogItem.throttled").asInt()).isEqualTo(2);
		assertThat(stats.get("sp.na.getOrderMetrics.throttled").asInt()).isEqualTo(1);

		// Buckets are per selling partner: Riverstone's calls are not Northwind's.
		Exchange agency = this.sandbox
			.sp("na", "GET", "/catalog/2022-04-01/items/" + firstAsin() + "?marketplaceIds=" + US)
			.asSp(SandboxServer.agencySpCredentials())
			.send();
		assertThat(agency.status()).isEqualTo(200);
	}

	@Test
	void rateLimitsCanBeSwitchedOff() {
		try (SandboxTestClient unlimited = SandboxTestClient
			.start(SandboxSettings.defaults().withSpRateLimits(false))) {
			for (int i = 0; i < 5; i++) {
				Exchange exchange = unlimited.sp("na", "GET", "/sellers/v1/marketplaceParticipations").send();
				assertThat(exchange.status()).isEqualTo(200);
				assertThat(exchange.header("x-amzn-RateLimit-Limit")).isEqualTo("0.016");
			}
		}
	}

	@Test
	void catalogSearchTakesOneMarketplaceAndAtMostTwentyIdentifiers() {
		List<String> asins = asins(22);
		Exchange search = this.sandbox
			.sp("na", "GET",
					"/catalog/2022-04-01/items?marketplaceIds=" + US
							+ "&identifiersType=ASIN&includedData=summaries,salesRanks,images&identifiers="
							+ String.join(",", asins.subList(0, 19)) + ",B0NOTEXIST")
			.send();
		assertThat(search.status()).isEqualTo(200);
		assertThat(search.json().get("numberOfResults").asInt()).isEqualTo(19);
		JsonNode item = search.json().at("/items/0");
		assertThat(item.at("/summaries/0/brand").stringValue()).isEqualTo("Northwind");
		assertThat(item.at("/salesRanks/0/classificationRanks/0/rank").asInt()).isPositive();
		assertThat(item.at("/images/0/images/0/link").stringValue()).startsWith("https://");

		this.clock.advance(Duration.ofSeconds(2));
		Exchange tooMany = this.sandbox
			.sp("na", "GET",
					"/catalog/2022-04-01/items?marketplaceIds=" + US + "&identifiersType=ASIN&identifiers="
							+ String.join(",", asins.subList(0, 21)))
			.send();
		assertThat(tooMany.status()).isEqualTo(400);
		Exchange noMarketplace = this.sandbox.sp("na", "GET", "/catalog/2022-04-01/items?keywords=tent").send();
		assertThat(noMarketplace.status()).isEqualTo(400);
		this.clock.advance(Duration.ofSeconds(2));
		Exchange twoMarketplaces = this.sandbox
			.sp("na", "GET", "/catalog/2022-04-01/items?keywords=tent&marketplaceIds=" + US + ",A2EUQ1WTGCTBG2")
			.send();
		assertThat(twoMarketplaces.status()).isEqualTo(400);
		assertThat(twoMarketplaces.header("x-amzn-RateLimit-Limit")).isEqualTo("2");

		Exchange keywords = this.sandbox
			.sp("na", "GET", "/catalog/2022-04-01/items?keywords=tent&pageSize=5&marketplaceIds=" + US)
			.send();
		assertThat(keywords.json().get("items")).hasSize(5);
		assertThat(keywords.json().at("/refinements/brands/0/brandName").stringValue()).isEqualTo("Northwind");
		this.clock.advance(Duration.ofSeconds(2));
		Exchange next = this.sandbox
			.sp("na", "GET",
					"/catalog/2022-04-01/items?keywords=tent&pageSize=5&marketplaceIds=" + US + "&pageToken="
							+ keywords.json().at("/pagination/nextToken").stringValue())
			.send();
		assertThat(next.status()).isEqualTo(200);
		assertThat(next.json().at("/items/0/asin").stringValue())
			.isNotEqualTo(keywords.json().at("/items/0/asin").stringValue());

		Exchange bySku = this.sandbox
			.sp("na", "GET",
					"/catalog/2022-04-01/items?marketplaceIds=" + US + "&identifiersType=SKU&identifiers=" + sku(0)
							+ "&sellerId=" + SandboxServer.DEMO_SELLING_PARTNER_ID)
			.send();
		assertThat(bySku.json().get("numberOfResults").asInt()).isEqualTo(1);
	}

	@Test
	void listingsAreTheAuthorizedSellersOwn() {
		String sellerId = SandboxServer.DEMO_SELLING_PARTNER_ID;
		Exchange one = this.sandbox
			.sp("na", "GET",
					"/listings/2021-08-01/items/" + sellerId + "/" + sku(0) + "?marketplaceIds=" + US
							+ "&includedData=summaries,offers,fulfillmentAvailability")
			.send();
		assertThat(one.status()).isEqualTo(200);
		assertThat(one.json().at("/summaries/0/asin").stringValue()).isEqualTo(firstAsin());
		assertThat(one.json().at("/offers/0/price/currencyCode").stringValue()).isEqualTo("USD");
		assertThat(one.json().at("/offers/0/price/amount").stringValue()).matches("\\d+\\.\\d{2}");
		assertThat(one.json().at("/fulfillmentAvailability/0/fulfillmentChannelCode").stringValue())
			.isEqualTo("AMAZON_NA");

		Exchange foreign = this.sandbox
			.sp("na", "GET", "/listings/2021-08-01/items/" + Fixtures.BLUE_HARBOR + "/X?marketplaceIds=" + US)
			.send();
		assertThat(foreign.status()).isEqualTo(403);
		Exchange unknown = this.sandbox
			.sp("na", "GET", "/listings/2021-08-01/items/" + sellerId + "/NOPE?marketplaceIds=" + US)
			.send();
		assertThat(unknown.status()).isEqualTo(404);

		Set<String> seen = new HashSet<>();
		String token = null;
		int pages = 0;
		do {
			this.clock.advance(Duration.ofSeconds(1));
			Exchange page = this.sandbox
				.sp("na", "GET", "/listings/2021-08-01/items/" + sellerId + "?marketplaceIds=" + US
						+ "&pageSize=20&sortBy=sku&sortOrder=ASC" + ((token != null) ? "&pageToken=" + token : ""))
				.send();
			assertThat(page.status()).as(page.body()).isEqualTo(200);
			assertThat(page.json().get("numberOfResults").asInt()).isEqualTo(130);
			page.json().get("items").forEach((item) -> seen.add(item.get("sku").stringValue()));
			token = page.json().at("/pagination/nextToken").isMissingNode() ? null
					: page.json().at("/pagination/nextToken").stringValue();
			pages++;
		}
		while (token != null);
		assertThat(pages).isEqualTo(7);
		assertThat(seen).hasSize(130);
	}

	@Test
	void fbaNextTokensExpireAfterThirtySeconds() {
		String query = "/fba/inventory/v1/summaries?granularityType=Marketplace&granularityId=" + US
				+ "&marketplaceIds=" + US + "&details=true";
		Exchange first = this.sandbox.sp("na", "GET", query).send();
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.json().at("/payload/inventorySummaries")).hasSize(50);
		JsonNode summary = first.json().at("/payload/inventorySummaries/0");
		assertThat(summary.at("/inventoryDetails/fulfillableQuantity").isInt()).isTrue();
		String token = first.json().at("/pagination/nextToken").stringValue();

		this.clock.advance(Duration.ofSeconds(20));
		Exchange second = this.sandbox.sp("na", "GET", query + "&nextToken=" + token).send();
		assertThat(second.status()).isEqualTo(200);
		assertThat(second.json().at("/payload/inventorySummaries/0/sellerSku").stringValue())
			.isNotEqualTo(summary.get("sellerSku").stringValue());

		this.clock.advance(Duration.ofSeconds(31));
		Exchange tooLate = this.sandbox
			.sp("na", "GET", query + "&nextToken=" + second.json().at("/pagination/nextToken").stringValue())
			.send();
		assertThat(tooLate.status()).isEqualTo(400);
		assertThat(tooLate.json().at("/errors/0/message").stringValue()).contains("expired");
	}

	@Test
	void orderMetricsFollowTheIntervalRulesAndTheGroundTruth() {
		String base = "/sales/v1/orderMetrics?marketplaceIds=" + US;
		String week = "&interval=2026-11-01T00:00-07:00--2026-11-08T00:00-08:00";
		String tz = "&granularityTimeZone=America/Los_Angeles";
		Exchange days = this.sandbox.sp("na", "GET", base + week + "&granularity=Day" + tz).send();
		assertThat(days.status()).as(days.body()).isEqualTo(200);
		assertThat(days.json().get("payload")).hasSize(7);
		assertThat(days.json().at("/payload/0/interval").stringValue())
			.isEqualTo("2026-11-01T00:00-07:00--2026-11-02T00:00-08:00");
		Exchange total = this.sandbox.sp("na", "GET", base + week + "&granularity=Total" + tz).send();
		long dayUnits = 0;
		for (JsonNode day : days.json().get("payload")) {
			dayUnits += day.get("unitCount").asLong();
		}
		assertThat(total.json().at("/payload/0/unitCount").asLong()).isEqualTo(dayUnits);
		JsonNode truth = this.sandbox.truth(SandboxServer.DEMO_SELLING_PARTNER_ID, US, "2026-11-01", "2026-11-07");
		long truthUnits = 0;
		java.math.BigDecimal truthSales = java.math.BigDecimal.ZERO;
		for (JsonNode product : truth.get("products")) {
			truthUnits += product.at("/retail/unitsOrdered").asLong();
			truthSales = truthSales
				.add(new java.math.BigDecimal(product.at("/retail/orderedProductSales/amount").stringValue()));
		}
		assertThat(dayUnits).isEqualTo(truthUnits);
		assertThat(new java.math.BigDecimal(total.json().at("/payload/0/totalSales/amount").stringValue()))
			.isEqualByComparingTo(truthSales);

		JsonNode one = truth.get("products").get(0);
		Exchange hours = this.sandbox
			.sp("na", "GET",
					base + "&interval=2026-11-20T00:00-08:00--2026-11-21T00:00-08:00" + "&granularity=Hour&asin="
							+ one.get("asin").stringValue())
			.send();
		assertThat(hours.json().get("payload")).hasSize(24);
		long hourUnits = 0;
		for (JsonNode hour : hours.json().get("payload")) {
			hourUnits += hour.get("unitCount").asLong();
		}
		long dayTruth = this.sandbox.truth(SandboxServer.DEMO_SELLING_PARTNER_ID, US, "2026-11-20", "2026-11-20")
			.at("/products/0/retail/unitsOrdered")
			.asLong();
		assertThat(hourUnits).isEqualTo(dayTruth);

		this.clock.advance(Duration.ofMinutes(1));
		List<String> invalid = List.of(base + week + "&granularity=Day",
				base + week + "&granularity=Day&granularityTimeZone=Europe/Paris",
				base + "&interval=2026-11-08T00:00-08:00--2026-11-01T00:00-07:00&granularity=Total" + tz,
				base + "&interval=yesterday&granularity=Total" + tz, base + week + "&granularity=Minute" + tz,
				base + "&interval=2026-09-01T00:00-07:00--2026-09-02T00:00-07:00&granularity=Hour",
				base + week + "&granularity=Total" + tz + "&asin=B000000000&sku=X",
				"/sales/v1/orderMetrics?marketplaceIds=" + US + ",A2EUQ1WTGCTBG2" + week + "&granularity=Total" + tz);
		for (String query : invalid) {
			Exchange rejected = this.sandbox.sp("na", "GET", query).send();
			assertThat(rejected.status()).as(query + " -> " + rejected.body()).isEqualTo(400);
			assertThat(rejected.json().at("/errors/0/code").stringValue()).isEqualTo("InvalidInput");
			assertThat(rejected.header("x-amzn-RateLimit-Limit")).isEqualTo("0.5");
		}
		Exchange b2b = this.sandbox.sp("na", "GET", base + week + "&granularity=Total" + tz + "&buyerType=B2B").send();
		assertThat(b2b.json().at("/payload/0/unitCount").asLong()).isZero();
	}

	@Test
	void strictModeRefusesWhatTheLenientModeRecords() {
		try (SandboxTestClient strict = SandboxTestClient
			.start(SandboxSettings.defaults().withClock(this.clock).withStrict(true))) {
			String path = "/sellers/v1/marketplaceParticipations";
			Exchange noLanguage = strict.sp("na", "GET", path).header("User-Agent", "curl/8.0").send();
			assertThat(noLanguage.status()).isEqualTo(400);
			assertThat(noLanguage.json().at("/errors/0/code").stringValue()).isEqualTo("InvalidInput");
			assertThat(noLanguage.header("x-amzn-RateLimit-Limit")).isEqualTo("0.016");
			Exchange xml = strict.sp("na", "GET", path).header("Accept", "application/xml").send();
			assertThat(xml.status()).isEqualTo(406);
			assertThat(xml.json().at("/errors/0/code").stringValue()).isEqualTo("InvalidInput");
			Exchange guided = strict.sp("na", "GET", path).header("Accept", "application/json").send();
			assertThat(guided.status()).isEqualTo(200);
			assertThat(strict.raw("GET", "/sandbox/stats").send().json().get("warnings")).isEmpty();
		}
	}

	@Test
	void staticSandboxExamplesAnswerAsAmazonsStaticSandboxDoes() {
		Exchange item = this.sandbox.sp("na", "GET", "/catalog/2022-04-01/items/B07N4M94X4?marketplaceIds=" + US
				+ "&includedData=classifications,dimensions,identifiers,images,productTypes,relationships,salesRanks,summaries,vendorDetails")
			.send();
		assertThat(item.status()).isEqualTo(200);
		assertThat(item.json().get("asin").stringValue()).isEqualTo("B07N4M94X4");
		assertThat(item.json().at("/summaries/0/brand").stringValue()).isEqualTo("SAMSUNG");

		Exchange listing = this.sandbox
			.sp("na", "GET", "/listings/2021-08-01/items/ANYSELLER/GM-ZDPI-9B4E?marketplaceIds=" + US)
			.send();
		assertThat(listing.status()).isEqualTo(200);
		assertThat(listing.json().at("/summaries/0/asin").stringValue()).isEqualTo("B071VG5N9D");
		Exchange badSku = this.sandbox
			.sp("na", "GET", "/listings/2021-08-01/items/ANYSELLER/BadSKU?marketplaceIds=" + US)
			.send();
		assertThat(badSku.status()).isEqualTo(400);
		assertThat(badSku.json().at("/errors/0/code").stringValue()).isEqualTo("BAD_REQUEST");

		Exchange report = this.sandbox.sp("na", "POST", "/reports/2021-06-30/reports")
			.json("application/json",
					"{\"reportType\":\"GET_MERCHANT_LISTINGS_ALL_DATA\",\"dataStartTime\":\"2024-03-10T20:11:24.000Z\","
							+ "\"marketplaceIds\":[\"A1PA6795UKMFR9\",\"ATVPDKIKX0DER\"]}")
			.send();
		assertThat(report.status()).isEqualTo(202);
		assertThat(report.json().get("reportId").stringValue()).isEqualTo("ID323");

		Exchange metrics = this.sandbox
			.sp("na", "GET",
					"/sales/v1/orderMetrics?marketplaceIds=" + US + "&granularity=Total&asin=B008OLKVEW&interval=x")
			.send();
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.json().at("/payload/0/totalSales/amount").stringValue()).isEqualTo("22.95");
	}

	private List<String> asins(int count) {
		JsonNode truth = this.sandbox.truth(SandboxServer.DEMO_SELLING_PARTNER_ID, US, "2026-11-01", "2026-11-01");
		List<String> asins = new ArrayList<>();
		for (JsonNode product : truth.get("products")) {
			if (product.get("inCatalog").booleanValue() && asins.size() < count) {
				asins.add(product.get("asin").stringValue());
			}
		}
		return asins;
	}

	private String firstAsin() {
		return asins(1).get(0);
	}

	private String sku(int index) {
		return this.sandbox.truth(SandboxServer.DEMO_SELLING_PARTNER_ID, US, "2026-11-01", "2026-11-01")
			.at("/products/" + index + "/sku")
			.stringValue();
	}

	static String joined(List<String> values) {
		return values.stream().collect(Collectors.joining(","));
	}

}
