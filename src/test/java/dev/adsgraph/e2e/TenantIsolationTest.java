package dev.adsgraph.e2e;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.adsgraph.sandbox.SandboxServer;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static dev.adsgraph.e2e.GatewayClient.AGENCY_KEY;
import static dev.adsgraph.e2e.GatewayClient.DEMO_KEY;
import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An API key reaches its own tenant only: another tenant's profile or ads account answers
 * exactly as an id that does not exist, the SP-API data of one tenant's seller is not
 * reachable with the other's key, and what one tenant's queries put in the caches is
 * never served to the other.
 *
 * <p>
 * An application of its own (the property only makes the configuration differ): asking
 * the demo tenant for ids it does not have reloads its profile lists, which holds off the
 * next reload for {@code reload-on-miss-interval}, and a registration test sharing the
 * application would then not see its new profiles.
 */
@TestPropertySource(properties = "adsgraph.cache.profiles.reload-on-miss-interval=30s")
class TenantIsolationTest extends SandboxGatewayTest {

	private static final String PROFILE = "query($id: ID!) { profile(id: $id) { id countryCode accountInfo { accountId name } } }";

	private static final String ADS_ACCOUNT = "query($id: ID!) { adsAccount(id: $id) { id name status } }";

	private static final String US = "ATVPDKIKX0DER";

	private static final String PRODUCTS = """
			query($m: String!, $a: [String!]!, $s: Date!, $e: Date!) {
			  products(marketplaceId: $m, asins: $a, dateRange: {start: $s, end: $e}) {
			    nodes { asin listing { sku status } inventory { fulfillable } sales { unitsOrdered } }
			  }
			}""";

	private String firstProfileId(String key) {
		List<Map<String, Object>> profiles = at(this.client.graphql(key, "{ profiles { id } }", Map.of()),
				"data.profiles");
		assertThat(profiles).isNotEmpty();
		return (String) profiles.get(0).get("id");
	}

	private String firstAdsAccountId(String key) {
		List<Map<String, Object>> nodes = at(
				this.client.graphql(key, "{ adsAccounts(first: 1) { nodes { id } } }", Map.of()),
				"data.adsAccounts.nodes");
		assertThat(nodes).isNotEmpty();
		return (String) nodes.get(0).get("id");
	}

	/**
	 * The answer with the id replaced by a placeholder and without the correlation id,
	 * which differs on every request: what is left must not tell a foreign id from a
	 * missing one.
	 */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> shape(Map<String, Object> answer, String id) {
		Map<String, Object> shape = new LinkedHashMap<>(answer);
		List<Map<String, Object>> errors = errors(answer).stream().map((error) -> {
			Map<String, Object> copy = new LinkedHashMap<>(error);
			copy.put("message", ((String) error.get("message")).replace(id, "<id>"));
			Map<String, Object> extensions = new LinkedHashMap<>((Map<String, Object>) error.get("extensions"));
			extensions.remove("correlationId");
			copy.put("extensions", extensions);
			return copy;
		}).toList();
		shape.put("errors", errors);
		return shape;
	}

	@Test
	void anotherTenantsProfileAnswersExactlyAsAProfileThatDoesNotExist() {
		String demoProfile = firstProfileId(DEMO_KEY);
		String agencyProfile = firstProfileId(AGENCY_KEY);
		String nowhere = "999999999999";
		for (String[] keyAndForeignId : new String[][] { { AGENCY_KEY, demoProfile }, { DEMO_KEY, agencyProfile } }) {
			String key = keyAndForeignId[0];
			String foreign = keyAndForeignId[1];
			Map<String, Object> crossTenant = this.client.graphql(key, PROFILE, Map.of("id", foreign));
			Map<String, Object> missing = this.client.graphql(key, PROFILE, Map.of("id", nowhere));
			assertThat(errorCode(crossTenant)).isEqualTo("NOT_FOUND");
			assertThat(at(crossTenant, "data.profile") == null).isTrue();
			assertThat(shape(crossTenant, foreign)).isEqualTo(shape(missing, nowhere));
		}
		// Each key still sees its own.
		assertNoErrors(this.client.graphql(DEMO_KEY, PROFILE, Map.of("id", demoProfile)));
		assertNoErrors(this.client.graphql(AGENCY_KEY, PROFILE, Map.of("id", agencyProfile)));
	}

