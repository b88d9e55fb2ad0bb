package dev.adsgraph.sandbox.ads;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.SandboxTestClient;
import dev.adsgraph.sandbox.SandboxTestClient.Exchange;

import static dev.adsgraph.sandbox.SandboxContracts.assertValid;
import static dev.adsgraph.sandbox.SandboxContracts.assertValidResponse;
import static dev.adsgraph.sandbox.ads.SandboxCampaignQueriesTest.NORTHWIND;
import static dev.adsgraph.sandbox.ads.SandboxCampaignQueriesTest.body;
import static dev.adsgraph.sandbox.ads.SandboxCampaignQueriesTest.profile;
import static dev.adsgraph.sandbox.ads.SandboxCampaignQueriesTest.query;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ads API v1 campaign writes over HTTP: 207 multi-status with bad items among good ones,
 * each bad item changing nothing, the good ones applied and seen by the next query.
 */
public class SandboxCampaignWritesTest {

	private final SandboxTestClient sandbox = SandboxTestClient.start();

	private final String profile = profile(this.sandbox, NORTHWIND, "US");

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	@Test
	void campaignUpdatesApplyTheGoodItemsAndAnswerEachBadOneAtItsIndex() {
		List<JsonNode> campaigns = campaigns();
		String paused = id(campaigns.get(0));
		String tooCheap = id(campaigns.get(1));
		String brands = id(campaigns.get(2));
		String rebudgeted = id(campaigns.get(3));

		Exchange answer = write("update/campaigns",
				Map.of("campaigns",
						List.of(Map.of("campaignId", paused, "state", "PAUSED"),
								Map.of("campaignId", "123", "state", "PAUSED"), budget(tooCheap, "0.50"),
								Map.of("campaignId", brands, "adProduct", "SPONSORED_BRANDS", "state", "PAUSED"),
								budget(rebudgeted, "42.50"))));

		assertThat(answer.status()).as(answer.body()).isEqualTo(207);
		assertValid(answer);
		JsonNode body = answer.json();
		assertThat(body.get("success")).extracting((s) -> s.get("index").asInt()).containsExactly(0, 4);
		assertThat(body.at("/success/0/campaign/state").stringValue()).isEqualTo("PAUSED");
		assertThat(body.at("/success/0/campaign/status/deliveryStatus").stringValue()).isEqualTo("NOT_DELIVERING");
		assertThat(body.at("/success/1/campaign/budgets/0/budgetValue/monetaryBudgetValue/monetaryBudget/value")
			.decimalValue()).isEqualByComparingTo("42.50");
		assertThat(body.get("error")).extracting((e) -> e.get("index").asInt()).containsExactly(1, 2, 3);
		assertThat(body.get("error")).extracting((e) -> e.at("/errors/0/code").stringValue())
			.containsExactly("NOT_FOUND", "FIELD_VALUE_IS_BELOW_MINIMUM_LIMIT", "FIELD_VALUE_MISMATCH");
		assertThat(body.at("/error/1/errors/0/fieldLocation").stringValue())
			.isEqualTo("budgets[0].budgetValue.monetaryBudgetValue.monetaryBudget.value");
		assertThat(body.at("/error/2/errors/0/fieldLocation").stringValue()).isEqualTo("adProduct");

		Map<String, JsonNode> after = byId(campaigns());
		assertThat(after.get(paused).get("state").stringValue()).isEqualTo("PAUSED");
		assertThat(after.get(paused).get("lastUpdatedDateTime").stringValue())
			.isNotEqualTo(campaigns.get(0).get("lastUpdatedDateTime").stringValue());
		assertThat(budgetOf(after.get(rebudgeted))).isEqualByComparingTo("42.50");
		// The bad items changed nothing.
		assertThat(budgetOf(after.get(tooCheap))).isEqualByComparingTo(budgetOf(campaigns.get(1)));
		assertThat(after.get(brands).get("state").stringValue()).isEqualTo("ENABLED");
		assertThat(after.get(brands).get("lastUpdatedDateTime").stringValue())
			.isEqualTo(campaigns.get(2).get("lastUpdatedDateTime").stringValue());

		Exchange tooRich = write("update/campaigns", Map.of("campaigns", List.of(budget(tooCheap, "1000000.01"))));
		assertValid(tooRich);
		assertThat(tooRich.json().at("/error/0/errors/0/code").stringValue())
			.isEqualTo("FIELD_VALUE_IS_ABOVE_MAXIMUM_LIMIT");
		Exchange archiving = write("update/campaigns",
				Map.of("campaigns", List.of(Map.of("campaignId", tooCheap, "state", "ARCHIVED"))));
		assertValidResponse(archiving);
		assertThat(archiving.json().at("/error/0/errors/0/code").stringValue()).isEqualTo("FIELD_VALUE_IS_INVALID");
	}

