package dev.adsgraph.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.adsgraph.sandbox.Account.BusinessDetails;
import dev.adsgraph.sandbox.Account.Market;
import dev.adsgraph.sandbox.Account.V1Attributes;
import dev.adsgraph.sandbox.Review.AccountError;

/**
 * Everything the simulated Amazon knows at start-up, in one place. Two users:
 * {@code demo} (a brand owner with 63 ads accounts across NA, EU and FE, plus partners
 * not yet registered that drive the registration flows) and {@code agency} (a small,
 * disjoint set, for isolation). The SP-API authorizations reuse the same sellers; their
 * products are in {@link Catalog}. Ids come from a seeded generator, so they are
 * identical on every run.
 */
final class Fixtures {

	static final String DEMO_USER = "demo";

	static final String AGENCY_USER = "agency";

	static final SandboxCredentials DEMO = new SandboxCredentials("amzn1.application-oa2-client.adsgraphsandboxdemo",
			"adsgraph-sandbox-demo-secret", "Atzr|adsgraph-sandbox-demo-refresh-token");

	static final SandboxCredentials AGENCY = new SandboxCredentials(
			"amzn1.application-oa2-client.adsgraphsandboxagency", "adsgraph-sandbox-agency-secret",
			"Atzr|adsgraph-sandbox-agency-refresh-token");

	static final String NORTHWIND = "A3NWOUTDR82KQZ";

	static final String BLUE_HARBOR = "A1BLUHRBR5T6WX";

	static final String SAKURA = "A2SAKURAHM9J3P";

	static final String ACME_VENDOR_GROUP = "4815162";

	static final String RIVERSTONE = "A2RIVRSTN8MQ4K";

	static final String HILLCREST = "A1HILLCRST3VXZ";

	static final String HARBOR_TOOLS_VENDOR_GROUP = "5512090";

	/**
	 * SP-API is a separate LWA application per user (Amazon never lets one token serve
	 * both APIs), and a seller authorizes it once per selling partner: each refresh token
	 * below is one such authorization. The first one of each user is what the sandbox
	 * tenants use.
	 */
	static final List<SpAuthorization> SP_AUTHORIZATIONS = List.of(
			spAuthorization(DEMO_USER, "demo", NORTHWIND, "northwind"),
			spAuthorization(DEMO_USER, "demo", BLUE_HARBOR, "blueharbor"),
			spAuthorization(DEMO_USER, "demo", SAKURA, "sakura"),
			spAuthorization(AGENCY_USER, "agency", RIVERSTONE, "riverstone"),
			spAuthorization(AGENCY_USER, "agency", HILLCREST, "hillcrest"));

	/** The demo tenant's SP-API authorization: Northwind Outdoor Co. (NA). */
	static final SpAuthorization DEMO_SP = SP_AUTHORIZATIONS.get(0);

	/** The agency tenant's SP-API authorization: Riverstone Apparel (NA and EU). */
	static final SpAuthorization AGENCY_SP = SP_AUTHORIZATIONS.get(3);

	/** A registration for this vendor group ends PARTIALLY_CREATED: MX fails. */
	static final String PARTIAL_VENDOR_GROUP = "7720415";

	/** A registration for this seller ends DISABLED (v1: REJECTED). */
	static final String DISABLED_SELLER = "A2GREYMKT0QQ7Z";

	/**
	 * Businesses whose website is under this reserved TLD cannot be verified and end
	 * DISABLED / REJECTED.
	 */
	static final String UNVERIFIABLE_TLD = ".invalid";

	static final AccountError MX_NOT_ELIGIBLE = new AccountError("MARKETPLACE_NOT_ELIGIBLE", 40_301,
			"The vendor group is not eligible to advertise in MX.");

	static final AccountError SELLER_NOT_ELIGIBLE = new AccountError("ACCOUNT_NOT_ELIGIBLE", 40_302,
			"The selling account is not eligible for sponsored ads; see Seller Central for its account health.");

