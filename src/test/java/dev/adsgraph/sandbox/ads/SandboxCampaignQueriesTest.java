package dev.adsgraph.sandbox.ads;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.SandboxTestClient;
import dev.adsgraph.sandbox.SandboxTestClient.Exchange;

import static dev.adsgraph.sandbox.SandboxContracts.assertValid;
import static dev.adsgraph.sandbox.SandboxContracts.assertValidResponse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ads API v1 campaign reads over HTTP: campaigns, ad groups, ads and targets of the
 * fixture's sponsored-products campaigns, their filters, paging and errors, each answer
 * validated against the contract.
 */
public class SandboxCampaignQueriesTest {

	public static final String NORTHWIND = "Northwind Outdoor Co.";

	public static final String ACME = "Acme Brands Inc.";

	public static final Map<String, Object> SP = Map.of("include", List.of("SPONSORED_PRODUCTS"));

	private final SandboxTestClient sandbox = SandboxTestClient.start();

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	@Test
	void campaignsPageThroughEveryCampaignOfTheProfileOnce() {
		String profile = profile(this.sandbox, NORTHWIND, "US");
		Exchange all = query(this.sandbox, "campaigns", profile, body("maxResults", 5000));
		assertThat(all.status()).as(all.body()).isEqualTo(200);
		assertValid(all);
		List<String> expected = ids(all.json().get("campaigns"), "campaignId");
		// 113 advertised US products (two of them deleted), at most 12 a campaign.
		assertThat(expected).hasSize(10).doesNotHaveDuplicates();
		assertThat(all.json().has("nextToken")).isFalse();

		List<String> walked = new ArrayList<>();
		String token = null;
		int pages = 0;
		do {
			Map<String, Object> body = body("maxResults", 4);
			if (token != null) {
				body.put("nextToken", token);
			}
			Exchange page = query(this.sandbox, "campaigns", profile, body);
			assertThat(page.status()).as(page.body()).isEqualTo(200);
			assertValid(page);
			walked.addAll(ids(page.json().get("campaigns"), "campaignId"));
			token = page.json().has("nextToken") ? page.json().get("nextToken").stringValue() : null;
			pages++;
		}
		while (token != null);
		assertThat(pages).isEqualTo(3);
		assertThat(walked).isEqualTo(expected);

		JsonNode first = all.json().get("campaigns").get(0);
		assertThat(first.get("adProduct").stringValue()).isEqualTo("SPONSORED_PRODUCTS");
		assertThat(first.get("state").stringValue()).isEqualTo("ENABLED");
		assertThat(first.get("name").stringValue()).startsWith("Northwind US SP Auto 1");
		assertThat(first.at("/budgets/0/budgetValue/monetaryBudgetValue/monetaryBudget/currencyCode").stringValue())
			.isEqualTo("USD");
		assertThat(first.at("/budgets/0/recurrenceTimePeriod").stringValue()).isEqualTo("DAILY");
		assertThat(first.at("/status/deliveryStatus").stringValue()).isEqualTo("DELIVERING");
		assertThat(first.get("marketplaces")).extracting(JsonNode::stringValue).containsExactly("US");
	}

	@Test
	void campaignFiltersSelectByIdStateAndName() {
		String profile = profile(this.sandbox, NORTHWIND, "US");
		List<String> all = ids(query(this.sandbox, "campaigns", profile, body()).json().get("campaigns"), "campaignId");

		Exchange byId = query(this.sandbox, "campaigns", profile,
				body("campaignIdFilter", Map.of("include", List.of(all.get(2), all.get(5), "999"))));
		assertValid(byId);
		assertThat(ids(byId.json().get("campaigns"), "campaignId")).containsExactly(all.get(2), all.get(5));

		Exchange paused = query(this.sandbox, "campaigns", profile,
				body("stateFilter", Map.of("include", List.of("PAUSED", "ARCHIVED"))));
		assertValid(paused);
		assertThat(paused.json().get("campaigns")).isEmpty();

		Exchange broad = query(this.sandbox, "campaigns", profile, body("nameFilter",
				Map.of("include", List.of("manual northwind"), "queryTermMatchType", "BROAD_MATCH")));
		assertValid(broad);
		assertThat(broad.json().get("campaigns")).hasSize(5)
			.allSatisfy((c) -> assertThat(c.get("name").stringValue()).contains("Manual"));

		Exchange exact = query(this.sandbox, "campaigns", profile, body("nameFilter",
				Map.of("include", List.of("northwind us sp auto 3"), "queryTermMatchType", "EXACT_MATCH")));
		assertValid(exact);
		assertThat(exact.json().get("campaigns")).extracting((c) -> c.get("name").stringValue())
			.containsExactly("Northwind US SP Auto 3");

		// The fixture has sponsored products only: other ad products have no campaigns.
		Exchange brands = query(this.sandbox, "campaigns", profile,
				Map.of("adProductFilter", Map.of("include", List.of("SPONSORED_BRANDS"))));
		assertValid(brands);
		assertThat(brands.json().get("campaigns")).isEmpty();
	}

