package dev.adsgraph.sandbox;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import dev.adsgraph.sandbox.ads.BillingPageHandler;
import dev.adsgraph.sandbox.fixtures.AdsRegion;
import dev.adsgraph.sandbox.fixtures.Fixtures;
import dev.adsgraph.sandbox.fixtures.SandboxUser;

/**
 * Makes the sandbox the default upstream: when no tenant is configured and the mode is
 * not {@code live}, it starts a {@link SandboxServer} before the context exists and
 * points the gateway at it with two demo tenants, so the application runs with no Amazon
 * credentials at all. It never runs next to real credentials: tenants plus an explicit
 * {@code adsgraph.mode=sandbox} stop the start-up.
 *
 * <p>
 * Reads {@code adsgraph.mode}, {@code adsgraph.tenants[...]} and
 * {@code adsgraph.sandbox.enabled}, {@code .port}, {@code .address},
 * {@code .registration-delay}, {@code .terms-acceptance-delay}, {@code .token-ttl},
 * {@code .report-processing-time} (default 2s), {@code .sp-rate-limits} (default true)
 * and {@code .strict} (default false: deviations from Amazon's guidance are served and
 * recorded as warnings in {@code GET /sandbox/stats}; true refuses them).
 *
 * <p>
 * Each sandbox tenant gets SP-API credentials too ({@code adsgraph.tenants[i].sp.*}). On
 * Amazon a selling partner id is one seller, and one SP-API authorization is for one
 * selling partner, so one tenant is one selling partner: the demo tenant's SP data is
 * Northwind Outdoor Co.'s (NA), the agency tenant's Riverstone Apparel's (NA, EU). The
 * other sellers' authorizations are listed by {@code GET /sandbox}.
 */
