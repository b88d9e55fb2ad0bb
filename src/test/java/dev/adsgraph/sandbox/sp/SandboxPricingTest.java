package dev.adsgraph.sandbox.sp;

import java.time.Duration;
import java.util.ArrayList;
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
import dev.adsgraph.sandbox.fixtures.Storefront;
import dev.adsgraph.testing.MutableClock;

import static dev.adsgraph.sandbox.SandboxContracts.assertValid;
import static dev.adsgraph.sandbox.SandboxContracts.assertValidResponse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * getCompetitiveSummary (productPricing_2022-05-01.json): the Featured Offer per ASIN,
 * per item statuses in one batch, the batch-level errors, the usage plan (one call per 30
 * seconds), the sandbox's call count, and the control endpoint that hands the Featured
 * Offer to another seller and back; every answer validated against the model.
 */
class SandboxPricingTest {

	private static final String US = "ATVPDKIKX0DER";

	private static final String PATH = "/batches/products/pricing/2022-05-01/items/competitiveSummary";

	private static final String SELLER = SandboxServer.DEMO_SELLING_PARTNER_ID;

	private final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-24T12:00:00Z"));

	private final SandboxTestClient sandbox = SandboxTestClient.start(SandboxSettings.defaults().withClock(this.clock));

	private final JsonNode products = this.sandbox.truth(Fixtures.NORTHWIND, US, "2026-11-17", "2026-11-23")
		.at("/products");

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	private String asin(int index) {
		return this.products.at("/" + index + "/asin").stringValue();
	}

	private static Map<String, Object> request(String asin, String marketplaceId, List<String> includedData) {
		return Map.of("asin", asin, "marketplaceId", marketplaceId, "includedData", includedData, "method", "GET",
				"uri", "/products/pricing/2022-05-01/items/competitiveSummary");
	}

	private Exchange summary(List<Map<String, Object>> requests) {
		// The usage plan allows one call every 30.3 seconds (0.033 a second, burst 1).
		this.clock.advance(Duration.ofSeconds(31));
		Exchange answer = this.sandbox.sp("na", "POST", PATH)
			.json("application/json", Map.of("requests", requests))
			.send();
		assertValid(answer);
		return answer;
	}