	@Test
	void adGroupsAdsAndTargetsHangUnderTheirCampaign() {
		String profile = profile(this.sandbox, NORTHWIND, "US");
		String campaignId = query(this.sandbox, "campaigns", profile, body()).json()
			.at("/campaigns/0/campaignId")
			.stringValue();

		Exchange adGroups = query(this.sandbox, "adGroups", profile,
				body("campaignIdFilter", Map.of("include", List.of(campaignId))));
		assertThat(adGroups.status()).as(adGroups.body()).isEqualTo(200);
		assertValid(adGroups);
		assertThat(adGroups.json().get("adGroups")).hasSize(2).allSatisfy((g) -> {
			assertThat(g.get("campaignId").stringValue()).isEqualTo(campaignId);
			assertThat(g.at("/bid/defaultBid").decimalValue()).isBetween(new java.math.BigDecimal("0.35"),
					new java.math.BigDecimal("1.50"));
			assertThat(g.at("/bid/currencyCode").stringValue()).isEqualTo("USD");
		});
		String adGroupId = adGroups.json().at("/adGroups/0/adGroupId").stringValue();

		Exchange ads = query(this.sandbox, "ads", profile,
				body("adGroupIdFilter", Map.of("include", List.of(adGroupId))));
		assertThat(ads.status()).as(ads.body()).isEqualTo(200);
		assertValid(ads);
		assertThat(ads.json().get("ads")).isNotEmpty().allSatisfy((ad) -> {
			assertThat(ad.get("adGroupId").stringValue()).isEqualTo(adGroupId);
			assertThat(ad.get("campaignId").stringValue()).isEqualTo(campaignId);
			assertThat(ad.get("adType").stringValue()).isEqualTo("PRODUCT_AD");
			JsonNode product = ad.at("/creative/productCreative/productCreativeSettings/advertisedProduct");
			// A seller advertises its SKU, which resolves to the ASIN.
			assertThat(product.get("productIdType").stringValue()).isEqualTo("SKU");
			assertThat(product.get("productId").stringValue()).startsWith("NW-");
			assertThat(product.get("resolvedProductIdType").stringValue()).isEqualTo("ASIN");
			assertThat(product.get("resolvedProductId").stringValue()).startsWith("B0");
		});

		Exchange targets = query(this.sandbox, "targets", profile,
				body("adGroupIdFilter", Map.of("include", List.of(adGroupId))));
		assertThat(targets.status()).as(targets.body()).isEqualTo(200);
		assertValid(targets);
		assertThat(targets.json().get("targets")).extracting((t) -> t.get("targetType").stringValue())
			.containsExactly("KEYWORD", "KEYWORD", "KEYWORD", "PRODUCT");
		JsonNode exactKeyword = targets.json().get("targets").get(1);
		assertThat(exactKeyword.at("/targetDetails/keywordTarget/matchType").stringValue()).isEqualTo("EXACT");
		assertThat(exactKeyword.at("/targetDetails/keywordTarget/keyword").stringValue()).startsWith("northwind ");
		assertThat(exactKeyword.at("/bid/bid").decimalValue()).isPositive();
		assertThat(
				targets.json().get("targets").get(3).at("/targetDetails/productTarget/product/productId").stringValue())
			.startsWith("B0");

		Exchange negatives = query(this.sandbox, "targets", profile, body("adGroupIdFilter",
				Map.of("include", List.of(adGroupId)), "negativeFilter", Map.of("include", List.of(true))));
		assertValid(negatives);
		assertThat(negatives.json().get("targets")).hasSize(1).allSatisfy((t) -> assertThat(t.has("bid")).isFalse());

		Exchange keywords = query(this.sandbox, "targets", profile,
				body("campaignIdFilter", Map.of("include", List.of(campaignId)), "targetTypeFilter",
						Map.of("include", List.of("KEYWORD")), "keywordFilter",
						Map.of("include", List.of("used"), "queryTermMatchType", "BROAD_MATCH")));
		assertValid(keywords);
		assertThat(keywords.json().get("targets")).hasSize(2);
	}

