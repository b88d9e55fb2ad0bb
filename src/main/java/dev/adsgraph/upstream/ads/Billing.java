package dev.adsgraph.upstream.ads;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Wire types of Amazon's billing operations (AdvertisingBilling_prod_3p.json):
 * bulkGetBillingStatus, bulkGetBillingNotifications and getAdvertiserInvoices.
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

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record CurrencyAmount(java.math.BigDecimal amount, String currencyCode) {
	}

}
