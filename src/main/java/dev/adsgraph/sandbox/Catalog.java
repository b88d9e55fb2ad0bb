package dev.adsgraph.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The products of the sandbox's sellers and vendors, per marketplace: the one place both
 * the SP-API simulator (catalog, listings, inventory, sales, reports) and Ads reporting
 * read, so the two APIs agree on every ASIN. Generated from a seeded {@link Random} in a
 * fixed order, so every load is identical. Daily numbers are not stored: {@link Figures}
 * computes them from each listing's {@code seed}.
 *
 * <p>
 * Deliberate non-matches for join tests: every tenth product ({@link Kind#ADS_ONLY}) is
 * advertised but suppressed (DISCOVERABLE only, no stock, no sales); three in twenty
 * ({@link Kind#RETAIL_ONLY}) sell but are never advertised; and a few advertised ASINs
 * ({@link Kind#DELETED}) appear in ad reports only, as listings deleted after their ads
 * ran.
 */
final class Catalog {

	private static final long SEED = 20_261_125L;

	private static final String UPPER36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

	private static final String[] COLORS = { "Black", "Slate", "Forest Green", "Navy", "Sand", "Charcoal", "Red",
			"White" };

	// The same catalogue is carried into each marketplace in the home currency's terms.
	private static final Map<Country, Double> PRICE_FACTORS = Map.of(Country.US, 1.0, Country.CA, 1.35, Country.MX,
			18.0, Country.UK, 0.8, Country.DE, 0.92, Country.FR, 0.92, Country.IT, 0.92, Country.ES, 0.92, Country.JP,
			150.0, Country.AU, 1.5);

	/** How a product takes part in the two APIs. */
	enum Kind {

		/** Sold and advertised. */
		BOTH,
		/** Advertised, but the listing is suppressed: no buy box, no sales. */
		ADS_ONLY,
		/** Sold, never advertised: absent from ad reports. */
		RETAIL_ONLY,
		/** In ad reports only: the listing was deleted from the catalogue. */
		DELETED;

		boolean advertised() {
			return this != RETAIL_ONLY;
		}

		boolean sells() {
			return this == BOTH || this == RETAIL_ONLY;
		}

	}

	record Category(String noun, String classificationId, String classificationName, String productType) {
	}

	record Inventory(int fulfillable, int inboundWorking, int inboundShipped, int inboundReceiving,
			int pendingCustomerOrders, int fcProcessing) {

		int reserved() {
			return this.pendingCustomerOrders + this.fcProcessing;
		}

		int total() {
			return this.fulfillable + this.inboundWorking + this.inboundShipped + this.inboundReceiving + reserved();
		}

	}

	/** A sponsored-products campaign with its two ad groups. */
	record Campaign(String campaignId, String name, long budgetMinor, List<String> adGroupIds,
			List<String> adGroupNames) {
	}

	/**
	 * One product in one marketplace. {@code priceMinor} and every money figure are in
	 * the marketplace currency's minor units; {@code baseUnits} is the mean daily demand
	 * {@link Figures} starts from; {@code campaign} is null for products that are not
	 * advertised.
	 */
	record Listing(String partnerId, Country country, int index, String asin, String sku, String fnSku, String ean,
			String title, String brand, String imageUrl, Category category, String displayGroup,
			String displayGroupTitle, int classificationRank, int displayGroupRank, Kind kind, long priceMinor,
			Inventory inventory, double baseUnits, long seed, Campaign campaign, int adGroup, String adId,
			Instant createdAt) {

		boolean inCatalog() {
			return this.kind != Kind.DELETED;
		}

		boolean buyable() {
			return this.kind != Kind.ADS_ONLY;
		}

		List<String> status() {
			return buyable() ? List.of("BUYABLE", "DISCOVERABLE") : List.of("DISCOVERABLE");
		}

		String marketplaceId() {
			return this.country.marketplaceId();
		}

		String adGroupId() {
			return (this.campaign != null) ? this.campaign.adGroupIds().get(this.adGroup) : null;
		}

		String adGroupName() {
			return (this.campaign != null) ? this.campaign.adGroupNames().get(this.adGroup) : null;
		}

	}

	/**
	 * What one partner sells: brand, SKU prefix, categories, website display group, and
	 * how many products each marketplace carries (the first n of one list, so ASINs
	 * repeat across marketplaces as on Amazon), plus how many deleted listings still show
	 * in its ad reports.
	 */
	private record Range(String partnerId, String brand, String skuPrefix, String displayGroup,
			String displayGroupTitle, List<Category> categories, String[] adjectives, Map<Country, Integer> counts,
			Map<Country, Integer> deleted) {
	}

	private final Map<String, Map<Country, List<Listing>>> listings;

	private final Map<String, Map<Country, List<Campaign>>> campaigns;

	private Catalog(Map<String, Map<Country, List<Listing>>> listings,
			Map<String, Map<Country, List<Campaign>>> campaigns) {
		this.listings = listings;
		this.campaigns = campaigns;
	}

	static Catalog load() {
		Random random = new Random(SEED);
		Set<String> asins = new HashSet<>();
		Map<String, Map<Country, List<Listing>>> listings = new LinkedHashMap<>();
		Map<String, Map<Country, List<Campaign>>> campaigns = new LinkedHashMap<>();
		for (Range range : ranges()) {
			int size = range.counts().values().stream().mapToInt(Integer::intValue).max().orElse(0);
			List<Base> base = new ArrayList<>();
			for (int i = 0; i < size; i++) {
				base.add(base(random, asins, range, i, kind(i)));
			}
			Map<Country, List<Listing>> byCountry = new EnumMap<>(Country.class);
			Map<Country, List<Campaign>> campaignsByCountry = new EnumMap<>(Country.class);
			for (Map.Entry<Country, Integer> entry : range.counts().entrySet()) {
				Country country = entry.getKey();
				List<Base> carried = new ArrayList<>(base.subList(0, entry.getValue()));
				for (int d = 0; d < range.deleted().getOrDefault(country, 0); d++) {
					carried.add(base(random, asins, range, size + d, Kind.DELETED));
				}
				long advertised = carried.stream().filter((b) -> b.kind().advertised()).count();
				List<Campaign> countryCampaigns = new ArrayList<>();
				for (int c = 0; c < Math.max(1, (advertised + 11) / 12); c++) {
					countryCampaigns.add(campaign(random, range, country, c));
				}
				List<Listing> countryListings = new ArrayList<>();
				int adIndex = 0;
				for (Base product : carried) {
					Campaign campaign = null;
					int adGroup = 0;
					if (product.kind().advertised()) {
						campaign = countryCampaigns.get(adIndex % countryCampaigns.size());
						adGroup = (adIndex / countryCampaigns.size()) % 2;
						adIndex++;
					}
					countryListings.add(listing(random, range, country, product, campaign, adGroup));
				}
				byCountry.put(country, List.copyOf(countryListings));
				campaignsByCountry.put(country, List.copyOf(countryCampaigns));
			}
			listings.put(range.partnerId(), byCountry);
			campaigns.put(range.partnerId(), campaignsByCountry);
		}
		return new Catalog(listings, campaigns);
	}

	/** Every product of the partner in the marketplace, deleted listings last. */
	List<Listing> listings(String partnerId, Country country) {
		return this.listings.getOrDefault(partnerId, Map.of()).getOrDefault(country, List.of());
	}

	/**
	 * The partner's live listings in the marketplace, as the catalogue and Seller Central
	 * show them.
	 */
	List<Listing> inCatalog(String partnerId, Country country) {
		return listings(partnerId, country).stream().filter(Listing::inCatalog).toList();
	}

	List<Campaign> campaigns(String partnerId, Country country) {
		return this.campaigns.getOrDefault(partnerId, Map.of()).getOrDefault(country, List.of());
	}

	/** The marketplaces the partner has products in. */
	Set<Country> countries(String partnerId) {
		return this.listings.getOrDefault(partnerId, Map.of()).keySet();
	}

	boolean knows(String partnerId) {
		return this.listings.containsKey(partnerId);
	}

	/** The Amazon catalogue is public: an ASIN is found whoever sells it. */
	Optional<Listing> byAsin(Country country, String asin) {
		return marketplace(country).stream().filter((l) -> l.asin().equals(asin)).findFirst();
	}

	Optional<Listing> bySku(String partnerId, Country country, String sku) {
		return inCatalog(partnerId, country).stream().filter((l) -> l.sku().equals(sku)).findFirst();
	}

	/** Every live listing of every partner in the marketplace, in catalogue order. */
	List<Listing> marketplace(Country country) {
		List<Listing> all = new ArrayList<>();
		for (Map<Country, List<Listing>> byCountry : this.listings.values()) {
			byCountry.getOrDefault(country, List.of()).stream().filter(Listing::inCatalog).forEach(all::add);
		}
		return all;
	}

	// Every tenth product is ads-only, three in twenty are retail-only; the two never
	// overlap.
	private static Kind kind(int index) {
		if (index % 10 == 3) {
			return Kind.ADS_ONLY;
		}
		int twenty = index % 20;
		return (twenty == 7 || twenty == 15 || twenty == 18) ? Kind.RETAIL_ONLY : Kind.BOTH;
	}

	/** The marketplace-independent facts of one product. */
	private record Base(int index, Kind kind, String asin, String sku, String fnSku, String ean, String title,
			Category category, double usdPrice, double baseUnits, int rank, long seed, Instant createdAt) {
	}

	private static Base base(Random random, Set<String> asins, Range range, int index, Kind kind) {
		String asin;
		do {
			asin = "B0" + chars(random, 8);
		}
		while (!asins.add(asin));
		Category category = range.categories().get(index % range.categories().size());
		String adjective = range.adjectives()[random.nextInt(range.adjectives().length)];
		String color = COLORS[random.nextInt(COLORS.length)];
		String title = range.brand() + " " + adjective + " " + category.noun() + ", " + color;
		String sku = range.skuPrefix() + "-" + chars(random, 4) + "-" + String.format(Locale.ROOT, "%03d", index + 1);
		String fnSku = "X00" + chars(random, 7);
		StringBuilder ean = new StringBuilder("40");
		for (int i = 0; i < 11; i++) {
			ean.append(random.nextInt(10));
		}
		double usdPrice = 7.0 + random.nextInt(140) + random.nextDouble();
		// Demand falls with price; a few best sellers carry the range, as in any real
		// catalogue.
		double baseUnits = (index % 9 == 0 ? 18.0 : 2.0 + random.nextDouble() * 9.0) * (40.0 / (usdPrice + 30.0));
		int rank = 200 + random.nextInt(150_000);
		Instant createdAt = LocalDate.of(2021, 1, 4)
			.plusDays(random.nextInt(1_400))
			.atStartOfDay(ZoneOffset.UTC)
			.toInstant();
		return new Base(index, kind, asin, sku, fnSku, ean.toString(), title, category, usdPrice, baseUnits, rank,
				random.nextLong(), createdAt);
	}

	private static Listing listing(Random random, Range range, Country country, Base base, Campaign campaign,
			int adGroup) {
		long priceMinor = price(base.usdPrice() * PRICE_FACTORS.get(country), country);
		Inventory inventory = (base.kind() == Kind.ADS_ONLY || base.kind() == Kind.DELETED)
				? new Inventory(0, 0, 0, 0, 0, 0) : new Inventory(20 + random.nextInt(600), random.nextInt(4) * 25,
						random.nextInt(3) * 40, random.nextInt(20), random.nextInt(12), random.nextInt(8));
		// Smaller marketplaces see a fraction of the home market's demand.
		double marketShare = switch (country) {
			case US, UK, JP, DE -> 1.0;
			case CA, FR, AU -> 0.45;
			default -> 0.25;
		};
		long seed = base.seed() ^ ((long) country.ordinal() * 0x9E37_79B9_7F4A_7C15L);
		String adId = (campaign != null)
				? Long.toString(100_000_000_000_000L + Math.floorMod(seed, 899_999_999_999_999L)) : null;
		String imageUrl = "https://images.adsgraph-sandbox.example/I/" + base.asin() + "._SL1000_.jpg";
		return new Listing(range.partnerId(), country, base.index(), base.asin(), base.sku(), base.fnSku(), base.ean(),
				base.title(), range.brand(), imageUrl, base.category(), range.displayGroup(), range.displayGroupTitle(),
				base.rank() / 10 + 1, base.rank(), base.kind(), priceMinor, inventory, base.baseUnits() * marketShare,
				seed, campaign, adGroup, adId, base.createdAt());
	}

	private static Campaign campaign(Random random, Range range, Country country, int number) {
		String campaignId = Long.toString(100_000_000_000_000L + (long) (random.nextDouble() * 899_999_999_999_999L));
		String name = range.brand() + " " + country.adsCode() + " SP " + ((number % 2 == 0) ? "Auto" : "Manual") + " "
				+ (number + 1);
		List<String> adGroupIds = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			adGroupIds.add(Long.toString(100_000_000_000_000L + (long) (random.nextDouble() * 899_999_999_999_999L)));
		}
		long budgetMinor = price((25 + random.nextInt(8) * 25) * PRICE_FACTORS.get(country), country);
		return new Campaign(campaignId, name, budgetMinor, List.copyOf(adGroupIds),
				List.of(name + " - Core", name + " - Explore"));
	}

	// Prices end in .99 (whole hundreds minus one yen in JPY), as shelf prices do.
	private static long price(double amount, Country country) {
		if (country.currencyDigits() == 0) {
			return Math.max(100, Math.round(amount / 100.0) * 100 - 1);
		}
		return Math.max(1, Math.round(Math.floor(amount) * 100 + 99));
	}

	private static String chars(Random random, int length) {
		StringBuilder out = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			out.append(UPPER36.charAt(random.nextInt(UPPER36.length())));
		}
		return out.toString();
	}

	private static List<Range> ranges() {
		String[] outdoor = { "Ultralight", "All-Season", "Trail", "Summit", "Expedition", "Compact", "Waterproof" };
		String[] kitchen = { "Professional", "Nonstick", "Stainless", "Cast Iron", "Everyday", "Chef's" };
		String[] home = { "Minimalist", "Handcrafted", "Soft-Touch", "Bamboo", "Ceramic", "Linen" };
		String[] tech = { "Wireless", "Smart", "Portable", "Fast-Charge", "Noise-Cancelling", "Rugged" };
		String[] apparel = { "Organic Cotton", "Merino", "Relaxed-Fit", "Stretch", "Recycled", "Heritage" };
		String[] tools = { "Heavy-Duty", "Cordless", "Precision", "Magnetic", "Ratcheting", "Insulated" };
		return List.of(
				new Range(Fixtures.NORTHWIND, "Northwind", "NW", "sporting_goods_display_on_website",
						"Sports & Outdoors",
						List.of(new Category("Camping Tent", "3400341", "Camping Tents", "TENT"),
								new Category("Sleeping Bag", "3400351", "Sleeping Bags", "SLEEPING_BAG"),
								new Category("Hiking Daypack", "3400361", "Hiking Daypacks", "BACKPACK"),
								new Category("LED Headlamp", "3400371", "Headlamps", "FLASHLIGHT"),
								new Category("Trekking Poles", "3400381", "Trekking Poles", "SPORTING_GOODS"),
								new Category("Insulated Water Bottle", "3400391", "Water Bottles", "BOTTLE")),
						outdoor, counts(Country.US, 130, Country.CA, 36, Country.MX, 18), Map.of(Country.US, 2)),
				new Range(Fixtures.BLUE_HARBOR, "Blue Harbor", "BH", "kitchen_display_on_website", "Kitchen",
						List.of(new Category("Frying Pan", "289814", "Frying Pans", "COOKWARE"),
								new Category("Chef Knife", "289857", "Chef's Knives", "KITCHEN_KNIFE"),
								new Category("Cutting Board", "289883", "Cutting Boards", "CUTTING_BOARD"),
								new Category("Dutch Oven", "289826", "Dutch Ovens", "COOKWARE")),
						kitchen, counts(Country.UK, 40, Country.DE, 32, Country.FR, 24, Country.IT, 14, Country.ES, 12),
						Map.of(Country.UK, 1)),
				new Range(Fixtures.SAKURA, "Sakura Home", "SK", "home_display_on_website", "Home",
						List.of(new Category("Tea Set", "2231404051", "Tea Sets", "TEAPOT"),
								new Category("Floor Cushion", "3733301", "Floor Cushions", "PILLOW"),
								new Category("Storage Basket", "2422430051", "Storage Baskets", "STORAGE_BASKET")),
						home, counts(Country.JP, 30, Country.AU, 16), Map.of()),
				new Range(Fixtures.ACME_VENDOR_GROUP, "Acme", "AC", "ce_display_on_website", "Electronics",
						List.of(new Category("Bluetooth Speaker", "7073956011", "Portable Speakers", "SPEAKERS"),
								new Category("USB-C Charger", "2407761011", "Wall Chargers", "CHARGING_ADAPTER"),
								new Category("Headphones", "12097479011", "Over-Ear Headphones", "HEADPHONES")),
						tech, counts(Country.US, 28, Country.CA, 14, Country.UK, 20, Country.DE, 16), Map.of()),
				new Range(Fixtures.RIVERSTONE, "Riverstone", "RS", "apparel_display_on_website", "Clothing",
						List.of(new Category("Crewneck T-Shirt", "2476517011", "T-Shirts", "SHIRT"),
								new Category("Hoodie", "1258644011", "Hoodies", "SWEATSHIRT")),
						apparel, counts(Country.US, 18, Country.UK, 12), Map.of(Country.US, 1)),
				new Range(Fixtures.HILLCREST, "Hillcrest", "HC", "home_display_on_website", "Home",
						List.of(new Category("Soy Candle", "3734391", "Jar Candles", "CANDLE")), home,
						counts(Country.US, 10), Map.of()),
				new Range(Fixtures.HARBOR_TOOLS_VENDOR_GROUP, "Harbor Tools", "HT",
						"home_improvement_display_on_website", "Tools & Home Improvement",
						List.of(new Category("Socket Set", "552970", "Socket Sets", "MECHANICS_TOOLS_KIT"),
								new Category("Cordless Drill", "552768", "Drills", "DRILL")),
						tools, counts(Country.DE, 14, Country.FR, 10), Map.of()));
	}

	private static Map<Country, Integer> counts(Object... countryAndCount) {
		Map<Country, Integer> counts = new EnumMap<>(Country.class);
		for (int i = 0; i < countryAndCount.length; i += 2) {
			counts.put((Country) countryAndCount[i], (Integer) countryAndCount[i + 1]);
		}
		return counts;
	}

}
