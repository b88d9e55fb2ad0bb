package dev.adsgraph.tenancy;

import java.util.List;

import dev.adsgraph.tenancy.AdsgraphProperties.AdsCredentialProperties;
import dev.adsgraph.tenancy.AdsgraphProperties.Mode;
import dev.adsgraph.tenancy.AdsgraphProperties.TenantProperties;
import dev.adsgraph.upstream.Region;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantRegistryTest {

	private static TenantProperties tenant(String id, String key, String secret, List<String> regions) {
		return new TenantProperties(id, null, key,
				new AdsCredentialProperties("amzn1.application-oa2-client.x", secret, "Atzr|refresh", regions), null);
	}

	@Test
	void findsATenantByItsKeyOnly() {
		TenantRegistry registry = new TenantRegistry(new AdsgraphProperties(Mode.LIVE, null,
				List.of(tenant("a", "key-of-tenant-a-0001", "s", List.of("eu", "NA")),
						tenant("b", "key-of-tenant-b-0002", "s", List.of("FE")))));
		assertThat(registry.findByApiKey("key-of-tenant-b-0002")).get()
			.satisfies((t) -> assertThat(t.id()).isEqualTo("b"));
		assertThat(registry.findByApiKey("key-of-tenant-a-0001").get().regions()).containsExactly(Region.EU,
				Region.NA);
		assertThat(registry.findByApiKey("key-of-tenant-a-000")).isEmpty();
		assertThat(registry.findByApiKey("")).isEmpty();
		assertThat(registry.findByApiKey(null)).isEmpty();
	}

	@Test
	void liveModeWithoutTenantsRefusesToStartAndSaysHowToFixIt() {
		assertThatThrownBy(() -> new TenantRegistry(new AdsgraphProperties(Mode.LIVE, null, List.of())))
			.isInstanceOf(InvalidTenantConfigurationException.class)
			.hasMessageContaining("live mode")
			.hasMessageContaining("ADSGRAPH_TENANTS_0_ADS_CLIENTID");
	}

	@Test
	void everyMissingCredentialIsNamedAtOnce() {
		TenantProperties broken = new TenantProperties("a", null, "key-of-tenant-a-0001",
				new AdsCredentialProperties("client", " ", null, List.of("NA", "XX")), null);
		assertThatThrownBy(() -> new TenantRegistry(new AdsgraphProperties(Mode.LIVE, null, List.of(broken))))
			.isInstanceOfSatisfying(InvalidTenantConfigurationException.class,
					(ex) -> assertThat(ex.problems()).containsExactly("adsgraph.tenants[0].ads.client-secret is missing",
							"adsgraph.tenants[0].ads.refresh-token is missing",
							"adsgraph.tenants[0].ads.regions has 'XX', which is not one of NA, EU, FE"));
	}

	@Test
	void duplicateIdsKeysAndShortKeysAreRefused() {
		assertThatThrownBy(() -> new TenantRegistry(new AdsgraphProperties(Mode.LIVE, null,
				List.of(tenant("a", "same-key-0000000001", "s", List.of("NA")),
						tenant("a", "same-key-0000000001", "s", List.of("NA")), tenant("c", "short", "s", List.of("NA"))))))
			.isInstanceOfSatisfying(InvalidTenantConfigurationException.class,
					(ex) -> assertThat(ex.problems()).contains("adsgraph.tenants[1].id 'a' is used by another tenant",
							"adsgraph.tenants[1].api-key is the same as another tenant's",
							"adsgraph.tenants[2].api-key must be at least 16 characters long"));
	}

	@Test
	void secretsNeverAppearInToString() {
		TenantProperties t = tenant("a", "key-of-tenant-a-0001", "very-secret", List.of("NA"));
		assertThat(t.toString()).doesNotContain("key-of-tenant-a-0001", "very-secret", "Atzr|refresh");
		Tenant resolved = new TenantRegistry(new AdsgraphProperties(Mode.LIVE, null, List.of(t))).tenants().get(0);
		assertThat(resolved.toString() + resolved.ads()).doesNotContain("very-secret", "Atzr|refresh");
	}

	@Test
	void anSpAuthorizationNeedsItsOwnApplicationAndEveryField() {
		TenantProperties t = new TenantProperties("a", null, "key-of-tenant-a-0001",
				new AdsCredentialProperties("amzn1.ads-app", "s", "Atzr|r", List.of("NA")),
				new AdsgraphProperties.SpCredentialProperties("amzn1.ads-app", "s2", null, "A3SELLER", null));
		assertThatThrownBy(() -> new TenantRegistry(new AdsgraphProperties(Mode.LIVE, null, List.of(t))))
			.isInstanceOfSatisfying(InvalidTenantConfigurationException.class,
					(ex) -> assertThat(ex.problems()).containsExactly("adsgraph.tenants[0].sp.refresh-token is missing",
							"adsgraph.tenants[0].sp.client-id is the Ads application's; the SP-API needs its own LWA application"));
	}

	@Test
	void anSpAuthorizationIsOptional() {
		Tenant adsOnly = new TenantRegistry(new AdsgraphProperties(Mode.LIVE, null,
				List.of(tenant("a", "key-of-tenant-a-0001", "s", List.of("NA"))))).tenants().get(0);
		assertThat(adsOnly.sp()).isEmpty();
		TenantProperties both = new TenantProperties("b", null, "key-of-tenant-b-0001",
				new AdsCredentialProperties("amzn1.ads-app", "s", "Atzr|r", List.of("NA")),
				new AdsgraphProperties.SpCredentialProperties("amzn1.sp-app", "sp-secret", "Atzr|sp", "A3SELLER", List.of("EU")));
		Tenant tenant = new TenantRegistry(new AdsgraphProperties(Mode.LIVE, null, List.of(both))).tenants().get(0);
		assertThat(tenant.sp()).get().satisfies((sp) -> {
			assertThat(sp.sellingPartnerId()).isEqualTo("A3SELLER");
			assertThat(sp.toString()).doesNotContain("sp-secret", "Atzr|sp");
		});
	}

}
