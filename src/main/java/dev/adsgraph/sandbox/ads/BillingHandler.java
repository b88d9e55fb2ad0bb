package dev.adsgraph.sandbox.ads;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.ads.AdsGate.Call;
import dev.adsgraph.sandbox.ads.AdsGate.Operation;
import dev.adsgraph.sandbox.core.ApiException;
import dev.adsgraph.sandbox.core.Reply;
import dev.adsgraph.sandbox.fixtures.Account;
import dev.adsgraph.sandbox.fixtures.Account.Market;

/**
 * Billing (AdvertisingBilling_prod_3p.json): {@code POST /billing/statuses}
 * (bulkGetBillingStatus), {@code POST /billing/notifications}
 * (bulkGetBillingNotifications), {@code GET /invoices} (getAdvertiserInvoices),
 * {@code GET /invoices/{invoiceId}} (getInvoice) and
 * {@code POST /billing/paymentMethods/list} (GetCustomerPaymentMethods).
 *
 * <p>
 * The bulk operations name each country of an account by {@code {advertiserId,
 * marketplaceId}}: the country's entity id (the ads account's alternate id) and its
 * marketplace. Each item is answered at its index, in {@code success} or in
 * {@code error}: NOT_FOUND for a country the user has no account in, NOT_AUTHORIZED where
 * the user may not see its billing (the demo's vendor account, whose billing belongs to
 * someone else). An account's billing is missing (PENDING_BILLING_REGISTRATION, with
 * notifications) until {@link BillingBook} has it set up. Invoices exist for accounts
 * whose billing is set up, three months of them, and so does a payment method (the card
 * the billing page adds).
 */
public final class BillingHandler {

	public static final Operation STATUSES = new Operation("bulkGetBillingStatus", ErrorFamily.BILLING_STATUS, false,
			List.of("application/vnd.bulkgetbillingstatusrequestbody.v1+json"),
			"application/vnd.bulkgetbillingstatusresponse.v1+json");

	public static final Operation NOTIFICATIONS = new Operation("bulkGetBillingNotifications",
			ErrorFamily.BILLING_NOTIFICATIONS, false, List.of("application/vnd.billingnotifications.v1+json"),
			"application/vnd.bulkgetbillingnotificationsresponse.v1+json");

	public static final Operation INVOICES = new Operation("getAdvertiserInvoices", ErrorFamily.MESSAGE, false,
			List.of(), "application/vnd.invoices.v1.1+json");

	public static final Operation INVOICE = new Operation("getInvoice", ErrorFamily.MESSAGE, false, List.of(),
			"application/vnd.invoice.v1.1+json");

	/** GetCustomerPaymentMethods: no request body; errors are {@code AdPaymentsError}. */
	public static final Operation PAYMENT_METHODS = new Operation("GetCustomerPaymentMethods", ErrorFamily.GENERIC,
			false, List.of(), "application/vnd.paymentmethods.v1+json");

	/** The contract's {@code AdPaymentsPaymentAgreementType}. */
	static final Set<String> CRITERIA_TYPES = Set.of("AUTO_PAY", "PAY_NOW");

	/** The request's {@code advertiserMarketplaces}: maxItems in the contract file. */
	static final int MAX_ITEMS = 30;

	static final Set<String> INVOICE_STATUSES = Set.of("ISSUED", "PAID_IN_FULL", "PAID_IN_PART", "WRITTEN_OFF");

	// The contract's locale enum.
	static final Set<String> LOCALES = Set.of("ar_AE", "bn_IN", "cs_CZ", "de_DE", "en_AE", "en_AU", "en_CA", "en_GB",
			"en_IN", "en_NG", "en_SG", "en_US", "en_ZA", "es_CL", "es_CO", "es_ES", "es_MX", "es_US", "fr_BE", "fr_CA",
			"fr_FR", "he_IL", "hi_IN", "it_IT", "ja_JP", "ko_KR", "ml_IN", "mr_IN", "nl_BE", "nl_NL", "pl_PL", "pt_BR",
			"pt_PT", "sv_SE", "ta_IN", "te_IN", "tr_TR", "zh_CN", "zh_TW");

	private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

	private final AccountRegistry registry;

