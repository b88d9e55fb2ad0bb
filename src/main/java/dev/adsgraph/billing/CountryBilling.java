package dev.adsgraph.billing;

import java.util.List;

/**
 * The schema's {@code CountryBilling}: one country's billing as Amazon answered it, a
 * status or an error, with the notifications about it.
 *
 * @param statusCode Amazon's {@code billingStatusCode}, null when the country's item
 * failed
 * @param errorCode the item's error code (NOT_FOUND, NOT_AUTHORIZED, ...), null when it
 * has a status
 */
public record CountryBilling(String countryCode, String marketplaceId, String statusCode, String message,
		String errorCode, String errorMessage, List<BillingNotification> notifications) {

	/** The status Amazon gives a country whose billing is set up. */
	static final String VALID = "VALID_BILLING_STATUS";

	public CountryBilling {
		notifications = (notifications != null) ? List.copyOf(notifications) : List.of();
	}

	/** Whether billing is set up in this country. */
	public boolean setUp() {
		return VALID.equals(this.statusCode);
	}

	/** The schema's {@code BillingError}, or null. */
	public Error error() {
		return (this.errorCode != null) ? new Error(this.errorCode, this.errorMessage) : null;
	}

	/** The schema's {@code status}. */
	public String status() {
		return this.statusCode;
	}

	public record Error(String code, String message) {
	}

	/** The schema's {@code BillingNotification}. */
	public record BillingNotification(String name, String title, String description, String severity, String impact,
			Integer priority, String paymentDueDate, String suspensionDate) {
	}

}
