package dev.adsgraph.sandbox;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

import dev.adsgraph.sandbox.ads.AccountRegistry;
import dev.adsgraph.sandbox.ads.AdsAccountsHandler;
import dev.adsgraph.sandbox.ads.AdsGate;
import dev.adsgraph.sandbox.ads.AdsReportsHandler;
import dev.adsgraph.sandbox.ads.AdvertiserAccountsHandler;
import dev.adsgraph.sandbox.ads.BillingBook;
import dev.adsgraph.sandbox.ads.BillingHandler;
import dev.adsgraph.sandbox.ads.BillingPageHandler;
import dev.adsgraph.sandbox.ads.CampaignStore;
import dev.adsgraph.sandbox.ads.CampaignWritesHandler;
import dev.adsgraph.sandbox.ads.CampaignsHandler;
import dev.adsgraph.sandbox.ads.ManagerAccounts;
import dev.adsgraph.sandbox.ads.ManagerAccountsHandler;
import dev.adsgraph.sandbox.ads.ProfilesHandler;
import dev.adsgraph.sandbox.ads.Registrations;
import dev.adsgraph.sandbox.ads.SellingAccountsHandler;
import dev.adsgraph.sandbox.ads.TermsPageHandler;
import dev.adsgraph.sandbox.ads.TermsTokens;
import dev.adsgraph.sandbox.ads.TermsTokensHandler;
import dev.adsgraph.sandbox.ads.UserAccessHandler;
import dev.adsgraph.sandbox.ads.UserInvitations;
import dev.adsgraph.sandbox.consent.AuthorizationPageHandler;
import dev.adsgraph.sandbox.consent.ConsentTickets;
import dev.adsgraph.sandbox.consent.CentralConsentHandler;
import dev.adsgraph.sandbox.control.ControlHandler;
import dev.adsgraph.sandbox.control.UserInvitationControl;
import dev.adsgraph.sandbox.core.Faults;
import dev.adsgraph.sandbox.core.Hosts;
import dev.adsgraph.sandbox.core.Hosts.Host;
import dev.adsgraph.sandbox.core.Reply;
import dev.adsgraph.sandbox.core.ReportDocuments;
import dev.adsgraph.sandbox.core.ReportHold;
import dev.adsgraph.sandbox.core.Stats;
import dev.adsgraph.sandbox.fixtures.Account;
import dev.adsgraph.sandbox.fixtures.AdsRegion;
import dev.adsgraph.sandbox.fixtures.Catalog;
import dev.adsgraph.sandbox.fixtures.Fixtures;
import dev.adsgraph.sandbox.fixtures.Storefront;
import dev.adsgraph.sandbox.lwa.AccessTokens;
import dev.adsgraph.sandbox.lwa.AuthorizationCodes;
import dev.adsgraph.sandbox.lwa.Grants;
import dev.adsgraph.sandbox.lwa.LwaHandler;
import dev.adsgraph.sandbox.lwa.UserProfileHandler;
import dev.adsgraph.sandbox.sp.CatalogHandler;
import dev.adsgraph.sandbox.sp.FbaInventoryHandler;
import dev.adsgraph.sandbox.sp.ListingsHandler;
import dev.adsgraph.sandbox.sp.PricingHandler;
import dev.adsgraph.sandbox.sp.RateLimits;
import dev.adsgraph.sandbox.sp.SalesHandler;
import dev.adsgraph.sandbox.sp.SellersHandler;
import dev.adsgraph.sandbox.sp.SpGate;
import dev.adsgraph.sandbox.sp.SpReportsHandler;
import dev.adsgraph.sandbox.sp.SpStaticExamples;