	@Test
	void adGroupBidsAndStatesChangeWithinAmazonsLimits() {
		JsonNode adGroups = query(this.sandbox, "adGroups", this.profile, body("maxResults", 3)).json().get("adGroups");
		String good = adGroups.get(0).get("adGroupId").stringValue();
		String tooHigh = adGroups.get(1).get("adGroupId").stringValue();
		String euro = adGroups.get(2).get("adGroupId").stringValue();

		Exchange answer = write("update/adGroups",
				Map.of("adGroups",
						List.of(Map.of("adGroupId", good, "bid", Map.of("defaultBid", 0.87), "state", "PAUSED"),
								Map.of("adGroupId", tooHigh, "bid", Map.of("defaultBid", 1000.01)),
								Map.of("adGroupId", euro, "bid", Map.of("defaultBid", 0.5, "currencyCode", "EUR")),
								Map.of("adGroupId", good, "state", "ENABLED"))));

		assertThat(answer.status()).as(answer.body()).isEqualTo(207);
		// UpdateAdGroupBid declares no currencyCode: the request breaks the contract on
		// purpose.
		assertValidResponse(answer);
		JsonNode body = answer.json();
		assertThat(body.get("success")).extracting((s) -> s.get("index").asInt()).containsExactly(0);
		assertThat(body.at("/success/0/adGroup/bid/defaultBid").decimalValue()).isEqualByComparingTo("0.87");
		assertThat(body.at("/success/0/adGroup/state").stringValue()).isEqualTo("PAUSED");
		assertThat(body.get("error")).extracting((e) -> e.at("/errors/0/code").stringValue())
			.containsExactly("FIELD_VALUE_IS_ABOVE_MAXIMUM_LIMIT", "FIELD_VALUE_MISMATCH",
					"DUPLICATE_RESOURCE_ID_FOUND");
		JsonNode after = query(this.sandbox, "adGroups", this.profile,
				body("adGroupIdFilter", Map.of("include", List.of(good, tooHigh))))
			.json()
			.get("adGroups");
		assertThat(after.get(0).at("/bid/defaultBid").decimalValue()).isEqualByComparingTo("0.87");
		assertThat(after.get(1).at("/bid/defaultBid").decimalValue())
			.isEqualByComparingTo(adGroups.get(1).at("/bid/defaultBid").decimalValue());

		// The ads of a paused ad group stop delivering, for that reason.
		JsonNode ad = query(this.sandbox, "ads", this.profile,
				body("adGroupIdFilter", Map.of("include", List.of(good)), "maxResults", 1))
			.json()
			.at("/ads/0");
		assertThat(ad.get("state").stringValue()).isEqualTo("ENABLED");
		assertThat(ad.at("/status/deliveryReasons/0").stringValue()).isEqualTo("AD_GROUP_PAUSED");
	}

