package dev.adsgraph.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.SandboxTestClient.Exchange;
import dev.adsgraph.sandbox.ads.SandboxCampaignWritesTest;
import dev.adsgraph.testing.MutableClock;

import static dev.adsgraph.sandbox.ads.SandboxCampaignQueriesTest.NORTHWIND;
import static dev.adsgraph.sandbox.ads.SandboxCampaignQueriesTest.body;
import static dev.adsgraph.sandbox.ads.SandboxCampaignQueriesTest.profile;
import static dev.adsgraph.sandbox.ads.SandboxCampaignQueriesTest.query;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sponsored-ads reports and the v1 campaign data describe the same advertising: every
 * campaign and ad of a report exists in the v1 data and the other way round, for every
 * profile of the demo user that has campaigns, and the reports' campaign status and
 * budget follow the v1 writes.
 */
class SandboxCampaignReportsConsistencyTest {

	private static final Duration PROCESSING = Duration.ofMillis(200);

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));

	private final SandboxTestClient sandbox = SandboxTestClient
		.start(SandboxSettings.defaults().withClock(this.clock).withReportProcessingTime(PROCESSING));

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	@Test
	void everyCampaignAndAdOfTheReportsIsInTheV1DataAndTheOtherWayRound() {
		Map<String, Profile> withCampaigns = new LinkedHashMap<>();
		for (String region : List.of("na", "eu", "fe")) {
			for (JsonNode profile : this.sandbox.ads(region, "GET", "/v2/profiles?accessLevel=view").send().json()) {
				String id = profile.get("profileId").asString();
				Set<String> campaigns = v1Ids(region, id, "campaigns", "campaignId");
				if (!campaigns.isEmpty()) {
					withCampaigns.put(id,
							new Profile(region, id, campaigns, v1Ids(region, id, "ads", "adId"),
									report(region, id, "spAdvertisedProduct", List.of("advertiser"),
											List.of("campaignId", "adGroupId", "adId", "advertisedAsin", "cost"))));
				}
			}
		}
		// The demo user's profiles of partners with products: five in NA (Northwind's
		// three among them), seven in the EU (Blue Harbor's five among them), two in FE.
		assertThat(withCampaigns).hasSize(14);
		this.clock.advance(PROCESSING);
		for (Profile profile : withCampaigns.values()) {
			JsonNode rows = rows(profile.region(), profile.id(), profile.reportId());
			Set<String> reportCampaigns = new TreeSet<>();
			Set<String> reportAds = new TreeSet<>();
			rows.forEach((row) -> {
				reportCampaigns.add(row.get("campaignId").asString());
				reportAds.add(row.get("adId").asString());
			});
			assertThat(reportCampaigns).as("campaigns of profile %s", profile.id()).isEqualTo(profile.campaigns());
			assertThat(reportAds).as("ads of profile %s", profile.id()).isEqualTo(profile.ads());
		}
	}

	@Test
	void theCampaignReportShowsTheStatusAndBudgetTheWritesSet() {
		String profile = profile(this.sandbox, NORTHWIND, "US");
		JsonNode campaigns = query(this.sandbox, "campaigns", profile, body()).json().get("campaigns");
		String paused = campaigns.get(0).get("campaignId").stringValue();
		Exchange write = this.sandbox.ads("na", "POST", "/adsApi/v1/update/campaigns")
			.header("Amazon-Advertising-API-Scope", profile)
			.json("application/json",
					Map.of("campaigns",
							List.of(Map.of("campaignId", paused, "state", "PAUSED"),
									SandboxCampaignWritesTest.budget(paused, "33.33"))))
			.send();
		// The second item names the same campaign: only the pause applies.
		assertThat(write.json().get("success")).hasSize(1);
		Exchange budget = this.sandbox.ads("na", "POST", "/adsApi/v1/update/campaigns")
			.header("Amazon-Advertising-API-Scope", profile)
			.json("application/json", Map.of("campaigns", List.of(SandboxCampaignWritesTest.budget(paused, "33.33"))))
			.send();
		assertThat(budget.json().get("success")).hasSize(1);

		String all = report("na", profile, "spCampaigns", List.of("campaign"),
				List.of("campaignId", "campaignStatus", "campaignBudgetAmount", "cost"));
		String enabledOnly = report("na", profile, "spCampaigns", List.of("campaign"),
				List.of("campaignId", "campaignStatus"),
				Map.of("field", "campaignStatus", "values", List.of("ENABLED")));
		this.clock.advance(PROCESSING);

		JsonNode rows = rows("na", profile, all);
		assertThat(rows).hasSize(campaigns.size());
		for (JsonNode row : rows) {
			JsonNode campaign = null;
			for (JsonNode candidate : campaigns) {
				if (candidate.get("campaignId").stringValue().equals(row.get("campaignId").asString())) {
					campaign = candidate;
				}
			}
			assertThat(campaign).isNotNull();
			boolean isPaused = row.get("campaignId").asString().equals(paused);
			assertThat(row.get("campaignStatus").stringValue()).isEqualTo(isPaused ? "PAUSED" : "ENABLED");
			assertThat(row.get("campaignBudgetAmount").decimalValue()).isEqualByComparingTo(isPaused
					? new java.math.BigDecimal("33.33")
					: campaign.at("/budgets/0/budgetValue/monetaryBudgetValue/monetaryBudget/value").decimalValue());
		}
		JsonNode enabled = rows("na", profile, enabledOnly);
		assertThat(enabled).hasSize(campaigns.size() - 1)
			.noneSatisfy((row) -> assertThat(row.get("campaignId").asString()).isEqualTo(paused));
	}

	private Set<String> v1Ids(String region, String profile, String entity, String field) {
		Exchange answer = this.sandbox.ads(region, "POST", "/adsApi/v1/query/" + entity)
			.header("Amazon-Advertising-API-Scope", profile)
			.json("application/json", body("maxResults", 1000))
			.send();
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.json().has("nextToken")).isFalse();
		Set<String> ids = new TreeSet<>();
		answer.json().get(entity).forEach((item) -> ids.add(item.get(field).stringValue()));
		return ids;
	}

	private String report(String region, String profile, String type, List<String> groupBy, List<String> columns,
			Object... filters) {
		Map<String, Object> configuration = new LinkedHashMap<>();
		configuration.put("adProduct", "SPONSORED_PRODUCTS");
		configuration.put("reportTypeId", type);
		configuration.put("groupBy", groupBy);
		configuration.put("columns", columns);
		configuration.put("timeUnit", "SUMMARY");
		configuration.put("format", "GZIP_JSON");
		if (filters.length > 0) {
			configuration.put("filters", List.of(filters));
		}
		Exchange created = this.sandbox.ads(region, "POST", "/reporting/reports")
			.header("Amazon-Advertising-API-Scope", profile)
			.json(SandboxTestClient.REPORT_REQUEST,
					Map.of("startDate", "2026-11-01", "endDate", "2026-11-07", "configuration", configuration))
			.send();
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		return created.json().get("reportId").stringValue();
	}

	private JsonNode rows(String region, String profile, String reportId) {
		Exchange report = this.sandbox.ads(region, "GET", "/reporting/reports/" + reportId)
			.header("Amazon-Advertising-API-Scope", profile)
			.send();
		assertThat(report.json().get("status").stringValue()).isEqualTo("COMPLETED");
		return this.sandbox.download(report.json().get("url").stringValue()).json();
	}

	private record Profile(String region, String id, Set<String> campaigns, Set<String> ads, String reportId) {
	}

}
