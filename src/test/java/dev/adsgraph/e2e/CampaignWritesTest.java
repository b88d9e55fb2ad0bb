package dev.adsgraph.e2e;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The campaign writes end to end: GraphQL over HTTP, the gateway, the sandbox's v1
 * campaign endpoints, and the gateway's own campaign reads to read the changes back. Each
 * test changes entities of its own, so the tests do not depend on their order.
 */
// An application and a sandbox of its own: these tests pause, archive and re-budget
// campaigns that the other classes' reads and reports would otherwise see.
@TestPropertySource(properties = "adsgraph.idempotency.retention=23h")
class CampaignWritesTest extends SandboxGatewayTest {

	private static final String CAMPAIGNS = """
			query { profiles { id region countryCode currencyCode
			  campaigns(first: 10) { nodes { campaignId adProduct state budget { amount currencyCode }
			    adGroups(first: 1) { nodes { adGroupId state defaultBid { amount currencyCode }
			      ads(first: 1) { nodes { adId state } } } } } } } }""";

	private static final String STATES = """
			mutation($input: [CampaignStateInput!]!, $key: String) {
			  updateCampaignStates(input: $input, idempotencyKey: $key) {
			    succeeded failed userErrors { code message field }
			    results { index profileId campaignId state campaign { campaignId state }
			      userErrors { code message field } } } }""";

	private static final String BUDGETS = """
			mutation($input: [CampaignBudgetInput!]!, $key: String) {
			  updateCampaignBudgets(input: $input, idempotencyKey: $key) {
			    succeeded failed userErrors { code message field }
			    results { index campaignId dailyBudget { amount currencyCode } campaign { campaignId budget { amount } }
			      userErrors { code message field } } } }""";

	private static final String BIDS = """
			mutation($input: [AdGroupBidInput!]!, $key: String) {
			  updateAdGroupBids(input: $input, idempotencyKey: $key) {
			    succeeded failed userErrors { code message field }
			    results { index adGroupId defaultBid { amount currencyCode } adGroup { adGroupId defaultBid { amount } }
			      userErrors { code message field } } } }""";

	private static final String AD_STATES = """
			mutation($input: [AdStateInput!]!, $key: String) {
			  updateAdStates(input: $input, idempotencyKey: $key) {
			    succeeded failed userErrors { code message field }
			    results { index adId state ad { adId state } userErrors { code message field } } } }""";

	/** Every profile with campaigns, as the gateway's reads answer them. */
	private List<Map<String, Object>> profiles;

	@BeforeEach
	void readCampaigns() {
		this.profiles = readProfiles();
	}

	private List<Map<String, Object>> readProfiles() {
		Map<String, Object> answer = this.client.graphql(CAMPAIGNS);
		assertNoErrors(answer);
		List<Map<String, Object>> all = at(answer, "data.profiles");
		// US profiles first: the tests' amounts are judged by the US limits.
		return all.stream()
			.filter((p) -> !((List<?>) at(p, "campaigns.nodes")).isEmpty())
			.sorted(Comparator.comparing((p) -> !"US".equals(p.get("countryCode"))))
			.toList();
	}

	/**
	 * The profile's n-th campaign in Amazon's order, which no earlier test has changed:
	 * each test uses campaigns at positions of its own.
	 */
	private static Map<String, Object> campaign(Map<String, Object> profile, int n) {
		List<Map<String, Object>> campaigns = at(profile, "campaigns.nodes");
		assertThat(campaigns).as("campaigns of profile %s", profile.get("id")).hasSizeGreaterThan(n);
		Map<String, Object> campaign = campaigns.get(n);
		assertThat(campaign).containsEntry("state", "ENABLED").containsEntry("adProduct", "SPONSORED_PRODUCTS");
		return campaign;
	}

	private Map<String, Object> campaignNow(String profileId, String campaignId) {
		return readProfiles().stream()
			.filter((p) -> profileId.equals(p.get("id")))
			.flatMap((p) -> ((List<Map<String, Object>>) at(p, "campaigns.nodes")).stream())
			.filter((c) -> campaignId.equals(c.get("campaignId")))
			.findFirst()
			.orElseThrow();
	}

	private Map<String, Object> profile(int n) {
		assertThat(this.profiles).hasSizeGreaterThan(n);
		Map<String, Object> profile = this.profiles.get(n);
		if (n == 0) {
			assertThat(profile).containsEntry("countryCode", "US");
		}
		return profile;
	}

	private static Map<String, Object> vars(List<Map<String, Object>> input, String key) {
		Map<String, Object> vars = new HashMap<>();
		vars.put("input", input);
		vars.put("key", key);
		return vars;
	}