	@Test
	void deletingArchivesForGoodAndArchivedEntitiesCannotBeChanged() {
		JsonNode ads = query(this.sandbox, "ads", this.profile, body("maxResults", 3)).json().get("ads");
		String paused = ads.get(0).get("adId").stringValue();
		String deleted = ads.get(1).get("adId").stringValue();

		Exchange pause = write("update/ads", Map.of("ads", List.of(Map.of("adId", paused, "state", "PAUSED"),
				Map.of("adId", deleted, "state", "PAUSED", "adProduct", "AMAZON_DSP"))));
		// AdUpdate declares no adProduct: one sent anyway is checked all the same.
		assertValidResponse(pause);
		assertThat(pause.json().at("/success/0/ad/state").stringValue()).isEqualTo("PAUSED");
		assertThat(pause.json().at("/error/0/errors/0/code").stringValue()).isEqualTo("FIELD_VALUE_MISMATCH");

		Exchange delete = write("delete/ads", Map.of("adIds", List.of(deleted, "42")));
		assertThat(delete.status()).as(delete.body()).isEqualTo(207);
		assertValid(delete);
		assertThat(delete.json().at("/success/0/ad/state").stringValue()).isEqualTo("ARCHIVED");
		assertThat(delete.json().at("/error/0/index").asInt()).isEqualTo(1);
		assertThat(delete.json().at("/error/0/errors/0/code").stringValue()).isEqualTo("NOT_FOUND");
		assertThat(delete.json().at("/error/0/errors/0/fieldLocation").stringValue()).isEqualTo("adIds[1]");

		Exchange again = write("delete/ads", Map.of("adIds", List.of(deleted)));
		assertValid(again);
		assertThat(again.json().at("/success/0/ad/state").stringValue()).isEqualTo("ARCHIVED");
		Exchange revive = write("update/ads", Map.of("ads", List.of(Map.of("adId", deleted, "state", "ENABLED"))));
		assertValid(revive);
		assertThat(revive.json().at("/error/0/errors/0/code").stringValue()).isEqualTo("ARCHIVED_RESOURCE_CANNOT_EDIT");

		String campaignId = ads.get(2).get("campaignId").stringValue();
		Exchange archive = write("delete/campaigns", Map.of("campaignIds", List.of(campaignId)));
		assertValid(archive);
		assertThat(archive.json().at("/success/0/campaign/state").stringValue()).isEqualTo("ARCHIVED");
		Exchange budget = write("update/campaigns", Map.of("campaigns", List.of(budget(campaignId, "30"))));
		assertValid(budget);
		assertThat(budget.json().at("/error/0/errors/0/code").stringValue()).isEqualTo("ARCHIVED_RESOURCE_CANNOT_EDIT");
		String child = ads.get(2).get("adId").stringValue();
		Exchange childAd = write("update/ads", Map.of("ads", List.of(Map.of("adId", child, "state", "PAUSED"))));
		assertValid(childAd);
		assertThat(childAd.json().at("/error/0/errors/0/code").stringValue()).isEqualTo("ARCHIVED_PARENT_CANNOT_EDIT");
		JsonNode archived = query(this.sandbox, "ads", this.profile,
				body("adIdFilter", Map.of("include", List.of(child))))
			.json()
			.at("/ads/0");
		assertThat(archived.get("state").stringValue()).isEqualTo("ENABLED");
		assertThat(archived.at("/status/deliveryReasons/0").stringValue()).isEqualTo("CAMPAIGN_ARCHIVED");
		assertThat(query(this.sandbox, "campaigns", this.profile,
				body("stateFilter", Map.of("include", List.of("ARCHIVED"))))
			.json()
			.get("campaigns")).extracting((c) -> c.get("campaignId").stringValue()).containsExactly(campaignId);

		// The sandbox's reset restores the fixture.
		this.sandbox.raw("POST", "/sandbox/reset").send();
		assertThat(byId(campaigns()).get(campaignId).get("state").stringValue()).isEqualTo("ENABLED");
	}