	@Test
	void anotherTenantsAdsAccountAnswersExactlyAsAnAccountThatDoesNotExist() {
		String demoAccount = firstAdsAccountId(DEMO_KEY);
		String agencyAccount = firstAdsAccountId(AGENCY_KEY);
		assertThat(demoAccount).isNotEqualTo(agencyAccount);
		String nowhere = "amzn1.ads-account.g.doesnotexist0000000000";
		for (String[] keyAndForeignId : new String[][] { { AGENCY_KEY, demoAccount }, { DEMO_KEY, agencyAccount } }) {
			Map<String, Object> crossTenant = this.client.graphql(keyAndForeignId[0], ADS_ACCOUNT,
					Map.of("id", keyAndForeignId[1]));
			Map<String, Object> missing = this.client.graphql(keyAndForeignId[0], ADS_ACCOUNT, Map.of("id", nowhere));
			assertThat(errorCode(crossTenant)).isEqualTo("NOT_FOUND");
			assertThat(shape(crossTenant, keyAndForeignId[1])).isEqualTo(shape(missing, nowhere));
		}
		assertNoErrors(this.client.graphql(DEMO_KEY, ADS_ACCOUNT, Map.of("id", demoAccount)));
	}

	@Test
	void eachKeyReachesOnlyItsOwnSellersSellingPartnerData() {
		assertThat((String) at(this.client.graphql(DEMO_KEY, "{ sellingPartner { id } }", Map.of()),
				"data.sellingPartner.id"))
			.isEqualTo(SandboxServer.DEMO_SELLING_PARTNER_ID);
		assertThat((String) at(this.client.graphql(AGENCY_KEY, "{ sellingPartner { id } }", Map.of()),
				"data.sellingPartner.id"))
			.isEqualTo(SandboxServer.AGENCY_SELLING_PARTNER_ID);

		// An ASIN the demo tenant's seller lists in the US, asked first by the demo
		// tenant (filling
		// the listing and inventory caches) and then by the agency tenant, whose seller
		// does not
		// list it: the agency's answer has no listing, stock or sales of the demo seller.
		LocalDate end = LocalDate.now(ZoneOffset.UTC).minusDays(3);
		LocalDate start = end.minusDays(6);
		List<Map<String, Object>> truth = at(
				this.client.groundTruth(SandboxServer.DEMO_SELLING_PARTNER_ID, US, start.toString(), end.toString()),
				"products");
		Map<String, Object> listed = truth.stream()
			.filter((p) -> Boolean.TRUE.equals(p.get("inCatalog"))
					&& ((Number) at(p, "retail.unitsOrdered")).longValue() > 0)
			.findFirst()
			.orElseThrow();
		String asin = (String) listed.get("asin");
		Map<String, Object> variables = Map.of("m", US, "a", List.of(asin), "s", start.toString(), "e", end.toString());

		Map<String, Object> demo = eventually(() -> this.client.graphql(DEMO_KEY, PRODUCTS, variables),
				(a) -> at(a, "data.products.nodes.0.sales") != null);
		assertNoErrors(demo);
		assertThat((Object) at(demo, "data.products.nodes.0.listing")).isNotNull();
		assertThat((Object) at(demo, "data.products.nodes.0.inventory")).isNotNull();

		Map<String, Object> agency = this.client.graphql(AGENCY_KEY, PRODUCTS, variables);
		assertThat((Object) at(agency, "data.products.nodes.0.listing")).as("agency's answer %s", agency).isNull();
		assertThat((Object) at(agency, "data.products.nodes.0.inventory")).as("agency's answer %s", agency).isNull();
		Object agencySales = at(agency, "data.products.nodes.0.sales");
		if (agencySales != null) {
			assertThat((Number) at(agency, "data.products.nodes.0.sales.unitsOrdered")).isEqualTo(0);
		}
	}

	@Test
	void aProfileCachedForOneTenantIsNotServedToTheOther() {
		String demoProfile = firstProfileId(DEMO_KEY);
		// The demo tenant's lists are cached now; the agency asks for the same id, twice
		// (the second
		// time its own list is cached too), and then the demo tenant once more.
		Map<String, Object> demo = this.client.graphql(DEMO_KEY, PROFILE, Map.of("id", demoProfile));
		assertNoErrors(demo);
		for (int i = 0; i < 2; i++) {
			Map<String, Object> agency = this.client.graphql(AGENCY_KEY, PROFILE, Map.of("id", demoProfile));
			assertThat(errorCode(agency)).isEqualTo("NOT_FOUND");
		}
		assertThat(this.client.graphql(DEMO_KEY, PROFILE, Map.of("id", demoProfile))).isEqualTo(demo);
	}

}
