package dev.adsgraph.sandbox.sp;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.SandboxTestClient;
import dev.adsgraph.sandbox.SandboxTestClient.Exchange;
import dev.adsgraph.sandbox.fixtures.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Repeated query parameters are never read as their first value: an array parameter
 * repeated ({@code identifiers=A&identifiers=B}) gives all its values, as its
 * comma-separated form does, and a single-valued one repeated is a clear 400 in the
 * family's shape.
 */
class SandboxQueryParametersTest {

	private static final String US = "ATVPDKIKX0DER";

	private final SandboxTestClient sandbox = SandboxTestClient.start();

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	@Test
	void aRepeatedArrayParameterGivesEveryValueLikeItsCommaSeparatedForm() {
		List<String> asins = new ArrayList<>();
		for (JsonNode product : this.sandbox.truth(Fixtures.NORTHWIND, US, "2026-11-01", "2026-11-01")
			.get("products")) {
			if (product.get("inCatalog").asBoolean() && asins.size() < 2) {
				asins.add(product.get("asin").stringValue());
			}
		}
		String search = "/catalog/2022-04-01/items?identifiersType=ASIN&marketplaceIds=" + US;
		Exchange repeated = this.sandbox
			.sp("na", "GET", search + "&identifiers=" + asins.get(0) + "&identifiers=" + asins.get(1))
			.send();
		Exchange joined = this.sandbox.sp("na", "GET", search + "&identifiers=" + String.join(",", asins)).send();
		assertThat(repeated.status()).as(repeated.body()).isEqualTo(200);
		assertThat(repeated.json().get("numberOfResults").asInt()).isEqualTo(2);
		assertThat(repeated.json()).isEqualTo(joined.json());
	}

	@Test
	void aRepeatedSingleValuedParameterIsRefusedInTheFamilysShape() {
		Exchange sp = this.sandbox
			.sp("na", "GET", "/catalog/2022-04-01/items?keywords=tent&pageSize=5&pageSize=10&marketplaceIds=" + US)
			.send();
		assertThat(sp.status()).isEqualTo(400);
		assertThat(sp.json().at("/errors/0/code").stringValue()).isEqualTo("InvalidInput");
		assertThat(sp.json().at("/errors/0/message").stringValue()).contains("pageSize").contains("2 times");

		Exchange profiles = this.sandbox
			.ads("na", "GET", "/v2/profiles?profileTypeFilter=seller&profileTypeFilter=vendor")
			.send();
		assertThat(profiles.status()).isEqualTo(400);
		assertThat(profiles.json().get("code").stringValue()).isEqualTo("INVALID_ARGUMENT");
		assertThat(profiles.json().get("details").stringValue()).contains("profileTypeFilter");
	}

}
