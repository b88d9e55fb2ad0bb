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

	// printf %s key-of-tenant-a-0001 | sha256sum
	private static final String DIGEST_A = "82d01d4b58696ff2f7bdd0c07538e063d1b2b4aedfb906b5cce4c278b98ec59f";

	// printf %s key-of-tenant-b-0002 | sha256sum
	private static final String DIGEST_B = "5e46ce940d206327fd08114c364a6d50cbd8bad987fbb64b8d40eddbd42db35f";

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
		assertThat(registry.findByApiKey("key-of-tenant-a-0001").get().adsRegions()).containsExactly(Region.EU,
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
					(ex) -> assertThat(ex.problems()).containsExactly(
							"adsgraph.tenants[0].ads.client-secret is missing",
							"adsgraph.tenants[0].ads.refresh-token is missing",
							"adsgraph.tenants[0].ads.regions has 'XX', which is not one of NA, EU, FE"));
	}

	@Test
	void duplicateIdsKeysAndShortKeysAreRefused() {
		assertThatThrownBy(() -> new TenantRegistry(new AdsgraphProperties(Mode.LIVE, null,
				List.of(tenant("a", "same-key-0000000001", "s", List.of("NA")),
						tenant("a", "same-key-0000000001", "s", List.of("NA")),
						tenant("c", "short", "s", List.of("NA"))))))
			.isInstanceOfSatisfying(InvalidTenantConfigurationException.class,
					(ex) -> assertThat(ex.problems()).contains("adsgraph.tenants[1].id 'a' is used by another tenant",
							"adsgraph.tenants[1] has the same API key as adsgraph.tenants[0]",
							"adsgraph.tenants[2].api-key must be at least 16 characters long"));
	}

	private static TenantProperties hashed(String id, String digest) {
		return new TenantProperties(id, null, null, digest,
				new AdsCredentialProperties("amzn1.application-oa2-client.x", "s", "Atzr|refresh", List.of("NA")), null,
				null, null);
	}

	@Test
	void aKeyConfiguredByItsDigestFindsItsTenant() {
		TenantRegistry registry = new TenantRegistry(new AdsgraphProperties(Mode.LIVE, null,
				List.of(hashed("a", DIGEST_A), hashed("b", "sha256:" + DIGEST_B.toUpperCase()))));
		assertThat(registry.findByApiKey("key-of-tenant-a-0001")).get().extracting(Tenant::id).isEqualTo("a");
		assertThat(registry.findByApiKey("key-of-tenant-b-0002")).get().extracting(Tenant::id).isEqualTo("b");
		assertThat(registry.findByApiKey(DIGEST_A)).isEmpty();
		assertThat(registry.findByApiKey("key-of-tenant-a-0002")).isEmpty();
	}

	@Test
	void malformedDigestsBothKindsOfKeyAndNoKeyAreRefusedWithoutQuotingTheValue() {
		List<TenantProperties> tenants = List.of(hashed("a", "key-of-tenant-a-0001"), hashed("b", DIGEST_A + "0"),
				new TenantProperties("c", null, "key-of-tenant-c-0003", DIGEST_A,
						new AdsCredentialProperties("amzn1.x", "s", "Atzr|r", List.of("NA")), null, null, null),
				new TenantProperties("d", null, null, null,
						new AdsCredentialProperties("amzn1.x", "s", "Atzr|r", List.of("NA")), null, null, null));
		assertThatThrownBy(() -> new TenantRegistry(new AdsgraphProperties(Mode.LIVE, null, tenants)))
			.isInstanceOfSatisfying(InvalidTenantConfigurationException.class, (ex) -> {
				assertThat(ex.problems()).hasSize(4);
				assertThat(ex.problems().get(0)).startsWith("adsgraph.tenants[0].api-key-sha256 must be 64 hexadecimal")
					.contains("sha256sum")
					.contains("has 20 characters and not only hexadecimal ones");
				assertThat(ex.problems().get(1)).startsWith("adsgraph.tenants[1].api-key-sha256 must be 64 hexadecimal")
					.endsWith("has 65 characters");
				assertThat(ex.problems().get(2))
					.isEqualTo("adsgraph.tenants[2] sets both .api-key and .api-key-sha256; keep only .api-key-sha256");
				assertThat(ex.problems().get(3)).startsWith("adsgraph.tenants[3].api-key-sha256 is missing");
				assertThat(ex.getMessage()).doesNotContain("key-of-tenant-a-0001", "key-of-tenant-c-0003");
			});
	}

	@Test
	void theSameKeyAsPlainTextAndAsDigestIsADuplicate() {
		assertThatThrownBy(() -> new TenantRegistry(new AdsgraphProperties(Mode.LIVE, null,
				List.of(tenant("a", "key-of-tenant-a-0001", "s", List.of("NA")), hashed("b", DIGEST_A)))))
			.isInstanceOfSatisfying(InvalidTenantConfigurationException.class, (ex) -> assertThat(ex.problems())
				.containsExactly("adsgraph.tenants[1] has the same API key as adsgraph.tenants[0]"));
	}

	@Test
	void requestRateOverridesAreValidatedAndFallBackToTheDefaults() {
		TenantProperties own = new TenantProperties("a", null, null, DIGEST_A,
				new AdsCredentialProperties("amzn1.x", "s", "Atzr|r", List.of("NA")), null, 2.5, null);
		TenantRegistry registry = new TenantRegistry(
				new AdsgraphProperties(Mode.LIVE, null, List.of(own, hashed("b", DIGEST_B))));
		RequestRate defaults = new RequestRate(20, 40);
		assertThat(registry.requestRate(registry.findByApiKey("key-of-tenant-a-0001").get(), defaults))
			.isEqualTo(new RequestRate(2.5, 40));
		assertThat(registry.requestRate(registry.findByApiKey("key-of-tenant-b-0002").get(), defaults))
			.isEqualTo(defaults);
		TenantProperties broken = new TenantProperties("a", null, null, DIGEST_A,
				new AdsCredentialProperties("amzn1.x", "s", "Atzr|r", List.of("NA")), null, 0.0, 0);
		assertThatThrownBy(() -> new TenantRegistry(new AdsgraphProperties(Mode.LIVE, null, List.of(broken))))
			.isInstanceOfSatisfying(InvalidTenantConfigurationException.class,
					(ex) -> assertThat(ex.problems()).containsExactly(
							"adsgraph.tenants[0].requests-per-second must be greater than 0",
							"adsgraph.tenants[0].request-burst must be at least 1"));
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
			.isInstanceOfSatisfying(InvalidTenantConfigurationException.class, (ex) -> assertThat(ex.problems())
				.containsExactly("adsgraph.tenants[0].sp.refresh-token is missing",
						"adsgraph.tenants[0].sp.client-id is the Ads application's; the SP-API needs its own LWA application"));
	}

	@Test
	void anSpAuthorizationIsOptional() {
		Tenant adsOnly = new TenantRegistry(new AdsgraphProperties(Mode.LIVE, null,
				List.of(tenant("a", "key-of-tenant-a-0001", "s", List.of("NA")))))
			.tenants()
			.get(0);
		assertThat(adsOnly.spConnections()).isEmpty();
		TenantProperties both = new TenantProperties("b", null, "key-of-tenant-b-0001",
				new AdsCredentialProperties("amzn1.ads-app", "s", "Atzr|r", List.of("NA")),
				new AdsgraphProperties.SpCredentialProperties("amzn1.sp-app", "sp-secret", "Atzr|sp", "A3SELLER",
						List.of("EU")));
		Tenant tenant = new TenantRegistry(new AdsgraphProperties(Mode.LIVE, null, List.of(both))).tenants().get(0);
		assertThat(tenant.firstSpConnection().map(Tenant.SpConnection::credentials)).get().satisfies((sp) -> {
			assertThat(sp.sellingPartnerId()).isEqualTo("A3SELLER");
			assertThat(sp.toString()).doesNotContain("sp-secret", "Atzr|sp");
		});
	}

}
