package dev.adsgraph.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.adsgraph.tenancy.AdsgraphProperties.TenantProperties;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.lwa.LwaCredentials;
import dev.adsgraph.upstream.sp.SpCredentials;

import org.springframework.stereotype.Component;

/**
 * The configured tenants, found by API key. Keys are kept only as SHA-256 digests and compared
 * in constant time over all tenants, so neither timing nor the answer tells whether a key exists.
 * Construction fails with one message naming every missing or invalid setting, which stops the
 * application at start-up.
 */
@Component
public class TenantRegistry {

	private final List<Entry> entries;

	private final AdsgraphProperties.Mode mode;

	public TenantRegistry(AdsgraphProperties properties) {
		this.mode = properties.mode();
		this.entries = validate(properties);
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
			// No early exit: every entry is compared so the time taken does not depend on the key.
			if (MessageDigest.isEqual(entry.apiKeyDigest(), digest)) {
				found = entry.tenant();
			}
		}
		return Optional.ofNullable(found);
	}

	private static List<Entry> validate(AdsgraphProperties properties) {
		List<String> problems = new ArrayList<>();
		if (properties.tenants().isEmpty()) {
			problems.add("no tenant is configured: set adsgraph.tenants[0].id, .api-key, .ads.client-id, "
					+ ".ads.client-secret, .ads.refresh-token and .ads.regions (environment: ADSGRAPH_TENANTS_0_ID, "
					+ "ADSGRAPH_TENANTS_0_APIKEY, ADSGRAPH_TENANTS_0_ADS_CLIENTID, ...), or run without tenants to use the "
					+ "built-in sandbox");
		}
		List<Entry> entries = new ArrayList<>();
		Set<String> ids = new HashSet<>();
		Set<String> keys = new HashSet<>();
		for (int i = 0; i < properties.tenants().size(); i++) {
			TenantProperties t = properties.tenants().get(i);
			String prefix = "adsgraph.tenants[" + i + "]";
			require(problems, t.id(), prefix + ".id");
			require(problems, t.apiKey(), prefix + ".api-key");
			if (t.id() != null && !ids.add(t.id())) {
				problems.add(prefix + ".id '" + t.id() + "' is used by another tenant");
			}
			if (t.apiKey() != null && !t.apiKey().isBlank() && !keys.add(t.apiKey())) {
				problems.add(prefix + ".api-key is the same as another tenant's");
			}
			if (t.apiKey() != null && !t.apiKey().isBlank() && t.apiKey().length() < 16) {
				problems.add(prefix + ".api-key must be at least 16 characters long");
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
				// A seller authorizes an application region by region; without a list, the Ads regions.
				List<String> names = t.sp().regions().isEmpty() && t.ads() != null ? t.ads().regions() : t.sp().regions();
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
					problems.add(prefix + ".sp.client-id is the Ads application's; the SP-API needs its own LWA application");
				}
				sp = new SpCredentials(new LwaCredentials(t.sp().clientId(), t.sp().clientSecret(), t.sp().refreshToken()),
						t.sp().sellingPartnerId());
			}
			if (problems.isEmpty()) {
				LwaCredentials credentials = new LwaCredentials(t.ads().clientId(), t.ads().clientSecret(),
						t.ads().refreshToken());
				String name = (t.name() != null && !t.name().isBlank()) ? t.name() : t.id();
				entries.add(new Entry(new Tenant(t.id(), name, credentials, regions, sp, spRegions), sha256(t.apiKey())));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidTenantConfigurationException(properties.mode(), problems);
		}
		return List.copyOf(entries);
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

	private record Entry(Tenant tenant, byte[] apiKeyDigest) {
	}

}
