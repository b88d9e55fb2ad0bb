package dev.adsgraph.alerts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.adsgraph.alerts.AlertRules.Finding;
import dev.adsgraph.alerts.AlertRules.ProductState;
import dev.adsgraph.alerts.AlertRules.Source;
import dev.adsgraph.alerts.AlertViews.AlertCheck;
import dev.adsgraph.alerts.AlertViews.AlertEvent;
import dev.adsgraph.alerts.AlertViews.AlertView;
import dev.adsgraph.alerts.AlertViews.CheckFreshness;
import dev.adsgraph.upstream.ads.SpAdvertisedProductRow;

import static org.assertj.core.api.Assertions.assertThat;

class AlertRulesTest {

	private static final AlertSettings DEFAULTS = new AlertSettings(14, 30, true, null);

	private static final Set<AlertKind> ALL = EnumSet.allOf(AlertKind.class);

	private static final String TITLE = "Trailhead Camping Lantern, Rechargeable, Black";

	/** A healthy product: 100 units in stock, 7 sold in 7 days (100 days of cover). */
	private static ProductState healthy() {
		return new ProductState("B000000001", "SKU-1", 100, 0, true, List.of("BUYABLE", "DISCOVERABLE"), List.of(), 7L,
				true, TITLE, true, true, null);
	}

	private static List<AlertKind> kinds(ProductState p, Set<AlertKind> evaluable, AlertSettings settings) {
		return AlertRules.evaluate(p, evaluable, settings, 7).stream().map(Finding::kind).toList();
	}

	private static List<AlertKind> kinds(ProductState p) {
		return kinds(p, ALL, DEFAULTS);
	}

	@Test
	void aHealthyProductHasNoAlert() {
		assertThat(kinds(healthy())).isEmpty();
	}

	@Test
	void outOfStockNeedsBothFbaAndMerchantQuantitiesAtZero() {
		ProductState none = new ProductState("B1", null, 0, 0, true, List.of("BUYABLE"), List.of(), 3L, true, TITLE,
				true, null, null);
		assertThat(kinds(none)).containsExactly(AlertKind.OUT_OF_STOCK);
		ProductState noFbaRecord = new ProductState("B1", null, null, null, true, List.of("BUYABLE"), List.of(), 0L,
				true, TITLE, true, null, null);
		assertThat(kinds(noFbaRecord)).containsExactly(AlertKind.OUT_OF_STOCK);
		// Merchant-fulfilled stock: not out of stock (and 12 units at 1 a day is 12
		// days).
		ProductState merchant = new ProductState("B1", null, 0, 12, true, List.of("BUYABLE"), List.of(), 7L, true,
				TITLE, true, null, null);
		assertThat(kinds(merchant)).containsExactly(AlertKind.LOW_DAYS_OF_COVER);
		Finding finding = AlertRules.evaluate(none, ALL, DEFAULTS, 7).get(0);
		assertThat(finding.kind().severity()).isEqualTo(AlertKind.Severity.CRITICAL);
		assertThat(finding.evidence().fulfillableQuantity()).isZero();
	}

	@Test
	void lowDaysOfCoverIsStockOverDailyUnitsBelowTheThreshold() {
		// 20 units, 14 sold in 7 days: 2 a day, 10 days of cover.
		ProductState p = new ProductState("B1", null, 20, 0, true, List.of("BUYABLE"), List.of(), 14L, true, TITLE,
				true, null, null);
		List<Finding> found = AlertRules.evaluate(p, ALL, DEFAULTS, 7);
		assertThat(found).extracting(Finding::kind).containsExactly(AlertKind.LOW_DAYS_OF_COVER);
		assertThat(found.get(0).evidence().daysOfCover()).isEqualTo(10.0);
		assertThat(found.get(0).evidence().dailyUnits()).isEqualTo(2.0);
		assertThat(found.get(0).kind().severity()).isEqualTo(AlertKind.Severity.WARNING);
		// Exactly at the threshold is not below it; the workspace's threshold decides.
		assertThat(kinds(p, ALL, new AlertSettings(10, 30, true, null))).isEmpty();
		assertThat(kinds(p, ALL, new AlertSettings(11, 30, true, null))).containsExactly(AlertKind.LOW_DAYS_OF_COVER);
		// Nothing sold: no rate, no cover to speak of.
		ProductState unsold = new ProductState("B1", null, 1, 0, true, List.of("BUYABLE"), List.of(), 0L, true, TITLE,
				true, null, null);
		assertThat(kinds(unsold)).isEmpty();
	}