	private final BillingBook book;

	private final Clock clock;

	public BillingHandler(AccountRegistry registry, BillingBook book, Clock clock) {
		this.registry = registry;
		this.book = book;
		this.clock = clock;
	}

	public Reply statuses(Call call) {
		List<AdvertiserMarketplace> items = items(call.body());
		List<Object> success = new ArrayList<>();
		List<Object> error = new ArrayList<>();
		for (int index = 0; index < items.size(); index++) {
			AdvertiserMarketplace item = items.get(index);
			Found found = find(call, item);
			if (found.problem() != null) {
				error.add(new StatusError(item, found.problem().description(), found.problem().name(), index));
			}
			else if (this.book.isSetUp(found.account().adsAccountId())) {
				success.add(new StatusSuccess(item,
						new BillingStatus("VALID_BILLING_STATUS", "Billing is set up in this country."), index));
			}
			else {
				success.add(new StatusSuccess(item, new BillingStatus("PENDING_BILLING_REGISTRATION",
						"Billing is not set up in this country yet: add billing information and a payment method."),
						index));
			}
		}
		return new Reply(200, STATUSES.responseType(), new Bulk(success, error));
	}

	public Reply notifications(Call call) {
		List<AdvertiserMarketplace> items = items(call.body());
		List<Object> success = new ArrayList<>();
		List<Object> error = new ArrayList<>();
		for (int index = 0; index < items.size(); index++) {
			AdvertiserMarketplace item = items.get(index);
			Found found = find(call, item);
			if (found.problem() != null) {
				error.add(new NotificationsError(item, found.problem().description(), found.problem().name(), index));
			}
			else if (this.book.isSetUp(found.account().adsAccountId())) {
				success.add(new NotificationsSuccess(item, List.of(), index));
			}
			else {
				String country = found.market().country().marketplaceName();
				success.add(new NotificationsSuccess(item, List.of(
						new Notification(List.of(item),
								"No billing information has been added for " + country
										+ ": add a billing address and tax details before campaigns can run.",
								"CAMPAIGNS_SUSPENDED", "BILLING_ADDRESS_REGISTRATION_NOT_FOUND", 1, "ALERT",
								"Billing information missing"),
						new Notification(List.of(item),
								"No payment method has been added for " + country
										+ ": add one before campaigns can run.",
								"CAMPAIGNS_SUSPENDED", "PENDING_PAYMENT_REGISTRATION", 2, "ALERT",
								"Payment method missing")),
						index));
			}
		}
		return new Reply(200, NOTIFICATIONS.responseType(), new Bulk(success, error));
	}

	public Reply invoices(Call call) {
		Found found = scoped(call);
		Account owner = found.account();
		Market market = found.market();
		Set<String> statuses = statusFilter(call);
		int count = count(call);
		int start = cursor(call);
		List<InvoiceSummary> all = this.book.isSetUp(owner.adsAccountId()) ? invoicesOf(market) : List.of();
		List<InvoiceSummary> matching = all.stream()
			.filter((invoice) -> statuses.isEmpty() || statuses.contains(invoice.status()))
			.toList();
		int end = Math.min(matching.size(), start + count);
		List<InvoiceSummary> page = (start < matching.size()) ? matching.subList(start, end) : List.of();
		String next = (end < matching.size()) ? Integer.toString(end) : null;
		return new Reply(200, INVOICES.responseType(), new InvoicesPage(page, next));
	}

