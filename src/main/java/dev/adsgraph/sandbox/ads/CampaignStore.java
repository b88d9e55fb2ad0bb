package dev.adsgraph.sandbox.ads;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import dev.adsgraph.sandbox.fixtures.Catalog;
import dev.adsgraph.sandbox.fixtures.Catalog.Listing;
import dev.adsgraph.sandbox.fixtures.Country;

/**
 * The sponsored-products campaigns of the sandbox's partners as Ads API v1 entities
 * (campaigns, ad groups, ads, targets), with the state that writes change: state,
 * campaign budget, ad group default bid, last update. Built from the fixture
 * ({@link Catalog}: its campaigns, the ad groups and ad of every advertised listing), so
 * the v1 endpoints and the sponsored-ads reports name the same campaigns and ads; what
 * the fixture does not carry (default bids, targets, timestamps) is derived from the ids
 * with a hash, never from the catalogue's random stream, so every fixture number stays as
 * it was. One instance per sandbox; every read is a consistent snapshot and every change
 * happens under one lock, so queries, writes and reports agree.
 *
 * <p>
 * Only sponsored products exists: the fixture has no Sponsored Brands, Sponsored Display,
 * Sponsored Television or DSP campaigns. Every entity starts ENABLED.
 */
public final class CampaignStore {

	public static final String SPONSORED_PRODUCTS = "SPONSORED_PRODUCTS";

	/** v1 {@code State}. */
	public enum State {

		ENABLED, PAUSED, ARCHIVED

	}

	/** One partner's advertising in one marketplace: what a profile sees. */
	public record Market(String partnerId, Country country) {
	}

	/**
	 * A campaign; {@code budgetMinor} is its daily budget in the currency's minor units.
	 */
	public record CampaignEntity(String campaignId, Market market, String name, State state, long budgetMinor,
			Instant created, Instant updated) {

		CampaignEntity with(State state, long budgetMinor, Instant updated) {
			return new CampaignEntity(this.campaignId, this.market, this.name, state, budgetMinor, this.created,
					updated);
		}

	}

	/** An ad group; {@code defaultBidMinor} in the currency's minor units. */
	public record AdGroupEntity(String adGroupId, String campaignId, Market market, String name, State state,
			long defaultBidMinor, Instant created, Instant updated) {

		AdGroupEntity with(State state, long defaultBidMinor, Instant updated) {
			return new AdGroupEntity(this.adGroupId, this.campaignId, this.market, name, state, defaultBidMinor,
					this.created, updated);
		}

	}

	/** A product ad: one advertised listing. */
	public record AdEntity(String adId, String adGroupId, String campaignId, Market market, String asin, String sku,
			State state, Instant created, Instant updated) {

		AdEntity with(State state, Instant updated) {
			return new AdEntity(this.adId, this.adGroupId, this.campaignId, this.market, this.asin, this.sku, state,
					this.created, updated);
		}

	}

	/**
	 * A keyword ({@code targetType} KEYWORD: {@code keyword}, {@code matchType} BROAD,
	 * PHRASE or EXACT) or product target ({@code targetType} PRODUCT: {@code asin},
	 * {@code matchType} PRODUCT_EXACT) of an ad group; negative targets have no bid.
	 */
	public record TargetEntity(String targetId, String adGroupId, String campaignId, Market market, String targetType,
			boolean negative, String keyword, String asin, String matchType, Long bidMinor, State state,
			Instant created, Instant updated) {
	}

	private final Catalog catalog;

	private final Clock clock;

	private final ReentrantLock lock = new ReentrantLock();

	// Insertion order is fixture order; values are replaced, keys never change.
	private final Map<String, CampaignEntity> campaigns = new LinkedHashMap<>();

	private final Map<String, AdGroupEntity> adGroups = new LinkedHashMap<>();

	private final Map<String, AdEntity> ads = new LinkedHashMap<>();

	private final Map<String, TargetEntity> targets = new LinkedHashMap<>();

