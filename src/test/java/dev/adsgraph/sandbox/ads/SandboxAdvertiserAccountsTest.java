package dev.adsgraph.sandbox.ads;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.SandboxTestClient;
import dev.adsgraph.sandbox.SandboxTestClient.Exchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ads API v1 advertiser and selling accounts: batch writes with 207, queries with paging.
 */
class SandboxAdvertiserAccountsTest {

	private static final String JSON = "application/json";

	private final SandboxTestClient sandbox = SandboxTestClient.start();

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	@Test
	void sellingAccountsListEveryPartnerWithTokensAndAddresses() {
		JsonNode all = post("/adsApi/v1/query/sellingAccounts", Map.of()).json();
		assertThat(all.get("sellingAccounts").size()).isEqualTo(69);
		JsonNode blueHarbor = find(all.get("sellingAccounts"), "displayName", "Blue Harbor Kitchen Ltd");
		assertThat(blueHarbor.get("sellingProgram").stringValue()).isEqualTo("AMAZON_SELLER");
		assertThat(blueHarbor.get("portals")).extracting(JsonNode::stringValue).containsExactly("SELLER_CENTRAL");
		assertThat(blueHarbor.get("countryCodes")).extracting(JsonNode::stringValue)
			.containsExactly("GB", "DE", "FR", "IT", "ES");
		assertThat(blueHarbor.at("/business/addresses/0/addressToken").stringValue()).startsWith("adr1.");

		JsonNode authors = post("/adsApi/v1/query/sellingAccounts",
				Map.of("sellingProgramFilter", Map.of("include", List.of("AMAZON_AUTHOR"))))
			.json();
		assertThat(authors.get("sellingAccounts")).extracting((a) -> a.get("displayName").stringValue())
			.containsExactly("Jane Q. Writer", "Michael Okafor");

		JsonNode byToken = post("/adsApi/v1/query/sellingAccounts", Map.of("sellingAccountLinkTokenFilter",
				Map.of("include", List.of(blueHarbor.get("sellingAccountLinkToken").stringValue()))))
			.json();
		assertThat(byToken.get("sellingAccounts")).hasSize(1);

		JsonNode page = post("/adsApi/v1/query/sellingAccounts", Map.of("maxResults", 60)).json();
		JsonNode rest = post("/adsApi/v1/query/sellingAccounts",
				Map.of("maxResults", 60, "nextToken", page.get("nextToken").stringValue()))
			.json();
		assertThat(page.get("sellingAccounts").size() + rest.get("sellingAccounts").size()).isEqualTo(69);
	}

	@Test
	void aBatchOfThreeWithOneBadItemAnswers207WithTheErrorAtItsIndex() {
		Exchange answer = post("/adsApi/v1/create/advertiserAccounts", Map.of("advertiserAccounts",
				List.of(literal("First Light Co", "10001"), literal("", "ABCDE"), literal("Third Wave LLC", "94105"))));

		assertThat(answer.status()).isEqualTo(207);
		JsonNode body = answer.json();
		assertThat(body.get("success")).extracting((s) -> s.get("index").asInt()).containsExactly(0, 2);
		assertThat(body.get("error")).hasSize(1);
		JsonNode error = body.get("error").get(0);
		assertThat(error.get("index").asInt()).isEqualTo(1);
		assertThat(error.get("errors")).extracting((e) -> e.get("code").stringValue())
			.containsExactlyInAnyOrder("MISSING_BUSINESS_NAME", "INVALID_ZIP_CODE");
		assertThat(error.get("errors")).extracting((e) -> e.get("fieldLocation").stringValue())
			.contains("businessDetails[0].address.zipCode");
		JsonNode created = body.at("/success/0/advertiserAccount");
		assertThat(created.get("advertiserAccountId").stringValue()).startsWith("amzn1.ads-account.g.");
		assertThat(created.at("/status/statusCode").stringValue()).isEqualTo("REGISTRATION_IN_PROGRESS");
		assertThat(created.get("displayName").stringValue()).isEqualTo("First Light Co");
		assertThat(created.at("/businessDetails/0/address/city").stringValue()).isEqualTo("New York");
	}

