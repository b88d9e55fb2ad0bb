package dev.adsgraph.sandbox;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.adsgraph.sandbox.Catalog.Kind;
import dev.adsgraph.sandbox.Catalog.Listing;
import dev.adsgraph.sandbox.Figures.Day;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product fixtures and the daily figure functions keep the promises the join tests
 * rely on.
 */
class SandboxCatalogTest {

	private static final Catalog CATALOG = Catalog.load();

	@Test
	void everySellerHasItsMarketplacesAndNorthwindUsIsBigEnoughForHundredAsinQueries() {
		Map<String, Map<Country, Integer>> expected = Map.of(Fixtures.NORTHWIND,
				Map.of(Country.US, 130, Country.CA, 36, Country.MX, 18), Fixtures.BLUE_HARBOR,
				Map.of(Country.UK, 40, Country.DE, 32, Country.FR, 24, Country.IT, 14, Country.ES, 12), Fixtures.SAKURA,
				Map.of(Country.JP, 30, Country.AU, 16), Fixtures.ACME_VENDOR_GROUP,
				Map.of(Country.US, 28, Country.CA, 14, Country.UK, 20, Country.DE, 16), Fixtures.RIVERSTONE,
				Map.of(Country.US, 18, Country.UK, 12), Fixtures.HILLCREST, Map.of(Country.US, 10),
				Fixtures.HARBOR_TOOLS_VENDOR_GROUP, Map.of(Country.DE, 14, Country.FR, 10));
		expected.forEach((partner, counts) -> {
			assertThat(CATALOG.countries(partner)).containsExactlyInAnyOrderElementsOf(counts.keySet());
			counts
				.forEach((country, count) -> assertThat(CATALOG.inCatalog(partner, country)).as(partner + " " + country)
					.hasSize(count));
		});
		assertThat(CATALOG.inCatalog(Fixtures.NORTHWIND, Country.US)).hasSizeGreaterThanOrEqualTo(120);
	}

	@Test
	void asinsAndSkusHaveAmazonsShapeAndRepeatAcrossOneSellersMarketplacesOnly() {
		Map<String, String> ownerOfAsin = new java.util.HashMap<>();
		for (String partner : List.of(Fixtures.NORTHWIND, Fixtures.BLUE_HARBOR, Fixtures.SAKURA,
				Fixtures.ACME_VENDOR_GROUP, Fixtures.RIVERSTONE, Fixtures.HILLCREST,
				Fixtures.HARBOR_TOOLS_VENDOR_GROUP)) {
			for (Country country : CATALOG.countries(partner)) {
				Set<String> skus = new HashSet<>();
				for (Listing listing : CATALOG.listings(partner, country)) {
					assertThat(listing.asin()).matches("B0[0-9A-Z]{8}");
					assertThat(skus.add(listing.sku())).isTrue();
					assertThat(listing.imageUrl()).startsWith("https://").contains(".example/");
					assertThat(listing.priceMinor()).isPositive();
					String owner = ownerOfAsin.putIfAbsent(listing.asin(), partner);
					assertThat(owner == null || owner.equals(partner)).as(listing.asin()).isTrue();
				}
			}
		}
	}

	@Test
	void nonMatchingProductsExistInTheAdvertisedShares() {
		List<Listing> northwind = CATALOG.listings(Fixtures.NORTHWIND, Country.US);
		long adsOnly = northwind.stream().filter((l) -> l.kind() == Kind.ADS_ONLY).count();
		long retailOnly = northwind.stream().filter((l) -> l.kind() == Kind.RETAIL_ONLY).count();
		assertThat(adsOnly).isEqualTo(13);
		assertThat(retailOnly).isBetween(18L, 21L);
		List<Listing> deleted = northwind.stream().filter((l) -> !l.inCatalog()).toList();
		assertThat(deleted).hasSize(2).allMatch((l) -> l.kind() == Kind.DELETED && l.campaign() != null);
		for (Listing gone : deleted) {
			assertThat(CATALOG.byAsin(Country.US, gone.asin())).isEmpty();
		}
		assertThat(northwind.stream().filter((l) -> l.kind() == Kind.ADS_ONLY))
			.allMatch((l) -> l.status().equals(List.of("DISCOVERABLE")) && l.inventory().fulfillable() == 0);
	}

	@Test
	void dailyFiguresAreDeterministicAndKeepTheirInvariants() {
		LocalDate from = LocalDate.parse("2026-08-01");
		for (Listing listing : CATALOG.listings(Fixtures.NORTHWIND, Country.US)) {
			for (LocalDate date = from; date.isBefore(from.plusDays(45)); date = date.plusDays(1)) {
				Day day = Figures.day(listing, date);
				assertThat(Figures.day(listing, date)).isEqualTo(day);
				assertThat(day.retail().orderItems()).isLessThanOrEqualTo(day.retail().units());
				assertThat(day.retail().orders()).isLessThanOrEqualTo(day.retail().orderItems());
				assertThat(day.retail().sessions()).isGreaterThanOrEqualTo(day.retail().units());
				assertThat(day.retail().pageViews()).isGreaterThanOrEqualTo(day.retail().sessions());
				if (!listing.kind().sells()) {
					assertThat(day.retail().units()).isZero();
				}
				if (!listing.kind().advertised()) {
					assertThat(day.ads()).isNull();
					continue;
				}
				assertThat(day.ads().clicks()).isLessThanOrEqualTo(day.ads().impressions());
				assertThat(day.ads().impressions()).isPositive();
				if (listing.inCatalog()) {
					assertThat(day.ads().purchases()).isLessThanOrEqualTo(day.retail().units());
					assertThat(day.ads().unitsSold()).isLessThanOrEqualTo(day.retail().units());
					assertThat(day.ads().salesMinor()).isLessThanOrEqualTo(day.retail().salesMinor());
				}
				long[][] hours = Figures.hours(listing, date, day.retail());
				long units = 0;
				for (long[] hour : hours) {
					assertThat(hour[2]).isLessThanOrEqualTo(hour[1]);
					assertThat(hour[1]).isLessThanOrEqualTo(hour[0]);
					units += hour[0];
				}
				assertThat(units).isEqualTo(day.retail().units());
			}
		}
	}

	@Test
	void theCatalogIsTheSameOnEveryLoad() {
		Catalog again = Catalog.load();
		for (String partner : List.of(Fixtures.NORTHWIND, Fixtures.RIVERSTONE)) {
			for (Country country : CATALOG.countries(partner)) {
				assertThat(again.listings(partner, country)).isEqualTo(CATALOG.listings(partner, country));
			}
		}
	}

}
