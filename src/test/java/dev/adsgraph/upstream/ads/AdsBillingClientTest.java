package dev.adsgraph.upstream.ads;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.adsgraph.testing.MutableClock;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.ScriptedHttpServer;
import dev.adsgraph.upstream.ScriptedHttpServer.RecordedRequest;
import dev.adsgraph.upstream.ScriptedHttpServer.Reply;
import dev.adsgraph.upstream.UpstreamException;
import dev.adsgraph.upstream.UpstreamProperties;
import dev.adsgraph.upstream.lwa.InMemoryLwaTokenCache;
import dev.adsgraph.upstream.lwa.LwaCredentials;
import dev.adsgraph.upstream.lwa.LwaTokenService;

import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The billing operations (AdvertisingBilling_prod_3p.json): media types, bodies, the
 * invoices' scope and query, and the answers read item by item.
 */
class AdsBillingClientTest {

	private static final String TOKEN_PATH = "/auth/o2/token";

	private static final String NA = "/ads/na";

	private static final LwaCredentials CREDENTIALS = new LwaCredentials("amzn1.application-oa2-client.abc",
			"client-secret", "Atzr|refresh");

	private static final List<Billing.AdvertiserMarketplace> ITEMS = List
		.of(new Billing.AdvertiserMarketplace("ENTITY1", "ATVPDKIKX0DER"));

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private ScriptedHttpServer server;

	private AdsBillingClient client;

	private Function<RecordedRequest, Reply> ads = (request) -> Reply.status(500);

	@BeforeEach
	void start() {
		this.server = new ScriptedHttpServer();
		this.server.script((request) -> request.path().equals(TOKEN_PATH)
				? Reply.json(200, "{\"access_token\":\"Atza|token\",\"token_type\":\"bearer\",\"expires_in\":3600}")
				: this.ads.apply(request));
		LwaTokenService tokens = new LwaTokenService(WebClient.builder(),
				new UpstreamProperties.Lwa(URI.create(this.server.url() + TOKEN_PATH), Duration.ofSeconds(60),
						Duration.ofSeconds(5)),
				new InMemoryLwaTokenCache(), this.clock);
		this.client = new WebClientAdsApiClient(WebClient.builder(),
				new UpstreamProperties.Ads(Map.of(Region.NA, URI.create(this.server.url() + NA)), Duration.ofSeconds(2),
						Duration.ofSeconds(5), DataSize.ofMegabytes(16)),
				tokens, this.clock);
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	private RecordedRequest onlyAdsRequest() {
		List<RecordedRequest> requests = this.server.requestsTo("/ads/");
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	private static JsonNode json(String text) {
		return JsonMapper.shared().readTree(text);
	}

	@Test
	void statusesAreAskedWithTheOperationsMediaTypesAndReadItemByItem() {
		this.ads = (request) -> Reply.json(200, """
				{"success": [{"advertiserMarketplace": {"advertiserId": "ENTITY1", "marketplaceId": "ATVPDKIKX0DER"},
				  "billingStatus": {"billingStatusCode": "VALID_BILLING_STATUS", "message": "ok"}, "index": 0}],
				 "error": [{"description": "no", "errorCode": "NOT_FOUND", "index": 1}]}""");
		Billing.Statuses statuses = this.client.bulkGetBillingStatus(CREDENTIALS, Region.NA, ITEMS).block();
		RecordedRequest request = onlyAdsRequest();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.uri()).isEqualTo(NA + "/billing/statuses");
		assertThat(request.header("Content-Type")).isEqualTo("application/vnd.bulkgetbillingstatusrequestbody.v1+json");
		assertThat(request.header("Accept")).isEqualTo("application/vnd.bulkgetbillingstatusresponse.v1+json");
		assertThat(request.header("Amazon-Advertising-API-ClientId")).isEqualTo(CREDENTIALS.clientId());
		assertThat(json(request.body())).isEqualTo(json(
				"{\"advertiserMarketplaces\": [{\"advertiserId\": \"ENTITY1\", \"marketplaceId\": \"ATVPDKIKX0DER\"}]}"));
		assertThat(statuses.success()).singleElement()
			.satisfies((s) -> assertThat(s.billingStatus().billingStatusCode()).isEqualTo("VALID_BILLING_STATUS"));
		assertThat(statuses.error()).singleElement().satisfies((e) -> assertThat(e.errorCode()).isEqualTo("NOT_FOUND"));
	}

	@Test
	void notificationsUseTheirOwnMediaTypesAndAMissingListIsEmpty() {
		this.ads = (request) -> Reply.json(200,
				"""
						{"success": [{"billingNotifications": [{"notificationName": "PENDING_PAYMENT_REGISTRATION", "title": "t",
						  "description": "d", "severity": "ALERT", "impact": "CAMPAIGNS_SUSPENDED", "priority": 2}], "index": 0}]}""");
		Billing.Notifications notifications = this.client.bulkGetBillingNotifications(CREDENTIALS, Region.NA, ITEMS)
			.block();
		RecordedRequest request = onlyAdsRequest();
		assertThat(request.uri()).isEqualTo(NA + "/billing/notifications");
		assertThat(request.header("Content-Type")).isEqualTo("application/vnd.billingnotifications.v1+json");
		assertThat(request.header("Accept")).isEqualTo("application/vnd.bulkgetbillingnotificationsresponse.v1+json");
		assertThat(notifications.success().get(0).billingNotifications()).singleElement()
			.satisfies((n) -> assertThat(n.notificationName()).isEqualTo("PENDING_PAYMENT_REGISTRATION"));
		assertThat(notifications.error()).isEmpty();
	}

	@Test
	void invoicesActForTheProfileWithCommaSeparatedStatusesAndACursor() {
		this.ads = (request) -> Reply.json(200, """
				{"invoiceSummaries": [{"id": "INV-1", "status": "ISSUED", "fromDate": "20261101", "toDate": "20261130",
				  "invoiceDate": "20261201", "amountDue": {"amount": 12.5, "currencyCode": "USD"},
				  "remainingAmountDue": {"amount": 12.5, "currencyCode": "USD"}}], "nextCursor": "c2"}""");
		Billing.InvoicePage page = this.client
			.getAdvertiserInvoices(CREDENTIALS, Region.NA, 42L,
					new Billing.InvoiceQuery(List.of("ISSUED", "PAID_IN_PART"), null, "c1"))
			.block();
		RecordedRequest request = onlyAdsRequest();
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.uri()).isEqualTo(NA + "/invoices?invoiceStatuses=ISSUED,PAID_IN_PART&cursor=c1");
		assertThat(request.header("Amazon-Advertising-API-Scope")).isEqualTo("42");
		assertThat(request.header("Accept")).isEqualTo("application/vnd.invoices.v1.1+json");
		assertThat(page.nextCursor()).isEqualTo("c2");
		assertThat(page.invoiceSummaries()).singleElement()
			.satisfies((i) -> assertThat(i.amountDue().amount()).isEqualByComparingTo("12.5"));
	}