	/**
	 * getInvoice: one of the invoices {@code GET /invoices} lists for the profile in
	 * scope, with its details (a line per month of advertising, the payer and issuer, its
	 * payments); 404 for any other id.
	 */
	public Reply invoice(Call call) {
		Found found = scoped(call);
		String id = call.request().pathVariable("invoiceId");
		List<InvoiceSummary> all = this.book.isSetUp(found.account().adsAccountId()) ? invoicesOf(found.market())
				: List.of();
		InvoiceSummary summary = all.stream()
			.filter((candidate) -> candidate.id().equals(id))
			.findFirst()
			.orElseThrow(() -> new ApiException(404, "NOT_FOUND", "Requested invoice was not found."));
		Market market = found.market();
		String company = found.account().accountName();
		ContactInfo payer = new ContactInfo(
				new Address("1 Main Street", "", "", "Seattle", company, market.country().adsCode(), "98101", "WA"),
				new Email(company, "billing@example.com"));
		ContactInfo issuer = new ContactInfo(new Address("410 Terry Ave N", "", "", "Seattle", "Amazon Advertising LLC",
				market.country().adsCode(), "98109", "WA"), new Email("Amazon Advertising", "no-reply@example.com"));
		List<Payment> payments = "PAID_IN_FULL".equals(summary.status()) ? List
			.of(new Payment(summary.amountDue(), Math.floorMod(id.hashCode(), 1_000_000), "CREDIT_CARD", "SUCCEEDED"))
				: List.of();
		InvoiceLine line = new InvoiceLine(summary.amountDue(), 1, "CLICKS", summary.amountDue().amount(),
				"Sponsored Products", "CPC");
		InvoiceDetail detail = new InvoiceDetail(List.of(), List.of(line), summary, issuer, payer, payments, List.of(),
				List.of(), new TaxDetail(List.of(), summary.invoiceDate()), List.of());
		return new Reply(200, INVOICE.responseType(), detail);
	}

	/**
	 * GetCustomerPaymentMethods for the account in {@code Amazon-Ads-AccountId}: none
	 * until its billing is set up; then the credit card its billing page added.
	 */
	public Reply paymentMethods(Call call) {
		String criteria = call.request().queryParam("criteriaType").orElse(null);
		if (criteria == null || !CRITERIA_TYPES.contains(criteria)) {
			throw new ApiException(400, "BAD_REQUEST",
					"criteriaType must be one of " + CRITERIA_TYPES.stream().sorted().toList() + ".");
		}
		String accountId = call.request().headers().firstHeader("Amazon-Ads-AccountId");
		Account account = (accountId == null) ? null
				: this.registry.find(call.user().id(), accountId.trim()).orElse(null);
		if (account == null) {
			throw new ApiException(400, "BAD_REQUEST",
					"Amazon-Ads-AccountId must name an advertising account of this user.");
		}
		List<Market> markets = account.liveMarkets(this.clock.instant());
		if (markets.stream().noneMatch((market) -> market.access().allows("billing", "view"))) {
			throw new ApiException(403, "FORBIDDEN", "The user may not view this account's payment methods.");
		}
		List<CreditCard> cards = new ArrayList<>();
		if (this.book.isSetUp(account.adsAccountId())) {
			List<String> countries = markets.stream().map((market) -> market.country().adsCode()).distinct().toList();
			int digits = Math.floorMod(account.adsAccountId().hashCode(), 10_000);
			cards.add(new CreditCard("Visa", countries, new Expiry(12, 2030),
					"amzn1.pm.sandbox."
							+ Integer.toString(Math.floorMod(account.adsAccountId().hashCode(), 1 << 30), 36),
					String.format("%04d", digits), "CREDIT_CARD"));
		}
		return new Reply(200, PAYMENT_METHODS.responseType(),
				new PaymentMethods(cards, List.of(), List.of(), List.of(), List.of()));
	}

	/**
	 * The user's country whose profile the {@code Amazon-Advertising-API-Scope} names.
	 */
	private Found scoped(Call call) {
		String scope = call.request().headers().firstHeader("Amazon-Advertising-API-Scope");
		if (scope == null || !scope.trim().matches("\\d{1,19}")) {
			throw new ApiException(400, "BAD_REQUEST",
					"The Amazon-Advertising-API-Scope header must carry a profile id.");
		}
		long profileId = Long.parseLong(scope.trim());
		Account owner = null;
		Market market = null;
		for (Account account : this.registry.list(call.user().id())) {
			for (Market candidate : account.liveMarkets(this.clock.instant())) {
				if (candidate.profileId() == profileId && candidate.country().region() == call.region()) {
					owner = account;
					market = candidate;
				}
			}
		}
		if (market == null) {
			throw new ApiException(404, "NOT_FOUND", "Requested account was not found.");
		}
		if (!market.access().allows("billing", "view")) {
			throw new ApiException(403, "FORBIDDEN", "The user may not view this account's invoices.");
		}
		return new Found(owner, market, null);
	}

