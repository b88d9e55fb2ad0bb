package dev.adsgraph.sandbox.control;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import dev.adsgraph.sandbox.SandboxCredentials;
import dev.adsgraph.sandbox.ads.AccountRegistry;
import dev.adsgraph.sandbox.ads.ErrorFamily;
import dev.adsgraph.sandbox.ads.TermsTokens;
import dev.adsgraph.sandbox.ads.TermsTokensHandler;
import dev.adsgraph.sandbox.core.ApiException;
import dev.adsgraph.sandbox.core.Faults;
import dev.adsgraph.sandbox.core.Hosts;
import dev.adsgraph.sandbox.core.Hosts.Host;
import dev.adsgraph.sandbox.core.Reply;
import dev.adsgraph.sandbox.core.ReportHold;
import dev.adsgraph.sandbox.core.SandboxJson;
import dev.adsgraph.sandbox.core.Stats;
import dev.adsgraph.sandbox.fixtures.Account;
import dev.adsgraph.sandbox.fixtures.Catalog;
import dev.adsgraph.sandbox.fixtures.Catalog.Listing;
import dev.adsgraph.sandbox.fixtures.Country;
import dev.adsgraph.sandbox.fixtures.Figures;
import dev.adsgraph.sandbox.fixtures.Figures.Ads;
import dev.adsgraph.sandbox.fixtures.Figures.Retail;
import dev.adsgraph.sandbox.fixtures.Fixtures;
import dev.adsgraph.sandbox.fixtures.SandboxUser;
import dev.adsgraph.sandbox.fixtures.SellingProgram;
import dev.adsgraph.sandbox.fixtures.Storefront;
import dev.adsgraph.sandbox.lwa.AccessTokens;
import dev.adsgraph.sandbox.lwa.Grants;
import dev.adsgraph.sandbox.sp.SpParams;

/**
 * {@code /sandbox/*}: what tests and tools need that Amazon has no API for: accepting
 * terms as the user would, counting upstream calls, restoring the fixtures, describing
 * the demo set-up, and the ground truth per product ({@code /sandbox/products}) computed
 * from the same functions as every SP-API and Ads answer, so tests can check the
 * gateway's joins independently.
 */
public final class ControlHandler {

	private final Stats stats;

	private final TermsTokens termsTokens;

	// Ground truth sums day by day; two years per product is plenty for any test and
	// stays fast.
	private static final int MAX_TRUTH_DAYS = 731;

	private final Runnable resetData;

	private final Catalog catalog;

	private final Storefront storefront;

	private final Faults faults;

	private final AccountRegistry accounts;

	private final ReportHold reportHold;

	private final Clock clock;

	private final Hosts hosts;

	private final Grants grants;

	private final AccessTokens accessTokens;

	private final Supplier<Map<String, SandboxUser>> users;

	public ControlHandler(Stats stats, TermsTokens termsTokens, Catalog catalog, Storefront storefront, Faults faults,
			AccountRegistry accounts, ReportHold reportHold, Clock clock, Hosts hosts, Grants grants,
			AccessTokens accessTokens, Supplier<Map<String, SandboxUser>> users, Runnable resetData) {
		this.storefront = storefront;
		this.hosts = hosts;
		this.grants = grants;
		this.accessTokens = accessTokens;
		this.users = users;
		this.reportHold = reportHold;
		this.stats = stats;
		this.accounts = accounts;
		this.clock = clock;
		this.faults = faults;
		this.termsTokens = termsTokens;
		this.catalog = catalog;
		this.resetData = resetData;
	}

	public Mono<ServerResponse> acceptTermsToken(ServerRequest request) {
		String termsToken = request.pathVariable("termsToken").toLowerCase(Locale.ROOT);
		TermsTokens.Entry entry = TermsTokensHandler.UUID_PATTERN.matcher(termsToken).matches()
				? this.termsTokens.accept(termsToken).orElse(null) : null;
		if (entry == null) {
			return notFound("Terms token " + termsToken + " does not exist.").toResponse();
		}
		String status = this.termsTokens.status(entry);
		if (TermsTokens.REDEEMED.equals(status)) {
			return Reply
				.json(409, ErrorFamily.ordered("code", "CONFLICT", "details", "The terms token is already redeemed."))
				.toResponse();
		}
		return Reply.json(200, ErrorFamily.ordered("termsToken", termsToken, "termsTokenStatus", status)).toResponse();
	}

