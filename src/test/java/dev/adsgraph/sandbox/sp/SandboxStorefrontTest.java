package dev.adsgraph.sandbox.sp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storefront state the alerts read: the fixtures' out-of-stock, low-cover,
 * suppressed, Featured-Offer-lost and not-retail-ready products among the advertised
 * ones, as the listings, FBA inventory and catalog answers show them (validated against
 * Amazon's models), and the control endpoints that change them at run time.
 */
class SandboxStorefrontTest {

	private static final String US = "ATVPDKIKX0DER";

	private static final String SELLER = SandboxServer.DEMO_SELLING_PARTNER_ID;

	private final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-24T12:00:00Z"));

	private final SandboxTestClient sandbox = SandboxTestClient.start(SandboxSettings.defaults().withClock(this.clock));

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	/** Northwind US in catalogue order: position i is the fixture's index i. */
	private JsonNode product(int index) {
		JsonNode product = this.sandbox.truth(Fixtures.NORTHWIND, US, "2026-11-01", "2026-11-07")
			.at("/products/" + index);
		assertThat(product.at("/kind").stringValue()).isEqualTo("BOTH");
		return product;
	}

	private JsonNode listing(String asin) {
		this.clock.advance(Duration.ofSeconds(1));
		Exchange search = this.sandbox
			.sp("na", "GET", "/listings/2021-08-01/items/" + SELLER + "?marketplaceIds=" + US
					+ "&includedData=summaries,issues,fulfillmentAvailability&identifiersType=ASIN&identifiers=" + asin)
			.send();
		assertThat(search.status()).as(search.body()).isEqualTo(200);
		assertValid(search);
		assertThat(search.json().at("/items")).hasSize(1);
		return search.json().at("/items/0");
	}

	private int fbaFulfillable(String sku) {
		this.clock.advance(Duration.ofSeconds(1));
		Exchange summaries = this.sandbox
			.sp("na", "GET",
					"/fba/inventory/v1/summaries?granularityType=Marketplace&granularityId=" + US + "&marketplaceIds="
							+ US + "&details=true&sellerSkus=" + sku)
			.send();
		assertThat(summaries.status()).as(summaries.body()).isEqualTo(200);
		assertValid(summaries);
		return summaries.json().at("/payload/inventorySummaries/0/inventoryDetails/fulfillableQuantity").asInt();
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.stringValue()));
		return values;
	}

	private Exchange control(String asin, String change, String query) {
		return this.sandbox
			.raw("POST",
					"/sandbox/sellers/" + SELLER + "/products/" + asin + "/" + change + "?marketplaceId=" + US + query)
			.send();
	}

	@Test
	void outOfStockAndMerchantFulfilledProductsShowInTheListingAndTheFbaInventory() {
		JsonNode out = product(1);
		assertThat(out.at("/inventory/fulfillable").asInt()).isZero();
		assertThat(out.at("/inventory/merchantQuantity").asInt()).isZero();
		assertThat(out.at("/ads/campaignId").isString()).isTrue();
		JsonNode outListing = listing(out.at("/asin").stringValue());
		// Without units it is not buyable, and has no issue: stock is not an enforcement.
		assertThat(strings(outListing.at("/summaries/0/status"))).containsExactly("DISCOVERABLE");
		assertThat(outListing.at("/issues")).isEmpty();
		assertThat(outListing.at("/fulfillmentAvailability")).hasSize(1);
		assertThat(outListing.at("/fulfillmentAvailability/0/fulfillmentChannelCode").stringValue())
			.isEqualTo("AMAZON_NA");
		assertThat(outListing.at("/fulfillmentAvailability/0/quantity").asInt()).isZero();
		assertThat(fbaFulfillable(out.at("/sku").stringValue())).isZero();

		JsonNode merchant = product(41);
		assertThat(merchant.at("/inventory/fulfillable").asInt()).isZero();
		JsonNode merchantListing = listing(merchant.at("/asin").stringValue());
		assertThat(merchantListing.at("/fulfillmentAvailability/1/fulfillmentChannelCode").stringValue())
			.isEqualTo("DEFAULT");
		assertThat(merchantListing.at("/fulfillmentAvailability/1/quantity").asInt()).isEqualTo(12);

		JsonNode lowCover = product(22);
		int units = lowCover.at("/inventory/fulfillable").asInt();
		double dailyUnits = lowCover.at("/retail/unitsOrdered").asDouble() / 7;
		assertThat(units).isPositive();
		assertThat(units / Math.max(dailyUnits, 0.1)).isLessThan(7.0);
		assertThat(fbaFulfillable(lowCover.at("/sku").stringValue())).isEqualTo(units);
	}

	@Test
	void suppressedListingsCarryTheirIssuesWithTheEnforcementAsTheModelDefinesIt() {
		JsonNode suppressed = listing(product(4).at("/asin").stringValue());
		assertThat(strings(suppressed.at("/summaries/0/status"))).containsExactly("DISCOVERABLE");
		JsonNode issue = suppressed.at("/issues/0");
		assertThat(issue.at("/severity").stringValue()).isEqualTo("ERROR");
		assertThat(issue.at("/code").isString()).isTrue();
		assertThat(issue.at("/message").isString()).isTrue();
		assertThat(strings(issue.at("/categories"))).isNotEmpty();
		assertThat(issue.at("/enforcements/actions/0/action").stringValue()).isEqualTo("LISTING_SUPPRESSED");
		assertThat(issue.at("/enforcements/exemption/status").stringValue()).isEqualTo("NOT_EXEMPT");

		JsonNode hidden = listing(product(24).at("/asin").stringValue());
		assertThat(strings(hidden.at("/summaries/0/status"))).containsExactly("BUYABLE");
		assertThat(hidden.at("/issues/0/enforcements/actions/0/action").stringValue()).isEqualTo("SEARCH_SUPPRESSED");

		JsonNode healthy = listing(product(0).at("/asin").stringValue());
		assertThat(strings(healthy.at("/summaries/0/status"))).containsExactly("BUYABLE", "DISCOVERABLE");
		assertThat(healthy.at("/issues")).isEmpty();

		// withIssueSeverity finds exactly the listings with an ERROR issue.
		this.clock.advance(Duration.ofSeconds(1));
		Exchange withErrors = this.sandbox
			.sp("na", "GET",
					"/listings/2021-08-01/items/" + SELLER + "?marketplaceIds=" + US
							+ "&includedData=issues&withIssueSeverity=ERROR&pageSize=20")
			.send();
		assertValid(withErrors);
		assertThat(withErrors.json().at("/items")).isNotEmpty()
			.allSatisfy((item) -> assertThat(item.at("/issues/0/severity").stringValue()).isEqualTo("ERROR"));
	}

	@Test
	void productsThatAreNotRetailReadyLackAMainImageOrHaveAShortTitle() {
		JsonNode noImage = product(6);
		assertThat(noImage.at("/imageUrl").isNull()).isTrue();
		Exchange item = this.sandbox
			.sp("na", "GET",
					"/catalog/2022-04-01/items/" + noImage.at("/asin").stringValue() + "?marketplaceIds=" + US
							+ "&includedData=images,summaries")
			.send();
		assertValid(item);
		assertThat(item.json().at("/images/0/images")).isEmpty();
		assertThat(listing(noImage.at("/asin").stringValue()).at("/summaries/0/mainImage").isMissingNode()).isTrue();

		JsonNode shortTitle = product(26);
		assertThat(shortTitle.at("/title").stringValue()).hasSizeLessThan(30).startsWith("Northwind ");
		assertThat(listing(shortTitle.at("/asin").stringValue()).at("/summaries/0/itemName").stringValue())
			.isEqualTo(shortTitle.at("/title").stringValue());
		assertThat(product(0).at("/title").stringValue()).hasSizeGreaterThan(30);
	}

	@Test
	void theControlEndpointsChangeStockListingAndFeaturedOfferUntilReset() {
		JsonNode product = product(0);
		String asin = product.at("/asin").stringValue();
		String sku = product.at("/sku").stringValue();
		int stocked = product.at("/inventory/fulfillable").asInt();
		assertThat(product.at("/featuredOfferSellerId").stringValue()).isEqualTo(SELLER);

		Exchange stockOut = control(asin, "stock-out", "");
		assertThat(stockOut.status()).as(stockOut.body()).isEqualTo(200);
		assertThat(stockOut.json().at("/fulfillableQuantity").asInt()).isZero();
		assertThat(stockOut.json().at("/merchantQuantity").asInt()).isZero();
		// An offer nobody can buy is nobody's Featured Offer.
		assertThat(stockOut.json().at("/featuredOfferSellerId").isNull()).isTrue();
		assertThat(fbaFulfillable(sku)).isZero();
		assertThat(product(0).at("/inventory/fulfillable").asInt()).isZero();

		assertThat(control(asin, "restock", "&quantity=40").json().at("/fulfillableQuantity").asInt()).isEqualTo(40);
		assertThat(fbaFulfillable(sku)).isEqualTo(40);
		assertThat(control(asin, "merchant-stock", "&quantity=5").json().at("/merchantQuantity").asInt()).isEqualTo(5);

		Exchange suppressed = control(asin, "suppress-listing", "&enforcement=SEARCH_SUPPRESSED");
		assertThat(strings(suppressed.json().at("/listingStatus"))).containsExactly("BUYABLE");
		assertThat(listing(asin).at("/issues/0/enforcements/actions/0/action").stringValue())
			.isEqualTo("SEARCH_SUPPRESSED");
		control(asin, "fix-listing", "");
		assertThat(listing(asin).at("/issues")).isEmpty();

		Exchange lost = control(asin, "lose-featured-offer", "");
		assertThat(lost.json().at("/featuredOfferSellerId").stringValue()).isEqualTo(Storefront.RIVAL_SELLER_ID);
		assertThat(lost.json().at("/featuredOfferWinner").asBoolean()).isFalse();
		assertThat(control(asin, "win-featured-offer", "").json().at("/featuredOfferWinner").asBoolean()).isTrue();

		Exchange state = this.sandbox
			.raw("GET", "/sandbox/sellers/" + SELLER + "/products/" + asin + "?marketplaceId=" + US)
			.send();
		assertThat(state.json().at("/fulfillableQuantity").asInt()).isEqualTo(40);

		assertThat(this.sandbox.raw("POST", "/sandbox/reset").send().status()).isEqualTo(204);
		assertThat(product(0).at("/inventory/fulfillable").asInt()).isEqualTo(stocked);
		assertThat(fbaFulfillable(sku)).isEqualTo(stocked);
	}

	@Test
	void controlRequestsThatNameNothingOrSayNothingUsableAreRefused() {
		String asin = product(0).at("/asin").stringValue();
		assertThat(control(asin, "restock", "&quantity=-1").status()).isEqualTo(400);
		assertThat(control(asin, "restock", "&quantity=many").status()).isEqualTo(400);
		assertThat(control(asin, "merchant-stock", "").status()).isEqualTo(400);
		assertThat(control(asin, "suppress-listing", "&enforcement=ACTIVE").status()).isEqualTo(400);
		assertThat(control(asin, "teleport", "").status()).isEqualTo(404);
		assertThat(control("B000000000", "restock", "").status()).isEqualTo(404);
		assertThat(this.sandbox.raw("POST", "/sandbox/sellers/" + SELLER + "/products/" + asin + "/restock")
			.send()
			.status()).isEqualTo(400);
		// Another seller's product is not this seller's to restock.
		assertThat(
				this.sandbox
					.raw("POST",
							"/sandbox/sellers/" + Fixtures.RIVERSTONE + "/products/" + asin + "/restock?marketplaceId="
									+ US)
					.send()
					.status())
			.isEqualTo(404);
	}

}
