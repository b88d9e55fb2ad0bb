package dev.adsgraph.alerts;

import java.time.OffsetDateTime;
import java.util.List;

import dev.adsgraph.alerts.AlertKind.Severity;
import dev.adsgraph.alerts.AlertRules.Evidence;
import dev.adsgraph.products.Money;

/**
 * The schema's alert types. They also cross replicas as JSON in Redis mode (the values of
 * the shared {@code alertsChanged} poller), so they are plain records.
 */
final class AlertViews {

	private AlertViews() {
	}

	/** The schema's {@code Alert}. */
	record AlertView(String id, AlertKind kind, Severity severity, String asin, String marketplaceId, String sku,
			OffsetDateTime since, OffsetDateTime resolvedAt, Money spendAtRisk, List<AlertAd> ads, Evidence evidence,
			String message) {

		String key() {
			return this.kind + " " + this.marketplaceId + " " + this.asin;
		}

		AlertView resolvedAt(OffsetDateTime at) {
			return new AlertView(this.id, this.kind, this.severity, this.asin, this.marketplaceId, this.sku, this.since,
					at, this.spendAtRisk, this.ads, this.evidence, this.message);
		}

	}

	/** The schema's {@code AlertAd}. */
	record AlertAd(String campaignId, String campaignName, String adGroupId, String adId, Money spendLast7Days) {
	}

	/** The schema's {@code Freshness}, for the ads report behind a check. */
	record CheckFreshness(String status, OffsetDateTime asOf, String message) {

		boolean isReady() {
			return "READY".equals(this.status);
		}

	}

	/** The schema's {@code AlertSourceProblem}. */
	record SourceProblem(String source, String message) {
	}

	/**
	 * The schema's {@code AlertsResult}: one check of a profile.
	 *
	 * @param evaluated the kinds the check could decide (their sources were read): the
	 * open alerts of the other kinds are not in {@code nodes}, and stay open
	 * @param unpriced the ASINs whose Featured Offer is not known yet: their
	 * FEATURED_OFFER_LOST stays as it was
	 */
	record AlertCheck(List<AlertView> nodes, Money spendAtRisk, OffsetDateTime checkedAt, CheckFreshness freshness,
			List<SourceProblem> unavailable, List<AlertKind> evaluated, List<String> unpriced) {

		/** Whether this check could decide the alert (else it stays as it was). */
		boolean decides(AlertView alert) {
			return this.evaluated.contains(alert.kind())
					&& !(alert.kind() == AlertKind.FEATURED_OFFER_LOST && this.unpriced.contains(alert.asin()));
		}

		/** What a subscriber is told about: which alerts are open, of which kinds. */
		List<String> openIds() {
			List<String> state = new java.util.ArrayList<>(this.nodes.stream().map(AlertView::id).sorted().toList());
			this.evaluated.forEach((kind) -> state.add(kind.name()));
			return state;
		}

	}

	/** The schema's {@code AlertEvent}. */
	record AlertEvent(String kind, AlertView alert) {

		static AlertEvent raised(AlertView alert) {
			return new AlertEvent("RAISED", alert);
		}

		static AlertEvent resolved(AlertView alert, OffsetDateTime at) {
			return new AlertEvent("RESOLVED", alert.resolvedAt(at));
		}

	}

	/** The schema's {@code UserError}. */
	record UserError(String code, String message, List<String> field) {
	}

	/** The schema's {@code AlertSettingsPayload}. */
	record AlertSettingsPayload(AlertSettings settings, List<UserError> userErrors) {
	}

}
