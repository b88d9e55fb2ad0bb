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
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The built-in sandbox: a simulated Login with Amazon and Amazon Ads API on one HTTP port, reached
 * by the gateway's real clients over real HTTP. It needs no Spring application context.
 *
 * <pre>
 * POST {base}/auth/o2/token                LWA
 * {base}/ads/na|eu|fe/...                  the three regional Ads API hosts
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

	private final String baseUrl;

	private SandboxServer(DisposableServer server, String baseUrl) {
		this.server = server;
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
		DisposableServer server;
		try {
			server = HttpServer.create()
				.host(settings.address())
				.port(settings.port())
				.handle(adapter)
				.bindNow(Duration.ofSeconds(10));
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException(
					"The sandbox could not listen on " + settings.address() + ":" + settings.port() + ": " + ex.getMessage(),
					ex);
		}
		InetSocketAddress bound = (InetSocketAddress) server.address();
		return new SandboxServer(server, "http://" + urlHost(settings.address()) + ":" + bound.getPort());
	}

	/** The credentials of the demo user (the {@code demo} tenant). */
	public static SandboxCredentials demoCredentials() {
		return Fixtures.DEMO;
	}

	/** The credentials of the second user (the {@code agency} tenant), who sees different data. */
	public static SandboxCredentials agencyCredentials() {
		return Fixtures.AGENCY;
	}

	/** For example {@code http://127.0.0.1:41234}; the Ads hosts are {@code baseUrl() + "/ads/na"} etc. */
	public String baseUrl() {
		return this.baseUrl;
	}

	public int port() {
		return ((InetSocketAddress) this.server.address()).getPort();
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(5));
	}

	private static RouterFunction<ServerResponse> routes(SandboxSettings settings) {
		Fixtures.World world = Fixtures.load();
		Stats stats = new Stats();
		AccessTokens accessTokens = new AccessTokens(world.ids(), settings.clock(), settings.tokenTtl());
		TermsTokens termsTokens = new TermsTokens(settings.clock(), settings.termsAcceptanceDelay());
		AccountRegistry registry = new AccountRegistry(settings.clock(), world.accounts());
		Registrations registrations = new Registrations(world.ids(), settings.clock(), settings.registrationDelay());

		AdsGate gate = new AdsGate(stats, accessTokens, world::users);
		LwaHandler lwa = new LwaHandler(stats, accessTokens, () -> world);
		ProfilesHandler profiles = new ProfilesHandler(registry);
		TermsTokensHandler terms = new TermsTokensHandler(termsTokens);
		AdsAccountsHandler adsAccounts = new AdsAccountsHandler(registry, termsTokens, terms, registrations);
		AdvertiserAccountsHandler advertiserAccounts = new AdvertiserAccountsHandler(registry, registrations);
		SellingAccountsHandler sellingAccounts = new SellingAccountsHandler();
		TermsPageHandler termsPage = new TermsPageHandler(stats, termsTokens);
		// Fixtures are deterministic, so reloading them restores exactly the start-up accounts.
		ControlHandler control = new ControlHandler(stats, termsTokens, () -> {
			registry.reset(Fixtures.load().accounts());
			termsTokens.clear();
		});

		RouterFunctions.Builder routes = RouterFunctions.route().POST("/auth/o2/token", lwa::token);
		for (AdsRegion region : AdsRegion.values()) {
			String host = "/ads/" + region.path();
			routes.GET(host + "/v2/profiles", gate.operation(region, ProfilesHandler.LIST, profiles::list))
				.GET(host + "/v2/profiles/{profileId}", gate.operation(region, ProfilesHandler.GET, profiles::get))
				.POST(host + "/termsTokens", gate.operation(region, TermsTokensHandler.CREATE, terms::create))
				.GET(host + "/termsTokens/{termsToken}", gate.operation(region, TermsTokensHandler.GET, terms::get))
				.POST(host + "/adsAccounts",
						gate.operation(region, AdsAccountsHandler.REGISTER, adsAccounts::register))
				.POST(host + "/adsAccounts/list", gate.operation(region, AdsAccountsHandler.LIST, adsAccounts::list))
				.GET(host + "/adsAccounts/{advertisingAccountId}",
						gate.operation(region, AdsAccountsHandler.GET, adsAccounts::get))
				.POST(host + "/adsApi/v1/create/advertiserAccounts",
						gate.operation(region, AdvertiserAccountsHandler.CREATE, advertiserAccounts::create))
				.POST(host + "/adsApi/v1/update/advertiserAccounts",
						gate.operation(region, AdvertiserAccountsHandler.UPDATE, advertiserAccounts::update))
				.POST(host + "/adsApi/v1/query/advertiserAccounts",
						gate.operation(region, AdvertiserAccountsHandler.QUERY, advertiserAccounts::query))
				.POST(host + "/adsApi/v1/query/sellingAccounts",
						gate.operation(region, SellingAccountsHandler.QUERY, sellingAccounts::query));
		}
		return routes.GET("/terms/agreement/{termsToken}", termsPage::show)
			.POST("/terms/agreement/{termsToken}", termsPage::accept)
			.POST("/sandbox/termsTokens/{termsToken}/accept", control::acceptTermsToken)
			.GET("/sandbox/stats", control::stats)
			.POST("/sandbox/stats/reset", control::resetStats)
			.POST("/sandbox/reset", control::reset)
			.GET("/sandbox", control::info)
			.route(RequestPredicates.all(), control::unknownRoute)
			.build();
	}

	// Every Amazon answer carries a request id; clients log it, so the sandbox sends one too.
	private static WebFilter requestId() {
		return (exchange, chain) -> {
			exchange.getResponse().getHeaders().set(REQUEST_ID, UUID.randomUUID().toString());
			return chain.filter(exchange);
		};
	}

	// Handlers answer every expected failure themselves; this keeps anything else a JSON 500.
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
