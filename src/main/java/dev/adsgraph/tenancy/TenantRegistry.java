package dev.adsgraph.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.adsgraph.tenancy.AdsgraphProperties.TenantProperties;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.lwa.LwaCredentials;
import dev.adsgraph.upstream.sp.SpCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The configured tenants, found by API key. Keys are configured as SHA-256 digests
 * ({@code api-key-sha256}; a plain {@code api-key} is hashed at start-up and warned
 * about), kept only as digests and compared in constant time over all tenants, so neither
 * timing nor the answer tells whether a key exists. Construction fails with one message
 * naming every missing or invalid setting, which stops the application at start-up.
 */
@Component
public class TenantRegistry {

	private static final Logger logger = LoggerFactory.getLogger(TenantRegistry.class);

	private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

	private static final Pattern SHA256_HEX_CHARS = Pattern.compile("[0-9a-fA-F]*");

	private static final String SHA256_PREFIX = "sha256:";

	private final List<Entry> entries;

	private final Map<String, Entry> byId = new HashMap<>();

	private final AdsgraphProperties.Mode mode;

	public TenantRegistry(AdsgraphProperties properties) {
		this.mode = properties.mode();
		this.entries = validate(properties);
		this.entries.forEach((entry) -> this.byId.put(entry.tenant().id(), entry));
		for (int i = 0; i < properties.tenants().size(); i++) {
			TenantProperties t = properties.tenants().get(i);
			if (t.apiKey() != null && !t.apiKey().isBlank()) {
				// Names the tenant and the setting, never the key.
				logger.warn(
						"Tenant '{}' has its API key in plain text (adsgraph.tenants[{}].api-key); configure its "
								+ "SHA-256 as adsgraph.tenants[{}].api-key-sha256 instead (see docs/configuration.md)",
						t.id(), i, i);
			}
		}
	}

	/**
	 * The tenant's request rate: its own {@code requests-per-second} and
	 * {@code request-burst} where configured, else the defaults.
	 */
	public RequestRate requestRate(Tenant tenant, RequestRate defaults) {
		Entry entry = this.byId.get(tenant.id());
		if (entry == null) {
			return defaults;
		}
		return new RequestRate(
				(entry.requestsPerSecond() != null) ? entry.requestsPerSecond() : defaults.requestsPerSecond(),
				(entry.requestBurst() != null) ? entry.requestBurst() : defaults.burst());
	}

	public AdsgraphProperties.Mode mode() {
		return this.mode;
	}

	public List<Tenant> tenants() {
		return this.entries.stream().map(Entry::tenant).toList();
	}

	public Optional<Tenant> findByApiKey(String apiKey) {
		if (apiKey == null || apiKey.isEmpty()) {
			return Optional.empty();
		}
		byte[] digest = sha256(apiKey);
		Tenant found = null;
		for (Entry entry : this.entries) {
			// No early exit: every entry is compared so the time taken does not depend on
			// the key.
			if (MessageDigest.isEqual(entry.apiKeyDigest(), digest)) {
				found = entry.tenant();
			}
		}
		return Optional.ofNullable(found);
	}

