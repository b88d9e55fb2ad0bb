package dev.adsgraph.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import org.springframework.graphql.ResponseError;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.SubscriptionErrorException;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static dev.adsgraph.e2e.GatewayClient.at;
import static dev.adsgraph.e2e.SubscriptionsTest.eventuallyWithin;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Billing end to end (issue 18): a newly registered account has billing missing, with
 * Amazon's notifications and the setup link; the user completes the sandbox's billing
 * page over HTTP; the {@code billingStatus} subscription sees the change and completes,
 * and the account reads as set up. The demo accounts have billing set up and invoices.
 *
 * <p>
 * The new account is a business's: every seller the sandbox can register is registered by
 * other classes sharing this sandbox, and a seller backs one ads account only.
 */
class BillingTest extends SandboxGatewayTest {

	private static final String REGISTER = """
			mutation($input: RegisterAdsAccountInput!) {
			  registerAdsAccount(input: $input) { adsAccount { id status } userErrors { code message } } }""";

	private static final String BILLING = """
			query($id: ID!) { adsAccount(id: $id) { id status billing { setUp setupUrl countries { countryCode
			  marketplaceId setUp status message error { code message } notifications { name title description
			  severity impact priority } } } } }""";

	private static final String INVOICES = """
			query($id: ID!, $c: CountryCode!, $s: [InvoiceStatus!], $f: Int, $a: String) { adsAccount(id: $id) {
			  invoices(countryCode: $c, statuses: $s, first: $f, after: $a) { nodes { id status fromDate toDate
			  invoiceDate dueDate amountDue { amount currencyCode } remainingAmountDue { amount currencyCode } }
			  pageInfo { hasNextPage endCursor } } } }""";

	private static final String INVOICE = """
			query($id: ID!, $c: CountryCode!, $i: ID!) { adsAccount(id: $id) { invoice(countryCode: $c, id: $i) {
			  id status fromDate toDate invoiceDate dueDate amountDue { amount currencyCode }
			  remainingAmountDue { amount currencyCode } } } }""";

	private static final String PAYMENT_METHODS = """
			query($id: ID!) { adsAccount(id: $id) { paymentMethods { type instrumentId brand tail expiryMonth
			  expiryYear eligibleCountries } } }""";

	private static final String ALL_BILLING = """
			{ adsAccounts(first: 100) { nodes { id name billing { setUp countries { countryCode setUp status
			  error { code } } } } } }""";

	private static final String SUBSCRIBE = """
			subscription($id: ID!) { billingStatus(adsAccountId: $id) { adsAccountId setUp terminal
			  billing { setUp countries { countryCode status notifications { name } } } } }""";

	private final List<WebSocketGraphQlClient> sockets = new ArrayList<>();

	@AfterEach
	void disconnect() {
		this.sockets.forEach((socket) -> socket.stop().block(Duration.ofSeconds(10)));
	}