	@Test
	void aVendorsAdsNameTheAsinAndAnAccountIdScopesEveryMarketplaceOfTheRegion() {
		String acme = profile(this.sandbox, ACME, "US");
		Exchange ads = query(this.sandbox, "ads", acme, body("maxResults", 1));
		assertValid(ads);
		JsonNode product = ads.json().at("/ads/0/creative/productCreative/productCreativeSettings/advertisedProduct");
		assertThat(product.get("productIdType").stringValue()).isEqualTo("ASIN");
		assertThat(product.get("productId").stringValue()).startsWith("B0");
		assertThat(ads.json().has("nextToken")).isTrue();

		String accountId = accountId(this.sandbox, "Northwind Outdoor Co.");
		Exchange northwind = this.sandbox.ads("na", "POST", "/adsApi/v1/query/campaigns")
			.header("Amazon-Ads-AccountId", accountId)
			.json("application/json", body("maxResults", 5000))
			.send();
		assertThat(northwind.status()).as(northwind.body()).isEqualTo(200);
		assertValid(northwind);
		Set<String> marketplaces = new HashSet<>();
		northwind.json().get("campaigns").forEach((c) -> marketplaces.add(c.at("/marketplaces/0").stringValue()));
		assertThat(marketplaces).containsExactlyInAnyOrder("US", "CA", "MX");
		// 10 in the US, 3 in Canada, 2 in Mexico.
		assertThat(northwind.json().get("campaigns")).hasSize(15);

		// A profile with the account it belongs to narrows to its marketplace; with
		// another account's it is refused.
		String us = profile(this.sandbox, NORTHWIND, "US");
		Exchange both = this.sandbox.ads("na", "POST", "/adsApi/v1/query/campaigns")
			.header("Amazon-Ads-AccountId", accountId)
			.header("Amazon-Advertising-API-Scope", us)
			.json("application/json", body("maxResults", 5000))
			.send();
		assertValid(both);
		assertThat(both.json().get("campaigns")).hasSize(10);
		Exchange mismatch = this.sandbox.ads("na", "POST", "/adsApi/v1/query/campaigns")
			.header("Amazon-Ads-AccountId", accountId(this.sandbox, ACME))
			.header("Amazon-Advertising-API-Scope", us)
			.json("application/json", body())
			.send();
		assertError(mismatch, 400, "FIELD_VALUE_MISMATCH");
	}

	@Test
	void badRequestsAnswerTheV1ErrorShape() {
		String profile = profile(this.sandbox, NORTHWIND, "US");
		Exchange noProduct = query(this.sandbox, "campaigns", profile, Map.of("maxResults", 10));
		assertError(noProduct, 400, "BAD_REQUEST");

		Exchange unknownProduct = query(this.sandbox, "ads", profile,
				Map.of("adProductFilter", Map.of("include", List.of("SPONSORED_RADIO"))));
		assertError(unknownProduct, 400, "FIELD_VALUE_IS_INVALID");

		Exchange badToken = query(this.sandbox, "campaigns", profile, body("nextToken", "not-a-token"));
		assertError(badToken, 400, "FIELD_VALUE_IS_INVALID");

		String token = query(this.sandbox, "adGroups", profile, body("maxResults", 1)).json()
			.get("nextToken")
			.stringValue();
		Exchange otherFilters = query(this.sandbox, "adGroups", profile,
				body("maxResults", 1, "nextToken", token, "stateFilter", Map.of("include", List.of("ENABLED"))));
		assertError(otherFilters, 400, "FIELD_VALUE_IS_INVALID");

		Exchange tooMany = query(this.sandbox, "adGroups", profile, body("maxResults", 1001));
		assertError(tooMany, 400, "FIELD_VALUE_IS_OUT_OF_RANGE");

		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 101; i++) {
			ids.add(Integer.toString(i));
		}
		Exchange tooManyIds = query(this.sandbox, "ads", profile, body("adIdFilter", Map.of("include", ids)));
		assertError(tooManyIds, 400, "FIELD_SIZE_IS_OUT_OF_RANGE");

		Exchange badState = query(this.sandbox, "targets", profile,
				body("stateFilter", Map.of("include", List.of("DELETED"))));
		assertError(badState, 400, "FIELD_VALUE_IS_INVALID");