/**
 * The built-in sandbox: a simulated Login with Amazon, Amazon Ads API and SP-API, reached
 * by the gateway's real clients over real HTTP. It needs no Spring application context.
 * Each Amazon host is served at the root of a port of its own, as Amazon serves each at
 * the root of its own host name, so a client configured with a base URL works unchanged;
 * the first port also serves every host under a path prefix.
 *
 * <pre>
 * port  root form                        on the first port ({base})
 * +0    POST /auth/o2/token  (LWA)       {base}/auth/o2/token
 *       GET /user/profile    (LWA)       {base}/user/profile
 *       GET|POST /ap/oa                  LWA's authorization page (www.amazon.com)
 *       GET|POST /apps/authorize/consent Seller Central's consent page
 *       GET|POST /vendorcentral/apps/authorize/consent Vendor Central's consent page
 * +1-3  Ads API NA, EU, FE               {base}/ads/na|eu|fe/... (incl. reporting v3)
 * +4-6  SP-API NA, EU, FE                {base}/sp/na|eu|fe/...
 * +7    GET /{key} (report documents)  {base}/documents/{key} (S3-style presigned)
 *       GET|POST {base}/terms/agreement/{token}  the terms acceptance page
 *       GET|POST {base}/sandbox/billing/setup      the billing setup page
 *       {base}/sandbox/...                       control endpoints for tests and tools
 * </pre>
 */
public final class SandboxServer implements AutoCloseable {

	static final String REQUEST_ID = "x-amzn-RequestId";

	private static final Log logger = LogFactory.getLog(SandboxServer.class);

	// A full v1 batch of 100 accounts stays far below this; beyond it Amazon answers 413.
	private static final int MAX_BODY_BYTES = 1024 * 1024;

	private final List<DisposableServer> servers;

	private final LoopResources loops;

	private final Hosts hosts;

	private final String urlHost;

	private SandboxServer(List<DisposableServer> servers, LoopResources loops, Hosts hosts, String urlHost) {
		this.servers = servers;
		this.loops = loops;
		this.hosts = hosts;
		this.urlHost = urlHost;
	}

