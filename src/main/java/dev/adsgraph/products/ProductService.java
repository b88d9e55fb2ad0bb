package dev.adsgraph.products;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import dev.adsgraph.graphql.BadUserInputException;
import dev.adsgraph.graphql.Ids;
import dev.adsgraph.profiles.ProfileQuery;
import dev.adsgraph.profiles.ProfileService;
import dev.adsgraph.profiles.ProfileView;
import dev.adsgraph.reports.AdsProductReports;
import dev.adsgraph.connections.ConnectionErrors;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.Tenant.AdsConnection;
import dev.adsgraph.tenancy.Tenant.SpConnection;
import dev.adsgraph.upstream.Marketplaces;
import dev.adsgraph.upstream.ads.ReportConfiguration.TimeUnit;
import dev.adsgraph.upstream.ads.SpAdvertisedProductRow;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The ASIN join: advertising figures (sponsored-products report of the marketplace's
 * profile) next to retail figures (the seller's sales and traffic report; a vendor
 * profile's vendor sales and traffic reports), per ASIN. Both reports come from the
 * shared report engine, so a dashboard is answered at once with what is ready.
 */
@Service
class ProductService {

	private static final Pattern ASIN = Pattern.compile("^[A-Z0-9]{10}$");

	/**
	 * The ads report's rows summed per ASIN and per day, once per report result (keyed by
	 * its rows).
	 */
	private static final ReportMemo<List<SpAdvertisedProductRow>, AdFigures> AD_FIGURES = new ReportMemo<>(10_000);

	/** A profile's advertising totals, once per summed ads report. */
	private static final ReportMemo<AdFigures, AdPerformance> AD_TOTALS = new ReportMemo<>(10_000);

	/**
	 * A profile's products in order, once per pair of report results (keyed by the ads
	 * report's per-ASIN figures, else by the retail report's).
	 */
	private static final ReportMemo<Map<String, ?>, List<String>> PRODUCT_ORDER = new ReportMemo<>(10_000);

	/** The variant of {@link #PRODUCT_ORDER} while the ads report is not ready. */
	private static final Object NO_ADS = new Object();

	/** A profile's retail totals, once per retail report result. */
	private static final ReportMemo<RetailFigures, RetailSales> RETAIL_TOTALS = new ReportMemo<>(10_000);

	private final ProfileService profiles;

	private final MarketplaceService marketplaces;

	private final AdsProductReports adsReports;

	private final SalesAndTrafficReports retailReports;

	private final ProductsProperties properties;

	/** Vendor profiles' retail source; null where only sellers are served. */
	private final VendorRetailReports vendorReports;

	/** Which days are valid date ranges: the latest and earliest follow today. */
	private final Clock clock;

	ProductService(ProfileService profiles, MarketplaceService marketplaces, AdsProductReports adsReports,
			SalesAndTrafficReports retailReports, ProductsProperties properties, Clock clock) {
		this(profiles, marketplaces, adsReports, retailReports, null, properties, clock);
	}

	@Autowired
	ProductService(ProfileService profiles, MarketplaceService marketplaces, AdsProductReports adsReports,
			SalesAndTrafficReports retailReports, VendorRetailReports vendorReports, ProductsProperties properties,
			Clock clock) {
		this.profiles = profiles;
		this.marketplaces = marketplaces;
		this.adsReports = adsReports;
		this.retailReports = retailReports;
		this.vendorReports = vendorReports;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * {@code products(marketplaceId, asins, dateRange)}: one product per requested ASIN,
	 * in order.
	 */
	Mono<Products> products(Tenant tenant, String marketplaceId, List<String> asins, DateRange range) {
		Marketplaces.Marketplace marketplace = requireMarketplace(marketplaceId);
		List<String> wanted = requireAsins(asins);
		requireRange(range);
		return requireParticipation(tenant, marketplace).then(seller(tenant, marketplace)).flatMap((seller) -> {
			// The profile's id goes with its figures: it is part of every product's id.
			Mono<ProfileAds> ads = seller.profile()
				.map((p) -> advertising(tenant, p, range).map((figures) -> new ProfileAds(p.id(), figures)))
				.orElseGet(() -> Mono.just(new ProfileAds(null, Sourced.unavailable(
						"The tenant has no seller advertising profile in marketplace " + marketplaceId + "."))));
			Mono<Sourced<RetailFigures>> retail = seller.sp()
				.map((sp) -> retail(tenant, sp, marketplace, range))
				.orElseGet(() -> Mono.just(Sourced.unavailable("The tenant has no SP-API authorization.")));
			String spConnectionId = seller.sp().map(SpConnection::id).orElse(null);
			return Mono.zip(ads, retail).map((both) -> {
				Sourced<Map<String, AdPerformance>> adData = both.getT1().figures().map(AdFigures::byAsin);
				Sourced<Map<String, RetailSales>> retailData = both.getT2().map(RetailFigures::byAsin);
				String profileId = both.getT1().profileId();
				List<ProductView> nodes = wanted.stream()
					.map((asin) -> product(tenant, profileId, spConnectionId, asin, marketplace, range, adData,
							retailData))
					.toList();
				return new Products(nodes, new Freshness.Both(adData.freshness(), retailData.freshness()));
			});
		});
	}

	/**
	 * Where the two reports behind {@code products(marketplaceId, dateRange)} stand: the
	 * current state, then every change, until both are READY or FAILED. Watching starts a
	 * report nobody asked for yet, under the same key as {@code products} (the daily ads
	 * report), so both share it.
	 */
	Flux<Freshness.Both> reportStatus(Tenant tenant, String marketplaceId, DateRange range) {
		Marketplaces.Marketplace marketplace = requireMarketplace(marketplaceId);
		requireRange(range);
		return requireParticipation(tenant, marketplace).then(seller(tenant, marketplace)).flatMapMany((seller) -> {
			Flux<Freshness> ads = seller.profile().map((p) -> {
				AdsConnection connection = connectionOf(tenant, p);
				return this.adsReports
					.watchAdvertisedProducts(tenant.id(), connection.id(), connection.credentials(), p.region(),
							Long.parseLong(p.id()), range.start(), range.end(), TimeUnit.DAILY)
					.map(Sourced::freshnessOf);
			})
				.orElseGet(() -> Flux.just(Freshness
					.failed("The tenant has no seller advertising profile in marketplace " + marketplaceId + ".")));
			Flux<Freshness> retail = seller.sp()
				.map((sp) -> this.retailReports.watch(tenant, sp, marketplace, range.start(), range.end()))
				.orElseGet(() -> Flux.just(Freshness.failed("The tenant has no SP-API authorization.")));
			return Flux.combineLatest(ads, retail, Freshness.Both::new);
		}).distinctUntilChanged();
	}

	/**
	 * A profile's products over the range: every ASIN that was advertised or sold,
	 * ordered by ad spend (highest first), then ASIN.
	 */
	Mono<Products> profileProducts(Tenant tenant, ProfileView profile, DateRange range) {
		requireRange(range);
		requireVendorRange(profile, range);
		return profileFigures(tenant, profile, range).map((figures) -> figures.products());
	}

	/**
	 * A profile's totals over the range and its days. The totals are its products' sums,
	 * the days come from the same two reports (the ads report's rows summed by day, the
	 * sales and traffic report's days), so the days add up to the totals.
	 */
	Mono<Performance> performance(Tenant tenant, ProfileView profile, DateRange range) {
		requireRange(range);
		requireVendorRange(profile, range);
		return profileFigures(tenant, profile, range).map((figures) -> {
			Products products = figures.products();
			String currency = profile.currencyCode();
			// The totals are the products' sums: every ASIN of a report is a
			// product, and a product the report says nothing of counts zero, so
			// they are the sums of the report's per-ASIN figures, computed once
			// per report result.
			AdPerformance ads = null;
			if (products.freshness().advertising().isReady()) {
				AdFigures figuresOfAds = figures.ads().data();
				ads = AD_TOTALS.get(figuresOfAds, currency,
						() -> figuresOfAds.byAsin()
							.values()
							.stream()
							.reduce(AdPerformance.none(currency), AdPerformance::plus));
			}
			RetailSales sales = null;
			if (products.freshness().retail().isReady()) {
				RetailFigures figuresOfRetail = figures.retail().data();
				sales = RETAIL_TOTALS.get(figuresOfRetail, currency, () -> {
					long units = 0;
					long sessions = 0;
					long views = 0;
					BigDecimal total = BigDecimal.ZERO;
					for (RetailSales s : figuresOfRetail.byAsin().values()) {
						units += s.unitsOrdered();
						sessions += s.sessions();
						views += s.pageViews();
						total = total.add(s.orderedProductSales().amount());
					}
					return new RetailSales(units, new Money(total, currency), sessions, views, null);
				});
			}
			String scope = Ids.tenantScope(tenant.id());
			List<DailyPerformance> daily = DailyPerformance.series(range.start(), range.end(),
					figures.ads().map(AdFigures::byDate).data(), figures.retail().map(RetailFigures::byDate).data(),
					currency, (date) -> Ids.opaque("DailyPerformance", scope, profile.id(), range.start().toString(),
							range.end().toString(), date.toString()));
			String id = Ids.opaque("Performance", scope, profile.id(), range.start().toString(),
					range.end().toString());
			return new Performance(id, ads, sales, Metrics.of(ads, sales), daily, products.freshness());
		});
	}

	/**
	 * Some ASINs as products of a profile over the range, each with its figures (zero
	 * when the reports say nothing of it), made as {@link #profileProducts} makes them:
	 * for fields that reach a product from elsewhere (an ad's product). Keyed by ASIN.
	 */
	Mono<Map<String, ProductView>> profileProducts(Tenant tenant, ProfileView profile, DateRange range,
			Collection<String> asins) {
		requireRange(range);
		Marketplaces.Marketplace marketplace = Marketplaces.byId(profile.marketplaceId()).orElse(null);
		if (marketplace == null) {
			return Mono.just(Map.of());
		}
		String spConnectionId = tenant.spConnection(profile.accountInfo().id(), marketplace.region())
			.or(tenant::firstSpConnection)
			.map(SpConnection::id)
			.orElse(null);
		return profileFigures(tenant, profile, range).map((figures) -> {
			Sourced<Map<String, AdPerformance>> adData = figures.ads().map(AdFigures::byAsin);
			Sourced<Map<String, RetailSales>> retailData = figures.retail().map(RetailFigures::byAsin);
			Map<String, ProductView> found = new LinkedHashMap<>();
			for (String asin : asins) {
				found.put(asin,
						product(tenant, profile.id(), spConnectionId, asin, marketplace, range, adData, retailData));
			}
			return found;
		});
	}

	/** Both report-based sources of a profile, and its products made of them. */
	private Mono<ProfileFigures> profileFigures(Tenant tenant, ProfileView profile, DateRange range) {
		Marketplaces.Marketplace marketplace = Marketplaces.byId(profile.marketplaceId()).orElse(null);
		if (marketplace == null) {
			Sourced<AdFigures> ads = Sourced.unavailable("The profile's marketplace is unknown.");
			Sourced<RetailFigures> retail = Sourced.unavailable("The profile's marketplace is unknown.");
			return Mono.just(new ProfileFigures(ads, retail,
					new Products(List.of(), new Freshness.Both(ads.freshness(), retail.freshness()))));
		}
		Optional<SpConnection> sp = tenant.spConnection(profile.accountInfo().id(), marketplace.region());
		// Catalog facts of the products: through the seller's own connection, else the
		// workspace's first (catalog data is the same for every seller).
		String spConnectionId = sp.or(tenant::firstSpConnection).map(SpConnection::id).orElse(null);
		Mono<Sourced<RetailFigures>> retail = isVendor(profile) ? vendorRetail(tenant, sp, marketplace, range)
				: retailFor(tenant, sp, marketplace, range);
		return Mono.zip(advertising(tenant, profile, range), retail).map((both) -> {
			Sourced<Map<String, AdPerformance>> adData = both.getT1().map(AdFigures::byAsin);
			Sourced<Map<String, RetailSales>> retailData = both.getT2().map(RetailFigures::byAsin);
			Map<String, AdPerformance> adsByAsin = adData.data();
			Map<String, RetailSales> retailByAsin = retailData.data();
			// Which ASINs, in which order, depends only on the reports: decided once per
			// pair of report results.
			Supplier<List<String>> decide = () -> productOrder(adsByAsin, retailByAsin);
			List<String> order = (adsByAsin != null)
					? PRODUCT_ORDER.get(adsByAsin, new ReportMemo.Identity(retailByAsin), decide)
					: (retailByAsin != null) ? PRODUCT_ORDER.get(retailByAsin, NO_ADS, decide) : List.of();
			List<ProductView> nodes = new ArrayList<>(order.size());
			for (String asin : order) {
				nodes.add(product(tenant, profile.id(), spConnectionId, asin, marketplace, range, adData, retailData));
			}
			return new ProfileFigures(both.getT1(), both.getT2(),
					new Products(nodes, new Freshness.Both(adData.freshness(), retailData.freshness())));
		});
	}

	/**
	 * A profile's products: every ASIN that was advertised or sold, by ad spend (highest
	 * first; none counts zero), then ASIN.
	 * @param ads null while the advertising report is not ready
	 * @param retail null while the retail report is not ready
	 */
	private static List<String> productOrder(Map<String, AdPerformance> ads, Map<String, RetailSales> retail) {
		Set<String> asins = new LinkedHashSet<>();
		if (ads != null) {
			asins.addAll(ads.keySet());
		}
		if (retail != null) {
			asins.addAll(retail.keySet());
		}
		List<String> order = new ArrayList<>(asins);
		order.sort(Comparator.comparing((String asin) -> {
			AdPerformance ad = (ads != null) ? ads.get(asin) : null;
			return (ad != null) ? ad.spend().amount() : BigDecimal.ZERO;
		}).reversed().thenComparing(Comparator.naturalOrder()));
		return List.copyOf(order);
	}

	/**
	 * @param profileId the advertising profile whose report gave the figures; null when
	 * there is none
	 * @param spConnectionId the SP-API connection the product's catalog, listing and
	 * inventory are read through; null when the workspace has none
	 */
	private ProductView product(Tenant tenant, String profileId, String spConnectionId, String asin,
			Marketplaces.Marketplace marketplace, DateRange range, Sourced<Map<String, AdPerformance>> ads,
			Sourced<Map<String, RetailSales>> retail) {
		String currency = marketplace.currencyCode();
		// A source that is READY but silent about the ASIN means zero, not unknown.
		AdPerformance ad = (ads.data() != null) ? ads.data().getOrDefault(asin, AdPerformance.none(currency)) : null;
		RetailSales sales = (retail.data() != null) ? retail.data().getOrDefault(asin, RetailSales.none(currency))
				: null;
		// The figures differ per tenant (retail needs its SP-API authorization), profile,
		// marketplace, ASIN and range, so the id has all of them.
		String id = Ids.opaque("Product", Ids.tenantScope(tenant.id()), profileId, marketplace.id(), asin,
				range.start().toString(), range.end().toString());
		return new ProductView(id, asin, marketplace.id(), ad, sales, spConnectionId, profileId);
	}

	/**
	 * The profile's daily sponsored-products report, through the profile's connection:
	 * one report per range serves the per-ASIN sums (days added up) and the days, so
	 * every field of a range shares it.
	 */
	private Mono<Sourced<AdFigures>> advertising(Tenant tenant, ProfileView profile, DateRange range) {
		String currency = profile.currencyCode();
		return Mono.defer(() -> {
			AdsConnection connection = connectionOf(tenant, profile);
			return this.adsReports
				.advertisedProductsByDay(tenant.id(), connection.id(), connection.credentials(), profile.region(),
						Long.parseLong(profile.id()), range.start(), range.end())
				.onErrorMap((ex) -> ConnectionErrors.of(connection.id(), ex));
		})
			.map((result) -> Sourced.of(result,
					(rows) -> AD_FIGURES.get(rows, currency, () -> AdFigures.of(rows, currency))));
	}

	/**
	 * The connection the profile was listed through.
	 * @throws dev.adsgraph.graphql.CodedException when it can no longer be used
	 */
	private static AdsConnection connectionOf(Tenant tenant, ProfileView profile) {
		return tenant.adsConnection(profile.connectionId())
			.orElseThrow(() -> ConnectionErrors.needsReauthorization(profile.connectionId()));
	}

	private Mono<Sourced<RetailFigures>> retail(Tenant tenant, SpConnection sp, Marketplaces.Marketplace marketplace,
			DateRange range) {
		return this.retailReports.figures(tenant, sp, marketplace, range.start(), range.end());
	}

	/**
	 * Retail figures only through the SP-API connection of the profile's own selling
	 * partner.
	 */
	private Mono<Sourced<RetailFigures>> retailFor(Tenant tenant, Optional<SpConnection> sp,
			Marketplaces.Marketplace marketplace, DateRange range) {
		if (sp.isEmpty()) {
			return Mono.just(Sourced.unavailable(
					"Retail figures need the SP-API authorization of this profile's seller, which the tenant does not have."));
		}
		return retail(tenant, sp.get(), marketplace, range);
	}

	/**
	 * A vendor profile's retail figures: the vendor retail analytics reports, through the
	 * SP-API connection of the profile's own vendor (the one whose selling partner id is
	 * the profile's {@code accountInfo.id}, as for sellers).
	 */
	private Mono<Sourced<RetailFigures>> vendorRetail(Tenant tenant, Optional<SpConnection> sp,
			Marketplaces.Marketplace marketplace, DateRange range) {
		if (sp.isEmpty()) {
			return Mono.just(Sourced.unavailable(
					"Retail figures need the SP-API authorization of this profile's vendor, which the tenant does not have."));
		}
		return this.vendorReports.figures(tenant, sp.get(), marketplace, range.start(), range.end());
	}

	/** Vendor profiles (vendors and KDP authors) read the vendor reports. */
	private boolean isVendor(ProfileView profile) {
		return this.vendorReports != null && profile.accountInfo() != null
				&& "VENDOR".equals(profile.accountInfo().type());
	}

	/**
	 * The vendor reports' date rules, for a vendor profile, before anything is sent.
	 * @throws dev.adsgraph.graphql.CodedException {@code VENDOR_REPORT_RANGE}
	 */
	private void requireVendorRange(ProfileView profile, DateRange range) {
		if (isVendor(profile)) {
			this.vendorReports.rules().require(range.start(), range.end(), this.clock.instant(), zone(profile));
		}
	}

	/**
	 * The profile's time zone (Amazon's {@code timezone}, an IANA id): the zone its
	 * marketplace's days, and so the vendor reports' periods, end in. The latest zone on
	 * Earth (UTC-12) when Amazon gave none or one Java does not know: the rule then never
	 * lets through a day the marketplace has not closed.
	 */
	private static java.time.ZoneId zone(ProfileView profile) {
		try {
			return (profile.timezone() != null) ? java.time.ZoneId.of(profile.timezone())
					: java.time.ZoneOffset.ofHours(-12);
		}
		catch (java.time.DateTimeException ex) {
			return java.time.ZoneOffset.ofHours(-12);
		}
	}

	/**
	 * The workspace's seller profile in the marketplace and the SP-API connection its
	 * retail figures come from: the first seller profile whose seller has an SP-API
	 * connection covering the marketplace's region, with that connection; without such a
	 * pair, no profile when the workspace has SP-API connections (and the first one
	 * covering the region for retail), else the first seller profile.
	 */
	private Mono<Seller> seller(Tenant tenant, Marketplaces.Marketplace marketplace) {
		Optional<SpConnection> covering = tenant.spConnections()
			.stream()
			.filter((c) -> c.regions().contains(marketplace.region()))
			.findFirst()
			.or(tenant::firstSpConnection);
		if (!tenant.adsRegions().contains(marketplace.region())) {
			return Mono.just(new Seller(Optional.empty(), covering));
		}
		ProfileQuery query = new ProfileQuery(List.of(marketplace.region()), null, List.of("SELLER"),
				List.of(marketplace.id()), null, null, null);
		return this.profiles.list(tenant, query).map((listed) -> {
			List<ProfileView> found = listed.profiles();
			if (tenant.spConnections().isEmpty()) {
				return new Seller(found.stream().findFirst(), Optional.empty());
			}
			for (ProfileView p : found) {
				Optional<SpConnection> own = tenant.spConnection(p.accountInfo().id(), marketplace.region());
				if (own.isPresent()) {
					return new Seller(Optional.of(p), own);
				}
			}
			return new Seller(Optional.empty(), covering);
		});
	}

	/** A marketplace's seller profile and SP-API connection, either possibly absent. */
	private record Seller(Optional<ProfileView> profile, Optional<SpConnection> sp) {
	}

	private Mono<Void> requireParticipation(Tenant tenant, Marketplaces.Marketplace marketplace) {
		if (tenant.spConnections().isEmpty()) {
			return Mono.empty();
		}
		return this.marketplaces.participation(tenant, marketplace.id())
			.flatMap((found) -> found.filter((p) -> p.participation() != null && p.participation().isParticipating())
				.<Mono<Void>>map((p) -> Mono.empty())
				.orElseGet(
						() -> Mono.error(new BadUserInputException("The selling partner does not sell in marketplace "
								+ marketplace.id() + " (" + marketplace.countryCode() + ")."))));
	}

	static Marketplaces.Marketplace requireMarketplace(String marketplaceId) {
		return Marketplaces.byId(marketplaceId)
			.orElseThrow(() -> new BadUserInputException("marketplaceId must be an Amazon marketplace id such as "
					+ "ATVPDKIKX0DER (US) or A1PA6795UKMFR9 (DE); " + Ids.quote(marketplaceId) + " is not one."));
	}

	List<String> requireAsins(List<String> asins) {
		if (asins.isEmpty() || asins.size() > this.properties.maxAsins()) {
			throw new BadUserInputException(
					"asins must name 1 to " + this.properties.maxAsins() + " ASINs; got " + asins.size() + ".");
		}
		List<String> bad = new ArrayList<>();
		LinkedHashSet<String> normalised = new LinkedHashSet<>();
		for (String asin : asins) {
			String upper = (asin != null) ? asin.trim().toUpperCase(Locale.ROOT) : "";
			if (ASIN.matcher(upper).matches()) {
				normalised.add(upper);
			}
			else {
				bad.add(Ids.quote(asin));
			}
		}
		if (!bad.isEmpty()) {
			throw new BadUserInputException("asins must be 10-character ASINs such as B07N4M94X4; not: "
					+ String.join(", ", bad.subList(0, Math.min(bad.size(), 5))) + ((bad.size() > 5) ? ", …" : "")
					+ ".");
		}
		return List.copyOf(normalised);
	}

	void requireRange(DateRange range) {
		if (range.end().isBefore(range.start())) {
			throw new BadUserInputException(
					"dateRange.end " + range.end() + " is before dateRange.start " + range.start() + ".");
		}
		long days = ChronoUnit.DAYS.between(range.start(), range.end()) + 1;
		if (days > this.properties.maxRangeDays()) {
			throw new BadUserInputException(
					"dateRange covers " + days + " days; at most " + this.properties.maxRangeDays() + " are allowed.");
		}
		// Amazon's days end in the marketplace's time zone; the earliest zone's today is
		// the latest valid day.
		// Both limits from one reading, so a check at midnight sees one day.
		Instant now = this.clock.instant();
		LocalDate latest = LocalDate.ofInstant(now, ZoneOffset.ofHours(14));
		if (range.end().isAfter(latest)) {
			throw new BadUserInputException("dateRange.end " + range.end() + " is in the future.");
		}
		LocalDate earliest = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(this.properties.maxLookbackDays());
		if (range.start().isBefore(earliest)) {
			throw new BadUserInputException("dateRange.start must be within the last "
					+ this.properties.maxLookbackDays() + " days (Amazon keeps ad report data that long).");
		}
	}

	/** The schema's {@code DateRangeInput}. */
	record DateRange(LocalDate start, LocalDate end) {

		/** A {@code DateRangeInput} as graphql-java coerced it. */
		static DateRange of(Object value) {
			Map<?, ?> range = (Map<?, ?>) value;
			return new DateRange((LocalDate) range.get("start"), (LocalDate) range.get("end"));
		}

	}

	/** Products and where their report-based sources stand. */
	record Products(List<ProductView> nodes, Freshness.Both freshness) {
	}

	/** The schema's {@code Performance}. */
	record Performance(String id, AdPerformance advertising, RetailSales sales, Metrics metrics,
			List<DailyPerformance> daily, Freshness.Both freshness) {
	}

	/** A profile's advertising figures and the profile's id; null when there is none. */
	private record ProfileAds(String profileId, Sourced<AdFigures> figures) {
	}

	/**
	 * A profile's two report-based sources as they stand, and its products made of them.
	 */
	private record ProfileFigures(Sourced<AdFigures> ads, Sourced<RetailFigures> retail, Products products) {
	}

}
