package dev.adsgraph.alerts;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The alert rules, pure: what each kind needs to know and when it fires. A kind whose
 * sources could not be read in a check is not evaluated, so its open alerts stay open
 * rather than being resolved by a failed read.
 * <ul>
 * <li>OUT_OF_STOCK: FBA fulfillable 0 (no FBA record counts as 0) and merchant-fulfilled
 * quantity 0 (unknown counts as 0).</li>
 * <li>LOW_DAYS_OF_COVER: stock above 0, units ordered over the sales window above 0, and
 * stock / (units / days) below the threshold.</li>
 * <li>LISTING_NOT_BUYABLE: the seller has no listing of the ASIN, its status lacks
 * BUYABLE, or an issue suppresses it.</li>
 * <li>FEATURED_OFFER_LOST: the pricing source says another seller holds the Featured
 * Offer.</li>
 * <li>NOT_RETAIL_READY: not in the catalog, no main image (when required), or a title
 * shorter than the minimum.</li>
 * </ul>
 */
final class AlertRules {

	private AlertRules() {
	}

	/** What a check could read. */
	enum Source {

		INVENTORY, LISTINGS, CATALOG, SALES, PRICING

	}

	/** The kinds a check can decide with these sources. */
	static Set<AlertKind> evaluable(Set<Source> readable) {
		Set<AlertKind> kinds = EnumSet.noneOf(AlertKind.class);
		if (readable.contains(Source.INVENTORY)) {
			kinds.add(AlertKind.OUT_OF_STOCK);
			if (readable.contains(Source.SALES)) {
				kinds.add(AlertKind.LOW_DAYS_OF_COVER);
			}
		}
		if (readable.contains(Source.LISTINGS)) {
			kinds.add(AlertKind.LISTING_NOT_BUYABLE);
		}
		if (readable.contains(Source.PRICING)) {
			kinds.add(AlertKind.FEATURED_OFFER_LOST);
		}
		if (readable.contains(Source.CATALOG)) {
			kinds.add(AlertKind.NOT_RETAIL_READY);
		}
		return kinds;
	}

	/** The findings for one advertised product, in the kinds' order. */
	static List<Finding> evaluate(ProductState p, Set<AlertKind> kinds, AlertSettings settings, int salesDays) {
		List<Finding> found = new ArrayList<>();
		int fba = (p.fulfillable() != null) ? p.fulfillable() : 0;
		int merchant = (p.merchantQuantity() != null) ? p.merchantQuantity() : 0;
		int stock = fba + merchant;
		if (kinds.contains(AlertKind.OUT_OF_STOCK) && stock == 0) {
			found.add(new Finding(AlertKind.OUT_OF_STOCK, p, Evidence.stock(fba, p.merchantQuantity(), null, null),
					"Out of stock: no FBA fulfillable units and no merchant-fulfilled quantity"));
		}
		long units = (p.unitsOrdered() != null) ? p.unitsOrdered() : 0;
		if (kinds.contains(AlertKind.LOW_DAYS_OF_COVER) && stock > 0 && units > 0 && salesDays > 0) {
			double daily = (double) units / salesDays;
			double cover = stock / daily;
			if (cover < settings.daysOfCoverThreshold()) {
				found.add(new Finding(AlertKind.LOW_DAYS_OF_COVER, p,
						Evidence.stock(fba, p.merchantQuantity(), round(daily), round(cover)),
						String.format(Locale.ROOT,
								"Low stock: %d units last %.1f days at %.1f units a day (threshold %d days)", stock,
								cover, daily, settings.daysOfCoverThreshold())));
			}
		}
		if (kinds.contains(AlertKind.LISTING_NOT_BUYABLE)) {
			List<String> issues = (p.listingIssues() != null) ? p.listingIssues() : List.of();
			if (!p.listed()) {
				found.add(new Finding(AlertKind.LISTING_NOT_BUYABLE, p, Evidence.listing(List.of(), issues),
						"Not buyable: the seller has no listing of this ASIN"));
			}
			else if (!p.listingStatus().contains("BUYABLE") || !issues.isEmpty()) {
				found.add(new Finding(AlertKind.LISTING_NOT_BUYABLE, p, Evidence.listing(p.listingStatus(), issues),
						issues.isEmpty()
								? "Not buyable: the listing's status is " + String.join(", ", p.listingStatus())
								: "Suppressed: " + String.join("; ", issues)));
			}
		}
		if (kinds.contains(AlertKind.FEATURED_OFFER_LOST) && Boolean.FALSE.equals(p.featuredOfferWinner())) {
			found.add(new Finding(AlertKind.FEATURED_OFFER_LOST, p,
					new Evidence(null, null, null, null, null, null, false, p.featuredOfferSellerId(), null),
					"Featured Offer lost" + ((p.featuredOfferSellerId() != null)
							? ": seller " + p.featuredOfferSellerId() + " holds it" : "")));
		}
		if (kinds.contains(AlertKind.NOT_RETAIL_READY)) {
			List<String> gaps = new ArrayList<>();
			if (!p.inCatalog()) {
				gaps.add("NOT_IN_CATALOG");
			}
			else {
				if (settings.requireMainImage() && !p.hasMainImage()) {
					gaps.add("NO_MAIN_IMAGE");
				}
				int length = (p.title() != null) ? p.title().strip().length() : 0;
				if (length < settings.minTitleLength()) {
					gaps.add("TITLE_TOO_SHORT");
				}
			}
			if (!gaps.isEmpty()) {
				found.add(new Finding(AlertKind.NOT_RETAIL_READY, p,
						new Evidence(null, null, null, null, null, null, null, null, gaps),
						"Not retail-ready: " + String.join(", ", gaps)));
			}
		}
		return found;
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	/**
	 * What a check knows of one advertised product.
	 *
	 * @param fulfillable FBA fulfillable quantity; null when it has no FBA record
	 * @param merchantQuantity merchant-fulfilled quantity; null when unknown
	 * @param listed whether the seller has a listing of the ASIN
	 * @param listingStatus its summary status (empty when not listed)
	 * @param listingIssues the issues that suppress or block it
	 * @param unitsOrdered units ordered over the sales window; null when none
	 * @param featuredOfferWinner whether the seller holds the Featured Offer; null when
	 * unknown
	 */
	record ProductState(String asin, String sku, Integer fulfillable, Integer merchantQuantity, boolean listed,
			List<String> listingStatus, List<String> listingIssues, Long unitsOrdered, boolean inCatalog, String title,
			boolean hasMainImage, Boolean featuredOfferWinner, String featuredOfferSellerId) {

		ProductState {
			listingStatus = (listingStatus != null) ? List.copyOf(listingStatus) : List.of();
			listingIssues = (listingIssues != null) ? List.copyOf(listingIssues) : List.of();
		}

	}

	/** One condition seen on one product. */
	record Finding(AlertKind kind, ProductState product, Evidence evidence, String reason) {
	}

	/** The schema's {@code AlertEvidence}. */
	record Evidence(Integer fulfillableQuantity, Integer merchantQuantity, Double dailyUnits, Double daysOfCover,
			List<String> listingStatus, List<String> listingIssues, Boolean featuredOfferWinner,
			String featuredOfferSellerId, List<String> retailReadinessGaps) {

		static Evidence stock(int fba, Integer merchant, Double daily, Double cover) {
			return new Evidence(fba, merchant, daily, cover, null, null, null, null, null);
		}

		static Evidence listing(List<String> status, List<String> issues) {
			return new Evidence(null, null, null, null, status, issues, null, null, null);
		}

	}

}
