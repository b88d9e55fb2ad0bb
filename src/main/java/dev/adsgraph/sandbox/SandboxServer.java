package dev.adsgraph.sandbox;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
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
import dev.adsgraph.sandbox.ads.ProfilesHandler;
import dev.adsgraph.sandbox.ads.Registrations;
import dev.adsgraph.sandbox.ads.SellingAccountsHandler;
import dev.adsgraph.sandbox.ads.TermsPageHandler;
import dev.adsgraph.sandbox.ads.TermsTokens;
import dev.adsgraph.sandbox.ads.TermsTokensHandler;
import dev.adsgraph.sandbox.control.ControlHandler;
import dev.adsgraph.sandbox.core.Faults;
import dev.adsgraph.sandbox.core.Reply;
import dev.adsgraph.sandbox.core.ReportDocuments;
import dev.adsgraph.sandbox.core.ReportHold;
import dev.adsgraph.sandbox.core.Stats;
import dev.adsgraph.sandbox.fixtures.AdsRegion;
import dev.adsgraph.sandbox.fixtures.Catalog;
import dev.adsgraph.sandbox.fixtures.Fixtures;
import dev.adsgraph.sandbox.lwa.AccessTokens;
import dev.adsgraph.sandbox.lwa.LwaHandler;
import dev.adsgraph.sandbox.sp.CatalogHandler;
import dev.adsgraph.sandbox.sp.FbaInventoryHandler;
import dev.adsgraph.sandbox.sp.ListingsHandler;
import dev.adsgraph.sandbox.sp.RateLimits;
import dev.adsgraph.sandbox.sp.SalesHandler;
import dev.adsgraph.sandbox.sp.SellersHandler;
import dev.adsgraph.sandbox.sp.SpGate;
import dev.adsgraph.sandbox.sp.SpReportsHandler;
import dev.adsgraph.sandbox.sp.SpStaticExamples;

/**
 * The built-in sandbox: a simulated Login with Amazon and Amazon Ads API on one HTTP
 * port, reached by the gateway's real clients over real HTTP. It needs no Spring
 * application context.
 *
 * <pre>
 * POST {base}/auth/o2/token                LWA
 * {base}/ads/na|eu|fe/...                  the three regional Ads API hosts (incl. reporting v3)
 * {base}/sp/na|eu|fe/...                   the three regional SP-API hosts
 * GET {base}/documents/{key}               report files behind S3-style presigned URLs
 * GET|POST {base}/terms/agreement/{token}  the terms acceptance page
 * {base}/sandbox/...                       control endpoints for tests and tools
 * </pre>
 */
public final class SandboxServer implements AutoCloseable {

	static final String REQUEST_ID = "x-amzn-RequestId";

	private static final Log logger = LogFactory.getLog(SandboxServer.class);

	// A full v1 batch of 100 accounts stays far below this; beyond it Amazon answers 413.
	private static final int MAX_BODY_BYTES = 1024 * 1024;

	private final DisposableServer server;

	private final LoopResources loops;

	private final String baseUrl;

	private SandboxServer(DisposableServer server, LoopResources loops, String baseUrl) {
		this.server = server;
		this.loops = loops;
		this.baseUrl = baseUrl;
	}