	static final AccountError BUSINESS_NOT_VERIFIED = new AccountError("BUSINESS_VERIFICATION_FAILED", 40_303,
			"The business details could not be verified.");

	private static final long SEED = 20_261_124L;

	private static final String[] BRAND_WORDS = { "Alder", "Birch", "Copper", "Driftwood", "Ember", "Fable", "Granite",
			"Harbor", "Ivory", "Juniper", "Kestrel", "Linden", "Meadow", "Nimbus", "Oakridge", "Pinecone", "Quarry",
			"Redwood", "Saltmarsh", "Thistle", "Umber", "Vale", "Willow", "Yarrow", "Zephyr" };

	private static final String[] BRAND_TRADES = { "Goods", "Supply Co.", "Home", "Kitchen", "Outfitters", "Studio",
			"Labs", "Pet Co.", "Wellness", "Apparel", "Toys", "Garden" };

	private Fixtures() {
	}

	/**
	 * An LWA refresh token grants one client access to one user's data; for an SP-API
	 * application also to exactly one selling partner ({@code sellingPartnerId}, null for
	 * Ads grants).
	 */
	record Grant(String clientId, String userId, String sellingPartnerId) {
	}

	/** One seller's authorization of a user's SP-API application. */
	record SpAuthorization(String userId, SandboxCredentials credentials, String sellingPartnerId) {
	}

	/** The start-up state; {@code ids} continues the fixture profile-id sequences. */
	record World(Map<String, String> clientSecrets, Map<String, Grant> refreshTokens, Map<String, SandboxUser> users,
			List<Account> accounts, Ids ids) {
	}

	static World load() {
		Ids ids = Ids.seeded(SEED);
		List<Account> accounts = new ArrayList<>();
		SandboxUser demo = demo(ids, accounts);
		SandboxUser agency = agency(ids, accounts);
		Map<String, SandboxUser> users = new LinkedHashMap<>();
		users.put(demo.id(), demo);
		users.put(agency.id(), agency);
		Map<String, String> clientSecrets = new LinkedHashMap<>();
		clientSecrets.put(DEMO.clientId(), DEMO.clientSecret());
		clientSecrets.put(AGENCY.clientId(), AGENCY.clientSecret());
		Map<String, Grant> refreshTokens = new LinkedHashMap<>();
		refreshTokens.put(DEMO.refreshToken(), new Grant(DEMO.clientId(), DEMO_USER, null));
		refreshTokens.put(AGENCY.refreshToken(), new Grant(AGENCY.clientId(), AGENCY_USER, null));
		for (SpAuthorization authorization : SP_AUTHORIZATIONS) {
			SandboxCredentials credentials = authorization.credentials();
			clientSecrets.put(credentials.clientId(), credentials.clientSecret());
			refreshTokens.put(credentials.refreshToken(),
					new Grant(credentials.clientId(), authorization.userId(), authorization.sellingPartnerId()));
		}
		return new World(Map.copyOf(clientSecrets), Map.copyOf(refreshTokens), Map.copyOf(users), List.copyOf(accounts),
				Ids.secure().continuing(ids));
	}

