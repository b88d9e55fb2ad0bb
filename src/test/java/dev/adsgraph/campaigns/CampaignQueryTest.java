package dev.adsgraph.campaigns;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.adsgraph.campaigns.CampaignQuery.Position;
import dev.adsgraph.graphql.BadUserInputException;
import dev.adsgraph.products.AdPerformance;
import dev.adsgraph.upstream.ads.SpAdvertisedProductRow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code Profile.campaigns}' filter and cursors, and the sums behind performance. */
class CampaignQueryTest {

	@Test
	void withoutAFilterEverySponsoredAdsProductIsQueriedInOrder() {
		CampaignQuery query = CampaignQuery.of((Object) null);

		assertThat(query.adProducts()).containsExactly("SPONSORED_PRODUCTS", "SPONSORED_BRANDS", "SPONSORED_DISPLAY");
		assertThat(query.states()).isNull();
		assertThat(query.name()).isNull();
	}

	@Test
	void aFilterKeepsItsOrderDropsDuplicatesAndTrimsTheName() {
		CampaignQuery query = CampaignQuery
			.of(Map.of("adProducts", List.of("SPONSORED_BRANDS", "SPONSORED_BRANDS", "SPONSORED_PRODUCTS"), "states",
					List.of("PAUSED", "ENABLED"), "name", "  Brand  "));

		assertThat(query.adProducts()).containsExactly("SPONSORED_BRANDS", "SPONSORED_PRODUCTS");
		assertThat(query.states()).containsExactly("ENABLED", "PAUSED");
		assertThat(query.name()).isEqualTo("Brand");
	}

	@Test
	void refusedFiltersSayWhatIsWrong() {
		assertThatThrownBy(() -> CampaignQuery.of(Map.of("adProducts", List.of("AMAZON_DSP"))))
			.isInstanceOf(BadUserInputException.class)
			.hasMessageContaining("AMAZON_DSP");
		assertThatThrownBy(() -> CampaignQuery.of(Map.of("adProducts", List.of())))
			.isInstanceOf(BadUserInputException.class)
			.hasMessageContaining("at least one ad product");
		assertThatThrownBy(() -> CampaignQuery.of(Map.of("states", List.of())))
			.isInstanceOf(BadUserInputException.class)
			.hasMessageContaining("at least one state");
		assertThatThrownBy(() -> CampaignQuery.of(Map.of("name", "x".repeat(256))))
			.isInstanceOf(BadUserInputException.class)
			.hasMessageContaining("1 to 255");
	}

	@Test
	void aCursorComesBackAsThePositionItWasMadeOf() {
		CampaignQuery query = CampaignQuery.of((Object) null);

		assertThat(query.decode(query.encode(new Position(1, "token:with:colons", 7))))
			.isEqualTo(new Position(1, "token:with:colons", 7));
		assertThat(query.decode(query.encode(new Position(0, null, 0)))).isEqualTo(new Position(0, null, 0));
		assertThat(query.start(null)).isEqualTo(new Position(0, null, 0));
	}

	@Test
	void aCursorOfAnotherFilterOrNotOursIsRefused() {
		CampaignQuery all = CampaignQuery.of((Object) null);
		CampaignQuery enabled = CampaignQuery.of(Map.of("states", List.of("ENABLED")));
		String cursor = all.encode(new Position(0, "t", 1));

		assertThatThrownBy(() -> enabled.decode(cursor)).isInstanceOf(BadUserInputException.class)
			.hasMessageContaining("another filter");
		assertThatThrownBy(() -> all.decode("not-a-cursor")).isInstanceOf(BadUserInputException.class)
			.hasMessageContaining("after must be a cursor");
		// A key cursor of a list held whole (Profile.products) is not one either.
		assertThatThrownBy(() -> all.decode(dev.adsgraph.graphql.Cursors.encodeKey("B000000001")))
			.isInstanceOf(BadUserInputException.class);
	}

	@Test
	void performanceSumsTheReportRowsByCampaignAndLeavesRowsWithoutOneOut() {
		LocalDate day = LocalDate.parse("2026-11-20");
		List<SpAdvertisedProductRow> rows = List.of(
				new SpAdvertisedProductRow(day, null, null, 1L, 10L, "B000000001", null, 100, 5, new BigDecimal("2.50"),
						new BigDecimal("10.00"), 1, 1),
				new SpAdvertisedProductRow(day.plusDays(1), null, null, 1L, 11L, "B000000002", null, 50, 3,
						new BigDecimal("1.25"), BigDecimal.ZERO, 0, 0),
				new SpAdvertisedProductRow(day, null, null, 2L, 20L, "B000000003", null, 7, 0, BigDecimal.ZERO,
						BigDecimal.ZERO, 0, 0),
				new SpAdvertisedProductRow(day, null, null, null, null, "B000000004", null, 9, 9, BigDecimal.ONE,
						BigDecimal.ONE, 1, 1));

		Map<String, AdPerformance> sums = CampaignPerformance.byCampaign(rows, "USD");

		assertThat(sums).containsOnlyKeys("1", "2");
		AdPerformance one = sums.get("1");
		assertThat(one.impressions()).isEqualTo(150);
		assertThat(one.clicks()).isEqualTo(8);
		assertThat(one.spend().amount()).isEqualByComparingTo("3.75");
		assertThat(one.attributedSales().amount()).isEqualByComparingTo("10.00");
		CampaignPerformance figures = CampaignPerformance.of(one,
				new CampaignPerformance.Freshness("READY", null, null));
		assertThat(figures.acos()).isEqualTo(0.375);
		assertThat(figures.roas()).isCloseTo(10.0 / 3.75, org.assertj.core.api.Assertions.within(1e-9));
		// No sales: no ACOS rather than a division by zero.
		CampaignPerformance none = CampaignPerformance.of(sums.get("2"),
				new CampaignPerformance.Freshness("READY", null, null));
		assertThat(none.acos()).isNull();
		assertThat(none.roas()).isNull();
	}

}