	@Test
	void aNewAccountHasBillingMissingUntilItsUserCompletesTheBillingPage() {
		String id = createdBusinessAccount();

		Map<String, Object> missing = this.client.graphql(BILLING, Map.of("id", id));
		assertNoErrors(missing);
		Map<String, Object> billing = at(missing, "data.adsAccount.billing");
		assertThat(billing).containsEntry("setUp", false);
		String setupUrl = (String) billing.get("setupUrl");
		assertThat(setupUrl).isEqualTo(this.sandboxUrl + "/sandbox/billing/setup?adsAccountId=" + id);
		List<Map<String, Object>> countries = at(billing, "countries");
		assertThat(countries).singleElement().satisfies((us) -> {
			assertThat(us).containsEntry("countryCode", "US")
				.containsEntry("marketplaceId", "ATVPDKIKX0DER")
				.containsEntry("setUp", false)
				.containsEntry("status", "PENDING_BILLING_REGISTRATION")
				.containsEntry("error", null);
			List<Map<String, Object>> notifications = at(us, "notifications");
			assertThat(notifications).extracting((n) -> n.get("name"))
				.containsExactly("BILLING_ADDRESS_REGISTRATION_NOT_FOUND", "PENDING_PAYMENT_REGISTRATION");
			assertThat(notifications).allSatisfy((n) -> assertThat(n).containsEntry("severity", "ALERT")
				.containsEntry("impact", "CAMPAIGNS_SUSPENDED"));
		});
		// No invoices before billing exists.
		Map<String, Object> none = this.client.graphql(INVOICES, Map.of("id", id, "c", "US"));
		assertNoErrors(none);
		assertThat((List<?>) at(none, "data.adsAccount.invoices.nodes")).isEmpty();
		// No payment method before billing exists.
		Map<String, Object> noMethods = this.client.graphql(PAYMENT_METHODS, Map.of("id", id));
		assertNoErrors(noMethods);
		assertThat((List<?>) at(noMethods, "data.adsAccount.paymentMethods")).isEmpty();

		Events events = subscribe(id);
		eventually(() -> events.received.size(), (size) -> size >= 1);
		assertThat(events.data()).first()
			.satisfies((first) -> assertThat(first).containsEntry("setUp", false).containsEntry("terminal", false));

		// The user follows the link: the page shows billing missing, and its form
		// completes
		// it.
		GatewayClient.Raw page = this.client.get(setupUrl);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("<strong id=\"status\">MISSING</strong>", "<form method=\"post\"");
		GatewayClient.Raw completed = this.client.postForm(setupUrl, Map.of());
		assertThat(completed.status()).isEqualTo(200);
		assertThat(completed.body()).contains("<strong id=\"status\">SET_UP</strong>");

		eventuallyWithin(Duration.ofSeconds(30), () -> events, Events::ended);
		assertThat(events.error.get()).isNull();
		Map<String, Object> last = events.data().get(events.data().size() - 1);
		assertThat(last).containsEntry("adsAccountId", id).containsEntry("setUp", true).containsEntry("terminal", true);
		assertThat((List<Map<String, Object>>) at(last, "billing.countries")).singleElement()
			.satisfies((us) -> assertThat(us).containsEntry("status", "VALID_BILLING_STATUS")
				.containsEntry("notifications", List.of()));

		// The subscription's fresh read dropped the cached state: the query sees it at
		// once.
		Map<String, Object> setUp = this.client.graphql(BILLING, Map.of("id", id));
		assertNoErrors(setUp);
		assertThat((Object) at(setUp, "data.adsAccount.billing.setUp")).isEqualTo(true);
		assertThat((List<?>) at(setUp, "data.adsAccount.billing.countries.0.notifications")).isEmpty();
		// The billing page added a card; the subscription dropped the cached empty list.
		Map<String, Object> methods = this.client.graphql(PAYMENT_METHODS, Map.of("id", id));
		assertNoErrors(methods);
		assertThat((List<Map<String, Object>>) at(methods, "data.adsAccount.paymentMethods")).singleElement()
			.satisfies((card) -> {
				assertThat(card).containsEntry("type", "CREDIT_CARD").containsEntry("eligibleCountries", List.of("US"));
				assertThat((String) card.get("tail")).matches("\\d{4}");
			});
	}

	@Test
	void anInvoiceReadByIdIsTheListedOneAndAnUnknownIdIsNotFound() {
		String northwind = (String) named(at(this.client.graphql(ALL_BILLING), "data.adsAccounts.nodes"),
				"Northwind Outdoor Co.")
			.get("id");
		Map<String, Object> listed = this.client.graphql(INVOICES, Map.of("id", northwind, "c", "US"));
		assertNoErrors(listed);
		List<Map<String, Object>> invoices = at(listed, "data.adsAccount.invoices.nodes");
		assertThat(invoices).hasSize(3);
		for (Map<String, Object> invoice : invoices) {
			Map<String, Object> read = this.client.graphql(INVOICE,
					Map.of("id", northwind, "c", "US", "i", invoice.get("id")));
			assertNoErrors(read);
			assertThat((Map<String, Object>) at(read, "data.adsAccount.invoice")).isEqualTo(invoice);
		}
		Map<String, Object> unknown = this.client.graphql(INVOICE,
				Map.of("id", northwind, "c", "US", "i", "INV-NOSUCHINVOICE"));
		assertThat(errorCode(unknown)).isEqualTo("NOT_FOUND");
		assertThat((String) at(errors(unknown).get(0), "message")).contains("INV-NOSUCHINVOICE", "US");
		assertThat((Object) at(unknown, "data.adsAccount.invoice")).isNull();
		// Another country's profile has its own invoices: a US invoice is not Canada's.
		assertThat(errorCode(
				this.client.graphql(INVOICE, Map.of("id", northwind, "c", "CA", "i", invoices.get(0).get("id")))))
			.isEqualTo("NOT_FOUND");

		Map<String, Object> methods = this.client.graphql(PAYMENT_METHODS, Map.of("id", northwind));
		assertNoErrors(methods);
		assertThat((List<Map<String, Object>>) at(methods, "data.adsAccount.paymentMethods")).singleElement()
			.satisfies((card) -> assertThat(card).containsEntry("type", "CREDIT_CARD")
				.containsEntry("brand", "Visa")
				.containsEntry("eligibleCountries", List.of("US", "CA", "MX")));
	}

