package dev.adsgraph.alerts;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;

import dev.adsgraph.alerts.AlertRules.Finding;
import dev.adsgraph.alerts.AlertRules.ProductState;
import dev.adsgraph.alerts.AlertRules.Source;
import dev.adsgraph.alerts.AlertViews.AlertAd;
import dev.adsgraph.alerts.AlertViews.AlertCheck;
import dev.adsgraph.alerts.AlertViews.AlertView;
import dev.adsgraph.alerts.AlertViews.CheckFreshness;
import dev.adsgraph.alerts.AlertViews.SourceProblem;
import dev.adsgraph.connections.ConnectionErrors;
import dev.adsgraph.graphql.Ids;
import dev.adsgraph.graphql.NotFoundException;
import dev.adsgraph.products.Money;
import dev.adsgraph.products.ProductSignals;
import dev.adsgraph.products.ProductSignals.Snapshot;
import dev.adsgraph.profiles.ProfileService;
import dev.adsgraph.profiles.ProfileView;
import dev.adsgraph.reports.AdsProductReports;
import dev.adsgraph.reports.ReportResult;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.Tenant.AdsConnection;
import dev.adsgraph.upstream.ads.SpAdvertisedProductRow;

import org.springframework.stereotype.Service;

/**
 * Checks a profile's advertised products: the ASINs and each ad's spend come from the
 * sponsored-products report of the last 7 days (the same cached daily report the products
 * graph asks for with that range), their stock, listing and catalog from the cached reads
 * of {@link ProductSignals}; the rules are {@link AlertRules}; since when each alert is
 * open is {@link AlertStateStore}'s.
 */
@Service
class AlertService {

	/**
	 * The days whose ad spend is at risk, and whose units ordered give the daily rate.
	 */
	static final int WINDOW_DAYS = 7;

	private final ProfileService profiles;

	private final AdsProductReports adsReports;

	private final ProductSignals signals;

	private final AlertSettingsStore settings;

	private final AlertStateStore states;

	private final Clock clock;

	private final FeaturedOffers featuredOffers;

	private final AlertsProperties properties;

	AlertService(ProfileService profiles, AdsProductReports adsReports, ProductSignals signals,
			AlertSettingsStore settings, AlertStateStore states, Clock clock, FeaturedOffers featuredOffers,
			AlertsProperties properties) {
		this.featuredOffers = featuredOffers;
		this.properties = properties;
		this.profiles = profiles;
		this.adsReports = adsReports;
		this.signals = signals;
		this.settings = settings;
		this.states = states;
		this.clock = clock;
	}

	/**
	 * The profile, or NOT_FOUND.
	 * @throws dev.adsgraph.graphql.BadUserInputException when the id is malformed
	 */
	Mono<ProfileView> profile(Tenant tenant, String profileId) {
		long id = Ids.profileId(profileId, "profileId");
		return this.profiles.byId(tenant, id)
			.map((found) -> found.orElseThrow(
					() -> new NotFoundException("No profile with id " + profileId + " is visible to this API key.")));
	}