		Exchange noScope = this.sandbox.ads("na", "POST", "/adsApi/v1/query/campaigns")
			.json("application/json", body())
			.send();
		assertError(noScope, 400, "BAD_REQUEST");

		// Blue Harbor's profiles are in the EU: on the NA host they are not in scope.
		String blueHarborUk = profile(this.sandbox, "eu", "Blue Harbor Kitchen Ltd", "UK");
		Exchange wrongRegion = query(this.sandbox, "campaigns", blueHarborUk, body());
		assertError(wrongRegion, 401, "UNAUTHORIZED");
		Exchange rightRegion = this.sandbox.ads("eu", "POST", "/adsApi/v1/query/campaigns")
			.header("Amazon-Advertising-API-Scope", blueHarborUk)
			.json("application/json", body())
			.send();
		assertThat(rightRegion.status()).isEqualTo(200);
		assertThat(rightRegion.json().at("/campaigns/0/marketplaces/0").stringValue()).isEqualTo("GB");
		assertThat(rightRegion.json()
			.at("/campaigns/0/budgets/0/budgetValue/monetaryBudgetValue/monetaryBudget/currencyCode")
			.stringValue()).isEqualTo("GBP");
	}

	@Test
	void everyQueryIsCountedPerOperation() {
		String profile = profile(this.sandbox, NORTHWIND, "US");
		this.sandbox.raw("POST", "/sandbox/stats/reset").send();
		query(this.sandbox, "campaigns", profile, body());
		query(this.sandbox, "adGroups", profile, body());
		query(this.sandbox, "adGroups", profile, body());
		query(this.sandbox, "ads", profile, body());
		query(this.sandbox, "targets", profile, body());
		JsonNode stats = this.sandbox.raw("GET", "/sandbox/stats").send().json();
		assertThat(stats.path("ads.na.QueryCampaign").asInt()).isEqualTo(1);
		assertThat(stats.path("ads.na.QueryAdGroup").asInt()).isEqualTo(2);
		assertThat(stats.path("ads.na.QueryAd").asInt()).isEqualTo(1);
		assertThat(stats.path("ads.na.QueryTarget").asInt()).isEqualTo(1);
	}

	private static void assertError(Exchange answer, int status, String code) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(status);
		assertThat(answer.json().get("code").stringValue()).isEqualTo(code);
		assertThat(answer.json().get("message").stringValue()).isNotBlank();
		assertValidResponse(answer);
	}

	public static Map<String, Object> body(Object... extra) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("adProductFilter", SP);
		for (int i = 0; i < extra.length; i += 2) {
			body.put((String) extra[i], extra[i + 1]);
		}
		return body;
	}

	public static Exchange query(SandboxTestClient sandbox, String entity, String profile, Map<String, Object> body) {
		return sandbox.ads("na", "POST", "/adsApi/v1/query/" + entity)
			.header("Amazon-Advertising-API-Scope", profile)
			.json("application/json", body)
			.send();
	}

	public static List<String> ids(JsonNode items, String field) {
		List<String> ids = new ArrayList<>();
		items.forEach((item) -> ids.add(item.get(field).stringValue()));
		return ids;
	}

	public static String profile(SandboxTestClient sandbox, String accountName, String countryCode) {
		return profile(sandbox, "na", accountName, countryCode);
	}

	/** The profile id of the named account in the country, as a string. */
	public static String profile(SandboxTestClient sandbox, String region, String accountName, String countryCode) {
		for (JsonNode profile : sandbox.ads(region, "GET", "/v2/profiles").send().json()) {
			if (profile.get("countryCode").stringValue().equals(countryCode)
					&& profile.at("/accountInfo/name").stringValue().equals(accountName)) {
				return profile.get("profileId").asString();
			}
		}
		throw new AssertionError(accountName + " has no profile in " + countryCode);
	}

	public static String accountId(SandboxTestClient sandbox, String name) {
		Exchange accounts = sandbox.ads("na", "POST", "/adsApi/v1/query/advertiserAccounts")
			.json("application/json", Map.of("maxResults", 100))
			.send();
		for (JsonNode account : accounts.json().get("advertiserAccounts")) {
			if (account.get("displayName").stringValue().equals(name)) {
				return account.get("advertiserAccountId").stringValue();
			}
		}
		throw new AssertionError(name + " has no advertiser account");
	}

}