	@Test
	void aSellingAccountTokenCreatesALinkedAccountThatIsApprovedWithProfiles() {
		JsonNode maple = find(post("/adsApi/v1/query/sellingAccounts", Map.of()).json().get("sellingAccounts"),
				"displayName", "Maple Trail Outfitters Inc.");
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("businessDetails",
				List.of(Map.of("addressToken", maple.at("/business/addresses/0/addressToken").stringValue())));
		item.put("sellingAccountLinkRequests",
				List.of(Map.of("sellingAccountLinkDetails", Map.of("sellingAccountLinkToken",
						maple.get("sellingAccountLinkToken").stringValue(), "sellingProgram", "AMAZON_SELLER"))));
		item.put("currencyCode", "CAD");
		item.put("industryVertical", "Retail Goods & Services");
		item.put("timeZoneIana", "America/Los_Angeles");

		JsonNode created = post("/adsApi/v1/create/advertiserAccounts", Map.of("advertiserAccounts", List.of(item)))
			.json()
			.at("/success/0/advertiserAccount");
		assertThat(created.at("/sellingAccountLinkRequests/0/sellingAccountLinkDetails/linkStatus/statusCode")
			.stringValue()).isEqualTo("IN_PROGRESS");
		String id = created.get("advertiserAccountId").stringValue();

		JsonNode approved = SandboxTestClient.await(() -> queryOne(id),
				(account) -> !account.at("/status/statusCode").stringValue().equals("REGISTRATION_IN_PROGRESS"));

		assertThat(approved.at("/status/statusCode").stringValue()).isEqualTo("APPROVED");
		assertThat(approved.at("/sellingAccountLinkRequests/0/sellingAccountLinkDetails/linkStatus/statusCode")
			.stringValue()).isEqualTo("APPROVED");
		assertThat(approved.get("alternateIds")).extracting((a) -> a.get("countryCode").stringValue())
			.containsExactly("CA", "US");
		JsonNode ca = approved.get("alternateIds").get(0);
		assertThat(ca.get("region").stringValue()).isEqualTo("NA");
		assertThat(ca.get("profileId").isString()).isTrue();
		Exchange profile = this.sandbox.ads("na", "GET", "/v2/profiles/" + ca.get("profileId").stringValue()).send();
		assertThat(profile.status()).isEqualTo(200);
		assertThat(profile.json().at("/accountInfo/id").stringValue()).isEqualTo("A3MAPLETRL6CNQ");
		// The same global account, seen through /adsAccounts.
		Exchange global = this.sandbox.ads("na", "GET", "/adsAccounts/" + id).send();
		assertThat(global.json().at("/adsAccount/status").stringValue()).isEqualTo("CREATED");
	}

	@Test
	void aSellingAccountAlreadyBackingAnAccountCannotBeLinkedAgain() {
		List<JsonNode> sellingAccounts = new ArrayList<>();
		post("/adsApi/v1/query/sellingAccounts", Map.of()).json().get("sellingAccounts").forEach(sellingAccounts::add);
		JsonNode northwind = sellingAccounts.stream()
			.filter((a) -> a.get("displayName").stringValue().equals("Northwind Outdoor Co."))
			.findFirst()
			.orElseThrow();
		JsonNode acme = sellingAccounts.stream()
			.filter((a) -> a.get("displayName").stringValue().equals("Acme Brands Inc."))
			.findFirst()
			.orElseThrow();

		JsonNode answer = post("/adsApi/v1/create/advertiserAccounts",
				Map.of("advertiserAccounts", List.of(linked(northwind), linked(acme))))
			.json();

		assertThat(answer.get("success")).isEmpty();
		assertThat(answer.get("error")).extracting((e) -> e.at("/errors/0/code").stringValue())
			.containsExactly("ACCOUNT_ALREADY_EXISTS_FOR_SELLING_ACCOUNT", "ACCOUNT_ALREADY_EXISTS_FOR_VENDOR");
	}

	@Test
	void documentedTriggersEndRejected() {
		JsonNode grey = find(post("/adsApi/v1/query/sellingAccounts", Map.of()).json().get("sellingAccounts"),
				"displayName", "Grey Market Imports");
		Map<String, Object> unverifiable = literal("Shell Company", "10001");
		unverifiable.put("businessDetails", List
			.of(Map.of("address", address("Shell Company", "10001"), "website", "https://www.shellcompany.invalid")));

		JsonNode success = post("/adsApi/v1/create/advertiserAccounts",
				Map.of("advertiserAccounts", List.of(linked(grey), unverifiable)))
			.json()
			.get("success");

		for (JsonNode created : success) {
			String id = created.at("/advertiserAccount/advertiserAccountId").stringValue();
			JsonNode settled = SandboxTestClient.await(() -> queryOne(id),
					(account) -> !account.at("/status/statusCode").stringValue().equals("REGISTRATION_IN_PROGRESS"));
			assertThat(settled.at("/status/statusCode").stringValue()).isEqualTo("REJECTED");
			assertThat(settled.get("alternateIds")).isEmpty();
		}
		assertThat(success).hasSize(2);
	}