	@Test
	void theDemoAccountsHaveBillingSetUpExceptWhereItBelongsToSomeoneElseAskedInFewCalls() {
		this.client.resetSandboxStats();
		Map<String, Object> answer = this.client.graphql(ALL_BILLING);
		assertNoErrors(answer);
		List<Map<String, Object>> accounts = at(answer, "data.adsAccounts.nodes");
		Map<String, Object> northwind = named(accounts, "Northwind Outdoor Co.");
		assertThat((Object) at(northwind, "billing.setUp")).isEqualTo(true);
		assertThat((List<Map<String, Object>>) at(northwind, "billing.countries"))
			.extracting((c) -> c.get("countryCode"), (c) -> c.get("status"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple("US", "VALID_BILLING_STATUS"),
					org.assertj.core.groups.Tuple.tuple("CA", "VALID_BILLING_STATUS"),
					org.assertj.core.groups.Tuple.tuple("MX", "VALID_BILLING_STATUS"));
		// Acme's billing belongs to someone else: Amazon refuses each country, the
		// account
		// is not set up.
		Map<String, Object> acme = named(accounts, "Acme Brands Inc.");
		assertThat((Object) at(acme, "billing.setUp")).isEqualTo(false);
		assertThat((List<Map<String, Object>>) at(acme, "billing.countries")).isNotEmpty()
			.allSatisfy((c) -> assertThat((Object) at(c, "error.code")).isEqualTo("NOT_AUTHORIZED"));

		// One batch for the whole page: per region, at most one call per 30 countries
		// (fewer when some were cached), and the notifications alongside.
		Map<String, Long> stats = this.client.sandboxStats();
		long countries = accounts.stream().mapToLong((a) -> ((List<?>) at(a, "billing.countries")).size()).sum();
		long statusCalls = stats.entrySet()
			.stream()
			.filter((e) -> e.getKey().endsWith(".bulkGetBillingStatus"))
			.mapToLong(Map.Entry::getValue)
			.sum();
		long notificationCalls = stats.entrySet()
			.stream()
			.filter((e) -> e.getKey().endsWith(".bulkGetBillingNotifications"))
			.mapToLong(Map.Entry::getValue)
			.sum();
		assertThat(countries).isGreaterThan(60);
		assertThat(statusCalls).isLessThanOrEqualTo(3 + countries / 30).isEqualTo(notificationCalls);
	}

	@Test
	void aDemoAccountsInvoicesArePagedAndFiltered() {
		String northwind = (String) named(at(this.client.graphql(ALL_BILLING), "data.adsAccounts.nodes"),
				"Northwind Outdoor Co.")
			.get("id");
		Map<String, Object> first = this.client.graphql(INVOICES, Map.of("id", northwind, "c", "US", "f", 2));
		assertNoErrors(first);
		List<Map<String, Object>> page = at(first, "data.adsAccount.invoices.nodes");
		assertThat(page).hasSize(2);
		assertThat(page.get(0)).containsEntry("status", "ISSUED");
		assertThat((Object) at(page.get(0), "amountDue.currencyCode")).isEqualTo("USD");
		assertThat((Object) at(page.get(0), "remainingAmountDue.amount"))
			.isEqualTo(at(page.get(0), "amountDue.amount"));
		assertThat((String) page.get(0).get("fromDate")).matches("\\d{4}-\\d{2}-01");
		assertThat((Object) at(first, "data.adsAccount.invoices.pageInfo.hasNextPage")).isEqualTo(true);

		Map<String, Object> rest = this.client.graphql(INVOICES, Map.of("id", northwind, "c", "US", "f", 2, "a",
				at(first, "data.adsAccount.invoices.pageInfo.endCursor")));
		assertNoErrors(rest);
		List<Map<String, Object>> second = at(rest, "data.adsAccount.invoices.nodes");
		assertThat(second).singleElement().satisfies((i) -> assertThat(i).containsEntry("status", "PAID_IN_FULL"));
		assertThat((Object) at(rest, "data.adsAccount.invoices.pageInfo.hasNextPage")).isEqualTo(false);

		Map<String, Object> issued = this.client.graphql(INVOICES,
				Map.of("id", northwind, "c", "US", "s", List.of("ISSUED")));
		assertNoErrors(issued);
		assertThat((List<Map<String, Object>>) at(issued, "data.adsAccount.invoices.nodes")).singleElement()
			.satisfies((i) -> assertThat(i).containsEntry("status", "ISSUED"));
	}

	@Test
	void badInputsAreClearErrorsThatCallNoBillingOperation() {
		String northwind = (String) named(at(this.client.graphql(ALL_BILLING), "data.adsAccounts.nodes"),
				"Northwind Outdoor Co.")
			.get("id");
		this.client.resetSandboxStats();

		Map<String, Object> unknown = this.client.graphql(BILLING, Map.of("id", "amzn1.ads-account.g.nosuchaccount"));
		assertThat(errorCode(unknown)).isEqualTo("NOT_FOUND");
		Map<String, Object> malformed = this.client.graphql(BILLING, Map.of("id", "not an id!"));
		assertThat(errorCode(malformed)).isEqualTo("BAD_USER_INPUT");
		Map<String, Object> noProfile = this.client.graphql(INVOICES, Map.of("id", northwind, "c", "JP"));
		assertThat(errorCode(noProfile)).isEqualTo("NOT_FOUND");
		assertThat((String) at(errors(noProfile).get(0), "message")).contains("JP");
		Map<String, Object> unfilterable = this.client.graphql(INVOICES,
				Map.of("id", northwind, "c", "US", "s", List.of("ACCUMULATING")));
		assertThat(errorCode(unfilterable)).isEqualTo("BAD_USER_INPUT");
		assertThat(this.client.sandboxStats().keySet())
			.noneMatch((operation) -> operation.endsWith("Billing" + "Status") || operation.endsWith("Invoices"));

		Events unknownSubscription = subscribe("amzn1.ads-account.g.nosuchaccount");
		eventuallyWithin(Duration.ofSeconds(30), () -> unknownSubscription, Events::ended);
		assertThat(unknownSubscription.received).isEmpty();
		List<ResponseError> notFound = ((SubscriptionErrorException) unknownSubscription.error.get()).getErrors();
		assertThat(notFound.get(0).getExtensions()).containsEntry("code", "NOT_FOUND");
		Events badSubscription = subscribe("not an id!");
		eventuallyWithin(Duration.ofSeconds(30), () -> badSubscription, Events::ended);
		ResponseError badId = ((SubscriptionErrorException) badSubscription.error.get()).getErrors().get(0);
		assertThat(badId.getExtensions()).containsEntry("code", "BAD_USER_INPUT");
		assertThat(badId.getMessage()).contains("adsAccountId");
	}

	/**
	 * Registers a business (accepted terms), settles it at once and waits for CREATED.
	 */
	private String createdBusinessAccount() {
		String token = at(this.client.graphql("mutation { createTermsToken { termsToken { token } } }"),
				"data.createTermsToken.termsToken.token");
		this.client.acceptTerms(token);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		Map<String, Object> registered = this.client.graphql(REGISTER,
				Map.of("input", Map.of("termsToken", token, "association",
						Map.of("business", Map.of("name", "Fernway Garden Supply " + suffix, "phone", "+1 206 555 0142",
								"addressLine1", "12 Fern Way", "city", "Seattle", "state", "WA", "zipCode", "98101",
								"countryCode", "US", "websiteUrl", "https://www.fernway-garden.example")))));
		assertNoErrors(registered);
		assertThat((List<?>) at(registered, "data.registerAdsAccount.userErrors")).isEmpty();
		String id = at(registered, "data.registerAdsAccount.adsAccount.id");
		this.client.settleRegistration(id);
		eventually(() -> this.client.graphql("query($id: ID!) { adsAccount(id: $id) { status } }", Map.of("id", id)),
				(a) -> "CREATED".equals(at(a, "data.adsAccount.status")));
		return id;
	}

	private static Map<String, Object> named(List<Map<String, Object>> accounts, String name) {
		return accounts.stream()
			.filter((a) -> name.equals(a.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no account named " + name));
	}

	private Events subscribe(String adsAccountId) {
		WebSocketGraphQlClient socket = WebSocketGraphQlClient
			.builder("ws://127.0.0.1:" + this.port + "/graphql-ws", new ReactorNettyWebSocketClient())
			.header("X-Api-Key", GatewayClient.DEMO_KEY)
			.build();
		this.sockets.add(socket);
		Events events = new Events();
		events.subscription = socket.document(SUBSCRIBE)
			.variables(Map.of("id", adsAccountId))
			.executeSubscription()
			.subscribe(events.received::add, events.error::set, () -> events.completed.set(true));
		return events;
	}

	static final class Events {

		final List<ClientGraphQlResponse> received = new CopyOnWriteArrayList<>();

		final AtomicReference<Throwable> error = new AtomicReference<>();

		final AtomicBoolean completed = new AtomicBoolean();

		Disposable subscription;

		boolean ended() {
			return this.completed.get() || this.error.get() != null;
		}

		List<Map<String, Object>> data() {
			return this.received.stream()
				.map((r) -> r.<Map<String, Object>>getData())
				.map((d) -> GatewayClient.<Map<String, Object>>at(d, "billingStatus"))
				.toList();
		}

		@Override
		public String toString() {
			return "Events[" + this.received.size() + " received, completed " + this.completed.get() + ", error "
					+ this.error.get() + "]";
		}

	}

}