	@Test
	void malformedBatchesAndViewOnlyProfilesAreRefusedWhole() {
		Exchange missing = write("update/campaigns", Map.of());
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.json().get("code").stringValue()).isEqualTo("BAD_REQUEST");
		assertValidResponse(missing);
		Exchange empty = write("delete/campaigns", Map.of("campaignIds", List.of()));
		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.json().get("code").stringValue()).isEqualTo("FIELD_SIZE_IS_OUT_OF_RANGE");
		assertValidResponse(empty);
		List<String> tooMany = new ArrayList<>();
		for (int i = 0; i <= 1000; i++) {
			tooMany.add(Integer.toString(i));
		}
		Exchange overfull = write("delete/ads", Map.of("adIds", tooMany));
		assertThat(overfull.status()).isEqualTo(413);
		assertThat(overfull.json().get("code").stringValue()).isEqualTo("CONTENT_TOO_LARGE");
		assertValidResponse(overfull);

		// Blue Harbor shares its Italian profile with the demo user for viewing only.
		String italy = null;
		for (JsonNode p : this.sandbox.ads("eu", "GET", "/v2/profiles?accessLevel=view").send().json()) {
			if (p.get("countryCode").stringValue().equals("IT")
					&& p.at("/accountInfo/name").stringValue().equals("Blue Harbor Kitchen Ltd")) {
				italy = p.get("profileId").asString();
			}
		}
		assertThat(italy).isNotNull();
		Exchange listed = this.sandbox.ads("eu", "POST", "/adsApi/v1/query/campaigns")
			.header("Amazon-Advertising-API-Scope", italy)
			.json("application/json", body())
			.send();
		assertThat(listed.status()).isEqualTo(200);
		String campaignId = listed.json().at("/campaigns/0/campaignId").stringValue();
		Exchange refused = this.sandbox.ads("eu", "POST", "/adsApi/v1/update/campaigns")
			.header("Amazon-Advertising-API-Scope", italy)
			.json("application/json", Map.of("campaigns", List.of(Map.of("campaignId", campaignId, "state", "PAUSED"))))
			.send();
		assertThat(refused.status()).as(refused.body()).isEqualTo(403);
		assertThat(refused.json().get("code").stringValue()).isEqualTo("FORBIDDEN");
		assertValid(refused);
	}

	@Test
	void writesAreCountedPerOperation() {
		String campaignId = id(campaigns().get(0));
		this.sandbox.raw("POST", "/sandbox/stats/reset").send();
		write("update/campaigns", Map.of("campaigns", List.of(Map.of("campaignId", campaignId, "state", "PAUSED"))));
		write("delete/campaigns", Map.of("campaignIds", List.of(campaignId)));
		JsonNode stats = this.sandbox.raw("GET", "/sandbox/stats").send().json();
		assertThat(stats.path("ads.na.UpdateCampaign").asInt()).isEqualTo(1);
		assertThat(stats.path("ads.na.DeleteCampaign").asInt()).isEqualTo(1);
	}

	@Test
	void anInjected429ChangesNothingAndSpeaksV1() {
		String campaignId = id(campaigns().get(0));
		Exchange configured = this.sandbox.raw("PUT", "/sandbox/faults").body("application/json", """
				{"rules": [{"upstream": "ads", "operation": "UpdateCampaign", "tooManyRequests": 1.0,
				            "retryAfterSeconds": 2}]}""").send();
		assertThat(configured.status()).as(configured.body()).isLessThan(300);

		Exchange throttled = write("update/campaigns",
				Map.of("campaigns", List.of(Map.of("campaignId", campaignId, "state", "PAUSED"))));
		assertThat(throttled.status()).isEqualTo(429);
		assertThat(throttled.header("Retry-After")).isEqualTo("2");
		assertThat(throttled.json().get("code").stringValue()).isEqualTo("TOO_MANY_REQUESTS");
		assertValid(throttled);
		// Queries are another operation: not throttled, and the campaign is unchanged.
		assertThat(byId(campaigns()).get(campaignId).get("state").stringValue()).isEqualTo("ENABLED");
		JsonNode stats = this.sandbox.raw("GET", "/sandbox/stats").send().json();
		assertThat(stats.path("ads.na.UpdateCampaign.fault.429").asInt()).isEqualTo(1);
	}

	private Exchange write(String operation, Map<String, Object> body) {
		return this.sandbox.ads("na", "POST", "/adsApi/v1/" + operation)
			.header("Amazon-Advertising-API-Scope", this.profile)
			.json("application/json", body)
			.send();
	}

	private List<JsonNode> campaigns() {
		List<JsonNode> campaigns = new ArrayList<>();
		query(this.sandbox, "campaigns", this.profile, body()).json().get("campaigns").forEach(campaigns::add);
		return campaigns;
	}

	private static Map<String, JsonNode> byId(List<JsonNode> campaigns) {
		Map<String, JsonNode> byId = new LinkedHashMap<>();
		campaigns.forEach((c) -> byId.put(id(c), c));
		return byId;
	}

	private static String id(JsonNode campaign) {
		return campaign.get("campaignId").stringValue();
	}

	private static BigDecimal budgetOf(JsonNode campaign) {
		return campaign.at("/budgets/0/budgetValue/monetaryBudgetValue/monetaryBudget/value").decimalValue();
	}

	public static Map<String, Object> budget(String campaignId, String dailyBudget) {
		return Map.of("campaignId", campaignId, "budgets", List.of(Map
			.of("budgetType", "MONETARY", "recurrenceTimePeriod", "DAILY", "budgetValue", Map.of("monetaryBudgetValue",
					Map.of("monetaryBudget", Map.of("currencyCode", "USD", "value", new BigDecimal(dailyBudget)))))));
	}

}
