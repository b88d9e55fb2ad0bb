package dev.adsgraph.products;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MetricsTest {

	private static Money usd(String amount) {
		return new Money(new BigDecimal(amount), "USD");
	}

	@Test
	void everyMetricFollowsItsFormula() {
		AdPerformance ads = new AdPerformance(10_000, 250, usd("125.00"), usd("500.00"), 20, 24);
		RetailSales sales = new RetailSales(80, usd("2000.00"), 3000, 4200, 95.5);
		Metrics m = Metrics.of(ads, sales);
		assertThat(m.ctr()).isCloseTo(0.025, within(1e-12));
		assertThat(m.cvr()).isCloseTo(0.08, within(1e-12));
		assertThat(m.cpc()).isEqualTo(usd("0.50"));
		assertThat(m.acos()).isCloseTo(0.25, within(1e-12));
		assertThat(m.roas()).isCloseTo(4.0, within(1e-12));
		assertThat(m.tacos()).isCloseTo(0.0625, within(1e-12));
		assertThat(m.organicSales()).isEqualTo(usd("1500.00"));
		assertThat(m.organicShare()).isCloseTo(0.75, within(1e-12));
	}

	@Test
	void zeroDenominatorsGiveNullNeverInfinity() {
		AdPerformance none = new AdPerformance(0, 0, usd("0"), usd("0"), 0, 0);
		Metrics m = Metrics.of(none, new RetailSales(0, usd("0"), 0, 0, null));
		assertThat(m.ctr()).isNull();
		assertThat(m.cvr()).isNull();
		assertThat(m.cpc()).isNull();
		assertThat(m.acos()).isNull();
		assertThat(m.roas()).isNull();
		assertThat(m.tacos()).isNull();
		assertThat(m.organicShare()).isNull();
		assertThat(m.organicSales()).isEqualTo(usd("0"));
	}

	@Test
	void missingInputsGiveNullForTheMetricsThatNeedThem() {
		AdPerformance ads = new AdPerformance(100, 10, usd("5.00"), usd("20.00"), 2, 2);
		Metrics adsOnly = Metrics.of(ads, null);
		assertThat(adsOnly.acos()).isCloseTo(0.25, within(1e-12));
		assertThat(adsOnly.tacos()).isNull();
		assertThat(adsOnly.organicSales()).isNull();
		Metrics salesOnly = Metrics.of(null, new RetailSales(3, usd("30.00"), 10, 12, null));
		assertThat(salesOnly.ctr()).isNull();
		assertThat(salesOnly.tacos()).isNull();
		assertThat(salesOnly.organicSales()).isNull();
	}

	@Test
	void adsThatClaimMoreThanTotalSalesLeaveZeroOrganicSales() {
		Metrics m = Metrics.of(new AdPerformance(100, 10, usd("5.00"), usd("50.00"), 2, 2),
				new RetailSales(1, usd("30.00"), 10, 12, null));
		assertThat(m.organicSales()).isEqualTo(usd("0"));
		assertThat(m.organicShare()).isEqualTo(0.0);
		assertThat(m.tacos()).isCloseTo(5.0 / 30.0, within(1e-9));
	}

}
