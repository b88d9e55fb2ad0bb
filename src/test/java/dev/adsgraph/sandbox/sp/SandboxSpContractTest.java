package dev.adsgraph.sandbox.sp;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.adsgraph.sandbox.SandboxServer;
import dev.adsgraph.sandbox.SandboxSettings;
import dev.adsgraph.sandbox.SandboxTestClient;
import dev.adsgraph.sandbox.SandboxTestClient.Exchange;
import dev.adsgraph.sandbox.fixtures.Fixtures;
import dev.adsgraph.testing.MutableClock;

import static dev.adsgraph.sandbox.SandboxContracts.assertValid;
import static dev.adsgraph.sandbox.SandboxContracts.assertValidResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every simulated SP-API operation, success and main errors, checked against Amazon's
 * models over HTTP.
 */
class SandboxSpContractTest {

	private static final String US = "ATVPDKIKX0DER";

	private final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-24T12:00:00Z"));

	private final SandboxTestClient sandbox = SandboxTestClient.start(SandboxSettings.defaults().withClock(this.clock));

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	@Test
	void sellersAndCatalogAnswersFollowTheirModels() {
		assertValid(this.sandbox.sp("na", "GET", "/sellers/v1/marketplaceParticipations").send());
		assertValidResponse(this.sandbox.sp("na", "GET", "/sellers/v1/marketplaceParticipations")
			.withoutHeader("x-amz-access-token")
			.send());
		String asin = this.sandbox.truth(Fixtures.NORTHWIND, US, "2026-11-01", "2026-11-01")
			.at("/products/0/asin")
			.stringValue();
		Exchange item = this.sandbox.sp("na", "GET", "/catalog/2022-04-01/items/" + asin + "?marketplaceIds=" + US
				+ "&includedData=attributes,classifications,dimensions,identifiers,images,productTypes,relationships,salesRanks,summaries")
			.send();
		assertThat(item.status()).isEqualTo(200);
		assertValid(item);
		assertValid(this.sandbox.sp("na", "GET", "/catalog/2022-04-01/items/B000000000?marketplaceIds=" + US).send());
		this.clock.advance(Duration.ofSeconds(2));
		Exchange search = this.sandbox
			.sp("na", "GET",
					"/catalog/2022-04-01/items?keywords=tent,poles&marketplaceIds=" + US
							+ "&includedData=summaries,salesRanks")
			.send();
		assertThat(search.status()).isEqualTo(200);
		assertValid(search);
		Exchange throttled = this.sandbox
			.sp("na", "GET", "/catalog/2022-04-01/items?keywords=tent&marketplaceIds=" + US)
			.send();
		Exchange throttledAgain = this.sandbox
			.sp("na", "GET", "/catalog/2022-04-01/items?keywords=tent&marketplaceIds=" + US)
			.send();
		assertThat(throttledAgain.status()).isEqualTo(429);
		assertValid(throttled);
		assertValid(throttledAgain);
		this.clock.advance(Duration.ofSeconds(2));
		assertValidResponse(this.sandbox.sp("na", "GET", "/catalog/2022-04-01/items?keywords=tent").send());
	}

	@Test
	void listingsInventoryAndSalesAnswersFollowTheirModels() {
		String sku = this.sandbox.truth(Fixtures.NORTHWIND, US, "2026-11-01", "2026-11-01")
			.at("/products/0/sku")
			.stringValue();
		String seller = SandboxServer.DEMO_SELLING_PARTNER_ID;
		assertValid(this.sandbox
			.sp("na", "GET",
					"/listings/2021-08-01/items/" + seller + "/" + sku + "?marketplaceIds=" + US
							+ "&includedData=summaries,attributes,issues,offers,fulfillmentAvailability,productTypes")
			.send());
		assertValid(this.sandbox
			.sp("na", "GET",
					"/listings/2021-08-01/items/" + seller + "?marketplaceIds=" + US
							+ "&includedData=summaries,offers&pageSize=20&identifiersType=SKU&identifiers=" + sku)
			.send());
		assertValid(this.sandbox.sp("na", "GET", "/listings/2021-08-01/items/" + seller + "/NOPE?marketplaceIds=" + US)
			.send());
		assertValidResponse(this.sandbox
			.sp("na", "GET", "/listings/2021-08-01/items/A1OTHERSELLER0/" + sku + "?marketplaceIds=" + US)
			.send());
		assertValid(this.sandbox
			.sp("na", "GET",
					"/fba/inventory/v1/summaries?granularityType=Marketplace&granularityId=" + US + "&marketplaceIds="
							+ US + "&details=true")
			.send());
		assertValidResponse(this.sandbox
			.sp("na", "GET",
					"/fba/inventory/v1/summaries?granularityType=Marketplace&granularityId=" + US + "&marketplaceIds="
							+ US + "&nextToken=garbage")
			.send());
		assertValid(this.sandbox.sp("na", "GET", "/sales/v1/orderMetrics?marketplaceIds=" + US
				+ "&interval=2026-11-01T00:00-07:00--2026-11-03T00:00-08:00&granularity=Day&granularityTimeZone=America/Los_Angeles")
			.send());
		assertValid(this.sandbox
			.sp("na", "GET",
					"/sales/v1/orderMetrics?marketplaceIds=" + US
							+ "&interval=2026-11-01T00:00-07:00--2026-11-03T00:00-08:00&granularity=Day")
			.send());
	}

	@Test
	void staticExamplesAreTheModelsOwnAnswers() {
		assertValid(this.sandbox.sp("na", "GET", "/listings/2021-08-01/items/ANY/GM-ZDPI-9B4E?marketplaceIds=" + US)
			.send());
		assertValid(this.sandbox.sp("na", "GET", "/reports/2021-06-30/reports/ID323").send());
		assertValid(this.sandbox.sp("na", "GET", "/reports/2021-06-30/documents/0356cf79-b8b0-4226-b4b9-0ee058ea5760")
			.send());
		Exchange bad = this.sandbox.sp("na", "POST", "/reports/2021-06-30/reports")
			.json("application/json",
					Map.of("reportType", "BAD_FEE_DISCOUNTS_REPORT", "dataStartTime", "2024-03-10T20:11:24.000Z",
							"marketplaceIds", List.of("A1PA6795UKMFR9", "ATVPDKIKX0DER")))
			.send();
		assertThat(bad.status()).isEqualTo(400);
		assertValid(bad);
	}

	@Test
	void theSpContractCheckIsLive() {
		Exchange broken = new Exchange("GET", "/sp/na/sales/v1/orderMetrics", Map.of(), null, 200,
				Map.of("Content-Type", List.of("application/json")),
				"{\"payload\":[{\"interval\":\"x\",\"unitCount\":1,\"orderItemCount\":1,\"orderCount\":1,"
						+ "\"averageUnitPrice\":{\"amount\":12.5,\"currencyCode\":\"USD\"},\"totalSales\":{\"amount\":\"25\",\"currencyCode\":\"USD\"}}]}");
		assertThatThrownBy(() -> assertValidResponse(broken)).isInstanceOf(AssertionError.class)
			.hasMessageContaining("amount");
		Exchange missing = new Exchange("GET", "/sp/na/catalog/2022-04-01/items/B000000001", Map.of(), null, 200,
				Map.of("Content-Type", List.of("application/json")), "{\"summaries\":[]}");
		assertThatThrownBy(() -> assertValidResponse(missing)).isInstanceOf(AssertionError.class)
			.hasMessageContaining("asin");
	}

}