	/**
	 * {@code POST /sandbox/adsAccounts/{adsAccountId}/settle}: the account's review takes
	 * effect now instead of after the registration delay, so a test decides when a
	 * registration stops being pending.
	 */
	public Mono<ServerResponse> settleAdsAccount(ServerRequest request) {
		String adsAccountId = request.pathVariable("adsAccountId");
		Account account = this.accounts.settle(adsAccountId).orElse(null);
		if (account == null) {
			return notFound("Ads account " + adsAccountId + " does not exist.").toResponse();
		}
		Instant now = this.clock.instant();
		Map<String, Object> settled = new LinkedHashMap<>();
		settled.put("adsAccountId", adsAccountId);
		settled.put("status", account.status(now));
		settled.put("v1Status", account.v1Status(now));
		return Reply.json(200, settled).toResponse();
	}

	/**
	 * {@code POST /sandbox/users/{userId}/revoke[?clientId=][&accessTokens=end]}: the
	 * user (the sandbox id, as {@code demo}, or the {@code amzn1.account.} id) withdraws
	 * their Ads grants, to one client or to every client: each refresh token issued for
	 * them, the fixtures' included, answers {@code invalid_grant} from now on, and a new
	 * consent issues a new one that works. Access tokens already issued stay valid until
	 * they expire, as LWA documents no revocation of an access token;
	 * {@code accessTokens=end} ends them now too, for tests that cannot wait an hour.
	 */
	public Mono<ServerResponse> revokeUser(ServerRequest request) {
		Fixtures.AmazonAccount account = Fixtures.amazonAccount(request.pathVariable("userId")).orElse(null);
		if (account == null || !this.users.get().containsKey(account.userId())) {
			return notFound("User " + request.pathVariable("userId") + " does not exist.").toResponse();
		}
		String userId = account.userId();
		return revoke(request,
				(clientId) -> (grant) -> grant.sellingPartnerId() == null && grant.userId().equals(userId)
						&& (clientId == null || grant.clientId().equals(clientId)),
				(clientId) -> (token) -> !token.forSellingPartnerApi() && token.userId().equals(userId)
						&& (clientId == null || token.clientId().equals(clientId)));
	}

	/**
	 * {@code POST
	 * /sandbox/sellers/{sellingPartnerId}/revoke[?clientId=][&accessTokens=end]}: the
	 * selling partner removes its authorization of one SP-API application (or of every
	 * one), as from Seller Central's "Manage your apps"; the same rules as
	 * {@link #revokeUser}.
	 */
	public Mono<ServerResponse> revokeSeller(ServerRequest request) {
		String sellerId = request.pathVariable("sellingPartnerId");
		boolean known = this.users.get()
			.values()
			.stream()
			.anyMatch((user) -> user.partner(SellingProgram.AMAZON_SELLER, sellerId).isPresent());
		if (!known) {
			return notFound("Selling partner " + sellerId + " does not exist.").toResponse();
		}
		return revoke(request,
				(clientId) -> (grant) -> sellerId.equals(grant.sellingPartnerId())
						&& (clientId == null || grant.clientId().equals(clientId)),
				(clientId) -> (token) -> sellerId.equals(token.sellingPartnerId())
						&& (clientId == null || token.clientId().equals(clientId)));
	}

	private Mono<ServerResponse> revoke(ServerRequest request, Function<String, Predicate<Grants.Grant>> grantsOf,
			Function<String, Predicate<AccessTokens.Issued>> tokensOf) {
		String clientId = request.queryParam("clientId").filter((value) -> !value.isBlank()).orElse(null);
		String accessTokens = request.queryParam("accessTokens").orElse("keep");
		if (!accessTokens.equals("keep") && !accessTokens.equals("end")) {
			return badRequest("accessTokens must be keep (the default) or end.");
		}
		Map<String, Object> revoked = new LinkedHashMap<>();
		revoked.put("revokedRefreshTokens", this.grants.revoke(grantsOf.apply(clientId)));
		revoked.put("endedAccessTokens",
				accessTokens.equals("end") ? this.accessTokens.revoke(tokensOf.apply(clientId)) : 0);
		return Reply.json(200, revoked).toResponse();
	}

	/**
	 * {@code PUT /sandbox/reports/hold}: Ads and SP-API reports not ready yet stay in
	 * progress until {@code DELETE /sandbox/reports/hold}, so a test decides when a
	 * report becomes ready (see {@link ReportHold}).
	 */
	public Mono<ServerResponse> holdReports(ServerRequest request) {
		this.reportHold.hold(this.clock.instant());
		return ServerResponse.noContent().build();
	}

