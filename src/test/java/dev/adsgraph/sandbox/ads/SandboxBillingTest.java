package dev.adsgraph.sandbox.ads;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.SandboxTestClient;
import dev.adsgraph.sandbox.SandboxTestClient.Exchange;

import static dev.adsgraph.sandbox.SandboxContracts.assertValid;
import static dev.adsgraph.sandbox.SandboxContracts.assertValidResponse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox's billing family over real HTTP, every answer checked against Amazon's
 * AdvertisingBilling_prod_3p.json: statuses and notifications per item at its index,
 * billing missing for a new account until its billing page is completed, invoices for
 * accounts with billing, and the errors in the family's own shapes.
 */
class SandboxBillingTest {

	static final String STATUS_REQUEST = "application/vnd.bulkgetbillingstatusrequestbody.v1+json";

	static final String STATUS_RESPONSE = "application/vnd.bulkgetbillingstatusresponse.v1+json";

	static final String NOTIFICATIONS_REQUEST = "application/vnd.billingnotifications.v1+json";

	static final String NOTIFICATIONS_RESPONSE = "application/vnd.bulkgetbillingnotificationsresponse.v1+json";

	static final String INVOICES = "application/vnd.invoices.v1.1+json";

	static final String INVOICE = "application/vnd.invoice.v1.1+json";

	static final String PAYMENT_METHODS = "application/vnd.paymentmethods.v1+json";

	private final SandboxTestClient sandbox = SandboxTestClient.start();

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	@Test
	void demoAccountsHaveBillingSetUpAndEachItemIsAnsweredAtItsIndex() {
		JsonNode northwind = account("na", "Northwind Outdoor Co.");
		JsonNode acme = account("na", "Acme Brands Inc.");
		List<Map<String, String>> items = new ArrayList<>(items(northwind));
		items.add(items(acme).get(0));
		items.add(Map.of("advertiserId", "ENTITYNOSUCHTHING", "marketplaceId", "ATVPDKIKX0DER"));
		Exchange statuses = statuses("na", items);
		assertThat(statuses.status()).isEqualTo(200);
		assertThat(statuses.header("Content-Type")).isEqualTo(STATUS_RESPONSE);
		assertValid(statuses);
		int northwindCountries = items(northwind).size();
		assertThat(statuses.json().get("success")).hasSize(northwindCountries)
			.allSatisfy((success) -> assertThat(success.at("/billingStatus/billingStatusCode").stringValue())
				.isEqualTo("VALID_BILLING_STATUS"));
		JsonNode errors = statuses.json().get("error");
		assertThat(errors).hasSize(2);
		assertThat(errors.get(0).get("index").asInt()).isEqualTo(northwindCountries);
		assertThat(errors.get(0).get("errorCode").stringValue()).isEqualTo("NOT_AUTHORIZED");
		assertThat(errors.get(1).get("index").asInt()).isEqualTo(northwindCountries + 1);
		assertThat(errors.get(1).get("errorCode").stringValue()).isEqualTo("NOT_FOUND");

		// Billing is regional: another region's host does not know a US advertiser.
		Exchange elsewhere = statuses("eu", items(northwind).subList(0, 1));
		assertValid(elsewhere);
		assertThat(elsewhere.json().at("/error/0/errorCode").stringValue()).isEqualTo("NOT_FOUND");

		Exchange notifications = notifications("na", items);
		assertThat(notifications.header("Content-Type")).isEqualTo(NOTIFICATIONS_RESPONSE);
		assertValid(notifications);
		assertThat(notifications.json().get("success"))
			.allSatisfy((success) -> assertThat(success.get("billingNotifications")).isEmpty());
		assertThat(notifications.json().get("error")).hasSize(2);
	}