	/** One check of the profile, recorded (alerts opened and resolved). */
	Mono<AlertCheck> check(Tenant tenant, ProfileView profile) {
		return Mono.defer(() -> {
			Instant now = this.clock.instant();
			LocalDate end = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1);
			LocalDate start = end.minusDays(WINDOW_DAYS - 1);
			AdsConnection connection = tenant.adsConnection(profile.connectionId())
				.orElseThrow(() -> ConnectionErrors.needsReauthorization(profile.connectionId()));
			return this.adsReports
				.advertisedProductsByDay(tenant.id(), connection.id(), connection.credentials(), profile.region(),
						Long.parseLong(profile.id()), start, end)
				.onErrorMap((ex) -> ConnectionErrors.of(connection.id(), ex))
				.flatMap((result) -> {
					OffsetDateTime checkedAt = now.atOffset(ZoneOffset.UTC);
					if (result.status() != ReportResult.Status.READY) {
						CheckFreshness freshness = (result.status() == ReportResult.Status.PENDING)
								? new CheckFreshness("PENDING", null, null)
								: new CheckFreshness("FAILED", null, "The sponsored-products report failed"
										+ ((result.failure() != null) ? " (" + result.failure().reason() + ")." : "."));
						return Mono.just(
								new AlertCheck(List.of(), null, checkedAt, freshness, List.of(), List.of(), List.of()));
					}
					CheckFreshness freshness = new CheckFreshness("READY",
							(result.asOf() != null) ? result.asOf().atOffset(ZoneOffset.UTC) : null, null);
					Map<String, Advertised> advertised = advertised(result.data(), start, end, profile.currencyCode());
					return Mono
						.zip(this.signals.read(tenant, profile, advertised.keySet(), start, end),
								this.settings.get(tenant.id()))
						.flatMap((both) -> decide(tenant, profile, advertised, both.getT1(), both.getT2(), now,
								freshness));
				});
		});
	}

	private Mono<AlertCheck> decide(Tenant tenant, ProfileView profile, Map<String, Advertised> advertised,
			Snapshot snapshot, AlertSettings settings, Instant now, CheckFreshness freshness) {
		Set<Source> readable = EnumSet.noneOf(Source.class);
		if (snapshot.inventory() != null) {
			readable.add(Source.INVENTORY);
		}
		if (snapshot.listings() != null) {
			readable.add(Source.LISTINGS);
		}
		if (snapshot.catalog() != null) {
			readable.add(Source.CATALOG);
		}
		if (snapshot.sales() != null) {
			readable.add(Source.SALES);
		}
		Map<String, FeaturedOffers.Offer> offers = new java.util.HashMap<>();
		Set<String> unpriced = new java.util.TreeSet<>();
		java.util.Optional<Tenant.SpConnection> seller = tenant.spConnection(profile.accountInfo().id(),
				profile.region());
		if (seller.isPresent() && snapshot.sales() != null && snapshot.listings() != null
				&& snapshot.inventory() != null) {
			readable.add(Source.PRICING);
			List<String> candidates = advertised.keySet()
				.stream()
				.filter((asin) -> pricingCandidate(asin, snapshot))
				.toList();
			Map<String, java.util.Optional<FeaturedOffers.Offer>> known = this.featuredOffers.known(tenant,
					seller.get(), profile.marketplaceId(), candidates);
			for (String asin : candidates) {
				java.util.Optional<FeaturedOffers.Offer> offer = known.get(asin);
				if (offer == null) {
					unpriced.add(asin);
				}
				else {
					offer.ifPresent((o) -> offers.put(asin, o));
				}
			}
		}
		Set<AlertKind> kinds = AlertRules.evaluable(readable);
		List<Finding> findings = new ArrayList<>();
		for (Advertised ad : advertised.values()) {
			findings
				.addAll(AlertRules.evaluate(state(ad, snapshot, offers.get(ad.asin())), kinds, settings, WINDOW_DAYS));
		}
		String marketplaceId = profile.marketplaceId();
		Map<String, String> unavailable = new java.util.HashMap<>(snapshot.unavailable());
		if (!unpriced.isEmpty()) {
			unavailable.put("pricing", "The Featured Offer of " + unpriced.size()
					+ " advertised ASINs is not known yet (Product Pricing allows a batch of 20 every 30 seconds);"
					+ " it is being asked for.");
		}
		return this.states
			.reconcile(tenant.id(), profile.id(), AlertStateStore.keys(findings, marketplaceId),
					(key) -> kinds.contains(key.kind())
							&& !(key.kind() == AlertKind.FEATURED_OFFER_LOST && unpriced.contains(key.asin())),
					now)
			.map((raised) -> {
				String scope = Ids.tenantScope(tenant.id());
				List<AlertView> nodes = new ArrayList<>();
				Map<String, Money> atRisk = new LinkedHashMap<>();
				for (Finding f : findings) {
					Advertised ad = advertised.get(f.product().asin());
					Instant since = raised.get(new AlertStateStore.Key(f.kind(), marketplaceId, f.product().asin()));
					String id = Ids.opaque("Alert", scope, profile.id(), f.kind().name(), marketplaceId,
							f.product().asin(), Long.toString(since.toEpochMilli()));
					nodes.add(new AlertView(id, f.kind(), f.kind().severity(), f.product().asin(), marketplaceId,
							f.product().sku(), since.atOffset(ZoneOffset.UTC), null, ad.spend(), ad.ads(), f.evidence(),
							message(f, ad)));
					atRisk.put(ad.asin(), ad.spend());
				}
				nodes.sort(Comparator.comparing((AlertView a) -> a.severity())
					.thenComparing((AlertView a) -> a.spendAtRisk().amount(), Comparator.reverseOrder())
					.thenComparing(AlertView::kind)
					.thenComparing(AlertView::asin));
				BigDecimal total = atRisk.values().stream().map(Money::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
				List<SourceProblem> problems = unavailable.entrySet()
					.stream()
					.map((e) -> new SourceProblem(e.getKey(), e.getValue()))
					.sorted(Comparator.comparing(SourceProblem::source))
					.toList();
				return new AlertCheck(nodes, new Money(total, profile.currencyCode()), now.atOffset(ZoneOffset.UTC),
						freshness, problems, List.copyOf(kinds), List.copyOf(unpriced));
			});
	}

	private static String message(Finding f, Advertised ad) {
		return f.reason() + ". ASIN " + ad.asin() + " has " + ad.ads().size()
				+ ((ad.ads().size() == 1) ? " ad" : " ads") + " that spent " + ad.spend().amount().toPlainString() + " "
				+ ad.spend().currencyCode() + " over the last " + WINDOW_DAYS + " days.";
	}

	/**
	 * Priced only when it could sell (a BUYABLE listing, stock) and held the Featured
	 * Offer in fewer than {@code pricing-below-buy-box-percentage} of its sessions.
	 */
	private boolean pricingCandidate(String asin, Snapshot s) {
		ProductSignals.ListingFacts listing = s.listings().get(asin);
		ProductSignals.Stock stock = s.inventory().get(asin);
		ProductSignals.Sales sales = s.sales().get(asin);
		int units = ((stock != null) ? stock.fulfillable() : 0) + ((listing != null) ? listing.merchantQuantity() : 0);
		return listing != null && listing.status().contains("BUYABLE") && units > 0 && sales != null
				&& sales.buyBoxPercentage() != null
				&& sales.buyBoxPercentage() < this.properties.pricingBelowBuyBoxPercentage();
	}

	private static ProductState state(Advertised ad, Snapshot s, FeaturedOffers.Offer offer) {
		String asin = ad.asin();
		ProductSignals.Stock stock = (s.inventory() != null) ? s.inventory().get(asin) : null;
		ProductSignals.ListingFacts listing = (s.listings() != null) ? s.listings().get(asin) : null;
		ProductSignals.CatalogFacts catalog = (s.catalog() != null) ? s.catalog().get(asin) : null;
		ProductSignals.Sales sales = (s.sales() != null) ? s.sales().get(asin) : null;
		Long units = (sales != null) ? sales.unitsOrdered() : null;
		String sku = (listing != null && listing.sku() != null) ? listing.sku() : ad.sku();
		return new ProductState(asin, sku, (stock != null) ? stock.fulfillable() : null,
				(listing != null) ? listing.merchantQuantity() : null, listing != null,
				(listing != null) ? listing.status() : List.of(),
				(listing != null) ? listing.enforcedIssues() : List.of(), units, catalog != null,
				(catalog != null) ? catalog.title() : null, catalog != null && catalog.imageUrl() != null,
				(offer != null) ? offer.winner() : null, (offer != null) ? offer.holderSellerId() : null);
	}

	/**
	 * The report's rows within the window, by ASIN: each ad (campaign and ad group) with
	 * what it spent, highest first.
	 */
	static Map<String, Advertised> advertised(List<SpAdvertisedProductRow> rows, LocalDate start, LocalDate end,
			String currency) {
		Map<String, Map<String, Object[]>> byAsin = new LinkedHashMap<>();
		Map<String, String> skus = new LinkedHashMap<>();
		for (SpAdvertisedProductRow row : rows) {
			if (row.advertisedAsin() == null
					|| (row.date() != null && (row.date().isBefore(start) || row.date().isAfter(end)))) {
				continue;
			}
			String campaignId = (row.campaignId() != null) ? row.campaignId().toString() : "";
			String adGroupId = (row.adGroupId() != null) ? row.adGroupId().toString() : null;
			String adId = (row.adId() != null) ? row.adId().toString() : null;
			Object[] ad = byAsin.computeIfAbsent(row.advertisedAsin(), (a) -> new LinkedHashMap<>())
				.computeIfAbsent(campaignId + "/" + adGroupId + "/" + adId,
						(k) -> new Object[] { campaignId, adGroupId, BigDecimal.ZERO, adId, null });
			ad[2] = ((BigDecimal) ad[2]).add(row.cost());
			if (row.campaignName() != null) {
				ad[4] = row.campaignName();
			}
			if (row.advertisedSku() != null) {
				skus.putIfAbsent(row.advertisedAsin(), row.advertisedSku());
			}
		}
		Map<String, Advertised> result = new LinkedHashMap<>();
		byAsin.forEach((asin, ads) -> {
			List<AlertAd> list = ads.values()
				.stream()
				.map((a) -> new AlertAd((String) a[0], (String) a[4], (String) a[1], (String) a[3],
						new Money((BigDecimal) a[2], currency)))
				.sorted(Comparator.comparing((AlertAd a) -> a.spendLast7Days().amount(), Comparator.reverseOrder())
					.thenComparing(AlertAd::campaignId)
					.thenComparing(AlertAd::adGroupId, Comparator.nullsFirst(Comparator.naturalOrder())))
				.toList();
			BigDecimal spend = list.stream()
				.map((a) -> a.spendLast7Days().amount())
				.reduce(BigDecimal.ZERO, BigDecimal::add);
			result.put(asin, new Advertised(asin, skus.get(asin), list, new Money(spend, currency)));
		});
		return result;
	}

	/** One advertised ASIN: its ads and what they spent over the window. */
	record Advertised(String asin, String sku, List<AlertAd> ads, Money spend) {
	}

}