	/**
	 * {@code DELETE /sandbox/reports/hold}: held reports finish on their usual schedule.
	 */
	public Mono<ServerResponse> releaseReports(ServerRequest request) {
		this.reportHold.release();
		return ServerResponse.noContent().build();
	}

	/**
	 * {@code GET /sandbox/stats}: requests per operation, and under {@code warnings} the
	 * requests that deviated from Amazon's guidance (operation, header, value, guidance,
	 * count); operation keys always contain a dot, so {@code warnings} never names one.
	 */
	public Mono<ServerResponse> stats(ServerRequest request) {
		Map<String, Object> stats = new LinkedHashMap<>(this.stats.snapshot());
		stats.put("warnings", this.stats.warnings());
		return Reply.json(200, stats).toResponse();
	}

	/** {@code GET /sandbox/faults}: the rules in force. */
	public Mono<ServerResponse> faults(ServerRequest request) {
		return Reply.json(200, this.faults.describe()).toResponse();
	}

	/** {@code PUT /sandbox/faults}: replaces the fault rules (see {@link Faults}). */
	public Mono<ServerResponse> configureFaults(ServerRequest request) {
		return request.bodyToMono(String.class).defaultIfEmpty("").flatMap((body) -> {
			try {
				Faults.ParsedRules parsed = Faults.parse(SandboxJson.parseObject(body));
				this.faults.configure(parsed.rules(), parsed.mode(), parsed.seed());
			}
			catch (ApiException ex) {
				return badRequest("The body must be a JSON object: " + ex.getMessage());
			}
			catch (IllegalArgumentException ex) {
				return badRequest(ex.getMessage());
			}
			return Reply.json(200, this.faults.describe()).toResponse();
		});
	}

	/** {@code DELETE /sandbox/faults}: no more injected faults. */
	public Mono<ServerResponse> clearFaults(ServerRequest request) {
		this.faults.clear();
		return ServerResponse.noContent().build();
	}

	public Mono<ServerResponse> resetStats(ServerRequest request) {
		this.stats.reset();
		return ServerResponse.noContent().build();
	}

	/**
	 * {@code GET /sandbox/products?sellerId=&marketplaceId=&startDate=&endDate=}: every
	 * product of the seller (or vendor group) in the marketplace with its catalogue facts
	 * and its retail and ad numbers summed over the inclusive date range. Deleted
	 * listings come last with {@code inCatalog: false}; {@code ads} is null for products
	 * that are not advertised.
	 */
	public Mono<ServerResponse> products(ServerRequest request) {
		String sellerId = request.queryParam("sellerId").orElse(null);
		String marketplaceId = request.queryParam("marketplaceId").orElse(null);
		if (sellerId == null || marketplaceId == null) {
			return badRequest("sellerId and marketplaceId are required.");
		}
		Country country = Country.byMarketplaceId(marketplaceId).orElse(null);
		if (country == null || !this.catalog.knows(sellerId) || !this.catalog.countries(sellerId).contains(country)) {
			return notFound("No products for seller " + sellerId + " in marketplace " + marketplaceId + ".")
				.toResponse();
		}
		LocalDate startDate;
		LocalDate endDate;
		try {
			startDate = LocalDate.parse(request.queryParam("startDate").orElse(""));
			endDate = LocalDate.parse(request.queryParam("endDate").orElse(""));
		}
		catch (DateTimeParseException ex) {
			return badRequest("startDate and endDate are required, as YYYY-MM-DD.");
		}
		if (startDate.isAfter(endDate) || startDate.plusDays(MAX_TRUTH_DAYS).isBefore(endDate)) {
			return badRequest(
					"startDate must not be after endDate, and the range must not exceed " + MAX_TRUTH_DAYS + " days.");
		}
		List<Map<String, Object>> products = new ArrayList<>();
		for (Listing listing : this.catalog.listings(sellerId, country)) {
			products.add(product(listing, this.storefront, startDate, endDate));
		}
		Map<String, Object> truth = new LinkedHashMap<>();
		truth.put("sellerId", sellerId);
		truth.put("marketplaceId", marketplaceId);
		truth.put("currencyCode", country.currencyCode());
		truth.put("startDate", startDate.toString());
		truth.put("endDate", endDate.toString());
		truth.put("products", products);
		return Reply.json(200, truth).toResponse();
	}