	@Test
	void updatesChangeAttributesAndReportUnknownIdsPerItem() {
		String existing = post("/adsApi/v1/query/advertiserAccounts", Map.of("maxResults", 10)).json()
			.at("/advertiserAccounts/0/advertiserAccountId")
			.stringValue();

		JsonNode answer = post("/adsApi/v1/update/advertiserAccounts",
				Map.of("advertiserAccounts",
						List.of(Map.of("advertiserAccountId", "amzn1.ads-account.g.unknown0000000000000000000"),
								Map.of("advertiserAccountId", existing, "displayName", "Northwind Global",
										"industryVertical", "Travel"),
								Map.of("advertiserAccountId", existing, "isGlobalAccount", false))))
			.json();

		assertThat(answer.get("error")).extracting((e) -> e.get("index").asInt()).containsExactly(0, 2);
		assertThat(answer.at("/error/0/errors/0/code").stringValue()).isEqualTo("NOT_FOUND");
		assertThat(answer.at("/error/1/errors/0/code").stringValue()).isEqualTo("DUPLICATE_RESOURCE_ID_FOUND");
		assertThat(answer.at("/success/0/advertiserAccount/displayName").stringValue()).isEqualTo("Northwind Global");
		assertThat(answer.at("/success/0/advertiserAccount/industryVertical").stringValue()).isEqualTo("Travel");
		assertThat(this.sandbox.ads("na", "GET", "/adsAccounts/" + existing)
			.send()
			.json()
			.at("/adsAccount/accountName")
			.stringValue()).isEqualTo("Northwind Global");

		JsonNode immutable = post("/adsApi/v1/update/advertiserAccounts", Map.of("advertiserAccounts",
				List.of(Map.of("advertiserAccountId", existing, "isGlobalAccount", false))))
			.json();
		assertThat(immutable.at("/error/0/errors/0/code").stringValue()).isEqualTo("FIELD_VALUE_CANNOT_EDIT");
	}

	@Test
	void itemValidationUsesV1ErrorCodes() {
		Map<String, Object> badEnums = literal("Enum Co", "10001");
		badEnums.put("currencyCode", "DOGE");
		badEnums.put("timeZoneIana", "Mars/Olympus");
		Map<String, Object> foreignToken = new LinkedHashMap<>();
		foreignToken.put("businessDetails", List.of(Map.of("addressToken", "adr1.bn5xtre6ozzvt0cf29ouz80acgu4")));
		Map<String, Object> noBusiness = new LinkedHashMap<>();
		noBusiness.put("displayName", "Nothing");
		Map<String, Object> outsideAds = literal("Zurich AG", "8001");
		outsideAds.put("businessDetails", List.of(Map.of("address", Map.of("addressLine1", "Bahnhofstrasse 1",
				"businessName", "Zurich AG", "city", "Zurich", "countryCode", "CH", "zipCode", "8001"))));
		Map<String, Object> manager = literal("Managed Co", "10001");
		manager.put("managerAccountId", "amzn1.ads1.ma1.adsgraphagency0manager0ac");

		JsonNode errors = post("/adsApi/v1/create/advertiserAccounts",
				Map.of("advertiserAccounts", List.of(badEnums, foreignToken, noBusiness, outsideAds, manager)))
			.json()
			.get("error");

		assertThat(errors).hasSize(5);
		assertThat(codes(errors.get(0))).containsExactly("FIELD_VALUE_IS_INVALID", "FIELD_VALUE_IS_INVALID");
		assertThat(codes(errors.get(1))).containsExactly("FIELD_VALUE_NOT_FOUND");
		assertThat(codes(errors.get(2))).containsExactly("FIELD_VALUE_IS_NULL");
		assertThat(codes(errors.get(3))).containsExactly("UNSUPPORTED_MARKETPLACE");
		assertThat(codes(errors.get(4))).containsExactly("ACCESS_DENIED_FOR_MANAGER_ACCOUNT");
	}

	@Test
	void malformedBatchesAre400() {
		List<Object> tooMany = new ArrayList<>();
		for (int i = 0; i < 101; i++) {
			tooMany.add(literal("Bulk " + i, "10001"));
		}
		Exchange empty = post("/adsApi/v1/create/advertiserAccounts", Map.of("advertiserAccounts", List.of()));
		Exchange overfull = post("/adsApi/v1/create/advertiserAccounts", Map.of("advertiserAccounts", tooMany));
		Exchange missing = post("/adsApi/v1/update/advertiserAccounts", Map.of());
		Exchange notJson = this.sandbox.ads("na", "POST", "/adsApi/v1/create/advertiserAccounts")
			.json(JSON, "{oops")
			.send();

		assertThat(empty.json().get("code").stringValue()).isEqualTo("FIELD_SIZE_IS_OUT_OF_RANGE");
		assertThat(overfull.json().get("code").stringValue()).isEqualTo("FIELD_SIZE_IS_OUT_OF_RANGE");
		assertThat(missing.json().get("code").stringValue()).isEqualTo("BAD_REQUEST");
		assertThat(notJson.json().get("code").stringValue()).isEqualTo("BAD_REQUEST");
		for (Exchange answer : new Exchange[] { empty, overfull, missing, notJson }) {
			assertThat(answer.status()).isEqualTo(400);
		}
	}

