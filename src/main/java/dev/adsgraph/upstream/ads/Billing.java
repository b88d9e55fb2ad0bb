package dev.adsgraph.upstream.ads;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Wire types of Amazon's billing operations (AdvertisingBilling_prod_3p.json):
 * bulkGetBillingStatus, bulkGetBillingNotifications, getAdvertiserInvoices, getInvoice
 * and GetCustomerPaymentMethods.
 */
public final class Billing {

	/**
	 * The most {@code advertiserMarketplaces} one bulk request may name (the contract
	 * file's maxItems).
	 */
	public static final int MAX_ITEMS = 30;

	private Billing() {
	}

	/**
	 * One country of an advertiser: its entity id (the ads account's alternate id) and
	 * the marketplace.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record AdvertiserMarketplace(String advertiserId, String marketplaceId) {
	}

	/** {@code bulkGetBillingStatusResponse}. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Statuses(List<StatusSuccess> success, List<ItemError> error) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record StatusSuccess(AdvertiserMarketplace advertiserMarketplace, Status billingStatus, Integer index) {
	}

	/** {@code billingStatus}: a {@code billingStatusCode} and its message. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Status(String billingStatusCode, String message) {
	}

	/**
	 * An item's error in either bulk operation: an error code
	 * (BAD_REQUEST|INTERNAL_ERROR|NOT_AUTHORIZED|NOT_FOUND), its description, the item's
	 * index.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record ItemError(AdvertiserMarketplace advertiserMarketplace, String description, String errorCode,
			Integer index) {
	}

	/** {@code bulkGetBillingNotificationsResponse}. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Notifications(List<NotificationsSuccess> success, List<ItemError> error) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record NotificationsSuccess(AdvertiserMarketplace advertiserMarketplace,
			List<Notification> billingNotifications, Integer index) {
	}

	/** {@code billingNotification}. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Notification(String notificationName, String title, String description, String severity,
			String impact, Integer priority, String paymentDueDate, String suspensionDate) {
	}

	/** The query of getAdvertiserInvoices; null members are left out. */
	public record InvoiceQuery(List<String> invoiceStatuses, Integer count, String cursor) {
	}

	/** getAdvertiserInvoices' answer: one page of invoice summaries. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record InvoicePage(List<InvoiceSummary> invoiceSummaries, String nextCursor) {
	}

	/** {@code invoiceSummary}; dates as Amazon writes them ({@code YYYYMMDD}). */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record InvoiceSummary(String id, String status, String fromDate, String toDate, String invoiceDate,
			String dueDate, CurrencyAmount amountDue, CurrencyAmount remainingAmountDue, CurrencyAmount taxAmountDue,
			String paymentMethod) {
	}

	/**
	 * getInvoice's answer ({@code invoice}): the summary, and the parts Adsgraph reads.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record InvoiceDetail(InvoiceSummary invoiceSummary) {
	}

	/**
	 * GetCustomerPaymentMethods' answer
	 * ({@code AdPaymentsGetCustomerPaymentMethodsOutput}): one list per kind of payment
	 * method, and a token when more follow.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record PaymentMethods(List<PaymentMethod> creditCardPaymentMethods,
			List<PaymentMethod> directDebitPaymentMethods, List<PaymentMethod> deductFromPaymentPaymentMethods,
			List<PaymentMethod> payByInvoicePaymentMethods, List<PaymentMethod> sellerPayablePaymentMethods,
			String nextToken) {

		/** Every payment method of the answer, kind by kind in the order above. */
		public List<PaymentMethod> all() {
			List<PaymentMethod> all = new java.util.ArrayList<>();
			for (List<PaymentMethod> list : java.util.Arrays.asList(this.creditCardPaymentMethods,
					this.directDebitPaymentMethods, this.deductFromPaymentPaymentMethods,
					this.payByInvoicePaymentMethods, this.sellerPayablePaymentMethods)) {
				if (list != null) {
					all.addAll(list);
				}
			}
			return all;
		}

	}

	/**
	 * A payment method of any kind: {@code type} (CREDIT_CARD, DEDUCT_FOR_PAYMENT,
	 * DIRECT_DEBIT, PAY_BY_INVOICE, SELLER_PAYABLE), {@code eligibleCountries}, and the
	 * members its kind has (null otherwise).
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record PaymentMethod(String type, List<String> eligibleCountries, String instrumentId, String brand,
			String tail, Expiry expiryDetails, String vendorCode, String vendorCodeName, String sellerAccountId,
			String countryCode) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Expiry(Integer month, Integer year) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record CurrencyAmount(java.math.BigDecimal amount, String currencyCode) {
	}

}