	private static Map<String, Object> product(Listing listing, Storefront storefront, LocalDate startDate,
			LocalDate endDate) {
		Country country = listing.country();
		Map<String, Object> product = new LinkedHashMap<>();
		product.put("asin", listing.asin());
		product.put("sku", listing.sku());
		product.put("title", Storefront.title(listing));
		product.put("brand", listing.brand());
		product.put("imageUrl", Storefront.mainImage(listing));
		product.put("inCatalog", listing.inCatalog());
		product.put("kind", listing.kind().name());
		product.put("listingStatus", storefront.status(listing));
		product.put("listingIssues", storefront.issues(listing).stream().map(Storefront.Issue::code).toList());
		product.put("price", SpParams.money(listing.priceMinor(), country));
		Map<String, Object> rank = new LinkedHashMap<>();
		rank.put("classificationId", listing.category().classificationId());
		rank.put("title", listing.category().classificationName());
		rank.put("rank", listing.classificationRank());
		product.put("salesRank", rank);
		Map<String, Object> inventory = new LinkedHashMap<>();
		inventory.put("fulfillable", storefront.inventory(listing).fulfillable());
		inventory.put("merchantQuantity", storefront.state(listing).merchantQuantity());
		inventory.put("inboundWorking", listing.inventory().inboundWorking());
		inventory.put("inboundShipped", listing.inventory().inboundShipped());
		inventory.put("inboundReceiving", listing.inventory().inboundReceiving());
		inventory.put("reserved", listing.inventory().reserved());
		product.put("inventory", inventory);
		product.put("featuredOfferSellerId", storefront.featuredOfferHolder(listing));
		Retail retail = Figures.retail(listing, startDate, endDate);
		Map<String, Object> sales = new LinkedHashMap<>();
		sales.put("unitsOrdered", retail.units());
		sales.put("totalOrderItems", retail.orderItems());
		sales.put("orderedProductSales", SpParams.money(retail.salesMinor(), country));
		sales.put("sessions", retail.sessions());
		sales.put("pageViews", retail.pageViews());
		sales.put("buyBoxPercentage", retail.buyBoxPercentage());
		product.put("retail", sales);
		if (listing.kind().advertised()) {
			Ads ads = Figures.ads(listing, startDate, endDate);
			Map<String, Object> advertising = new LinkedHashMap<>();
			advertising.put("campaignId", listing.campaign().campaignId());
			advertising.put("campaignName", listing.campaign().name());
			advertising.put("adGroupId", listing.adGroupId());
			advertising.put("adId", listing.adId());
			advertising.put("impressions", ads.impressions());
			advertising.put("clicks", ads.clicks());
			advertising.put("cost", SpParams.money(ads.costMinor(), country));
			advertising.put("sales7d", SpParams.money(ads.salesMinor(), country));
			advertising.put("purchases7d", ads.purchases());
			advertising.put("unitsSoldClicks7d", ads.unitsSold());
			product.put("ads", advertising);
		}
		else {
			product.put("ads", null);
		}
		return product;
	}

	/**
	 * {@code GET /sandbox/sellers/{sellerId}/products/{asin}?marketplaceId=}: the
	 * listing's state now (stock, listing status and enforcement, Featured Offer, title
	 * and main image), as {@link Storefront#describe} gives it.
	 */
	public Mono<ServerResponse> storefront(ServerRequest request) {
		return withListing(request, (listing) -> Reply.json(200, this.storefront.describe(listing)));
	}