	private long count(String operation) {
		return this.client.sandboxStats()
			.entrySet()
			.stream()
			.filter((e) -> e.getKey().endsWith("." + operation))
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

	private static List<String> codes(Map<String, Object> result) {
		List<Map<String, Object>> errors = at(result, "userErrors");
		return errors.stream().map((e) -> (String) e.get("code")).toList();
	}

	@Test
	void aBatchWithABadItemAppliesTheGoodOnesInOneCall() {
		Map<String, Object> profile = profile(0);
		String profileId = (String) profile.get("id");
		String first = (String) campaign(profile, 0).get("campaignId");
		String second = (String) campaign(profile, 1).get("campaignId");
		long updates = count("UpdateCampaign");
		Map<String, Object> answer = this.client.graphql(STATES,
				vars(List.of(Map.of("profileId", profileId, "campaignId", first, "state", "PAUSED"),
						Map.of("profileId", profileId, "campaignId", "999999999999", "state", "PAUSED"),
						Map.of("profileId", profileId, "campaignId", second, "state", "PAUSED")), null));
		assertNoErrors(answer);
		Map<String, Object> payload = at(answer, "data.updateCampaignStates");
		assertThat(payload).containsEntry("succeeded", 2).containsEntry("failed", 1);
		List<Map<String, Object>> results = at(payload, "results");
		assertThat(results).extracting((r) -> r.get("index")).containsExactly(0, 1, 2);
		assertThat(results.get(0)).containsEntry("state", "PAUSED").containsEntry("campaignId", first);
		assertThat((Object) at(results.get(0), "campaign.state")).isEqualTo("PAUSED");
		assertThat(codes(results.get(1))).containsExactly("UNKNOWN_CAMPAIGN");
		assertThat((Object) at(results.get(1), "userErrors.0.field")).isEqualTo(List.of("input", "1", "campaignId"));
		assertThat(results.get(1).get("state")).isNull();
		assertThat(results.get(2)).containsEntry("state", "PAUSED");
		assertThat(count("UpdateCampaign") - updates).as("one upstream write for the profile").isEqualTo(1);
		assertThat(campaignNow(profileId, first)).containsEntry("state", "PAUSED");
		assertThat(campaignNow(profileId, second)).containsEntry("state", "PAUSED");
	}

	@Test
	void inputsOfSeveralProfilesAreSentInOneCallPerProfile() {
		Map<String, Object> one = profile(0);
		Map<String, Object> two = profile(1);
		List<Map<String, Object>> input = new ArrayList<>();
		// Positions 2 and 3 of the first profile; the second profile is changed by no
		// other
		// test.
		for (int n : List.of(2, 3)) {
			input.add(Map.of("profileId", one.get("id"), "campaignId", campaign(one, n).get("campaignId"), "state",
					"PAUSED"));
		}
		for (int n : List.of(0, 1)) {
			input.add(Map.of("profileId", two.get("id"), "campaignId", campaign(two, n).get("campaignId"), "state",
					"PAUSED"));
		}
		long updates = count("UpdateCampaign");
		Map<String, Object> answer = this.client.graphql(STATES, vars(input, null));
		assertNoErrors(answer);
		assertThat((Object) at(answer, "data.updateCampaignStates.succeeded")).isEqualTo(4);
		assertThat(count("UpdateCampaign") - updates).isEqualTo(2);
	}

	@Test
	void budgetsAndBidsAreWrittenAndReadBack() {
		Map<String, Object> profile = profile(0);
		String profileId = (String) profile.get("id");
		String currency = (String) profile.get("currencyCode");
		Map<String, Object> campaign = campaign(profile, 4);
		String campaignId = (String) campaign.get("campaignId");
		Map<String, Object> budgets = this.client.graphql(BUDGETS,
				vars(List.of(Map.of("profileId", profileId, "campaignId", campaignId, "dailyBudget", "31.5")), null));
		assertNoErrors(budgets);
		Map<String, Object> budget = at(budgets, "data.updateCampaignBudgets.results.0");
		assertThat(codes(budget)).isEmpty();
		assertThat(new BigDecimal((String) at(budget, "dailyBudget.amount"))).isEqualByComparingTo("31.50");
		assertThat((Object) at(budget, "dailyBudget.currencyCode")).isEqualTo(currency);
		assertThat(new BigDecimal((String) at(campaignNow(profileId, campaignId), "budget.amount")))
			.isEqualByComparingTo("31.50");

		String adGroupId = at(campaign, "adGroups.nodes.0.adGroupId");
		Map<String, Object> bids = this.client.graphql(BIDS,
				vars(List.of(Map.of("profileId", profileId, "adGroupId", adGroupId, "defaultBid", "0.87")), null));
		assertNoErrors(bids);
		Map<String, Object> bid = at(bids, "data.updateAdGroupBids.results.0");
		assertThat(codes(bid)).isEmpty();
		assertThat(new BigDecimal((String) at(bid, "defaultBid.amount"))).isEqualByComparingTo("0.87");
		assertThat(
				new BigDecimal((String) at(campaignNow(profileId, campaignId), "adGroups.nodes.0.defaultBid.amount")))
			.isEqualByComparingTo("0.87");
	}

	@Test
	void aRetryWithTheSameKeyWritesOnceAndAnotherInputUnderItIsRefused() {
		Map<String, Object> profile = profile(0);
		String profileId = (String) profile.get("id");
		String campaignId = (String) campaign(profile, 5).get("campaignId");
		String key = UUID.randomUUID().toString();
		List<Map<String, Object>> input = List
			.of(Map.of("profileId", profileId, "campaignId", campaignId, "dailyBudget", "42.00"));
		long updates = count("UpdateCampaign");
		Map<String, Object> first = this.client.graphql(BUDGETS, vars(input, key));
		Map<String, Object> retry = this.client.graphql(BUDGETS, vars(input, key));
		assertNoErrors(first);
		assertThat(retry).isEqualTo(first);
		assertThat((Object) at(first, "data.updateCampaignBudgets.succeeded")).isEqualTo(1);
		assertThat(count("UpdateCampaign") - updates).as("one upstream write for two calls").isEqualTo(1);

		Map<String, Object> other = this.client.graphql(BUDGETS,
				vars(List.of(Map.of("profileId", profileId, "campaignId", campaignId, "dailyBudget", "43.00")), key));
		assertThat(errorCode(other)).isEqualTo("IDEMPOTENCY_KEY_REUSED");
		assertThat(count("UpdateCampaign") - updates).isEqualTo(1);
		assertThat(new BigDecimal((String) at(campaignNow(profileId, campaignId), "budget.amount")))
			.isEqualByComparingTo("42.00");
	}

	@Test
	void everyBadInputIsAnsweredAtItsIndexAndChangesNothing() {
		Map<String, Object> profile = profile(0);
		String profileId = (String) profile.get("id");
		Map<String, Object> campaign = campaign(profile, 6);
		String campaignId = (String) campaign.get("campaignId");
		String adGroupId = at(campaign, "adGroups.nodes.0.adGroupId");
		String budgetBefore = at(campaign, "budget.amount");
		String bidBefore = at(campaign, "adGroups.nodes.0.defaultBid.amount");
		long writes = count("UpdateCampaign") + count("UpdateAdGroup");

		Map<String, Object> budgets = this.client.graphql(BUDGETS,
				vars(List.of(Map.of("profileId", "123", "campaignId", campaignId, "dailyBudget", "10"),
						Map.of("profileId", "not-a-profile", "campaignId", campaignId, "dailyBudget", "10"),
						Map.of("profileId", profileId, "campaignId", "999999999999", "dailyBudget", "10"),
						Map.of("profileId", profileId, "campaignId", campaignId, "dailyBudget", "0"),
						Map.of("profileId", profileId, "campaignId", campaignId, "dailyBudget", "-5"),
						Map.of("profileId", profileId, "campaignId", campaignId, "dailyBudget", "10.123"),
						Map.of("profileId", profileId, "campaignId", "", "dailyBudget", "10"),
						Map.of("profileId", profileId, "campaignId", campaignId, "dailyBudget", "0.99"),
						Map.of("profileId", profileId, "campaignId", campaignId, "dailyBudget", "1000000.01")), null));
		assertNoErrors(budgets);
		List<Map<String, Object>> results = at(budgets, "data.updateCampaignBudgets.results");
		assertThat(results).extracting(CampaignWritesTest::codes)
			.containsExactly(List.of("UNKNOWN_PROFILE"), List.of("INVALID_PROFILE_ID"), List.of("UNKNOWN_CAMPAIGN"),
					List.of("BUDGET_OUT_OF_RANGE"), List.of("BUDGET_OUT_OF_RANGE"), List.of("TOO_MANY_DECIMALS"),
					List.of("INVALID_ID"), List.of("BUDGET_OUT_OF_RANGE"), List.of("BUDGET_OUT_OF_RANGE"));
		assertThat(results).allSatisfy((r) -> {
			assertThat(r.get("dailyBudget")).isNull();
			assertThat((String) at(r, "userErrors.0.message")).isNotBlank();
		});
		assertThat((Object) at(results.get(5), "userErrors.0.field")).isEqualTo(List.of("input", "5", "dailyBudget"));

		Map<String, Object> bids = this.client.graphql(BIDS,
				vars(List.of(Map.of("profileId", profileId, "adGroupId", adGroupId, "defaultBid", "0.001"),
						Map.of("profileId", profileId, "adGroupId", adGroupId, "defaultBid", "0"),
						Map.of("profileId", profileId, "adGroupId", adGroupId, "defaultBid", "0.01"),
						Map.of("profileId", profileId, "adGroupId", adGroupId, "defaultBid", "1000.01"),
						Map.of("profileId", profileId, "adGroupId", "999999999999", "defaultBid", "1.00")), null));
		assertNoErrors(bids);
		assertThat((List<Map<String, Object>>) at(bids, "data.updateAdGroupBids.results"))
			.extracting(CampaignWritesTest::codes)
			.containsExactly(List.of("TOO_MANY_DECIMALS"), List.of("BID_OUT_OF_RANGE"), List.of("BID_OUT_OF_RANGE"),
					List.of("BID_OUT_OF_RANGE"), List.of("UNKNOWN_AD_GROUP"));

		Map<String, Object> duplicate = this.client.graphql(
				STATES, vars(
						List.of(Map.of("profileId", profileId, "campaignId", "999999999998", "state", "PAUSED"),
								Map.of("profileId", profileId, "campaignId", "999999999998", "state", "ENABLED")),
						null));
		assertThat((List<Map<String, Object>>) at(duplicate, "data.updateCampaignStates.results"))
			.extracting(CampaignWritesTest::codes)
			.containsExactly(List.of("UNKNOWN_CAMPAIGN"), List.of("DUPLICATE_INPUT"));

		assertThat(count("UpdateCampaign") + count("UpdateAdGroup")).as("writes sent").isEqualTo(writes);
		Map<String, Object> now = campaignNow(profileId, campaignId);
		assertThat((Object) at(now, "budget.amount")).isEqualTo(budgetBefore);
		assertThat((Object) at(now, "adGroups.nodes.0.defaultBid.amount")).isEqualTo(bidBefore);
		assertThat(now).containsEntry("state", "ENABLED");
	}

	@Test
	void anEmptyOrTooLongBatchIsRefusedWhole() {
		Map<String, Object> profile = profile(0);
		Map<String, Object> empty = this.client.graphql(STATES, vars(List.of(), null));
		assertNoErrors(empty);
		assertThat((Object) at(empty, "data.updateCampaignStates.userErrors.0.code")).isEqualTo("INVALID_BATCH_SIZE");
		assertThat((List<?>) at(empty, "data.updateCampaignStates.results")).isEmpty();
		List<Map<String, Object>> tooMany = new ArrayList<>();
		for (int i = 0; i < 101; i++) {
			tooMany.add(Map.of("profileId", profile.get("id"), "campaignId", "c" + i, "state", "PAUSED"));
		}
		long queries = count("QueryCampaign");
		Map<String, Object> long_ = this.client.graphql(STATES, vars(tooMany, null));
		assertNoErrors(long_);
		assertThat((Object) at(long_, "data.updateCampaignStates.userErrors.0.message"))
			.isEqualTo("input must have 1 to 100 items; got 101.");
		assertThat((List<?>) at(long_, "data.updateCampaignStates.results")).isEmpty();
		assertThat(count("QueryCampaign")).as("nothing looked up").isEqualTo(queries);
	}

	@Test
	void anArchivedAdStaysArchived() {
		Map<String, Object> profile = profile(0);
		String profileId = (String) profile.get("id");
		String adId = at(campaign(profile, 7), "adGroups.nodes.0.ads.nodes.0.adId");
		long deletes = count("DeleteAd");
		Map<String, Object> archived = this.client.graphql(AD_STATES,
				vars(List.of(Map.of("profileId", profileId, "adId", adId, "state", "ARCHIVED")), null));
		assertNoErrors(archived);
		assertThat((Object) at(archived, "data.updateAdStates.results.0.state")).isEqualTo("ARCHIVED");
		assertThat((Object) at(archived, "data.updateAdStates.results.0.ad.state")).isEqualTo("ARCHIVED");
		assertThat(count("DeleteAd") - deletes).isEqualTo(1);

		long updates = count("UpdateAd");
		Map<String, Object> enable = this.client.graphql(AD_STATES,
				vars(List.of(Map.of("profileId", profileId, "adId", adId, "state", "ENABLED"),
						Map.of("profileId", profileId, "adId", adId + "0", "state", "PAUSED")), null));
		assertNoErrors(enable);
		List<Map<String, Object>> results = at(enable, "data.updateAdStates.results");
		assertThat(codes(results.get(0))).containsExactly("ARCHIVED_RESOURCE_CANNOT_EDIT");
		assertThat(codes(results.get(1))).containsExactly("UNKNOWN_AD");
		assertThat(count("UpdateAd")).isEqualTo(updates);

		Map<String, Object> again = this.client.graphql(AD_STATES,
				vars(List.of(Map.of("profileId", profileId, "adId", adId, "state", "ARCHIVED")), null));
		assertThat((Object) at(again, "data.updateAdStates.results.0.state")).isEqualTo("ARCHIVED");
		assertThat(count("DeleteAd") - deletes).as("archiving an archived ad sends nothing").isEqualTo(1);
	}

}