	@Test
	void queriesPageFilterAndValidate() {
		JsonNode first = post("/adsApi/v1/query/advertiserAccounts", Map.of("maxResults", 50)).json();
		assertThat(first.get("advertiserAccounts")).hasSize(50);
		JsonNode second = post("/adsApi/v1/query/advertiserAccounts",
				Map.of("maxResults", 50, "nextToken", first.get("nextToken").stringValue()))
			.json();
		assertThat(second.get("advertiserAccounts")).hasSize(13);
		assertThat(second.has("nextToken")).isFalse();
		JsonNode account = first.at("/advertiserAccounts/0");
		assertThat(account.at("/status/statusCode").stringValue()).isEqualTo("APPROVED");
		assertThat(account.at("/alternateIds/0/profileId").isString()).isTrue();
		assertThat(account.at("/businessDetails/0/addressToken").stringValue()).startsWith("adr1.");

		String id = account.get("advertiserAccountId").stringValue();
		assertThat(post("/adsApi/v1/query/advertiserAccounts",
				Map.of("advertiserAccountIdFilter", Map.of("include", List.of(id))))
			.json()
			.get("advertiserAccounts")).hasSize(1);
		assertThat(post("/adsApi/v1/query/advertiserAccounts",
				Map.of("isGlobalAccountFilter", Map.of("include", List.of(false))))
			.json()
			.get("advertiserAccounts")).isEmpty();

		Exchange tooSmall = post("/adsApi/v1/query/advertiserAccounts", Map.of("maxResults", 5));
		Exchange twoFlags = post("/adsApi/v1/query/advertiserAccounts",
				Map.of("isGlobalAccountFilter", Map.of("include", List.of(true, false))));
		Exchange otherFilters = post("/adsApi/v1/query/advertiserAccounts", Map.of("nextToken",
				first.get("nextToken").stringValue(), "isGlobalAccountFilter", Map.of("include", List.of(true))));
		assertThat(tooSmall.json().get("code").stringValue()).isEqualTo("FIELD_VALUE_IS_OUT_OF_RANGE");
		assertThat(twoFlags.json().get("code").stringValue()).isEqualTo("FIELD_SIZE_IS_OUT_OF_RANGE");
		assertThat(otherFilters.json().get("code").stringValue()).isEqualTo("FIELD_VALUE_IS_INVALID");
	}

	private Exchange post(String path, Object body) {
		return this.sandbox.ads("na", "POST", path).json(JSON, body).send();
	}

	private JsonNode queryOne(String advertiserAccountId) {
		return post("/adsApi/v1/query/advertiserAccounts",
				Map.of("advertiserAccountIdFilter", Map.of("include", List.of(advertiserAccountId))))
			.json()
			.at("/advertiserAccounts/0");
	}

	private static Map<String, Object> address(String businessName, String zipCode) {
		Map<String, Object> address = new LinkedHashMap<>();
		address.put("addressLine1", "450 W 33rd St.");
		address.put("businessName", businessName);
		address.put("city", "New York");
		address.put("state", "NY");
		address.put("zipCode", zipCode);
		address.put("countryCode", "US");
		return address;
	}

	private static Map<String, Object> literal(String businessName, String zipCode) {
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("businessDetails", List.of(Map.of("address", address(businessName, zipCode))));
		if (!businessName.isEmpty()) {
			item.put("displayName", businessName);
		}
		return item;
	}

	private static Map<String, Object> linked(JsonNode sellingAccount) {
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("businessDetails",
				List.of(Map.of("addressToken", sellingAccount.at("/business/addresses/0/addressToken").stringValue())));
		item.put("sellingAccountLinkRequests", List.of(Map.of("sellingAccountLinkDetails",
				Map.of("sellingAccountLinkToken", sellingAccount.get("sellingAccountLinkToken").stringValue()))));
		return item;
	}

	private static JsonNode find(JsonNode items, String field, String value) {
		for (JsonNode item : items) {
			if (item.get(field).stringValue().equals(value)) {
				return item;
			}
		}
		throw new AssertionError("no item with " + field + "=" + value);
	}

	private static List<String> codes(JsonNode error) {
		List<String> codes = new ArrayList<>();
		error.get("errors").forEach((e) -> codes.add(e.get("code").stringValue()));
		return codes;
	}

}