	private static SandboxUser demo(Ids ids, List<Account> accounts) {
		SellingPartner northwind = seller(NORTHWIND, "Northwind Outdoor Co.",
				List.of(Country.US, Country.CA, Country.MX), "sal1.b028tvasrf40z39si1ymg44xgasz",
				new PostalAddress("adr1.kegghn8wl1j291ixtpupwrdkcb7c", "1200 Harbor Way", "Suite 400",
						"Northwind Outdoor Co.", "Seattle", "US", "WA", "98101", "+1 206 555 0142"),
				"https://www.northwind-outdoor.example", Review.APPROVED);
		SellingPartner blueHarbor = seller(BLUE_HARBOR, "Blue Harbor Kitchen Ltd",
				List.of(Country.UK, Country.DE, Country.FR, Country.IT, Country.ES),
				"sal1.vpc4qarov6t2uq62vdznva9tk2gp",
				new PostalAddress("adr1.omwk5058zhfrzw4d2s30ltiuocpe", "14 Wharf Road", null, "Blue Harbor Kitchen Ltd",
						"London", "GB", "Greater London", "N1 7GR", "+44 20 7946 0321"),
				"https://www.blueharbor-kitchen.example", Review.APPROVED);
		SellingPartner sakura = seller(SAKURA, "Sakura Home Goods K.K.", List.of(Country.JP, Country.AU),
				"sal1.dthdnnh1m0vlo18cfdzp93d2m2ru",
				new PostalAddress("adr1.njd5jxhc49k81oer2s2jy8whprxe", "2-11-3 Meguro", "Meguro-ku",
						"Sakura Home Goods K.K.", "Tokyo", "JP", "Tokyo", "153-0063", "+81 3 5555 0199"),
				"https://www.sakura-home.example", Review.APPROVED);
		SellingPartner acme = partner(SellingProgram.AMAZON_VENDOR, ACME_VENDOR_GROUP, "Acme Brands Inc.",
				List.of(Country.US, Country.CA, Country.UK, Country.DE), "sal1.bx08bsblmlxcifz2tvklu8lv3wj4",
				new PostalAddress("adr1.jcl2tvmipmzeivn0rbr5lnhhoi0j", "500 Commerce Blvd", null, "Acme Brands Inc.",
						"Chicago", "US", "IL", "60606", "+1 312 555 0177"),
				"https://www.acme-brands.example", Review.APPROVED);
		SellingPartner jane = partner(SellingProgram.AMAZON_AUTHOR, "jane.q.writer@gmail.com", "Jane Q. Writer",
				List.of(Country.US, Country.UK), "sal1.bygxaq2v2tsg6fv9wojrfddmkaq6",
				new PostalAddress("adr1.qa3z2ok3tgi8bmdhk9r7himulhim", "88 Elm Street", null, "Jane Q. Writer",
						"Portland", "US", "OR", "97205", "+1 503 555 0110"),
				"https://www.janeqwriter.example", Review.APPROVED);
		SellingPartner cedar = seller("A17CEDARLN4PTS", "Cedar Lane Pets LLC", List.of(Country.US, Country.CA),
				"sal1.c2ufutdhhmoo4lhurenekjal9fq6",
				new PostalAddress("adr1.0ia18zk9pfn4kuqi2lf4jfwztxpa", "42 Cedar Lane", null, "Cedar Lane Pets LLC",
						"Austin", "US", "TX", "78701", "+1 512 555 0136"),
				"https://www.cedarlanepets.example", Review.APPROVED);
		SellingPartner maple = seller("A3MAPLETRL6CNQ", "Maple Trail Outfitters Inc.", List.of(Country.CA, Country.US),
				"sal1.b5sm0qwh2zmohwu610c2iq6v4ebn",
				new PostalAddress("adr1.f302ssyial1djtzngz4x5s8jaku2", "310 Front St W", null,
						"Maple Trail Outfitters Inc.", "Toronto", "CA", "ON", "M5V 3B5", "+1 416 555 0188"),
				"https://www.mapletrail.example", Review.APPROVED);
		SellingPartner grey = seller(DISABLED_SELLER, "Grey Market Imports", List.of(Country.US),
				"sal1.csw5m3b5lk6kmpqj95oyqt2k44ia",
				new PostalAddress("adr1.itwt8ey4mx9h25rbe14ih94hxfob", "9 Industrial Pkwy", null, "Grey Market Imports",
						"Newark", "US", "NJ", "07102", "+1 973 555 0104"),
				"https://www.greymarket-imports.example", Review.disabled(SELLER_NOT_ELIGIBLE));
		SellingPartner orchard = partner(SellingProgram.AMAZON_VENDOR, PARTIAL_VENDOR_GROUP, "Orchard Valley Foods",
				List.of(Country.US, Country.CA, Country.MX), "sal1.zc8e4vmfur211zcgt5on8d2q8gd1",
				new PostalAddress("adr1.jvg8gzyc893uqrbdovz01lwm3t1g", "77 Orchard Rd", null, "Orchard Valley Foods",
						"Fresno", "US", "CA", "93721", "+1 559 555 0121"),
				"https://www.orchardvalley.example", Review.partial(Map.of(Country.MX, MX_NOT_ELIGIBLE)));
		SellingPartner lumen = partner(SellingProgram.AMAZON_VENDOR, "7730002", "Lumen Electronics",
				List.of(Country.US, Country.UK, Country.DE), "sal1.85v9ddi8xoceyzpwo5vaus6gm4xn",
				new PostalAddress("adr1.wqs7pk67zn4hgoblllxbu15noq1o", "1 Innovation Dr", null, "Lumen Electronics",
						"San Jose", "US", "CA", "95134", "+1 408 555 0166"),
				"https://www.lumen-electronics.example", Review.APPROVED);
		SellingPartner okafor = partner(SellingProgram.AMAZON_AUTHOR, "m.okafor.books@gmail.com", "Michael Okafor",
				List.of(Country.US, Country.UK), "sal1.p637j722oi6pcx097mwpnpgobvu1",
				new PostalAddress("adr1.ijhdpw3fz4muuj7zw6j49iqikti5", "15 Mill Lane", null, "Michael Okafor", "Leeds",
						"GB", "West Yorkshire", "LS1 4AP", "+44 113 496 0555"),
				"https://www.okaforbooks.example", Review.APPROVED);

		List<SellingPartner> partners = new ArrayList<>(
				List.of(northwind, blueHarbor, sakura, acme, jane, cedar, maple, grey, orchard, lumen, okafor));
		accounts.add(account(ids, DEMO_USER, northwind, List.of(sellerMarket(ids, Country.US, 500.0, Access.FULL),
				sellerMarket(ids, Country.CA, 150.0, Access.FULL), sellerMarket(ids, Country.MX, 80.0, Access.FULL))));
		accounts.add(account(ids, DEMO_USER, blueHarbor, List.of(sellerMarket(ids, Country.UK, 300.0, Access.FULL),
				sellerMarket(ids, Country.DE, 250.0, Access.FULL), sellerMarket(ids, Country.FR, 120.0, Access.FULL),
				sellerMarket(ids, Country.IT, 90.0, Access.VIEW_ONLY),
				sellerMarket(ids, Country.ES, 90.0, Access.VIEW_ONLY))));
		accounts.add(account(ids, DEMO_USER, sakura, List.of(sellerMarket(ids, Country.JP, 30000.0, Access.FULL),
				sellerMarket(ids, Country.AU, 200.0, Access.FULL))));
		accounts.add(account(ids, DEMO_USER, acme,
				List.of(vendorMarket(ids, Country.US, true, Access.NO_BILLING),
						vendorMarket(ids, Country.CA, true, Access.NO_BILLING),
						vendorMarket(ids, Country.UK, true, Access.NO_BILLING),
						vendorMarket(ids, Country.DE, false, Access.NO_BILLING))));
		accounts.add(account(ids, DEMO_USER, jane, List.of(vendorMarket(ids, Country.US, true, Access.FULL),
				vendorMarket(ids, Country.UK, true, Access.FULL))));
		addBrandPortfolio(ids, partners, accounts);

		List<ProfileEntry> agencyProfiles = List.of(agencyProfile(ids, Country.US, "Adsgraph Demo Agency"),
				agencyProfile(ids, Country.UK, "Adsgraph Demo Agency"));
		return new SandboxUser(DEMO_USER, partners, List.of("amzn1.ads1.ma1.adsgraphdemo0manager0acct"),
				agencyProfiles);
	}