	public CampaignStore(Catalog catalog, Clock clock) {
		this.catalog = catalog;
		this.clock = clock;
		reset();
	}

	/** Back to the fixture: every entity ENABLED, budgets and bids as generated. */
	public void reset() {
		atomically(() -> {
			this.campaigns.clear();
			this.adGroups.clear();
			this.ads.clear();
			this.targets.clear();
			for (String partnerId : this.catalog.partners()) {
				for (Country country : this.catalog.countries(partnerId)) {
					load(new Market(partnerId, country));
				}
			}
			return null;
		});
	}

	private void load(Market market) {
		List<Listing> listings = this.catalog.listings(market.partnerId(), market.country());
		List<Listing> advertised = listings.stream().filter((l) -> l.kind().advertised()).toList();
		List<Listing> live = this.catalog.inCatalog(market.partnerId(), market.country());
		for (Catalog.Campaign campaign : this.catalog.campaigns(market.partnerId(), market.country())) {
			List<Listing> own = advertised.stream()
				.filter((l) -> l.campaign().campaignId().equals(campaign.campaignId()))
				.toList();
			Instant created = own.stream()
				.map(Listing::createdAt)
				.min(Comparator.naturalOrder())
				.orElse(Instant.parse("2024-01-01T00:00:00Z"))
				.plus(Duration.ofDays(1));
			this.campaigns.put(campaign.campaignId(), new CampaignEntity(campaign.campaignId(), market, campaign.name(),
					State.ENABLED, campaign.budgetMinor(), created, created));
			for (int group = 0; group < campaign.adGroupIds().size(); group++) {
				String adGroupId = campaign.adGroupIds().get(group);
				long defaultBid = defaultBid(adGroupId, market.country());
				this.adGroups.put(adGroupId, new AdGroupEntity(adGroupId, campaign.campaignId(), market,
						campaign.adGroupNames().get(group), State.ENABLED, defaultBid, created, created));
				int number = group;
				List<Listing> groupListings = own.stream().filter((l) -> l.adGroup() == number).toList();
				for (Listing listing : groupListings) {
					Instant adCreated = max(created, listing.createdAt().plus(Duration.ofDays(1)));
					this.ads.put(listing.adId(), new AdEntity(listing.adId(), adGroupId, campaign.campaignId(), market,
							listing.asin(), listing.sku(), State.ENABLED, adCreated, adCreated));
				}
				Listing subject = groupListings.isEmpty() ? own.get(0) : groupListings.get(0);
				addTargets(market, campaign, adGroupId, defaultBid, subject, live, created);
			}
		}
	}

	// Two keywords, one negative keyword and one product target per ad group: the
	// product's category noun (broad), the brand with it (exact), "used" (negative
	// exact), and another live ASIN of the same partner (product exact).
	private void addTargets(Market market, Catalog.Campaign campaign, String adGroupId, long defaultBid,
			Listing subject, List<Listing> live, Instant created) {
		String noun = subject.category().noun().toLowerCase(Locale.ROOT);
		String brand = subject.brand().toLowerCase(Locale.ROOT);
		long seed = Long.parseLong(adGroupId);
		List<TargetEntity> made = new ArrayList<>();
		made.add(target(market, campaign, adGroupId, seed, 0, "KEYWORD", false, noun, null, "BROAD", defaultBid,
				created));
		made.add(target(market, campaign, adGroupId, seed, 1, "KEYWORD", false, brand + " " + noun, null, "EXACT",
				Math.max(defaultBid, Math.round(defaultBid * 1.25)), created));
		made.add(target(market, campaign, adGroupId, seed, 2, "KEYWORD", true, "used " + noun, null, "EXACT", null,
				created));
		List<Listing> others = live.stream().filter((l) -> !l.asin().equals(subject.asin())).toList();
		if (!others.isEmpty()) {
			Listing other = others.get((int) Math.floorMod(mix(seed), (long) others.size()));
			made.add(target(market, campaign, adGroupId, seed, 3, "PRODUCT", false, null, other.asin(), "PRODUCT_EXACT",
					Math.max(minimumBidMinor(market.country()), Math.round(defaultBid * 0.9)), created));
		}
		made.forEach((t) -> this.targets.put(t.targetId(), t));
	}