	@Test
	void anInvoiceIsReadByIdInTheProfilesScopeAndAMissingOneIsEmpty() {
		this.ads = (request) -> request.uri().endsWith("/INV-1") ? Reply.json(200,
				"""
						{"invoiceSummary": {"id": "INV-1", "status": "ISSUED", "fromDate": "20261101", "toDate": "20261130",
						  "invoiceDate": "20261201", "amountDue": {"amount": 12.5, "currencyCode": "USD"},
						  "remainingAmountDue": {"amount": 12.5, "currencyCode": "USD"}}, "invoiceLines": [], "payments": []}""")
				: Reply.status(404);
		Billing.InvoiceDetail detail = this.client.getInvoice(CREDENTIALS, Region.NA, 42L, "INV-1").block();
		RecordedRequest request = onlyAdsRequest();
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.uri()).isEqualTo(NA + "/invoices/INV-1");
		assertThat(request.header("Amazon-Advertising-API-Scope")).isEqualTo("42");
		assertThat(request.header("Accept")).isEqualTo("application/vnd.invoice.v1.1+json");
		assertThat(detail.invoiceSummary().id()).isEqualTo("INV-1");
		assertThat(this.client.getInvoice(CREDENTIALS, Region.NA, 42L, "INV-2").blockOptional()).isEmpty();
	}

	@Test
	void paymentMethodsAreListedForTheAccountWithTheCriteriaTypeAndNoBody() {
		this.ads = (request) -> Reply.json(200, """
				{"creditCardPaymentMethods": [{"brand": "Visa", "eligibleCountries": ["US", "UK"],
				  "expiryDetails": {"month": 12, "year": 2030}, "instrumentId": "pm-1", "tail": "4242",
				  "type": "CREDIT_CARD"}],
				 "sellerPayablePaymentMethods": [{"eligibleCountries": ["US"], "type": "SELLER_PAYABLE",
				  "sellerAccountId": "A1"}], "nextToken": "t2"}""");
		Billing.PaymentMethods methods = this.client
			.getCustomerPaymentMethods(CREDENTIALS, Region.NA, "amzn1.ads-account.g.abc", "AUTO_PAY", null)
			.block();
		RecordedRequest request = onlyAdsRequest();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.uri()).isEqualTo(NA + "/billing/paymentMethods/list?criteriaType=AUTO_PAY");
		assertThat(request.header("Amazon-Ads-AccountId")).isEqualTo("amzn1.ads-account.g.abc");
		assertThat(request.header("Accept")).isEqualTo("application/vnd.paymentmethods.v1+json");
		assertThat(request.body()).isEmpty();
		assertThat(methods.nextToken()).isEqualTo("t2");
		assertThat(methods.all()).extracting(Billing.PaymentMethod::type)
			.containsExactly("CREDIT_CARD", "SELLER_PAYABLE");
		assertThat(methods.all().get(0).expiryDetails().year()).isEqualTo(2030);
	}

	@Test
	void aRefusedRequestIsAnUpstreamErrorNamedAfterTheOperation() {
		this.ads = (request) -> Reply.json(400, "{\"message\": \"advertiserMarketplaces is required\"}");
		UpstreamException error = catchThrowableOfType(UpstreamException.class,
				() -> this.client.bulkGetBillingStatus(CREDENTIALS, Region.NA, ITEMS).block());
		assertThat(error.httpStatus()).isEqualTo(400);
		assertThat(error.getMessage()).contains("bulkGetBillingStatus");
	}

}