	// Fifty-eight small registered sellers, so that a 50-account page and pagination are
	// real.
	private static void addBrandPortfolio(Ids ids, List<SellingPartner> partners, List<Account> accounts) {
		Country[] countries = Country.values();
		for (int i = 0; i < 58; i++) {
			String name = BRAND_WORDS[i % BRAND_WORDS.length] + " " + BRAND_TRADES[(i * 7) % BRAND_TRADES.length];
			Country home = countries[i % countries.length];
			List<Country> sellsIn = new ArrayList<>(List.of(home));
			Country neighbour = countries[(i + 1) % countries.length];
			if (i % 4 == 0 && neighbour.region() == home.region()) {
				sellsIn.add(neighbour);
			}
			String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
			SellingPartner brand = seller(ids.sellerId(), name, sellsIn, ids.token("sal1."),
					brandAddress(ids.token("adr1."), name, home), "https://www." + slug + ".example", Review.APPROVED);
			partners.add(brand);
			List<Market> markets = new ArrayList<>();
			for (Country country : sellsIn) {
				markets.add(sellerMarket(ids, country, 25.0 + (i * 17) % 400, Access.FULL));
			}
			accounts.add(account(ids, DEMO_USER, brand, markets));
		}
	}

	private static PostalAddress brandAddress(String token, String name, Country country) {
		return switch (country) {
			case US -> new PostalAddress(token, "1600 Wynkoop St", null, name, "Denver", "US", "CO", "80202", null);
			case CA ->
				new PostalAddress(token, "555 W Hastings St", null, name, "Vancouver", "CA", "BC", "V6B 4N6", null);
			case MX -> new PostalAddress(token, "Av. Paseo de la Reforma 250", null, name, "Ciudad de Mexico", "MX",
					"CDMX", "06600", null);
			case UK -> new PostalAddress(token, "1 Piccadilly Gardens", null, name, "Manchester", "GB",
					"Greater Manchester", "M1 1RG", null);
			case DE ->
				new PostalAddress(token, "Invalidenstrasse 117", null, name, "Berlin", "DE", "Berlin", "10115", null);
			case FR -> new PostalAddress(token, "12 Rue de la Paix", null, name, "Paris", "FR", "Ile-de-France",
					"75002", null);
			case IT -> new PostalAddress(token, "Via Dante 7", null, name, "Milano", "IT", "MI", "20121", null);
			case ES ->
				new PostalAddress(token, "Calle de Alcala 21", null, name, "Madrid", "ES", "Madrid", "28014", null);
			case JP -> new PostalAddress(token, "1-1 Umeda", "Kita-ku", name, "Osaka", "JP", "Osaka", "530-0001", null);
			case AU -> new PostalAddress(token, "200 George St", null, name, "Sydney", "AU", "NSW", "2000", null);
		};
	}

