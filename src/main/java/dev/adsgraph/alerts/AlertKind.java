package dev.adsgraph.alerts;

/** The schema's {@code AlertKind}, each with its severity. */
enum AlertKind {

	OUT_OF_STOCK(Severity.CRITICAL), LOW_DAYS_OF_COVER(Severity.WARNING), LISTING_NOT_BUYABLE(Severity.CRITICAL),
	FEATURED_OFFER_LOST(Severity.CRITICAL), NOT_RETAIL_READY(Severity.WARNING);

	private final Severity severity;

	AlertKind(Severity severity) {
		this.severity = severity;
	}

	Severity severity() {
		return this.severity;
	}

	/** The schema's {@code AlertSeverity}. */
	enum Severity {

		CRITICAL, WARNING

	}

}