public class SandboxEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "adsgraphSandbox";

	private static final ConfigurationPropertyName TENANTS = ConfigurationPropertyName.of("adsgraph.tenants");

	private final Log logger;

	public SandboxEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(SandboxEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return;
		}
		Binder binder = Binder.get(environment);
		String mode = binder.bind("adsgraph.mode", String.class)
			.map((value) -> value.trim().toLowerCase(Locale.ROOT))
			.orElse("");
		boolean enabled = binder.bind("adsgraph.sandbox.enabled", Boolean.class).orElse(true);
		if (tenantsConfigured(environment)) {
			if (mode.equals("sandbox")) {
				throw new IllegalStateException("adsgraph.mode=sandbox is set, but tenants are configured"
						+ " (adsgraph.tenants[...]). The sandbox never runs next to real Amazon credentials:"
						+ " remove the tenants to use the sandbox, or set adsgraph.mode=live.");
			}
			return;
		}
		if (mode.equals("live")) {
			return;
		}
		if (!enabled) {
			if (mode.equals("sandbox")) {
				throw new IllegalStateException(
						"adsgraph.mode=sandbox is set, but adsgraph.sandbox.enabled=false turns the sandbox off.");
			}
			return;
		}
		SandboxServer server = SandboxServer.start(settings(binder));
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties(server)));
		application.addListeners(new Lifecycle(server));
		if (!binder.bind("adsgraph.admin.token", String.class).isBound()
				&& !binder.bind("adsgraph.admin.token-sha256", String.class).isBound()) {
			// The admin API's demo token (docs/admin.md), unless one is configured.
			environment.getPropertySources()
				.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME + "Admin",
						Map.of("adsgraph.admin.token-sha256", sha256Hex(DEMO_ADMIN_TOKEN))));
		}
		this.logger.info("Adsgraph sandbox (simulated Login with Amazon, Amazon Ads API and SP-API) at "
				+ server.baseUrl() + "; demo tenant API key adsgraph-demo-key");
	}

	@Override
	public int getOrder() {
		// After config data is loaded, so tenants from application.yml or profiles are
		// seen.
		return Ordered.LOWEST_PRECEDENCE;
	}

	private static boolean tenantsConfigured(ConfigurableEnvironment environment) {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source.containsDescendantOf(TENANTS) == ConfigurationPropertyState.PRESENT
					|| source.getConfigurationProperty(TENANTS) != null) {
				return true;
			}
		}
		return false;
	}

	private static SandboxSettings settings(Binder binder) {
		return new SandboxSettings(binder.bind("adsgraph.sandbox.address", String.class).orElse(null),
				binder.bind("adsgraph.sandbox.port", Integer.class).orElse(0),
				binder.bind("adsgraph.sandbox.registration-delay", Duration.class).orElse(null),
				binder.bind("adsgraph.sandbox.terms-acceptance-delay", Duration.class).orElse(null),
				binder.bind("adsgraph.sandbox.token-ttl", Duration.class).orElse(null),
				binder.bind("adsgraph.sandbox.report-processing-time", Duration.class).orElse(null),
				binder.bind("adsgraph.sandbox.sp-rate-limits", Boolean.class).orElse(true), null)
			.withStrict(binder.bind("adsgraph.sandbox.strict", Boolean.class).orElse(false));
	}

	/** The property naming the demo tenant's API key, set only while the sandbox runs. */
	public static final String DEMO_API_KEY_PROPERTY = "adsgraph.sandbox.demo-api-key";

	static final String DEMO_API_KEY = "adsgraph-demo-key";

	/** The admin API's token in sandbox mode, public by design like the demo key. */
	static final String DEMO_ADMIN_TOKEN = "adsgraph-demo-admin-token";

	static Map<String, Object> properties(SandboxServer server) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("adsgraph.mode", "sandbox");
		properties.put("adsgraph.sandbox.url", server.baseUrl());
		// Public by design (the README prints it): pages such as GraphiQL prefill it in
		// sandbox mode.
		properties.put(DEMO_API_KEY_PROPERTY, DEMO_API_KEY);
		// Each host at the root of its own port, as the gateway reaches Amazon's.
		properties.put("adsgraph.upstream.lwa.token-url", server.lwaTokenUrl());
		for (AdsRegion region : AdsRegion.values()) {
			properties.put("adsgraph.upstream.ads.hosts." + region.name(), server.adsHost(region.name()));
		}
		for (AdsRegion region : AdsRegion.values()) {
			properties.put("adsgraph.upstream.sp.hosts." + region.name(), server.spHost(region.name()));
		}
		// The applications Amazon users and sellers consent to on the sandbox's pages.
		properties.put("adsgraph.connections.ads-application.client-id", Fixtures.DEMO.clientId());
		properties.put("adsgraph.connections.ads-application.client-secret", Fixtures.DEMO.clientSecret());
		properties.put("adsgraph.connections.sp-application.application-id", Fixtures.SP_APPLICATION_ID);
		properties.put("adsgraph.connections.sp-application.client-id", Fixtures.DEMO_SP.credentials().clientId());
		properties.put("adsgraph.connections.sp-application.client-secret",
				Fixtures.DEMO_SP.credentials().clientSecret());
		properties.put("adsgraph.connections.sp-application.draft", "true");
		// Where the consent flows send users and sellers, and LWA's customer profile: the
		// sandbox's pages and endpoint on its LWA host, as Amazon's are on Amazon's.
		properties.put("adsgraph.upstream.lwa.profile-url", server.baseUrl() + "/user/profile");
		for (AdsRegion region : AdsRegion.values()) {
			properties.put("adsgraph.consent.ads-authorization-urls." + region.name(), server.baseUrl() + "/ap/oa");
			properties.put("adsgraph.consent.seller-central-consent-urls." + region.name(),
					server.baseUrl() + "/apps/authorize/consent");
			properties.put("adsgraph.consent.vendor-central-consent-urls." + region.name(),
					server.vendorCentralConsentUrl());
		}
		// The billing setup link the gateway shows: the sandbox's own billing page.
		properties.put("adsgraph.billing.setup-url",
				server.baseUrl() + BillingPageHandler.PATH + "?adsAccountId={adsAccountId}");
		Map<String, SandboxUser> users = Fixtures.load().users();
		tenant(properties, 0, "demo", "Sandbox demo tenant", DEMO_API_KEY, Fixtures.DEMO, Fixtures.DEMO_SP, users);
		tenant(properties, 1, "agency", "Sandbox agency tenant", "adsgraph-agency-key", Fixtures.AGENCY,
				Fixtures.AGENCY_SP, users);
		return properties;
	}

	private static void tenant(Map<String, Object> properties, int index, String id, String name, String apiKey,
			SandboxCredentials credentials, Fixtures.SpAuthorization sp, Map<String, SandboxUser> users) {
		String prefix = "adsgraph.tenants[" + index + "].";
		properties.put(prefix + "id", id);
		properties.put(prefix + "name", name);
		// Configured the way live tenants should be: by digest, so no key sits in the
		// environment.
		properties.put(prefix + "api-key-sha256", sha256Hex(apiKey));
		properties.put(prefix + "ads.client-id", credentials.clientId());
		properties.put(prefix + "ads.client-secret", credentials.clientSecret());
		properties.put(prefix + "ads.refresh-token", credentials.refreshToken());
		properties.put(prefix + "ads.regions", "NA,EU,FE");
		properties.put(prefix + "sp.client-id", sp.credentials().clientId());
		properties.put(prefix + "sp.client-secret", sp.credentials().clientSecret());
		properties.put(prefix + "sp.refresh-token", sp.credentials().refreshToken());
		properties.put(prefix + "sp.selling-partner-id", sp.sellingPartnerId());
		// A seller authorizes an application per region: the regions it sells in.
		properties.put(prefix + "sp.regions", String.join(",", spRegions(sp, users)));
	}

	private static String sha256Hex(String value) {
		try {
			return java.util.HexFormat.of()
				.formatHex(java.security.MessageDigest.getInstance("SHA-256")
					.digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform must support SHA-256", ex);
		}
	}

	private static java.util.Set<String> spRegions(Fixtures.SpAuthorization sp, Map<String, SandboxUser> users) {
		java.util.Set<String> regions = new java.util.TreeSet<>();
		users.get(sp.userId())
			.partners()
			.stream()
			.filter((partner) -> partner.partnerId().equals(sp.sellingPartnerId()))
			.flatMap((partner) -> partner.countries().stream())
			.forEach((country) -> regions.add(country.region().name()));
		return regions;
	}

	/**
	 * Stops the server with the context it was started for (or when start-up fails), not
	 * with any child context whose close event bubbles up.
	 */
	static final class Lifecycle implements ApplicationListener<ApplicationEvent> {

		private final SandboxServer server;

		private final AtomicBoolean closed = new AtomicBoolean();

		private volatile ApplicationContext context;

		Lifecycle(SandboxServer server) {
			this.server = server;
		}

		@Override
		public void onApplicationEvent(ApplicationEvent event) {
			if (event instanceof ApplicationPreparedEvent prepared) {
				this.context = prepared.getApplicationContext();
			}
			else if (event instanceof ContextClosedEvent closedEvent) {
				if (this.context == null || closedEvent.getApplicationContext() == this.context) {
					close();
				}
			}
			else if (event instanceof ApplicationFailedEvent) {
				close();
			}
		}

		private void close() {
			if (this.closed.compareAndSet(false, true)) {
				this.server.close();
			}
		}

	}

}