	private static SandboxUser agency(Ids ids, List<Account> accounts) {
		SellingPartner riverstone = seller(RIVERSTONE, "Riverstone Apparel", List.of(Country.US, Country.UK),
				"sal1.c17mvm5i34ozhtgutrnrpbv8uy3u",
				new PostalAddress("adr1.bn5xtre6ozzvt0cf29ouz80acgu4", "230 Mission St", null, "Riverstone Apparel",
						"San Francisco", "US", "CA", "94105", "+1 415 555 0190"),
				"https://www.riverstone-apparel.example", Review.APPROVED);
		SellingPartner harborTools = partner(SellingProgram.AMAZON_VENDOR, HARBOR_TOOLS_VENDOR_GROUP,
				"Harbor Tools GmbH", List.of(Country.DE, Country.FR), "sal1.qab3hmvdt8kv2d6hiy56z783luju",
				new PostalAddress("adr1.hwbrkouh5g2798ut6a1ps9gfuu1z", "Hafenstrasse 12", null, "Harbor Tools GmbH",
						"Hamburg", "DE", "Hamburg", "20457", "+49 40 5555 0123"),
				"https://www.harbortools.example", Review.APPROVED);
		SellingPartner hillcrest = seller(HILLCREST, "Hillcrest Candles", List.of(Country.US),
				"sal1.0f6m7zzv6ew2uzv4m5okqegh072w",
				new PostalAddress("adr1.j7f9kzqws3vwt5dl82f1c4nhcj76", "8 Hillcrest Ave", null, "Hillcrest Candles",
						"Burlington", "US", "VT", "05401", "+1 802 555 0147"),
				"https://www.hillcrestcandles.example", Review.APPROVED);
		accounts.add(account(ids, AGENCY_USER, riverstone, List.of(sellerMarket(ids, Country.US, 75.0, Access.FULL),
				sellerMarket(ids, Country.UK, 60.0, Access.FULL))));
		accounts.add(account(ids, AGENCY_USER, harborTools, List.of(vendorMarket(ids, Country.DE, true, Access.FULL),
				vendorMarket(ids, Country.FR, true, Access.FULL))));
		List<ProfileEntry> agencyProfiles = List.of(agencyProfile(ids, Country.US, "Northbeam Media"),
				agencyProfile(ids, Country.JP, "Northbeam Media"));
		return new SandboxUser(AGENCY_USER, List.of(riverstone, harborTools, hillcrest),
				List.of("amzn1.ads1.ma1.adsgraphagency0manager0ac"), agencyProfiles);
	}