	/**
	 * Three monthly invoices, newest first: last month's ISSUED and unpaid, the two
	 * before PAID_IN_FULL. Amounts follow from the profile id, so they are stable.
	 */
	private List<InvoiceSummary> invoicesOf(Market market) {
		YearMonth current = YearMonth.from(LocalDate.ofInstant(this.clock.instant(), market.country().zone()));
		String currency = market.country().currencyCode();
		List<InvoiceSummary> invoices = new ArrayList<>();
		for (int back = 1; back <= 3; back++) {
			YearMonth month = current.minusMonths(back);
			double amount = 100 + Math.floorMod(market.profileId() * 31 + back * 977, 90_000) / 100.0;
			boolean open = back == 1;
			String status = open ? "ISSUED" : "PAID_IN_FULL";
			invoices.add(new InvoiceSummary("INV-" + market.profileId() + "-" + month.toString().replace("-", ""),
					status, DAY.format(month.atDay(1)), DAY.format(month.atEndOfMonth()),
					DAY.format(month.plusMonths(1).atDay(1)), DAY.format(month.plusMonths(1).atDay(21)),
					new CurrencyAmount(amount, currency), new CurrencyAmount(open ? amount : 0.0, currency),
					List.of("INVOICE")));
		}
		return invoices;
	}

	/**
	 * The user's country of an account the item names, on this regional host (a
	 * marketplace of another region is not found here).
	 */
	private Found find(Call call, AdvertiserMarketplace item) {
		for (Account account : this.registry.list(call.user().id())) {
			for (Market market : account.liveMarkets(this.clock.instant())) {
				if (market.country().region() == call.region() && market.entityId().equals(item.advertiserId())
						&& market.country().marketplaceId().equals(item.marketplaceId())) {
					if (!market.access().allows("billing", "view")) {
						return new Found(account, market, Problem.NOT_AUTHORIZED);
					}
					return new Found(account, market, null);
				}
			}
		}
		return new Found(null, null, Problem.NOT_FOUND);
	}

	private static List<AdvertiserMarketplace> items(JsonNode body) {
		JsonNode list = body.get("advertiserMarketplaces");
		if (list == null || !list.isArray() || list.isEmpty()) {
			throw new ApiException(400, "BAD_REQUEST", "advertiserMarketplaces must be an array of 1 to " + MAX_ITEMS
					+ " items of {advertiserId, marketplaceId}.");
		}
		if (list.size() > MAX_ITEMS) {
			throw new ApiException(400, "BAD_REQUEST",
					"advertiserMarketplaces has " + list.size() + " items; at most " + MAX_ITEMS + " are allowed.");
		}
		JsonNode locale = body.get("locale");
		if (locale != null && !locale.isNull() && (!locale.isString() || !LOCALES.contains(locale.stringValue()))) {
			throw new ApiException(400, "BAD_REQUEST", "locale is not a supported locale.");
		}
		List<AdvertiserMarketplace> items = new ArrayList<>();
		for (JsonNode node : list) {
			JsonNode advertiserId = node.get("advertiserId");
			JsonNode marketplaceId = node.get("marketplaceId");
			if (advertiserId == null || !advertiserId.isString() || advertiserId.stringValue().isBlank()
					|| marketplaceId == null || !marketplaceId.isString() || marketplaceId.stringValue().isBlank()) {
				throw new ApiException(400, "BAD_REQUEST",
						"Each advertiserMarketplace needs advertiserId and marketplaceId strings.");
			}
			items.add(new AdvertiserMarketplace(advertiserId.stringValue(), marketplaceId.stringValue()));
		}
		return items;
	}

	private static Set<String> statusFilter(Call call) {
		Set<String> statuses = new HashSet<>();
		for (String value : call.request().queryParams().getOrDefault("invoiceStatuses", List.of())) {
			for (String status : value.split(",")) {
				String trimmed = status.trim();
				if (!INVOICE_STATUSES.contains(trimmed)) {
					throw new ApiException(400, "BAD_REQUEST", "invoiceStatuses has an unknown status '" + trimmed
							+ "'; expected some of " + INVOICE_STATUSES.stream().sorted().toList() + ".");
				}
				statuses.add(trimmed);
			}
		}
		return statuses;
	}