	private static TargetEntity target(Market market, Catalog.Campaign campaign, String adGroupId, long seed,
			int number, String type, boolean negative, String keyword, String asin, String matchType, Long bid,
			Instant created) {
		return new TargetEntity(id(mix(seed * 31 + number + 1)), adGroupId, campaign.campaignId(), market, type,
				negative, keyword, asin, matchType, bid, State.ENABLED, created, created);
	}

	/**
	 * A default bid between 0.35 and 1.50 US dollars, carried into the marketplace's
	 * currency as the fixture carries prices.
	 */
	static long defaultBid(String adGroupId, Country country) {
		long usCents = 35 + Math.floorMod(mix(Long.parseLong(adGroupId)), 116L);
		double factor = switch (country) {
			case US -> 1.0;
			case CA -> 1.35;
			case MX -> 18.0;
			case UK -> 0.8;
			case DE, FR, IT, ES -> 0.92;
			case JP -> 1.5;
			case AU -> 1.5;
		};
		// JPY has no minor unit: 150 yen to the dollar, so cents times 1.5 is yen.
		return Math.max(minimumBidMinor(country), Math.round(usCents * factor));
	}

	private static long minimumBidMinor(Country country) {
		return SponsoredProductsLimits.of(country).minBidMinor();
	}

	private static String id(long hash) {
		return Long.toString(100_000_000_000_000L + Math.floorMod(hash, 899_999_999_999_999L));
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	// SplitMix64's finaliser, as Figures uses it.
	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
		return z ^ (z >>> 31);
	}

	Instant now() {
		return this.clock.instant();
	}

	/** Runs {@code change} under the store's lock: reads in it see one state. */
	public <T> T atomically(Supplier<T> change) {
		this.lock.lock();
		try {
			return change.get();
		}
		finally {
			this.lock.unlock();
		}
	}

	public List<CampaignEntity> campaigns(List<Market> markets) {
		return atomically(() -> this.campaigns.values().stream().filter((c) -> markets.contains(c.market())).toList());
	}

	public List<AdGroupEntity> adGroups(List<Market> markets) {
		return atomically(() -> this.adGroups.values().stream().filter((g) -> markets.contains(g.market())).toList());
	}

	public List<AdEntity> ads(List<Market> markets) {
		return atomically(() -> this.ads.values().stream().filter((a) -> markets.contains(a.market())).toList());
	}

	public List<TargetEntity> targets(List<Market> markets) {
		return atomically(() -> this.targets.values().stream().filter((t) -> markets.contains(t.market())).toList());
	}

	public Optional<CampaignEntity> campaign(String campaignId) {
		return atomically(() -> Optional.ofNullable(this.campaigns.get(campaignId)));
	}

	public Optional<AdGroupEntity> adGroup(String adGroupId) {
		return atomically(() -> Optional.ofNullable(this.adGroups.get(adGroupId)));
	}

	public Optional<AdEntity> ad(String adId) {
		return atomically(() -> Optional.ofNullable(this.ads.get(adId)));
	}

	/** Call inside {@link #atomically}; the id must exist. */
	void replace(CampaignEntity campaign) {
		this.campaigns.replace(campaign.campaignId(), campaign);
	}

	/** Call inside {@link #atomically}; the id must exist. */
	void replace(AdGroupEntity adGroup) {
		this.adGroups.replace(adGroup.adGroupId(), adGroup);
	}

	/** Call inside {@link #atomically}; the id must exist. */
	void replace(AdEntity ad) {
		this.ads.replace(ad.adId(), ad);
	}

}