	@Test
	void aNewAccountHasBillingMissingUntilItsBillingPageIsCompleted() {
		Exchange registered = this.sandbox.ads("na", "POST", "/adsAccounts")
			.json(SandboxTestClient.ACCOUNTS_V2,
					Map.of("associations",
							List.of(Map.of("amazonSeller", Map.of("sellerCentralAccount", "A3MAPLETRL6CNQ")))))
			.send();
		assertThat(registered.status()).isEqualTo(201);
		String id = registered.json().at("/adsAccount/adsAccountId").stringValue();
		assertThat(this.sandbox.raw("POST", "/sandbox/adsAccounts/" + id + "/settle").send().status()).isEqualTo(200);
		JsonNode account = this.sandbox.ads("na", "GET", "/adsAccounts/" + id).send().json().get("adsAccount");
		List<Map<String, String>> items = items(account);
		assertThat(items).hasSize(2);

		Exchange missing = statuses("na", items);
		assertValid(missing);
		assertThat(missing.json().get("success")).hasSize(2)
			.allSatisfy((success) -> assertThat(success.at("/billingStatus/billingStatusCode").stringValue())
				.isEqualTo("PENDING_BILLING_REGISTRATION"));
		Exchange notified = notifications("na", items);
		assertValid(notified);
		assertThat(notified.json().at("/success/0/billingNotifications"))
			.extracting((n) -> n.get("notificationName").stringValue())
			.containsExactly("BILLING_ADDRESS_REGISTRATION_NOT_FOUND", "PENDING_PAYMENT_REGISTRATION");
		Exchange noInvoices = invoices("na", profileOf(account, "US"), "");
		assertValid(noInvoices);
		assertThat(noInvoices.json().get("invoiceSummaries")).isEmpty();
		Exchange noMethods = paymentMethods("na", id, "AUTO_PAY");
		assertThat(noMethods.status()).isEqualTo(200);
		assertThat(noMethods.header("Content-Type")).isEqualTo(PAYMENT_METHODS);
		assertValid(noMethods);
		assertThat(noMethods.json().get("creditCardPaymentMethods")).isEmpty();

		Exchange page = this.sandbox.raw("GET", "/sandbox/billing/setup?adsAccountId=" + id).send();
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains(">MISSING<", "<form method=\"post\"");
		Exchange completed = this.sandbox.raw("POST", "/sandbox/billing/setup?adsAccountId=" + id)
			.body("application/x-www-form-urlencoded", "")
			.send();
		assertThat(completed.status()).isEqualTo(200);
		assertThat(completed.body()).contains(">SET_UP<").doesNotContain("<form");

		Exchange valid = statuses("na", items);
		assertValid(valid);
		assertThat(valid.json().get("success"))
			.allSatisfy((success) -> assertThat(success.at("/billingStatus/billingStatusCode").stringValue())
				.isEqualTo("VALID_BILLING_STATUS"));
		assertThat(notifications("na", items).json().at("/success/0/billingNotifications")).isEmpty();
		Exchange methods = paymentMethods("na", id, "AUTO_PAY");
		assertValid(methods);
		assertThat(methods.json().get("creditCardPaymentMethods")).singleElement().satisfies((card) -> {
			assertThat(card.get("type").stringValue()).isEqualTo("CREDIT_CARD");
			assertThat(card.get("eligibleCountries")).extracting(JsonNode::stringValue)
				.containsExactlyInAnyOrder("US", "CA");
		});

		assertThat(this.sandbox.raw("GET", "/sandbox/billing/setup?adsAccountId=amzn1.ads-account.g.nosuchaccount")
			.send()
			.status()).isEqualTo(404);
	}

	@Test
	void invoicesArePagedWithACursorAndFilteredByStatus() {
		JsonNode northwind = account("na", "Northwind Outdoor Co.");
		String profile = profileOf(northwind, "US");
		Exchange all = invoices("na", profile, "");
		assertThat(all.status()).isEqualTo(200);
		assertThat(all.header("Content-Type")).isEqualTo(INVOICES);
		assertValid(all);
		assertThat(all.json().get("invoiceSummaries")).extracting((i) -> i.get("status").stringValue())
			.containsExactly("ISSUED", "PAID_IN_FULL", "PAID_IN_FULL");
		assertThat(all.json().has("nextCursor")).isFalse();

		Exchange first = invoices("na", profile, "?count=2");
		assertValid(first);
		assertThat(first.json().get("invoiceSummaries")).hasSize(2);
		Exchange rest = invoices("na", profile, "?cursor=" + first.json().get("nextCursor").stringValue());
		assertValid(rest);
		assertThat(rest.json().get("invoiceSummaries")).hasSize(1);

		Exchange paid = invoices("na", profile, "?invoiceStatuses=PAID_IN_FULL,WRITTEN_OFF");
		assertValid(paid);
		assertThat(paid.json().get("invoiceSummaries")).hasSize(2);
	}