	@Test
	void aListingIsNotBuyableWithoutBuyableStatusWithoutAListingOrWithAnEnforcedIssue() {
		ProductState discoverable = new ProductState("B1", null, 5, 0, true, List.of("DISCOVERABLE"), List.of(), 0L,
				true, TITLE, true, null, null);
		assertThat(kinds(discoverable)).containsExactly(AlertKind.LISTING_NOT_BUYABLE);
		ProductState unlisted = new ProductState("B1", null, 5, 0, false, null, null, 0L, true, TITLE, true, null,
				null);
		Finding none = AlertRules.evaluate(unlisted, ALL, DEFAULTS, 7).get(0);
		assertThat(none.reason()).contains("no listing");
		assertThat(none.evidence().listingStatus()).isEmpty();
		ProductState searchSuppressed = new ProductState("B1", null, 5, 0, true, List.of("BUYABLE"),
				List.of("90220: SEARCH_SUPPRESSED"), 0L, true, TITLE, true, null, null);
		Finding suppressed = AlertRules.evaluate(searchSuppressed, ALL, DEFAULTS, 7).get(0);
		assertThat(suppressed.kind()).isEqualTo(AlertKind.LISTING_NOT_BUYABLE);
		assertThat(suppressed.evidence().listingIssues()).containsExactly("90220: SEARCH_SUPPRESSED");
	}

	@Test
	void theFeaturedOfferIsLostOnlyWhenTheSourceSaysAnotherSellerHoldsIt() {
		ProductState lost = new ProductState("B1", null, 5, 0, true, List.of("BUYABLE"), List.of(), 0L, true, TITLE,
				true, false, "A3RIVALSELLR9T");
		Finding finding = AlertRules.evaluate(lost, ALL, DEFAULTS, 7).get(0);
		assertThat(finding.kind()).isEqualTo(AlertKind.FEATURED_OFFER_LOST);
		assertThat(finding.evidence().featuredOfferSellerId()).isEqualTo("A3RIVALSELLR9T");
		ProductState unknown = new ProductState("B1", null, 5, 0, true, List.of("BUYABLE"), List.of(), 0L, true, TITLE,
				true, null, null);
		assertThat(kinds(unknown)).isEmpty();
	}

	@Test
	void retailReadinessNamesEveryGapAndFollowsTheSettings() {
		ProductState bare = new ProductState("B1", null, 5, 0, true, List.of("BUYABLE"), List.of(), 0L, true,
				"Trailhead Lantern", false, null, null);
		Finding finding = AlertRules.evaluate(bare, ALL, DEFAULTS, 7).get(0);
		assertThat(finding.evidence().retailReadinessGaps()).containsExactly("NO_MAIN_IMAGE", "TITLE_TOO_SHORT");
		assertThat(kinds(bare, ALL, new AlertSettings(14, 0, false, null))).isEmpty();
		ProductState missing = new ProductState("B1", null, 5, 0, true, List.of("BUYABLE"), List.of(), 0L, false, null,
				false, null, null);
		assertThat(AlertRules.evaluate(missing, ALL, DEFAULTS, 7).get(0).evidence().retailReadinessGaps())
			.containsExactly("NOT_IN_CATALOG");
	}

	@Test
	void aKindIsDecidedOnlyWhenItsSourcesWereRead() {
		assertThat(AlertRules.evaluable(EnumSet.of(Source.INVENTORY))).containsExactly(AlertKind.OUT_OF_STOCK);
		assertThat(AlertRules.evaluable(EnumSet.of(Source.SALES))).isEmpty();
		assertThat(AlertRules.evaluable(EnumSet.allOf(Source.class))).isEqualTo(ALL);
		ProductState none = new ProductState("B1", null, 0, 0, false, null, null, 0L, false, null, false, false, null);
		assertThat(kinds(none, AlertRules.evaluable(EnumSet.of(Source.CATALOG)), DEFAULTS))
			.containsExactly(AlertKind.NOT_RETAIL_READY);
	}

	@Test
	void theAdsOfAnAsinAreSummedPerCampaignAndAdGroupWithinTheWindow() {
		LocalDate end = LocalDate.of(2026, 12, 4);
		LocalDate start = end.minusDays(6);
		List<SpAdvertisedProductRow> rows = List.of(row(end, 1L, 11L, "B1", "1.50"),
				row(end.minusDays(1), 1L, 11L, "B1", "2.25"), row(end, 2L, 21L, "B1", "9.00"),
				row(start.minusDays(1), 1L, 11L, "B1", "100"), row(end, 1L, 12L, "B2", "0.10"));
		Map<String, AlertService.Advertised> ads = AlertService.advertised(rows, start, end, "USD");
		assertThat(ads).containsOnlyKeys("B1", "B2");
		AlertService.Advertised b1 = ads.get("B1");
		assertThat(b1.spend().amount()).isEqualByComparingTo("12.75");
		assertThat(b1.ads()).extracting(AlertViews.AlertAd::campaignId).containsExactly("2", "1");
		assertThat(b1.ads().get(1).spendLast7Days().amount()).isEqualByComparingTo("3.75");
		assertThat(b1.sku()).isEqualTo("SKU-B1");
	}