	/**
	 * {@code POST /sandbox/sellers/{sellerId}/products/{asin}/{change}?marketplaceId=}:
	 * changes what every SP-API answer says of the listing from now on, until
	 * {@code POST /sandbox/reset}. Changes: {@code restock} ({@code &quantity=}, default
	 * the fixture's FBA quantity, or 100), {@code stock-out} (FBA and merchant 0),
	 * {@code merchant-stock} ({@code &quantity=}, required), {@code fix-listing},
	 * {@code suppress-listing} ({@code &enforcement=LISTING_SUPPRESSED}, the default, or
	 * {@code SEARCH_SUPPRESSED}), {@code win-featured-offer}, {@code lose-featured-offer}
	 * ({@code &sellerId=}, default {@link Storefront#RIVAL_SELLER_ID}). Answers the new
	 * state.
	 */
	public Mono<ServerResponse> changeStorefront(ServerRequest request) {
		String change = request.pathVariable("change");
		Integer quantity;
		try {
			quantity = request.queryParam("quantity").map(Integer::valueOf).orElse(null);
		}
		catch (NumberFormatException ex) {
			return badRequest("quantity must be a whole number.");
		}
		if (quantity != null && quantity < 0) {
			return badRequest("quantity must not be negative.");
		}
		Storefront.Health enforcement;
		try {
			enforcement = Storefront.Health.valueOf(request.queryParam("enforcement").orElse("LISTING_SUPPRESSED"));
		}
		catch (IllegalArgumentException ex) {
			enforcement = null;
		}
		if (enforcement == null || enforcement == Storefront.Health.ACTIVE) {
			return badRequest("enforcement must be LISTING_SUPPRESSED or SEARCH_SUPPRESSED.");
		}
		Storefront.Health suppression = enforcement;
		String rival = request.queryParam("sellerId").filter((v) -> !v.isBlank()).orElse(null);
		if (change.equals("merchant-stock") && quantity == null) {
			return badRequest("merchant-stock needs a quantity.");
		}
		Function<Listing, Object> apply = switch (change) {
			case "restock" -> (listing) -> this.storefront.restock(listing, quantity);
			case "stock-out" -> this.storefront::stockOut;
			case "merchant-stock" -> (listing) -> this.storefront.merchantStock(listing, quantity);
			case "fix-listing" -> this.storefront::fix;
			case "suppress-listing" -> (listing) -> this.storefront.suppress(listing, suppression);
			case "win-featured-offer" -> this.storefront::winFeaturedOffer;
			case "lose-featured-offer" -> (listing) -> this.storefront.loseFeaturedOffer(listing, rival);
			default -> null;
		};
		if (apply == null) {
			return notFound("No change " + change + "; expected restock, stock-out, merchant-stock, fix-listing, "
					+ "suppress-listing, win-featured-offer or lose-featured-offer.")
				.toResponse();
		}
		return withListing(request, (listing) -> {
			apply.apply(listing);
			return Reply.json(200, this.storefront.describe(listing));
		});
	}

	private Mono<ServerResponse> withListing(ServerRequest request, Function<Listing, Reply> action) {
		String sellerId = request.pathVariable("sellerId");
		String asin = request.pathVariable("asin");
		String marketplaceId = request.queryParam("marketplaceId").orElse(null);
		if (marketplaceId == null) {
			return badRequest("marketplaceId is required.");
		}
		Country country = Country.byMarketplaceId(marketplaceId).orElse(null);
		Listing listing = (country != null) ? this.storefront.find(sellerId, country, asin).orElse(null) : null;
		if (listing == null) {
			return notFound(
					"Seller " + sellerId + " has no live listing of " + asin + " in marketplace " + marketplaceId + ".")
				.toResponse();
		}
		return action.apply(listing).toResponse();
	}

	/**
	 * Restores accounts and terms tokens to the fixtures and forgets reports, document
	 * links, rate-limit buckets, fault rules, consent pages, authorization codes, the
	 * refresh tokens consents issued and every revocation; issued access tokens stay
	 * valid.
	 */
	public Mono<ServerResponse> reset(ServerRequest request) {
		this.resetData.run();
		this.faults.clear();
		return ServerResponse.noContent().build();
	}