	@Test
	void anInvoicesDetailsCarryTheListedSummaryAndAnUnknownIdIsNotFound() {
		String profile = profileOf(account("na", "Northwind Outdoor Co."), "US");
		Exchange listed = invoices("na", profile, "");
		for (JsonNode summary : listed.json().get("invoiceSummaries")) {
			Exchange detail = invoice("na", profile, summary.get("id").stringValue());
			assertThat(detail.status()).isEqualTo(200);
			assertThat(detail.header("Content-Type")).isEqualTo(INVOICE);
			assertValid(detail);
			assertThat(detail.json().get("invoiceSummary")).isEqualTo(summary);
		}
		Exchange unknown = invoice("na", profile, "INV-NOSUCHINVOICE");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.json().get("message").stringValue()).isNotBlank();
		// Another profile's invoice is not this profile's.
		String canada = profileOf(account("na", "Northwind Outdoor Co."), "CA");
		assertThat(invoice("na", canada, listed.json().at("/invoiceSummaries/0/id").stringValue()).status())
			.isEqualTo(404);
		assertThat(invoice("na", profileOf(account("na", "Acme Brands Inc."), "US"), "INV-1").status()).isEqualTo(403);
	}

	@Test
	void demoAccountsHaveACardAndBadPaymentMethodRequestsAreAdPaymentsErrors() {
		JsonNode northwind = account("na", "Northwind Outdoor Co.");
		Exchange methods = paymentMethods("na", northwind.get("adsAccountId").stringValue(), "PAY_NOW");
		assertThat(methods.status()).isEqualTo(200);
		assertValid(methods);
		assertThat(methods.json().get("creditCardPaymentMethods")).singleElement()
			.satisfies((card) -> assertThat(card.get("eligibleCountries")).extracting(JsonNode::stringValue)
				.containsExactly("US", "CA", "MX"));

		Exchange noCriteria = paymentMethods("na", northwind.get("adsAccountId").stringValue(), null);
		assertThat(noCriteria.status()).isEqualTo(400);
		assertThat(noCriteria.json().get("code").stringValue()).isEqualTo("BAD_REQUEST");
		assertThat(noCriteria.json().get("details").stringValue()).contains("criteriaType");
		assertValidResponse(noCriteria);
		Exchange unknown = paymentMethods("na", "amzn1.ads-account.g.nosuchaccount", "AUTO_PAY");
		assertThat(unknown.status()).isEqualTo(400);
		assertValidResponse(unknown);
		assertThat(paymentMethods("na", account("na", "Acme Brands Inc.").get("adsAccountId").stringValue(), "AUTO_PAY")
			.status()).isEqualTo(403);
	}

	@Test
	void badRequestsAreAnsweredInTheFamilysOwnErrorShapes() {
		Exchange empty = statuses("na", List.of());
		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.json().has("message")).isTrue();
		assertValidResponse(empty);
		List<Map<String, String>> tooMany = new ArrayList<>();
		for (int i = 0; i < 31; i++) {
			tooMany.add(Map.of("advertiserId", "ENTITY" + i, "marketplaceId", "ATVPDKIKX0DER"));
		}
		Exchange over = statuses("na", tooMany);
		assertThat(over.status()).isEqualTo(400);
		assertValidResponse(over);
		Exchange badLocale = this.sandbox.ads("na", "POST", "/billing/statuses")
			.json(STATUS_REQUEST, Map.of("advertiserMarketplaces", tooMany.subList(0, 1), "locale", "xx_XX"))
			.send();
		assertThat(badLocale.status()).isEqualTo(400);

		Exchange notificationsError = notifications("na", List.of());
		assertThat(notificationsError.status()).isEqualTo(400);
		assertThat(notificationsError.json().get("code").stringValue()).isEqualTo("BAD_REQUEST");
		assertThat(notificationsError.json().has("message")).isTrue();
		assertValidResponse(notificationsError);

		assertThat(invoices("na", "1", "").status()).isEqualTo(404);
		assertThat(invoices("na", profileOf(account("na", "Northwind Outdoor Co."), "US"), "?invoiceStatuses=OPEN")
			.status()).isEqualTo(400);
		assertThat(this.sandbox.ads("na", "GET", "/invoices").header("Accept", INVOICES).send().status())
			.isEqualTo(400);
		// The vendor account whose billing belongs to someone else: its invoices are
		// forbidden.
		assertThat(invoices("na", profileOf(account("na", "Acme Brands Inc."), "US"), "").status()).isEqualTo(403);
	}

	private Exchange statuses(String region, List<Map<String, String>> items) {
		return this.sandbox.ads(region, "POST", "/billing/statuses")
			.header("Accept", STATUS_RESPONSE)
			.json(STATUS_REQUEST, Map.of("advertiserMarketplaces", items))
			.send();
	}

	private Exchange notifications(String region, List<Map<String, String>> items) {
		return this.sandbox.ads(region, "POST", "/billing/notifications")
			.header("Accept", NOTIFICATIONS_RESPONSE)
			.json(NOTIFICATIONS_REQUEST, Map.of("advertiserMarketplaces", items))
			.send();
	}

	private Exchange invoices(String region, String profileId, String query) {
		return this.sandbox.ads(region, "GET", "/invoices" + query)
			.header("Accept", INVOICES)
			.header("Amazon-Advertising-API-Scope", profileId)
			.send();
	}

	private Exchange invoice(String region, String profileId, String invoiceId) {
		return this.sandbox.ads(region, "GET", "/invoices/" + invoiceId)
			.header("Accept", INVOICE)
			.header("Amazon-Advertising-API-Scope", profileId)
			.send();
	}

	private Exchange paymentMethods(String region, String adsAccountId, String criteriaType) {
		return this.sandbox
			.ads(region, "POST",
					"/billing/paymentMethods/list" + ((criteriaType != null) ? "?criteriaType=" + criteriaType : ""))
			.header("Accept", PAYMENT_METHODS)
			.header("Amazon-Ads-AccountId", adsAccountId)
			.send();
	}

	/** An account of the demo user by name, from ListAdsAccounts. */
	private JsonNode account(String region, String name) {
		String token = null;
		do {
			Map<String, Object> body = (token != null) ? Map.of("nextToken", token) : Map.of();
			JsonNode page = this.sandbox.ads(region, "POST", "/adsAccounts/list")
				.json(SandboxTestClient.LIST_ACCOUNTS, body)
				.send()
				.json();
			for (JsonNode account : page.get("adsAccounts")) {
				if (name.equals(account.get("accountName").stringValue())) {
					return account;
				}
			}
			token = page.has("nextToken") && !page.get("nextToken").isNull() ? page.get("nextToken").stringValue()
					: null;
		}
		while (token != null);
		throw new AssertionError("no account named " + name);
	}

	/** The account's countries in the NA region as advertiserMarketplace items. */
	private static List<Map<String, String>> items(JsonNode account) {
		List<Map<String, String>> items = new ArrayList<>();
		for (JsonNode id : account.get("alternateIds")) {
			String country = id.get("countryCode").stringValue();
			String marketplace = switch (country) {
				case "US" -> "ATVPDKIKX0DER";
				case "CA" -> "A2EUQ1WTGCTBG2";
				case "MX" -> "A1AM78C64UM0Y8";
				default -> null;
			};
			if (marketplace != null && id.has("entityId") && !id.get("entityId").isNull()) {
				items.add(Map.of("advertiserId", id.get("entityId").stringValue(), "marketplaceId", marketplace));
			}
		}
		return items;
	}

	private static String profileOf(JsonNode account, String country) {
		for (JsonNode id : account.get("alternateIds")) {
			if (country.equals(id.get("countryCode").stringValue()) && id.has("profileId")
					&& !id.get("profileId").isNull()) {
				return id.get("profileId").asString();
			}
		}
		throw new AssertionError("no profile in " + country);
	}

}
