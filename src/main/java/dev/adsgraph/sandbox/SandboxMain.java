package dev.adsgraph.sandbox;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.springframework.boot.convert.DurationStyle;

import dev.adsgraph.sandbox.fixtures.Fixtures;

/**
 * Runs the sandbox on its own, so Postman, a benchmark or a second gateway can share one
 * simulated Amazon:
 * {@code java -cp adsgraph.jar dev.adsgraph.sandbox.SandboxMain --port=9090}.
 *
 * <p>
 * Options: {@code --port} (default 9090; the hosts take it and the next seven ports, 0
 * picks free ones), {@code --address} (default 127.0.0.1), {@code --registration-delay}
 * (default 3s), {@code --terms-acceptance-delay} (default: manual acceptance only),
 * {@code --token-ttl} (default 3600s), {@code --report-processing-time} (default 2s),
 * {@code --sp-rate-limits} (default true), {@code --strict} (default false: deviations
 * from Amazon's guidance are served and recorded as warnings in
 * {@code GET /sandbox/stats}; true refuses them); durations as {@code 500ms}, {@code 3s}
 * or ISO-8601.
 */
public final class SandboxMain {

	private SandboxMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		SandboxSettings settings;
		try {
			settings = parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println("Usage: SandboxMain [--port=9090] [--address=127.0.0.1] [--registration-delay=3s]"
					+ " [--terms-acceptance-delay=10s] [--token-ttl=3600s] [--report-processing-time=2s]"
					+ " [--sp-rate-limits=true] [--strict=false]");
			System.exit(2);
			return;
		}
		SandboxServer server = SandboxServer.start(settings);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.close();
			stopped.countDown();
		}, "sandbox-shutdown"));
		System.out.println(banner(server));
		stopped.await();
	}

	static SandboxSettings parse(String[] args) {
		SandboxSettings settings = SandboxSettings.defaults().withPort(9090);
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("Unrecognised argument: " + arg);
			}
			String name = arg.substring(2, equals);
			String value = arg.substring(equals + 1);
			settings = switch (name) {
				case "port" -> settings.withPort(Integer.parseInt(value));
				case "address" -> settings.withAddress(value);
				case "registration-delay" -> settings.withRegistrationDelay(duration(value));
				case "terms-acceptance-delay" -> settings.withTermsAcceptanceDelay(duration(value));
				case "token-ttl" -> settings.withTokenTtl(duration(value));
				case "report-processing-time" -> settings.withReportProcessingTime(duration(value));
				case "sp-rate-limits" -> settings.withSpRateLimits(bool(value));
				case "strict" -> settings.withStrict(bool(value));
				default -> throw new IllegalArgumentException("Unknown option: --" + name);
			};
		}
		return settings;
	}

	static String banner(SandboxServer server) {
		String baseUrl = server.baseUrl();
		SandboxCredentials demo = Fixtures.DEMO;
		SandboxCredentials agency = Fixtures.AGENCY;
		SandboxCredentials demoSp = Fixtures.DEMO_SP.credentials();
		return String.join(System.lineSeparator(),
				"Adsgraph sandbox (simulated Login with Amazon + Amazon Ads API + SP-API)",
				"  base URL        " + baseUrl + " (LWA, control endpoints, path-prefix form)",
				"  Each host at the root of its own port (Amazon's paths beneath):",
				"  LWA token URL   " + server.lwaTokenUrl(),
				"  Ads API hosts   NA " + server.adsHost("NA") + "   EU " + server.adsHost("EU") + "   FE "
						+ server.adsHost("FE"),
				"  SP-API hosts    NA " + server.spHost("NA") + "   EU " + server.spHost("EU") + "   FE "
						+ server.spHost("FE"),
				"  documents host  " + server.documentsHost(),
				"  path-prefix form on " + baseUrl + ": /ads/na|eu|fe, /sp/na|eu|fe, /documents",
				"  demo user       client_id=" + demo.clientId(),
				"                  client_secret=" + demo.clientSecret(),
				"                  refresh_token=" + demo.refreshToken(),
				"  agency user     client_id=" + agency.clientId(),
				"                  client_secret=" + agency.clientSecret(),
				"                  refresh_token=" + agency.refreshToken(),
				"  demo SP app     client_id=" + demoSp.clientId(),
				"                  client_secret=" + demoSp.clientSecret(),
				"                  refresh_token=" + demoSp.refreshToken() + " (seller "
						+ Fixtures.DEMO_SP.sellingPartnerId() + ")",
				"  consent pages   " + server.lwaAuthorizationUrl() + " (Login with Amazon, Ads apps)",
				"                  " + server.sellerCentralConsentUrl() + " (Seller Central, application_id="
						+ Fixtures.SP_APPLICATION_ID + ", version=beta)",
				"                  " + server.vendorCentralConsentUrl() + " (Vendor Central, the same application)",
				"  control         " + baseUrl + "/sandbox (info, all SP authorizations), /sandbox/stats,"
						+ " /sandbox/products, POST /sandbox/reset");
	}

	private static boolean bool(String value) {
		if (!value.equals("true") && !value.equals("false")) {
			throw new IllegalArgumentException("Expected true or false, was " + value);
		}
		return Boolean.parseBoolean(value);
	}

	private static Duration duration(String value) {
		return DurationStyle.detectAndParse(value);
	}

}
