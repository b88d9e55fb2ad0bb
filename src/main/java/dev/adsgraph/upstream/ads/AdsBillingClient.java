package dev.adsgraph.upstream.ads;

import java.util.List;

import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.lwa.LwaCredentials;
import reactor.core.publisher.Mono;

/**
 * Amazon's billing operations (AdvertisingBilling_prod_3p.json), as {@link AdsApiClient}
 * calls them: authenticated, regional, guarded, failing with
 * {@link dev.adsgraph.upstream.UpstreamException}.
 */
public interface AdsBillingClient {

	/**
	 * POST /billing/statuses (bulkGetBillingStatus): 1 to {@link Billing#MAX_ITEMS}
	 * items, each answered at its index in success or error.
	 */
	Mono<Billing.Statuses> bulkGetBillingStatus(LwaCredentials credentials, Region region,
			List<Billing.AdvertiserMarketplace> items);

	/** POST /billing/notifications (bulkGetBillingNotifications), as above. */
	Mono<Billing.Notifications> bulkGetBillingNotifications(LwaCredentials credentials, Region region,
			List<Billing.AdvertiserMarketplace> items);

	/** GET /invoices (getAdvertiserInvoices), one page, in the scope of a profile. */
	Mono<Billing.InvoicePage> getAdvertiserInvoices(LwaCredentials credentials, Region region, long profileId,
			Billing.InvoiceQuery query);

	/**
	 * GET /invoices/{invoiceId} (getInvoice) in the scope of a profile; empty when Amazon
	 * answers 404 (no such invoice).
	 */
	Mono<Billing.InvoiceDetail> getInvoice(LwaCredentials credentials, Region region, long profileId, String invoiceId);

	/**
	 * POST /billing/paymentMethods/list (GetCustomerPaymentMethods) for an ads account
	 * ({@code Amazon-Ads-AccountId}), the methods eligible for the agreement type
	 * ({@code AUTO_PAY} or {@code PAY_NOW}), one page.
	 */
	Mono<Billing.PaymentMethods> getCustomerPaymentMethods(LwaCredentials credentials, Region region,
			String adsAccountId, String criteriaType, String nextToken);

}