	private static SpAuthorization spAuthorization(String userId, String app, String sellerId, String slug) {
		return new SpAuthorization(userId,
				new SandboxCredentials("amzn1.application-oa2-client.adsgraphsandboxsp" + app,
						"adsgraph-sandbox-sp-" + app + "-secret",
						"Atzr|adsgraph-sandbox-sp-" + slug + "-refresh-token"),
				sellerId);
	}

	private static SellingPartner seller(String sellerId, String name, List<Country> countries, String linkToken,
			PostalAddress address, String website, Review review) {
		return partner(SellingProgram.AMAZON_SELLER, sellerId, name, countries, linkToken, address, website, review);
	}

	private static SellingPartner partner(SellingProgram program, String partnerId, String name,
			List<Country> countries, String linkToken, PostalAddress address, String website, Review review) {
		return new SellingPartner(program, partnerId, name, countries, linkToken, address, website, review);
	}

	private static Market sellerMarket(Ids ids, Country country, double dailyBudget, Access access) {
		return new Market(country, ids.profileId(country.region()), ids.entityId(), dailyBudget, null, access);
	}

	private static Market vendorMarket(Ids ids, Country country, boolean validPaymentMethod, Access access) {
		return new Market(country, ids.profileId(country.region()), ids.entityId(), null, validPaymentMethod, access);
	}

	private static ProfileEntry agencyProfile(Ids ids, Country country, String name) {
		return new ProfileEntry(ids.profileId(country.region()), country, "agency", null, ids.entityId(), name, null,
				null, Access.FULL);
	}

	/**
	 * An account registered long ago: settled, with the partner's address as v1 business
	 * details.
	 */
	private static Account account(Ids ids, String userId, SellingPartner partner, List<Market> markets) {
		Country home = markets.get(0).country();
		String vertical = switch (partner.program()) {
			case AMAZON_SELLER -> "Retail Goods & Services";
			case AMAZON_VENDOR -> "Consumer Goods";
			case AMAZON_AUTHOR -> "Entertainment";
		};
		return new Account(ids.adsAccountId(), userId, partner.name(), partner, BusinessDetails.of(partner), markets,
				Instant.EPOCH, Instant.EPOCH, partner.review(), V1Attributes.global(home, vertical), true);
	}

}
