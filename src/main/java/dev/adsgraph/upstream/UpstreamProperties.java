package dev.adsgraph.upstream;

import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where the upstream APIs live and how long we wait for them. The defaults are Amazon's
 * production endpoints (shared/reference/amazon-apis.md sections 1 and 2); the built-in
 * sandbox overrides {@code lwa.token-url}, {@code ads.hosts} and {@code sp.hosts} with
 * its own URLs, which may carry a path prefix such as
 * {@code http://127.0.0.1:8080/ads/na}.
 */
@Validated
@ConfigurationProperties("adsgraph.upstream")
public record UpstreamProperties(@Valid @NotNull @DefaultValue Lwa lwa, @Valid @NotNull @DefaultValue Ads ads,
		@Valid @NotNull @DefaultValue Sp sp) {

	/**
	 * @param tokenUrl LWA token endpoint
	 * @param refreshSkew renew an access token this long before it expires, so a token
	 * never runs out between our check and Amazon's
	 * @param timeout bound on one token request (connect and response)
	 * @param profileUrl LWA customer profile endpoint, which names the Amazon user who
	 * consented (their {@code user_id}) when a consent completes
	 */
	public record Lwa(@NotNull @DefaultValue("https://api.amazon.com/auth/o2/token") URI tokenUrl,
			@NotNull @DurationMin(nanos = 0) @DefaultValue("60s") Duration refreshSkew,
			@NotNull @DurationMin(nanos = 0, inclusive = false) @DefaultValue("10s") Duration timeout,
			@NotNull @DefaultValue("https://api.amazon.com/user/profile") URI profileUrl) {

		/** Amazon's customer profile endpoint. */
		public static final URI AMAZON_PROFILE_URL = URI.create("https://api.amazon.com/user/profile");

		@ConstructorBinding
		public Lwa {
			requireHttpUrl("adsgraph.upstream.lwa.token-url", tokenUrl);
			requireHttpUrl("adsgraph.upstream.lwa.profile-url", profileUrl);
		}

		/** With Amazon's customer profile endpoint. */
		public Lwa(URI tokenUrl, Duration refreshSkew, Duration timeout) {
			this(tokenUrl, refreshSkew, timeout, AMAZON_PROFILE_URL);
		}

	}

	/**
	 * @param hosts Ads API host per region; a region that is not configured keeps
	 * Amazon's host
	 * @param connectTimeout bound on opening a connection
	 * @param responseTimeout bound on waiting for a response once the request is sent
	 * @param maxInMemorySize largest body we buffer; Amazon's profile list alone may hold
	 * 5,000 entries, far over the codecs' 256 KB default
	 */
	public record Ads(Map<Region, URI> hosts,
			@NotNull @DurationMin(nanos = 0, inclusive = false) @DefaultValue("5s") Duration connectTimeout,
			@NotNull @DurationMin(nanos = 0, inclusive = false) @DefaultValue("30s") Duration responseTimeout,
			@NotNull @DefaultValue("16MB") DataSize maxInMemorySize) {

		/** Amazon's production Ads API hosts (Profiles_prod_3p.yaml servers). */
		public static final Map<Region, URI> AMAZON_HOSTS = Map.of(Region.NA,
				URI.create("https://advertising-api.amazon.com"), Region.EU,
				URI.create("https://advertising-api-eu.amazon.com"), Region.FE,
				URI.create("https://advertising-api-fe.amazon.com"));

		public Ads {
			// Overrides merge over the defaults key by key, the way every other Boot
			// property
			// does, so every region always has a host and no call can fail for want of
			// one.
			Map<Region, URI> merged = new EnumMap<>(AMAZON_HOSTS);
			if (hosts != null) {
				hosts.forEach((region, uri) -> {
					requireHttpUrl("adsgraph.upstream.ads.hosts." + region, uri);
					merged.put(region, withoutTrailingSlash(uri));
				});
			}
			hosts = Map.copyOf(merged);
			requirePositive("adsgraph.upstream.ads.max-in-memory-size", maxInMemorySize);
		}

		public URI host(Region region) {
			return this.hosts.get(region);
		}

	}

	/**
	 * @param hosts SP-API host per region; a region that is not configured keeps Amazon's
	 * host
	 * @param connectTimeout bound on opening a connection
	 * @param responseTimeout bound on waiting for a response once the request is sent
	 * @param maxInMemorySize largest API body we buffer (a catalog page with every facet
	 * of 20 items is far over the codecs' 256 KB default)
	 * @param userAgent the {@code user-agent} Amazon requires on every call, with its
	 * mandatory {@code Language=} attribute; computed from this build and JVM unless set
	 * @param rateLimits usage-plan overrides by operation id (for example
	 * {@code searchCatalogItems}, in any case): {@code .rate} in requests per second (may
	 * be fractional, {@code 0.0167} is one a minute) and {@code .burst}; a field left out
	 * keeps the published default
	 * @param rateLimitMaxWait longest a call waits for its rate-limit token before it
	 * fails as {@code ClientRateLimited}, so a deep queue answers quickly instead of
	 * piling up
	 * @param maxReportDocumentSize largest report document downloaded (after
	 * decompression)
	 */
	public record Sp(Map<Region, URI> hosts,
			@NotNull @DurationMin(nanos = 0, inclusive = false) @DefaultValue("5s") Duration connectTimeout,
			@NotNull @DurationMin(nanos = 0, inclusive = false) @DefaultValue("30s") Duration responseTimeout,
			@NotNull @DefaultValue("16MB") DataSize maxInMemorySize, String userAgent,
			Map<String, RateLimit> rateLimits,
			@NotNull @DurationMin(nanos = 0, inclusive = false) @DefaultValue("30s") Duration rateLimitMaxWait,
			@NotNull @DefaultValue("256MB") DataSize maxReportDocumentSize) {

		/**
		 * Amazon's production SP-API hosts ("SP-API Endpoints"; the models hard-code NA
		 * only).
		 */
		public static final Map<Region, URI> AMAZON_HOSTS = Map.of(Region.NA,
				URI.create("https://sellingpartnerapi-na.amazon.com"), Region.EU,
				URI.create("https://sellingpartnerapi-eu.amazon.com"), Region.FE,
				URI.create("https://sellingpartnerapi-fe.amazon.com"));

		public Sp {
			Map<Region, URI> merged = new EnumMap<>(AMAZON_HOSTS);
			if (hosts != null) {
				hosts.forEach((region, uri) -> {
					requireHttpUrl("adsgraph.upstream.sp.hosts." + region, uri);
					merged.put(region, withoutTrailingSlash(uri));
				});
			}
			hosts = Map.copyOf(merged);
			requirePositive("adsgraph.upstream.sp.max-in-memory-size", maxInMemorySize);
			requirePositive("adsgraph.upstream.sp.max-report-document-size", maxReportDocumentSize);
			if (userAgent == null || userAgent.isBlank()) {
				userAgent = defaultUserAgent();
			}
			else if (!userAgent.contains("Language=")) {
				// Amazon documents the attribute as mandatory; fail at start-up, not on
				// every call.
				throw new IllegalArgumentException(
						"adsgraph.upstream.sp.user-agent must carry a Language= attribute, was " + userAgent);
			}
			// Environment variables and some property sources change the case of map
			// keys;
			// operation ids are matched without regard to case.
			Map<String, RateLimit> limits = new LinkedHashMap<>();
			if (rateLimits != null) {
				rateLimits.forEach((operation, limit) -> limits.put(operation.toLowerCase(Locale.ROOT), limit));
			}
			rateLimits = Map.copyOf(limits);
		}

		public URI host(Region region) {
			return this.hosts.get(region);
		}

		/** The override for an operation id, or null. */
		public RateLimit rateLimit(String operation) {
			return this.rateLimits.get(operation.toLowerCase(Locale.ROOT));
		}

		/**
		 * {@code Adsgraph/<version> (Language=Java/<java.version>; Platform=<os.name>/<os.arch>)}.
		 */
		static String defaultUserAgent() {
			String version = UpstreamProperties.class.getPackage().getImplementationVersion();
			return "Adsgraph/" + ((version != null) ? version : "dev") + " (Language=Java/"
					+ System.getProperty("java.version") + "; Platform=" + System.getProperty("os.name") + "/"
					+ System.getProperty("os.arch") + ")";
		}

		/**
		 * @param rate requests per second, may be fractional ({@code 0.0167} is one a
		 * minute)
		 * @param burst bucket size
		 */
		public record RateLimit(Double rate, Integer burst) {

			public RateLimit {
				if (rate != null && !(rate > 0 && Double.isFinite(rate))) {
					throw new IllegalArgumentException("a rate limit's rate must be positive, was " + rate);
				}
				if (burst != null && burst < 1) {
					throw new IllegalArgumentException("a rate limit's burst must be at least 1, was " + burst);
				}
			}

		}

	}

	// Checks Bean Validation cannot express (URLs, data sizes) live in the constructors,
	// so
	// that a wrong value still stops start-up with the property's name.

	private static void requireHttpUrl(String property, URI uri) {
		if (uri == null) {
			return; // @NotNull reports it with the property name
		}
		String scheme = uri.getScheme();
		if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || uri.getHost() == null) {
			throw new IllegalArgumentException(property + " must be an absolute http(s) URL, was " + uri);
		}
	}

	private static void requirePositive(String property, DataSize size) {
		if (size != null && size.toBytes() <= 0) {
			throw new IllegalArgumentException(property + " must be positive, was " + size);
		}
	}

	/** A base URL ending in '/' would double the slash before every path we append. */
	private static URI withoutTrailingSlash(URI uri) {
		String value = uri.toString();
		return value.endsWith("/") ? URI.create(value.substring(0, value.length() - 1)) : uri;
	}

}