	/**
	 * Binds one port per Amazon host and starts serving; fails when a port is taken. A
	 * settings port of 0 gives each host a free port; any other port {@code p} puts the
	 * hosts on {@code p} to {@code p + 7}, in {@link Host} order.
	 */
	public static SandboxServer start(SandboxSettings settings) {
		int hostCount = Host.values().length;
		if (settings.port() != 0 && settings.port() + hostCount - 1 > 65535) {
			throw new IllegalStateException("The sandbox needs " + hostCount + " ports from " + settings.port()
					+ ", beyond 65535; choose a lower port.");
		}
		Hosts hosts = new Hosts();
		RouterFunction<ServerResponse> routes = routes(settings, hosts);
		HandlerStrategies strategies = HandlerStrategies.builder()
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(MAX_BODY_BYTES))
			.webFilter(requestId())
			.webFilter(hostRoots(hosts))
			.exceptionHandler(lastResort())
			.build();
		ReactorHttpHandlerAdapter adapter = new ReactorHttpHandlerAdapter(
				RouterFunctions.toHttpHandler(routes, strategies));
		// Event loops of its own: Reactor Netty's global ones are disposed whenever an
		// application context using them closes (Spring's ReactorResourceFactory does
		// that), which would take down the sandbox of every other context in the same
		// JVM, as in a test suite.
		LoopResources loops = LoopResources.create("adsgraph-sandbox", 2, true);
		// One server configuration (handler, event loops) bound once per host: a request
		// is routed by the local port it arrived on (hostRoots), so every host shares the
		// routes, the state and the threads.
		HttpServer http = HttpServer.create().runOn(loops).host(settings.address()).handle(adapter);
		List<DisposableServer> servers = new ArrayList<>();
		for (Host host : Host.values()) {
			int port = (settings.port() == 0) ? 0 : settings.port() + host.ordinal();
			try {
				DisposableServer server = http.port(port).bindNow(Duration.ofSeconds(10));
				servers.add(server);
				hosts.bound(host, ((InetSocketAddress) server.address()).getPort());
			}
			catch (RuntimeException ex) {
				servers.forEach((server) -> server.disposeNow(Duration.ofSeconds(5)));
				loops.dispose();
				throw new IllegalStateException("The sandbox could not listen on " + settings.address() + ":" + port
						+ " (" + host + "): " + ex.getMessage(), ex);
			}
		}
		return new SandboxServer(List.copyOf(servers), loops, hosts, urlHost(settings.address()));
	}

	/** The credentials of the demo user (the {@code demo} tenant). */
	public static SandboxCredentials demoCredentials() {
		return Fixtures.DEMO;
	}

	/**
	 * The credentials of the second user (the {@code agency} tenant), who sees different
	 * data.
	 */
	public static SandboxCredentials agencyCredentials() {
		return Fixtures.AGENCY;
	}

	/**
	 * SP-API credentials of the demo user: one LWA application, authorized by Northwind
	 * Outdoor Co. ({@link #DEMO_SELLING_PARTNER_ID}); the tenant's SP data is Northwind's
	 * (NA).
	 */
	public static SandboxCredentials demoSpCredentials() {
		return Fixtures.DEMO_SP.credentials();
	}

	/**
	 * SP-API credentials of the agency user, authorized by Riverstone Apparel (NA and
	 * EU).
	 */
	public static SandboxCredentials agencySpCredentials() {
		return Fixtures.AGENCY_SP.credentials();
	}

	/** The selling partner (seller) id of {@link #demoSpCredentials()}. */
	public static final String DEMO_SELLING_PARTNER_ID = Fixtures.NORTHWIND;

	/** The selling partner (seller) id of {@link #agencySpCredentials()}. */
	public static final String AGENCY_SELLING_PARTNER_ID = Fixtures.RIVERSTONE;

	/**
	 * The application id of the sandbox's SP-API application, a draft, for Seller
	 * Central's consent page ({@link #sellerCentralConsentUrl()}, with
	 * {@code version=beta}); its LWA client is {@link #demoSpCredentials()}'s.
	 */
	public static final String SP_APPLICATION_ID = Fixtures.SP_APPLICATION_ID;

	/**
	 * The first port, for example {@code http://127.0.0.1:41234}: LWA at
	 * {@code /auth/o2/token}, the control endpoints under {@code /sandbox}, and every
	 * other host under its path prefix ({@code /ads/na}, {@code /sp/eu},
	 * {@code /documents}).
	 */
	public String baseUrl() {
		return url(Host.LWA);
	}

	/** The first port. */
	public int port() {
		return this.hosts.port(Host.LWA);
	}

	/** Login with Amazon's token endpoint. */
	public String lwaTokenUrl() {
		return baseUrl() + "/auth/o2/token";
	}

	/**
	 * Login with Amazon's authorization page, as {@code https://www.amazon.com/ap/oa}:
	 * the Ads consent flow's first step.
	 */
	public String lwaAuthorizationUrl() {
		return baseUrl() + "/ap/oa";
	}

	/**
	 * Seller Central's consent page, as
	 * {@code https://sellercentral.amazon.com/apps/authorize/consent}: the SP-API website
	 * authorization workflow's first step.
	 */
	public String sellerCentralConsentUrl() {
		return baseUrl() + "/apps/authorize/consent";
	}

	/**
	 * Vendor Central's consent page, as
	 * {@code https://vendorcentral.amazon.com/apps/authorize/consent}: the same workflow
	 * for vendors (Acme Brands, the demo user's vendor).
	 */
	public String vendorCentralConsentUrl() {
		return baseUrl() + CentralConsentHandler.Central.VENDOR.path();
	}

	/**
	 * Login with Amazon's customer profile, as
	 * {@code https://api.amazon.com/user/profile}.
	 */
	public String lwaUserProfileUrl() {
		return baseUrl() + "/user/profile";
	}

	/**
	 * The Ads API host of a region ({@code NA}, {@code EU}, {@code FE}) at the root of
	 * its own port, as {@code https://advertising-api.amazon.com}.
	 */
	public String adsHost(String region) {
		return url(Host.valueOf("ADS_" + region.toUpperCase(Locale.ROOT)));
	}

	/**
	 * The SP-API host of a region ({@code NA}, {@code EU}, {@code FE}) at the root of its
	 * own port, as {@code https://sellingpartnerapi-na.amazon.com}.
	 */
	public String spHost(String region) {
		return url(Host.valueOf("SP_" + region.toUpperCase(Locale.ROOT)));
	}

	/** The host of report documents at the root of its own port, as S3's. */
	public String documentsHost() {
		return url(Host.DOCUMENTS);
	}

	private String url(Host host) {
		return "http://" + this.urlHost + ":" + this.hosts.port(host);
	}

	@Override
	public void close() {
		try {
			for (DisposableServer server : this.servers) {
				server.disposeNow(Duration.ofSeconds(5));
			}
		}
		finally {
			this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
		}
	}

	private static RouterFunction<ServerResponse> routes(SandboxSettings settings, Hosts hosts) {
		Fixtures.World world = Fixtures.load();
		Stats stats = new Stats();
		AccessTokens accessTokens = new AccessTokens(world.ids(), settings.clock(), settings.tokenTtl());
		TermsTokens termsTokens = new TermsTokens(settings.clock(), settings.termsAcceptanceDelay());
		AccountRegistry registry = new AccountRegistry(settings.clock(), world.accounts());
		Registrations registrations = new Registrations(world.ids(), settings.clock(), settings.registrationDelay());

		Faults faults = new Faults(stats);
		AdsGate gate = new AdsGate(stats, accessTokens, world::users, faults, settings.strict());
		Grants grants = new Grants(world.refreshTokens());
		AuthorizationCodes codes = new AuthorizationCodes(settings.clock());
		ConsentTickets consentTickets = new ConsentTickets(settings.clock());
		LwaHandler lwa = new LwaHandler(stats, accessTokens, () -> world, faults, grants, codes);
		UserProfileHandler userProfile = new UserProfileHandler(stats, accessTokens);
		AuthorizationPageHandler authorizationPage = new AuthorizationPageHandler(stats, consentTickets, codes,
				world::users);
		CentralConsentHandler sellerConsent = new CentralConsentHandler(CentralConsentHandler.Central.SELLER, stats,
				consentTickets, codes, world::users);
		CentralConsentHandler vendorConsent = new CentralConsentHandler(CentralConsentHandler.Central.VENDOR, stats,
				consentTickets, codes, world::users);
		ProfilesHandler profiles = new ProfilesHandler(registry);
		TermsTokensHandler terms = new TermsTokensHandler(termsTokens, hosts);
		AdsAccountsHandler adsAccounts = new AdsAccountsHandler(registry, termsTokens, terms, registrations);
		AdvertiserAccountsHandler advertiserAccounts = new AdvertiserAccountsHandler(registry, registrations);
		SellingAccountsHandler sellingAccounts = new SellingAccountsHandler();
		ManagerAccounts managerAccounts = new ManagerAccounts(registry,
				() -> UUID.randomUUID().toString().replace("-", "").substring(0, 22));
		ManagerAccountsHandler managerAccountsHandler = new ManagerAccountsHandler(managerAccounts, registry,
				settings.clock());
		TermsPageHandler termsPage = new TermsPageHandler(stats, termsTokens);
		BillingBook billingBook = new BillingBook(world.accounts());
		BillingHandler billing = new BillingHandler(registry, billingBook, settings.clock());
		BillingPageHandler billingPage = new BillingPageHandler(stats, registry, billingBook);

		UserInvitations userInvitations = new UserInvitations(settings.clock());
		UserAccessHandler userAccess = new UserAccessHandler(registry, userInvitations);
		UserInvitationControl invitationControl = new UserInvitationControl(userInvitations);
		Catalog catalog = Catalog.load();
		Storefront storefront = new Storefront(catalog);
		ReportDocuments documents = new ReportDocuments(stats, settings.clock(), hosts);
		ReportHold reportHold = new ReportHold();
		CampaignStore campaignStore = new CampaignStore(catalog, settings.clock());
		CampaignsHandler campaigns = new CampaignsHandler(registry, campaignStore);
		CampaignWritesHandler campaignWrites = new CampaignWritesHandler(registry, campaignStore);
		AdsReportsHandler adsReports = new AdsReportsHandler(registry, catalog, campaignStore, documents,
				settings.clock(), settings.reportProcessingTime(), reportHold);
		RateLimits rateLimits = new RateLimits(settings.clock(), settings.spRateLimits());
		SpGate spGate = new SpGate(stats, accessTokens, world::users, rateLimits, SpStaticExamples.load(), faults,
				settings.strict());
		SellersHandler sellers = new SellersHandler();
		CatalogHandler catalogItems = new CatalogHandler(catalog);
		ListingsHandler listings = new ListingsHandler(catalog, storefront);
		FbaInventoryHandler inventory = new FbaInventoryHandler(catalog, storefront, settings.clock());
		PricingHandler pricing = new PricingHandler(catalog, storefront);
		SalesHandler sales = new SalesHandler(catalog, settings.clock());
		SpReportsHandler spReports = new SpReportsHandler(catalog, documents, settings.clock(),
				settings.reportProcessingTime(), reportHold);
		// Fixtures are deterministic, so reloading them restores exactly the start-up
		// accounts.
		ControlHandler control = new ControlHandler(stats, termsTokens, catalog, storefront, faults, registry,
				reportHold, settings.clock(), hosts, grants, accessTokens, world::users, () -> {
					List<Account> accounts = Fixtures.load().accounts();
					registry.reset(accounts);
					billingBook.reset(accounts);
					managerAccounts.reset();
					grants.clear();
					codes.clear();
					consentTickets.clear();
					termsTokens.clear();
					userInvitations.clear();
					adsReports.clear();
					campaignStore.reset();
					spReports.clear();
					documents.clear();
					rateLimits.reset();
					reportHold.release();
					storefront.reset();
				});

		// Amazon's operations are routed from the sandbox's table (SandboxOperations):
		// method
		// and path come from there, and a handler without an entry stops the start.
		RouterFunctions.Builder routes = RouterFunctions.route()
			.route(amazon(SandboxOperations.LWA_TOKEN, ""), lwa::token)
			.route(amazon(SandboxOperations.LWA_PROFILE, ""), userProfile::profile);
		ads(routes, gate, ProfilesHandler.LIST, profiles::list);
		ads(routes, gate, ProfilesHandler.GET, profiles::get);
		ads(routes, gate, TermsTokensHandler.CREATE, terms::create);
		ads(routes, gate, TermsTokensHandler.GET, terms::get);
		ads(routes, gate, AdsAccountsHandler.REGISTER, adsAccounts::register);
		ads(routes, gate, AdsAccountsHandler.LIST, adsAccounts::list);
		ads(routes, gate, AdsAccountsHandler.GET, adsAccounts::get);
		ads(routes, gate, AdvertiserAccountsHandler.CREATE, advertiserAccounts::create);
		ads(routes, gate, AdvertiserAccountsHandler.UPDATE, advertiserAccounts::update);
		ads(routes, gate, AdvertiserAccountsHandler.QUERY, advertiserAccounts::query);
		ads(routes, gate, SellingAccountsHandler.QUERY, sellingAccounts::query);
		ads(routes, gate, ManagerAccountsHandler.LIST, managerAccountsHandler::list);
		ads(routes, gate, ManagerAccountsHandler.CREATE, managerAccountsHandler::create);
		ads(routes, gate, ManagerAccountsHandler.ASSOCIATE, managerAccountsHandler::associate);
		ads(routes, gate, ManagerAccountsHandler.DISASSOCIATE, managerAccountsHandler::disassociate);
		ads(routes, gate, CampaignsHandler.QUERY_CAMPAIGNS, campaigns::queryCampaigns);
		ads(routes, gate, CampaignsHandler.QUERY_AD_GROUPS, campaigns::queryAdGroups);
		ads(routes, gate, CampaignsHandler.QUERY_ADS, campaigns::queryAds);
		ads(routes, gate, CampaignsHandler.QUERY_TARGETS, campaigns::queryTargets);
		ads(routes, gate, CampaignWritesHandler.UPDATE_CAMPAIGNS, campaignWrites::updateCampaigns);
		ads(routes, gate, CampaignWritesHandler.UPDATE_AD_GROUPS, campaignWrites::updateAdGroups);
		ads(routes, gate, CampaignWritesHandler.UPDATE_ADS, campaignWrites::updateAds);
		ads(routes, gate, CampaignWritesHandler.DELETE_CAMPAIGNS, campaignWrites::deleteCampaigns);
		ads(routes, gate, CampaignWritesHandler.DELETE_ADS, campaignWrites::deleteAds);
		ads(routes, gate, AdsReportsHandler.CREATE, adsReports::create);
		ads(routes, gate, AdsReportsHandler.GET, adsReports::get);
		ads(routes, gate, AdsReportsHandler.DELETE, adsReports::delete);
		ads(routes, gate, BillingHandler.STATUSES, billing::statuses);
		ads(routes, gate, BillingHandler.NOTIFICATIONS, billing::notifications);
		ads(routes, gate, BillingHandler.INVOICES, billing::invoices);
		ads(routes, gate, BillingHandler.INVOICE, billing::invoice);
		ads(routes, gate, BillingHandler.PAYMENT_METHODS, billing::paymentMethods);

		ads(routes, gate, UserAccessHandler.CREATE, userAccess::create);
		ads(routes, gate, UserAccessHandler.UPDATE, userAccess::update);
		ads(routes, gate, UserAccessHandler.LIST, userAccess::list);
		ads(routes, gate, UserAccessHandler.REDEEM, userAccess::redeem);
		ads(routes, gate, UserAccessHandler.GET, userAccess::get);
		ads(routes, gate, UserAccessHandler.LIST_USERS, userAccess::listUsers);
		ads(routes, gate, UserAccessHandler.QUERY_USER_ROLES, userAccess::queryUserRoles);
		sp(routes, spGate, SellersHandler.PARTICIPATIONS, sellers::participations);
		sp(routes, spGate, CatalogHandler.SEARCH, catalogItems::search);
		sp(routes, spGate, CatalogHandler.GET, catalogItems::get);
		sp(routes, spGate, ListingsHandler.SEARCH, listings::search);
		sp(routes, spGate, ListingsHandler.GET, listings::get);
		sp(routes, spGate, FbaInventoryHandler.SUMMARIES, inventory::summaries);
		sp(routes, spGate, PricingHandler.COMPETITIVE_SUMMARY, pricing::competitiveSummary);
		sp(routes, spGate, SalesHandler.ORDER_METRICS, sales::orderMetrics);
		sp(routes, spGate, SpReportsHandler.CREATE, spReports::create);
		sp(routes, spGate, SpReportsHandler.LIST, spReports::list);
		sp(routes, spGate, SpReportsHandler.GET, spReports::get);
		sp(routes, spGate, SpReportsHandler.CANCEL, spReports::cancel);
		sp(routes, spGate, SpReportsHandler.DOCUMENT, spReports::document);
		return routes.GET("/ap/oa", authorizationPage::show)
			.POST("/ap/oa", authorizationPage::decide)
			.GET("/apps/authorize/consent", sellerConsent::show)
			.POST("/apps/authorize/consent", sellerConsent::decide)
			.GET(CentralConsentHandler.Central.VENDOR.path(), vendorConsent::show)
			.POST(CentralConsentHandler.Central.VENDOR.path(), vendorConsent::decide)
			.GET("/terms/agreement/{termsToken}", termsPage::show)
			.POST("/terms/agreement/{termsToken}", termsPage::accept)
			.GET("/documents/{*key}", documents::download)
			.GET(BillingPageHandler.PATH, billingPage::show)
			.POST(BillingPageHandler.PATH, billingPage::complete)
			.GET("/sandbox/products", control::products)
			.POST("/sandbox/termsTokens/{termsToken}/accept", control::acceptTermsToken)
			.POST("/sandbox/adsAccounts/{adsAccountId}/settle", control::settleAdsAccount)
			.POST("/sandbox/userInvitations/{invitationId}/redeem", invitationControl::redeem)
			.POST("/sandbox/userInvitations/{invitationId}/expire", invitationControl::expire)
			.POST("/sandbox/users/{userId}/revoke", control::revokeUser)
			.POST("/sandbox/sellers/{sellingPartnerId}/revoke", control::revokeSeller)
			.GET("/sandbox/sellers/{sellerId}/products/{asin}", control::storefront)
			.POST("/sandbox/sellers/{sellerId}/products/{asin}/{change}", control::changeStorefront)
			.PUT("/sandbox/reports/hold", control::holdReports)
			.DELETE("/sandbox/reports/hold", control::releaseReports)
			.GET("/sandbox/stats", control::stats)
			.POST("/sandbox/stats/reset", control::resetStats)
			.GET("/sandbox/faults", control::faults)
			.PUT("/sandbox/faults", control::configureFaults)
			.DELETE("/sandbox/faults", control::clearFaults)
			.POST("/sandbox/reset", control::reset)
			.GET("/sandbox", control::info)
			.route(RequestPredicates.all(), control::unknownRoute)
			.build();
	}

	/** An Ads operation on each regional host, where its table entry says. */
	private static void ads(RouterFunctions.Builder routes, AdsGate gate, AdsGate.Operation operation,
			AdsGate.Handler handler) {
		SandboxOperations entry = SandboxOperations.of("ads", operation.operationId());
		for (AdsRegion region : AdsRegion.values()) {
			routes.route(amazon(entry, "/ads/" + region.path()), gate.operation(region, operation, handler));
		}
	}

	/** An SP-API operation on each regional host, where its table entry says. */
	private static void sp(RouterFunctions.Builder routes, SpGate gate, SpGate.Operation operation,
			SpGate.Handler handler) {
		SandboxOperations entry = SandboxOperations.of("sp", operation.operationId());
		for (AdsRegion region : AdsRegion.values()) {
			routes.route(amazon(entry, "/sp/" + region.path()), gate.operation(region, operation, handler));
		}
	}

	private static RequestPredicate amazon(SandboxOperations entry, String host) {
		return RequestPredicates.method(entry.method()).and(RequestPredicates.path(host + entry.path()));
	}

	// A request on a host's own port is routed as if it had come in under that host's
	// path prefix on the first port, so both forms share one route table.
	private static WebFilter hostRoots(Hosts hosts) {
		return (exchange, chain) -> {
			Host host = hosts.rootHost(exchange.getRequest());
			if (host == null) {
				return chain.filter(exchange);
			}
			exchange.getAttributes().put(Hosts.ORIGINAL_URI, exchange.getRequest().getURI());
			ServerHttpRequest request = exchange.getRequest()
				.mutate()
				.path(host.prefix() + exchange.getRequest().getPath().value())
				.build();
			return chain.filter(exchange.mutate().request(request).build());
		};
	}

	// Every Amazon answer carries a request id; clients log it, so the sandbox sends one
	// too.
	private static WebFilter requestId() {
		return (exchange, chain) -> {
			exchange.getResponse().getHeaders().set(REQUEST_ID, UUID.randomUUID().toString());
			return chain.filter(exchange);
		};
	}

	// Handlers answer every expected failure themselves; this keeps anything else a JSON
	// 500.
	private static WebExceptionHandler lastResort() {
		return (exchange, ex) -> {
			if (exchange.getResponse().isCommitted()) {
				return Mono.error(ex);
			}
			logger.warn("Sandbox request " + exchange.getRequest().getPath() + " failed", ex);
			exchange.getResponse().setStatusCode(HttpStatus.INTERNAL_SERVER_ERROR);
			exchange.getResponse().getHeaders().set(HttpHeaders.CONTENT_TYPE, Reply.JSON);
			DataBuffer body = exchange.getResponse()
				.bufferFactory()
				.wrap("{\"code\":\"INTERNAL_ERROR\",\"details\":\"The sandbox failed to process the request.\"}"
					.getBytes(StandardCharsets.UTF_8));
			return exchange.getResponse().writeWith(Mono.just(body));
		};
	}

	private static String urlHost(String address) {
		try {
			InetAddress inet = InetAddress.getByName(address);
			if (inet.isAnyLocalAddress()) {
				return "127.0.0.1";
			}
			String host = inet.getHostAddress();
			return host.contains(":") ? "[" + host + "]" : host;
		}
		catch (UnknownHostException ex) {
			return address;
		}
	}

}