	private static int count(Call call) {
		String raw = call.request().queryParam("count").orElse(null);
		if (raw == null) {
			return 100;
		}
		if (!raw.matches("\\d{1,3}") || Integer.parseInt(raw) > 100) {
			throw new ApiException(400, "BAD_REQUEST", "count must be an integer from 0 to 100.");
		}
		return Integer.parseInt(raw);
	}

	private static int cursor(Call call) {
		String raw = call.request().queryParam("cursor").orElse(null);
		if (raw == null) {
			return 0;
		}
		if (!raw.matches("\\d{1,6}")) {
			throw new ApiException(400, "BAD_REQUEST", "The cursor is not one this API gave.");
		}
		return Integer.parseInt(raw);
	}

	/** bulkGetBillingStatusErrorCodes and bulkGetBillingNotificationsErrorCodes. */
	enum Problem {

		NOT_FOUND("No advertising account of this user has this advertiser in this marketplace."),

		NOT_AUTHORIZED("The user may not view this advertiser's billing in this marketplace.");

		private final String description;

		Problem(String description) {
			this.description = description;
		}

		String description() {
			return this.description;
		}

	}

	private record Found(Account account, Market market, Problem problem) {
	}

	record AdvertiserMarketplace(String advertiserId, String marketplaceId) {
	}

	record Bulk(List<Object> success, List<Object> error) {
	}

	record BillingStatus(String billingStatusCode, String message) {
	}

	record StatusSuccess(AdvertiserMarketplace advertiserMarketplace, BillingStatus billingStatus, int index) {
	}

	record StatusError(AdvertiserMarketplace advertiserMarketplace, String description, String errorCode, int index) {
	}

	record NotificationsSuccess(AdvertiserMarketplace advertiserMarketplace, List<Notification> billingNotifications,
			int index) {
	}

	record NotificationsError(AdvertiserMarketplace advertiserMarketplace, String description, String errorCode,
			int index) {
	}

	record Notification(List<AdvertiserMarketplace> advertiserMarketplaces, String description, String impact,
			String notificationName, int priority, String severity, String title) {
	}

	record CurrencyAmount(double amount, String currencyCode) {
	}

	record InvoiceSummary(String id, String status, String fromDate, String toDate, String invoiceDate, String dueDate,
			CurrencyAmount amountDue, CurrencyAmount remainingAmountDue, List<String> downloadableDocuments) {
	}

	record Address(String addressLine1, String addressLine2, String addressLine3, String city, String companyName,
			String countryCode, String postalCode, String stateOrRegion) {
	}

	record Email(String displayName, String emailAddress) {
	}

	record ContactInfo(Address address, Email email) {
	}

	record Payment(CurrencyAmount amount, long id, String paymentMethod, String status) {
	}

	record InvoiceLine(CurrencyAmount cost, int costEventCount, String costEventType, double costPerUnit, String name,
			String priceType) {
	}

	record TaxDetail(List<Object> taxBreakups, String taxCalculationDate) {
	}

	/** The contract's {@code invoice}: every required member. */
	record InvoiceDetail(List<Object> adjustments, List<InvoiceLine> invoiceLines, InvoiceSummary invoiceSummary,
			ContactInfo issuerContactInfo, ContactInfo payerContactInfo, List<Payment> payments,
			List<Object> portfolios, List<Object> promotions, TaxDetail taxDetail, List<Object> thirdPartyContactInfo) {
	}

	record Expiry(int month, int year) {
	}

	record CreditCard(String brand, List<String> eligibleCountries, Expiry expiryDetails, String instrumentId,
			String tail, String type) {
	}

	/** {@code AdPaymentsGetCustomerPaymentMethodsOutput}; no nextToken: one page. */
	record PaymentMethods(List<CreditCard> creditCardPaymentMethods, List<Object> deductFromPaymentPaymentMethods,
			List<Object> directDebitPaymentMethods, List<Object> payByInvoicePaymentMethods,
			List<Object> sellerPayablePaymentMethods) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record InvoicesPage(List<InvoiceSummary> invoiceSummaries, String nextCursor) {
	}

}