	/** A request that breaks the model: only the answer is checked against it. */
	private Exchange refused(List<Map<String, Object>> requests) {
		this.clock.advance(Duration.ofSeconds(31));
		Exchange answer = this.sandbox.sp("na", "POST", PATH)
			.json("application/json", Map.of("requests", requests))
			.send();
		assertValidResponse(answer);
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().at("/errors/0/code").stringValue()).isEqualTo("InvalidInput");
		return answer;
	}

	private Exchange featured(String... asins) {
		List<Map<String, Object>> requests = new ArrayList<>();
		for (String asin : asins) {
			requests.add(request(asin, US, List.of("featuredBuyingOptions")));
		}
		Exchange answer = summary(requests);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer;
	}

	private static List<String> featuredSellers(JsonNode response) {
		List<String> sellers = new ArrayList<>();
		response.at("/body/featuredBuyingOptions")
			.forEach((option) -> option.at("/segmentedFeaturedOffers")
				.forEach((offer) -> sellers.add(offer.at("/sellerId").stringValue())));
		return sellers;
	}

	@Test
	void winnersLosersAndProductsNobodyCanBuyAreAnsweredPerAsinInTheOrderAsked() {
		Exchange answer = featured(asin(0), asin(5), asin(25), asin(1), asin(3), asin(41));
		JsonNode responses = answer.json().at("/responses");
		assertThat(responses).hasSize(6);
		assertThat(responses.get(0).at("/body/asin").stringValue()).isEqualTo(asin(0));
		assertThat(featuredSellers(responses.get(0))).containsExactly(SELLER);
		JsonNode segments = responses.get(0).at("/body/featuredBuyingOptions/0/segmentedFeaturedOffers/0");
		assertThat(segments.at("/fulfillmentType").stringValue()).isEqualTo("AFN");
		double share = 0;
		for (JsonNode segment : segments.at("/featuredOfferSegments")) {
			share += segment.at("/segmentDetails/glanceViewWeightPercentage").asDouble();
		}
		assertThat(share).isEqualTo(100.0);
		// The fixture's losers: a rival holds the Featured Offer, cheaper; their buy-box
		// share in the retail figures is low too.
		for (int i : List.of(1, 2)) {
			assertThat(featuredSellers(responses.get(i))).containsExactly(Storefront.RIVAL_SELLER_ID);
		}
		assertThat(this.products.at("/5/retail/buyBoxPercentage").asDouble()).isBetween(35.0, 65.0);
		assertThat(this.products.at("/0/retail/buyBoxPercentage").asDouble()).isGreaterThanOrEqualTo(85.0);
		assertThat(this.products.at("/5/featuredOfferSellerId").stringValue()).isEqualTo(Storefront.RIVAL_SELLER_ID);
		// Out of stock (1) and suppressed by design (3): nobody holds it.
		assertThat(responses.get(3).at("/body/featuredBuyingOptions")).isEmpty();
		assertThat(responses.get(4).at("/body/featuredBuyingOptions")).isEmpty();
		// Only the merchant has units: the seller's own offer, merchant-fulfilled.
		assertThat(responses.get(5)
			.at("/body/featuredBuyingOptions/0/segmentedFeaturedOffers/0/fulfillmentType")
			.stringValue()).isEqualTo("MFN");
	}

	@Test
	void oneBadItemFailsAloneAndABadBatchFailsWhole() {
		Exchange mixed = summary(List.of(request(asin(0), US, List.of("featuredBuyingOptions")),
				request("B000000000", US, List.of("featuredBuyingOptions")),
				request("11_AABB_123", US, List.of("featuredBuyingOptions")),
				request(asin(0), "A1F83G8C2ARO7P", List.of("featuredBuyingOptions"))));
		assertThat(mixed.status()).isEqualTo(200);
		JsonNode responses = mixed.json().at("/responses");
		assertThat(responses.get(0).at("/status/statusCode").asInt()).isEqualTo(200);
		assertThat(responses.get(1).at("/status/statusCode").asInt()).isEqualTo(404);
		assertThat(responses.get(1).at("/body/errors/0/code").stringValue()).isEqualTo("NOT_FOUND");
		assertThat(responses.get(2).at("/status/statusCode").asInt()).isEqualTo(400);
		assertThat(responses.get(2).at("/body/errors/0/code").stringValue()).isEqualTo("INVALID_ASIN");
		// A European marketplace is not served by the North American host.
		assertThat(responses.get(3).at("/status/statusCode").asInt()).isEqualTo(400);

		List<Map<String, Object>> tooMany = new ArrayList<>();
		for (int i = 0; i < 21; i++) {
			tooMany.add(request(asin(i), US, List.of("featuredBuyingOptions")));
		}
		refused(tooMany);
		refused(List.of(request(asin(0), US, List.of("prices"))));
		refused(List.of());
		refused(List.of(Map.of("asin", asin(0), "marketplaceId", US, "includedData", List.of("featuredBuyingOptions"),
				"method", "GET", "uri", "/products/pricing/v0/price")));
	}

	@Test
	void everyIncludedDataFollowsTheModel() {
		Map<String, Object> all = new java.util.HashMap<>(request(asin(5), US,
				List.of("featuredBuyingOptions", "referencePrices", "lowestPricedOffers", "similarItems")));
		all.put("lowestPricedOffersInputs", List.of(Map.of("itemCondition", "New", "offerType", "Consumer")));
		Exchange answer = summary(List.of(all));
		assertThat(answer.status()).isEqualTo(200);
		JsonNode body = answer.json().at("/responses/0/body");
		assertThat(body.at("/referencePrices/0/price/amount").isNumber()).isTrue();
		assertThat(body.at("/lowestPricedOffers/0/offers")).hasSize(2);
		assertThat(body.at("/similarItems/0/items")).isEmpty();
	}

	@Test
	void theUsagePlanAllowsOneCallEveryThirtySecondsAndStatsCountEveryCall() {
		this.sandbox.raw("POST", "/sandbox/stats/reset").send();
		featured(asin(0));
		Exchange throttled = this.sandbox.sp("na", "POST", PATH)
			.json("application/json",
					Map.of("requests", List.of(request(asin(0), US, List.of("featuredBuyingOptions")))))
			.send();
		assertThat(throttled.status()).isEqualTo(429);
		assertValid(throttled);
		assertThat(throttled.json().at("/errors/0/code").stringValue()).isEqualTo("QuotaExceeded");
		featured(asin(0));
		JsonNode stats = this.sandbox.raw("GET", "/sandbox/stats").send().json();
		assertThat(stats.at("/sp.na.getCompetitiveSummary").asInt()).isEqualTo(3);
	}

	@Test
	void theFeaturedOfferIsLostAndWonBackThroughTheControlEndpoint() {
		String asin = asin(0);
		Exchange lost = this.sandbox
			.raw("POST",
					"/sandbox/sellers/" + SELLER + "/products/" + asin + "/lose-featured-offer?marketplaceId=" + US
							+ "&sellerId=A9OTHERSELLER9")
			.send();
		assertThat(lost.status()).as(lost.body()).isEqualTo(200);
		assertThat(featuredSellers(featured(asin).json().at("/responses/0"))).containsExactly("A9OTHERSELLER9");
		this.sandbox
			.raw("POST", "/sandbox/sellers/" + SELLER + "/products/" + asin + "/win-featured-offer?marketplaceId=" + US)
			.send();
		assertThat(featuredSellers(featured(asin).json().at("/responses/0"))).containsExactly(SELLER);
		this.sandbox.raw("POST", "/sandbox/sellers/" + SELLER + "/products/" + asin + "/stock-out?marketplaceId=" + US)
			.send();
		assertThat(featured(asin).json().at("/responses/0/body/featuredBuyingOptions")).isEmpty();
		this.sandbox.raw("POST", "/sandbox/sellers/" + SELLER + "/products/" + asin + "/restock?marketplaceId=" + US)
			.send();
		assertThat(featuredSellers(featured(asin).json().at("/responses/0"))).containsExactly(SELLER);
	}

}
