package dev.adsgraph.sandbox.ads;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.SandboxCredentials;
import dev.adsgraph.sandbox.SandboxServer;
import dev.adsgraph.sandbox.SandboxTestClient;
import dev.adsgraph.sandbox.SandboxTestClient.Exchange;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxProfilesTest {

	private static final Map<String, String> MARKETPLACES = Map.of("US", "ATVPDKIKX0DER", "CA", "A2EUQ1WTGCTBG2", "MX",
			"A1AM78C64UM0Y8", "UK", "A1F83G8C2ARO7P", "DE", "A1PA6795UKMFR9", "FR", "A13V1IB3VIYZZH", "IT",
			"APJ6JRA9NG5V4", "ES", "A1RKKUPIHCS9HS", "JP", "A1VC38T7YXB528", "AU", "A39IBJ37TRP1C6");

	private final SandboxTestClient sandbox = SandboxTestClient.start();

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	@Test
	void eachRegionalHostListsOnlyItsRegionsProfiles() {
		assertThat(countries(profiles("na", ""))).containsOnly("US", "CA", "MX");
		assertThat(countries(profiles("eu", ""))).containsOnly("UK", "DE", "FR", "IT", "ES");
		assertThat(countries(profiles("fe", ""))).containsOnly("JP", "AU");
	}

	@Test
	void profilesCarryAmazonsIdsCurrenciesAndTimeZones() {
		List<JsonNode> all = new ArrayList<>();
		for (String region : new String[] { "na", "eu", "fe" }) {
			all.addAll(profiles(region, "?accessLevel=view"));
		}
		assertThat(all).hasSizeGreaterThan(60);
		for (JsonNode profile : all) {
			long profileId = profile.get("profileId").asLong();
			assertThat(profileId).isGreaterThan(1L << 31).isLessThanOrEqualTo(1L << 53);
			String country = profile.get("countryCode").stringValue();
			assertThat(profile.at("/accountInfo/marketplaceStringId").stringValue())
				.isEqualTo(MARKETPLACES.get(country));
		}
		assertThat(all.stream().map((p) -> p.get("profileId").asLong()).distinct().count()).isEqualTo(all.size());
		JsonNode uk = all.stream()
			.filter((p) -> p.get("countryCode").stringValue().equals("UK"))
			.findFirst()
			.orElseThrow();
		assertThat(uk.get("currencyCode").stringValue()).isEqualTo("GBP");
		assertThat(uk.get("timezone").stringValue()).isEqualTo("Europe/London");
		JsonNode de = all.stream()
			.filter((p) -> p.get("countryCode").stringValue().equals("DE"))
			.findFirst()
			.orElseThrow();
		assertThat(de.get("currencyCode").stringValue()).isEqualTo("EUR");
		assertThat(de.get("timezone").stringValue()).isEqualTo("Europe/Paris");
	}

	@Test
	void sellersHaveBudgetsVendorsHavePaymentFlagsAuthorsAreKdp() {
		List<JsonNode> na = profiles("na", "");
		JsonNode northwindUs = byAccountInfoId(na, "A3NWOUTDR82KQZ").get(0);
		assertThat(northwindUs.get("dailyBudget").asDouble()).isEqualTo(500.0);
		assertThat(northwindUs.at("/accountInfo/type").stringValue()).isEqualTo("seller");
		assertThat(northwindUs.at("/accountInfo/name").stringValue()).isEqualTo("Northwind Outdoor Co.");
		assertThat(northwindUs.get("accountInfo").has("validPaymentMethod")).isFalse();

		JsonNode vendor = na.stream()
			.filter((p) -> p.at("/accountInfo/name").stringValue().equals("Acme Brands Inc."))
			.findFirst()
			.orElseThrow();
		assertThat(vendor.has("dailyBudget")).isFalse();
		assertThat(vendor.at("/accountInfo/validPaymentMethod").booleanValue()).isTrue();
		assertThat(vendor.at("/accountInfo/id").stringValue()).startsWith("ENTITY");

		JsonNode author = na.stream()
			.filter((p) -> p.at("/accountInfo/name").stringValue().equals("Jane Q. Writer"))
			.findFirst()
			.orElseThrow();
		assertThat(author.at("/accountInfo/subType").stringValue()).isEqualTo("KDP_AUTHOR");
	}

	@Test
	void accessFiltersFollowThePermissionsOfTheUser() {
		// Blue Harbor's IT and ES profiles were shared view-only; Acme's billing is
		// someone else's.
		assertThat(countries(byName(profiles("eu", ""), "Blue Harbor Kitchen Ltd"))).containsExactly("UK", "DE", "FR");
		assertThat(countries(byName(profiles("eu", "?accessLevel=view"), "Blue Harbor Kitchen Ltd")))
			.containsExactly("UK", "DE", "FR", "IT", "ES");
		assertThat(byName(profiles("na", "?apiProgram=billing"), "Acme Brands Inc.")).isEmpty();
		assertThat(byName(profiles("na", "?apiProgram=report"), "Acme Brands Inc.")).hasSize(2);
	}

	@Test
	void typeAndPaymentFiltersSelectProfiles() {
		assertThat(profiles("na", "?profileTypeFilter=agency"))
			.extracting((p) -> p.at("/accountInfo/name").stringValue())
			.containsExactly("Adsgraph Demo Agency");
		assertThat(types(profiles("na", "?profileTypeFilter=seller,vendor"))).containsOnly("seller", "vendor");
		List<JsonNode> unpaid = profiles("eu", "?validPaymentMethodFilter=false");
		assertThat(unpaid).hasSize(1);
		assertThat(unpaid.get(0).get("countryCode").stringValue()).isEqualTo("DE");
		assertThat(profiles("eu", "?validPaymentMethodFilter=true"))
			.noneMatch((p) -> p.at("/accountInfo/validPaymentMethod").isBoolean()
					&& !p.at("/accountInfo/validPaymentMethod").booleanValue());
	}

	@Test
	void invalidFilterValuesAre400() {
		for (String query : new String[] { "?apiProgram=everything", "?accessLevel=admin", "?profileTypeFilter=brand",
				"?validPaymentMethodFilter=yes" }) {
			Exchange answer = this.sandbox.ads("na", "GET", "/v2/profiles" + query).send();
			assertThat(answer.status()).as(query).isEqualTo(400);
			assertThat(answer.json().get("code").stringValue()).isEqualTo("INVALID_ARGUMENT");
		}
	}

	@Test
	void aProfileIsFoundOnlyOnItsRegionsHost() {
		long ukProfile = byAccountInfoId(profiles("eu", ""), "A1BLUHRBR5T6WX").get(0).get("profileId").asLong();

		Exchange onEu = this.sandbox.ads("eu", "GET", "/v2/profiles/" + ukProfile).send();
		Exchange onNa = this.sandbox.ads("na", "GET", "/v2/profiles/" + ukProfile).send();
		Exchange notANumber = this.sandbox.ads("eu", "GET", "/v2/profiles/abc").send();

		assertThat(onEu.status()).isEqualTo(200);
		assertThat(onEu.json().get("countryCode").stringValue()).isEqualTo("UK");
		assertThat(onNa.status()).isEqualTo(404);
		assertThat(onNa.json().get("code").stringValue()).isEqualTo("NOT_FOUND");
		assertThat(notANumber.status()).isEqualTo(400);
	}

	@Test
	void theAgencyUserSeesOnlyItsOwnProfiles() {
		SandboxCredentials agency = SandboxServer.agencyCredentials();
		List<JsonNode> agencyNa = list(this.sandbox.ads("na", "GET", "/v2/profiles").as(agency).send());
		long demoProfile = byAccountInfoId(profiles("na", ""), "A3NWOUTDR82KQZ").get(0).get("profileId").asLong();

		assertThat(agencyNa).extracting((p) -> p.at("/accountInfo/name").stringValue())
			.containsExactlyInAnyOrder("Riverstone Apparel", "Northbeam Media");
		assertThat(this.sandbox.ads("na", "GET", "/v2/profiles/" + demoProfile).as(agency).send().status())
			.isEqualTo(404);
	}

	private List<JsonNode> profiles(String region, String query) {
		Exchange answer = this.sandbox.ads(region, "GET", "/v2/profiles" + query).send();
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		return list(answer);
	}

	private static List<JsonNode> list(Exchange answer) {
		List<JsonNode> items = new ArrayList<>();
		answer.json().forEach(items::add);
		return items;
	}

	private static List<String> countries(List<JsonNode> profiles) {
		return profiles.stream().map((p) -> p.get("countryCode").stringValue()).distinct().toList();
	}

	private static Set<String> types(List<JsonNode> profiles) {
		return Set.copyOf(profiles.stream().map((p) -> p.at("/accountInfo/type").stringValue()).toList());
	}

	private static List<JsonNode> byAccountInfoId(List<JsonNode> profiles, String id) {
		return profiles.stream().filter((p) -> p.at("/accountInfo/id").stringValue().equals(id)).toList();
	}

	private static List<JsonNode> byName(List<JsonNode> profiles, String name) {
		return profiles.stream().filter((p) -> p.at("/accountInfo/name").stringValue().equals(name)).toList();
	}

}