	/** Binds and starts serving; fails when the port is taken. */
	public static SandboxServer start(SandboxSettings settings) {
		RouterFunction<ServerResponse> routes = routes(settings);
		HandlerStrategies strategies = HandlerStrategies.builder()
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(MAX_BODY_BYTES))
			.webFilter(requestId())
			.exceptionHandler(lastResort())
			.build();
		ReactorHttpHandlerAdapter adapter = new ReactorHttpHandlerAdapter(
				RouterFunctions.toHttpHandler(routes, strategies));
		// Event loops of its own: Reactor Netty's global ones are disposed whenever an
		// application
		// context using them closes (Spring's ReactorResourceFactory does that), which
		// would take
		// down the sandbox of every other context in the same JVM, as in a test suite.
		LoopResources loops = LoopResources.create("adsgraph-sandbox", 2, true);
		DisposableServer server;
		try {
			server = HttpServer.create()
				.runOn(loops)
				.host(settings.address())
				.port(settings.port())
				.handle(adapter)
				.bindNow(Duration.ofSeconds(10));
		}
		catch (RuntimeException ex) {
			loops.dispose();
			throw new IllegalStateException("The sandbox could not listen on " + settings.address() + ":"
					+ settings.port() + ": " + ex.getMessage(), ex);
		}
		InetSocketAddress bound = (InetSocketAddress) server.address();
		return new SandboxServer(server, loops, "http://" + urlHost(settings.address()) + ":" + bound.getPort());
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
	 * For example {@code http://127.0.0.1:41234}; the Ads hosts are
	 * {@code baseUrl() + "/ads/na"} etc.
	 */
	public String baseUrl() {
		return this.baseUrl;
	}

	public int port() {
		return ((InetSocketAddress) this.server.address()).getPort();
	}

	@Override
	public void close() {
		try {
			this.server.disposeNow(Duration.ofSeconds(5));
		}
		finally {
			this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
		}
	}

	private static RouterFunction<ServerResponse> routes(SandboxSettings settings) {
		Fixtures.World world = Fixtures.load();
		Stats stats = new Stats();
		AccessTokens accessTokens = new AccessTokens(world.ids(), settings.clock(), settings.tokenTtl());
		TermsTokens termsTokens = new TermsTokens(settings.clock(), settings.termsAcceptanceDelay());
		AccountRegistry registry = new AccountRegistry(settings.clock(), world.accounts());
		Registrations registrations = new Registrations(world.ids(), settings.clock(), settings.registrationDelay());

		Faults faults = new Faults(stats);
		AdsGate gate = new AdsGate(stats, accessTokens, world::users, faults, settings.strict());
		LwaHandler lwa = new LwaHandler(stats, accessTokens, () -> world, faults);
		ProfilesHandler profiles = new ProfilesHandler(registry);
		TermsTokensHandler terms = new TermsTokensHandler(termsTokens);
		AdsAccountsHandler adsAccounts = new AdsAccountsHandler(registry, termsTokens, terms, registrations);
		AdvertiserAccountsHandler advertiserAccounts = new AdvertiserAccountsHandler(registry, registrations);
		SellingAccountsHandler sellingAccounts = new SellingAccountsHandler();
		TermsPageHandler termsPage = new TermsPageHandler(stats, termsTokens);
		Catalog catalog = Catalog.load();
		ReportDocuments documents = new ReportDocuments(stats, settings.clock());
		ReportHold reportHold = new ReportHold();
		AdsReportsHandler adsReports = new AdsReportsHandler(registry, catalog, documents, settings.clock(),
				settings.reportProcessingTime(), reportHold);
		RateLimits rateLimits = new RateLimits(settings.clock(), settings.spRateLimits());
		SpGate spGate = new SpGate(stats, accessTokens, world::users, rateLimits, SpStaticExamples.load(), faults,
				settings.strict());
		SellersHandler sellers = new SellersHandler();
		CatalogHandler catalogItems = new CatalogHandler(catalog);
		ListingsHandler listings = new ListingsHandler(catalog);
		FbaInventoryHandler inventory = new FbaInventoryHandler(catalog, settings.clock());
		SalesHandler sales = new SalesHandler(catalog, settings.clock());
		SpReportsHandler spReports = new SpReportsHandler(catalog, documents, settings.clock(),
				settings.reportProcessingTime(), reportHold);
		// Fixtures are deterministic, so reloading them restores exactly the start-up
		// accounts.
		ControlHandler control = new ControlHandler(stats, termsTokens, catalog, faults, registry, reportHold,
				settings.clock(), () -> {
					registry.reset(Fixtures.load().accounts());
					termsTokens.clear();
					adsReports.clear();
					spReports.clear();
					documents.clear();
					rateLimits.reset();
					reportHold.release();
				});

		// Amazon's operations are routed from the sandbox's table (SandboxOperations):
		// method
		// and path come from there, and a handler without an entry stops the start.
		RouterFunctions.Builder routes = RouterFunctions.route()
			.route(amazon(SandboxOperations.LWA_TOKEN, ""), lwa::token);
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
		ads(routes, gate, AdsReportsHandler.CREATE, adsReports::create);
		ads(routes, gate, AdsReportsHandler.GET, adsReports::get);
		ads(routes, gate, AdsReportsHandler.DELETE, adsReports::delete);
		sp(routes, spGate, SellersHandler.PARTICIPATIONS, sellers::participations);
		sp(routes, spGate, CatalogHandler.SEARCH, catalogItems::search);
		sp(routes, spGate, CatalogHandler.GET, catalogItems::get);
		sp(routes, spGate, ListingsHandler.SEARCH, listings::search);
		sp(routes, spGate, ListingsHandler.GET, listings::get);
		sp(routes, spGate, FbaInventoryHandler.SUMMARIES, inventory::summaries);
		sp(routes, spGate, SalesHandler.ORDER_METRICS, sales::orderMetrics);
		sp(routes, spGate, SpReportsHandler.CREATE, spReports::create);
		sp(routes, spGate, SpReportsHandler.LIST, spReports::list);
		sp(routes, spGate, SpReportsHandler.GET, spReports::get);
		sp(routes, spGate, SpReportsHandler.CANCEL, spReports::cancel);
		sp(routes, spGate, SpReportsHandler.DOCUMENT, spReports::document);
		return routes.GET("/terms/agreement/{termsToken}", termsPage::show)
			.POST("/terms/agreement/{termsToken}", termsPage::accept)
			.GET("/documents/{*key}", documents::download)
			.GET("/sandbox/products", control::products)
			.POST("/sandbox/termsTokens/{termsToken}/accept", control::acceptTermsToken)
			.POST("/sandbox/adsAccounts/{adsAccountId}/settle", control::settleAdsAccount)
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