	/**
	 * Where things are and which credentials work, for Postman, benchmarks and humans.
	 */
	public Mono<ServerResponse> info(ServerRequest request) {
		String base = this.hosts.prefixUrl(Host.LWA, request);
		Map<String, Object> info = new LinkedHashMap<>();
		info.put("lwaTokenUrl", this.hosts.rootUrl(Host.LWA, request) + "/auth/o2/token");
		info.put("adsHosts", regional(request, Host.ADS_NA, Host.ADS_EU, Host.ADS_FE, false));
		info.put("spHosts", regional(request, Host.SP_NA, Host.SP_EU, Host.SP_FE, false));
		info.put("documentsHost", this.hosts.rootUrl(Host.DOCUMENTS, request));
		Map<String, Object> ports = new LinkedHashMap<>();
		for (Host host : Host.values()) {
			ports.put(host.name(), this.hosts.port(host));
		}
		info.put("ports", ports);
		// The same hosts under path prefixes on the first port, for set-ups made before
		// each host had a port of its own.
		Map<String, Object> prefixed = new LinkedHashMap<>();
		prefixed.put("adsHosts", regional(request, Host.ADS_NA, Host.ADS_EU, Host.ADS_FE, true));
		prefixed.put("spHosts", regional(request, Host.SP_NA, Host.SP_EU, Host.SP_FE, true));
		prefixed.put("documentsHost", this.hosts.prefixUrl(Host.DOCUMENTS, request));
		info.put("pathPrefixForm", prefixed);
		info.put("users",
				List.of(user(Fixtures.DEMO_USER, Fixtures.DEMO), user(Fixtures.AGENCY_USER, Fixtures.AGENCY)));
		List<Map<String, String>> sp = new ArrayList<>();
		for (Fixtures.SpAuthorization authorization : Fixtures.SP_AUTHORIZATIONS) {
			Map<String, String> entry = user(authorization.userId(), authorization.credentials());
			entry.put("sellingPartnerId", authorization.sellingPartnerId());
			sp.add(entry);
		}
		info.put("spAuthorizations", sp);
		List<Map<String, String>> vendors = new ArrayList<>();
		for (Fixtures.SpAuthorization authorization : Fixtures.VENDOR_SP_AUTHORIZATIONS) {
			Map<String, String> entry = user(authorization.userId(), authorization.credentials());
			entry.put("sellingPartnerId", authorization.sellingPartnerId());
			vendors.add(entry);
		}
		info.put("vendorSpAuthorizations", vendors);
		info.put("groundTruth", base + "/sandbox/products?sellerId=&marketplaceId=&startDate=&endDate=");
		Map<String, Object> consent = new LinkedHashMap<>();
		consent.put("lwaAuthorizationUrl", this.hosts.rootUrl(Host.LWA, request) + "/ap/oa");
		consent.put("sellerCentralConsentUrl", this.hosts.rootUrl(Host.LWA, request) + "/apps/authorize/consent");
		consent.put("vendorCentralConsentUrl",
				this.hosts.rootUrl(Host.LWA, request) + "/vendorcentral/apps/authorize/consent");
		consent.put("userProfileUrl", this.hosts.rootUrl(Host.LWA, request) + "/user/profile");
		consent.put("adsClientIds", Fixtures.ADS_CLIENTS.stream().map(SandboxCredentials::clientId).toList());
		consent.put("spApplicationId", Fixtures.SP_APPLICATION_ID);
		consent.put("spApplicationClientId", Fixtures.SP_APPLICATION_CLIENT.clientId());
		List<Map<String, String>> accounts = new ArrayList<>();
		for (Fixtures.AmazonAccount account : Fixtures.AMAZON_ACCOUNTS) {
			Map<String, String> entry = new LinkedHashMap<>();
			entry.put("userId", account.userId());
			entry.put("user_id", account.accountId());
			entry.put("name", account.name());
			entry.put("email", account.email());
			accounts.add(entry);
		}
		consent.put("amazonAccounts", accounts);
		info.put("consent", consent);
		return Reply.json(200, info).toResponse();
	}

	private Map<String, Object> regional(ServerRequest request, Host na, Host eu, Host fe, boolean prefixForm) {
		Map<String, Object> hosts = new LinkedHashMap<>();
		for (Host host : List.of(na, eu, fe)) {
			String region = host.name().substring(host.name().indexOf('_') + 1);
			hosts.put(region, prefixForm ? this.hosts.prefixUrl(host, request) : this.hosts.rootUrl(host, request));
		}
		return hosts;
	}

	public Mono<ServerResponse> unknownRoute(ServerRequest request) {
		// On a host's own port the path the caller sent is the one below the host's
		// prefix.
		Host root = this.hosts.rootHost(request.exchange().getRequest());
		String path = (root != null) ? request.path().substring(root.prefix().length()) : request.path();
		return notFound("No resource at " + request.method() + " " + (path.isEmpty() ? "/" : path) + ".").toResponse();
	}

	private static Map<String, String> user(String userId, SandboxCredentials credentials) {
		Map<String, String> user = new LinkedHashMap<>();
		user.put("userId", userId);
		user.put("clientId", credentials.clientId());
		user.put("clientSecret", credentials.clientSecret());
		user.put("refreshToken", credentials.refreshToken());
		return user;
	}

	private static Mono<ServerResponse> badRequest(String details) {
		return Reply.json(400, ErrorFamily.ordered("code", "BAD_REQUEST", "details", details)).toResponse();
	}

	private static Reply notFound(String details) {
		return Reply.json(404, ErrorFamily.ordered("code", "NOT_FOUND", "details", details));
	}

}