	private static List<Entry> validate(AdsgraphProperties properties) {
		List<String> problems = new ArrayList<>();
		if (properties.tenants().isEmpty()) {
			problems.add("no tenant is configured: set adsgraph.tenants[0].id, .api-key-sha256, .ads.client-id, "
					+ ".ads.client-secret, .ads.refresh-token and .ads.regions (environment: ADSGRAPH_TENANTS_0_ID, "
					+ "ADSGRAPH_TENANTS_0_APIKEYSHA256, ADSGRAPH_TENANTS_0_ADS_CLIENTID, ...), or run without tenants to use "
					+ "the built-in sandbox");
		}
		List<Entry> entries = new ArrayList<>();
		Set<String> ids = new HashSet<>();
		Map<String, Integer> keys = new HashMap<>();
		for (int i = 0; i < properties.tenants().size(); i++) {
			TenantProperties t = properties.tenants().get(i);
			String prefix = "adsgraph.tenants[" + i + "]";
			require(problems, t.id(), prefix + ".id");
			if (t.id() != null && !ids.add(t.id())) {
				problems.add(prefix + ".id '" + t.id() + "' is used by another tenant");
			}
			byte[] digest = apiKeyDigest(t, prefix, problems);
			if (digest != null) {
				Integer other = keys.putIfAbsent(HexFormat.of().formatHex(digest), i);
				if (other != null) {
					problems.add(prefix + " has the same API key as adsgraph.tenants[" + other + "]");
				}
			}
			if (t.requestsPerSecond() != null && !(t.requestsPerSecond() > 0)) {
				problems.add(prefix + ".requests-per-second must be greater than 0");
			}
			if (t.requestBurst() != null && t.requestBurst() < 1) {
				problems.add(prefix + ".request-burst must be at least 1");
			}
			List<Region> regions = new ArrayList<>();
			if (t.ads() == null) {
				problems.add(prefix + ".ads is missing (client-id, client-secret, refresh-token, regions)");
			}
			else {
				require(problems, t.ads().clientId(), prefix + ".ads.client-id");
				require(problems, t.ads().clientSecret(), prefix + ".ads.client-secret");
				require(problems, t.ads().refreshToken(), prefix + ".ads.refresh-token");
				if (t.ads().regions().isEmpty()) {
					problems.add(prefix + ".ads.regions is missing (one or more of NA, EU, FE)");
				}
				Set<Region> seen = new LinkedHashSet<>();
				for (String r : t.ads().regions()) {
					Region.parse(r)
						.ifPresentOrElse(seen::add, () -> problems
							.add(prefix + ".ads.regions has '" + r + "', which is not one of NA, EU, FE"));
				}
				regions.addAll(seen);
			}
			SpCredentials sp = null;
			List<Region> spRegions = new ArrayList<>();
			if (t.sp() != null) {
				// A seller authorizes an application region by region; without a list,
				// the Ads regions.
				List<String> names = t.sp().regions().isEmpty() && t.ads() != null ? t.ads().regions()
						: t.sp().regions();
				Set<Region> seen = new LinkedHashSet<>();
				for (String r : names) {
					Region.parse(r)
						.ifPresentOrElse(seen::add, () -> problems
							.add(prefix + ".sp.regions has '" + r + "', which is not one of NA, EU, FE"));
				}
				spRegions.addAll(seen);
				require(problems, t.sp().clientId(), prefix + ".sp.client-id");
				require(problems, t.sp().clientSecret(), prefix + ".sp.client-secret");
				require(problems, t.sp().refreshToken(), prefix + ".sp.refresh-token");
				require(problems, t.sp().sellingPartnerId(), prefix + ".sp.selling-partner-id");
				if (t.ads() != null && t.sp().clientId() != null && t.sp().clientId().equals(t.ads().clientId())) {
					problems.add(prefix
							+ ".sp.client-id is the Ads application's; the SP-API needs its own LWA application");
				}
				sp = new SpCredentials(
						new LwaCredentials(t.sp().clientId(), t.sp().clientSecret(), t.sp().refreshToken()),
						t.sp().sellingPartnerId());
			}
			if (problems.isEmpty()) {
				LwaCredentials credentials = new LwaCredentials(t.ads().clientId(), t.ads().clientSecret(),
						t.ads().refreshToken());
				String name = (t.name() != null && !t.name().isBlank()) ? t.name() : t.id();
				entries.add(new Entry(Tenant.configured(t.id(), name, credentials, regions, sp, spRegions), digest,
						t.requestsPerSecond(), t.requestBurst()));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidTenantConfigurationException(properties.mode(), problems);
		}
		return List.copyOf(entries);
	}

	/**
	 * The digest the tenant's key is recognised by, from {@code api-key-sha256} or from a
	 * plain {@code api-key}; null (and a problem) when neither or both are set or one is
	 * malformed. Messages never quote the value: a key pasted into the wrong setting must
	 * not reach a log.
	 */
	private static byte[] apiKeyDigest(TenantProperties t, String prefix, List<String> problems) {
		boolean plain = t.apiKey() != null && !t.apiKey().isBlank();
		boolean hashed = t.apiKeySha256() != null && !t.apiKeySha256().isBlank();
		if (plain && hashed) {
			problems.add(prefix + " sets both .api-key and .api-key-sha256; keep only .api-key-sha256");
			return null;
		}
		if (!plain && !hashed) {
			problems.add(prefix + ".api-key-sha256 is missing (the SHA-256 of the tenant's API key in hex)");
			return null;
		}
		if (plain) {
			if (t.apiKey().length() < 16) {
				problems.add(prefix + ".api-key must be at least 16 characters long");
				return null;
			}
			return sha256(t.apiKey());
		}
		String hex = t.apiKeySha256().strip();
		if (hex.toLowerCase(Locale.ROOT).startsWith(SHA256_PREFIX)) {
			hex = hex.substring(SHA256_PREFIX.length());
		}
		if (!SHA256_HEX.matcher(hex).matches()) {
			problems.add(prefix + ".api-key-sha256 must be 64 hexadecimal characters, optionally prefixed 'sha256:' "
					+ "(the SHA-256 of the key: printf %s \"$KEY\" | sha256sum), but has " + hex.length()
					+ " characters"
					+ (SHA256_HEX_CHARS.matcher(hex).matches() ? "" : " and not only hexadecimal ones"));
			return null;
		}
		return HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
	}

	private static void require(List<String> problems, String value, String name) {
		if (value == null || value.isBlank()) {
			problems.add(name + " is missing");
		}
	}

	static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

	private record Entry(Tenant tenant, byte[] apiKeyDigest, Double requestsPerSecond, Integer requestBurst) {
	}

}