	private static SpAdvertisedProductRow row(LocalDate date, long campaign, long adGroup, String asin, String cost) {
		return new SpAdvertisedProductRow(date, null, null, campaign, adGroup, asin, "SKU-" + asin, 10, 1,
				new BigDecimal(cost), BigDecimal.ZERO, 0, 0);
	}

	@Test
	void aSubscriberIsToldTheOpenAlertsFirstThenWhatChanged() {
		AlertView out = alert("a1", AlertKind.OUT_OF_STOCK, "B1");
		AlertView title = alert("a2", AlertKind.NOT_RETAIL_READY, "B2");
		AlertEvents first = AlertEvents.NOTHING.next(check(List.of(out, title), ALL));
		assertThat(first.events()).extracting(AlertEvent::kind).containsExactly("RAISED", "RAISED");

		AlertView lowCover = alert("a3", AlertKind.LOW_DAYS_OF_COVER, "B1");
		AlertEvents second = first.next(check(List.of(title, lowCover), ALL));
		assertThat(second.events()).extracting((e) -> e.kind() + " " + e.alert().id())
			.containsExactly("RESOLVED a1", "RAISED a3");
		assertThat(second.events().get(0).alert().resolvedAt()).isNotNull();

		// A check that could not read the catalog leaves NOT_RETAIL_READY open, untold.
		AlertEvents third = second
			.next(check(List.of(lowCover), EnumSet.complementOf(EnumSet.of(AlertKind.NOT_RETAIL_READY))));
		assertThat(third.events()).isEmpty();
		assertThat(third.open()).hasSize(2);

		// Raised again after it was resolved unseen: a new occurrence, told as both.
		AlertEvents fourth = third.next(check(List.of(lowCover, alert("a4", AlertKind.NOT_RETAIL_READY, "B2")), ALL));
		assertThat(fourth.events()).extracting((e) -> e.kind() + " " + e.alert().id())
			.containsExactly("RESOLVED a2", "RAISED a4");
	}

	@Test
	void aCheckCrossesReplicasAsJsonUnchanged() {
		AlertView alert = new AlertView("a1", AlertKind.LOW_DAYS_OF_COVER, AlertKind.Severity.WARNING, "B1",
				"ATVPDKIKX0DER", "SKU-1", OffsetDateTime.of(2026, 12, 5, 0, 0, 0, 0, ZoneOffset.UTC), null,
				new dev.adsgraph.products.Money(new BigDecimal("12.75"), "USD"),
				List.of(new AlertViews.AlertAd("1", null, "11", null,
						new dev.adsgraph.products.Money(new BigDecimal("12.75"), "USD"))),
				AlertRules.Evidence.stock(20, 0, 2.0, 10.0), "Low stock");
		AlertCheck check = new AlertCheck(List.of(alert),
				new dev.adsgraph.products.Money(new BigDecimal("12.75"), "USD"),
				OffsetDateTime.of(2026, 12, 5, 1, 0, 0, 0, ZoneOffset.UTC), new CheckFreshness("READY", null, null),
				List.of(new AlertViews.SourceProblem("pricing", "not yet")), List.copyOf(ALL), List.of("B2"));
		String json = dev.adsgraph.watch.WatchValues.write(check);
		assertThat(dev.adsgraph.watch.WatchValues.read(json, AlertCheck.class)).isEqualTo(check);
	}

	private static AlertView alert(String id, AlertKind kind, String asin) {
		return new AlertView(id, kind, kind.severity(), asin, "ATVPDKIKX0DER", null,
				OffsetDateTime.of(2026, 12, 5, 0, 0, 0, 0, ZoneOffset.UTC), null, null, List.of(), null, "");
	}

	private static AlertCheck check(List<AlertView> nodes, Set<AlertKind> evaluated) {
		return new AlertCheck(nodes, null, OffsetDateTime.now(ZoneOffset.UTC), new CheckFreshness("READY", null, null),
				List.of(), List.copyOf(evaluated), List.of());
	}

}
