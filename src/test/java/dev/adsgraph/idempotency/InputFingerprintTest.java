package dev.adsgraph.idempotency;

import java.net.URI;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The canonical form and digest of coerced GraphQL arguments. */
class InputFingerprintTest {

	@Test
	void theCanonicalFormSortsKeysAndLeavesOutNulls() throws Exception {
		Map<String, Object> business = new LinkedHashMap<>();
		business.put("zipCode", "98101");
		business.put("name", "Harborview \"Dental\"");
		business.put("addressLine2", null);
		business.put("websiteUrl", URI.create("https://www.harborview-dental.example").toURL());
		Map<String, Object> input = Map.of("association", Map.of("business", business), "countryCode", "US");
		assertThat(InputFingerprint.canonical(Map.of("input", input))).isEqualTo(
				"{\"input\":{\"association\":" + "{\"business\":{\"name\":\"Harborview \\\"Dental\\\"\",\"websiteUrl\":"
						+ "\"https://www.harborview-dental.example\",\"zipCode\":\"98101\"}},\"countryCode\":\"US\"}}");
	}

	@Test
	void scalarsHaveOneSpellingEach() {
		assertThat(InputFingerprint.canonical(Arrays.asList(1, 1L, 1.0, 1.50, true, null, Currency.getInstance("EUR"))))
			.isEqualTo("[1,1,1,1.5,true,null,\"EUR\"]");
	}

	@Test
	void theSameInputGivesTheSameDigestWhateverItsOrder() {
		Map<String, Object> first = new LinkedHashMap<>();
		first.put("displayName", "Brand EU");
		first.put("currencyCode", "EUR");
		Map<String, Object> second = new HashMap<>();
		second.put("currencyCode", "EUR");
		second.put("displayName", "Brand EU");
		second.put("managerAccountId", null);
		assertThat(InputFingerprint.of(Map.of("input", List.of(first))))
			.isEqualTo(InputFingerprint.of(Map.of("input", List.of(second))))
			.matches("[0-9a-f]{64}");
	}

	@Test
	void anyDifferenceChangesTheDigest() {
		String base = InputFingerprint
			.of(Map.of("input", List.of(Map.of("displayName", "A"), Map.of("displayName", "B"))));
		assertThat(
				InputFingerprint.of(Map.of("input", List.of(Map.of("displayName", "B"), Map.of("displayName", "A")))))
			.isNotEqualTo(base);
		assertThat(
				InputFingerprint.of(Map.of("input", List.of(Map.of("displayName", "A"), Map.of("displayName", "C")))))
			.isNotEqualTo(base);
		assertThat(InputFingerprint.of(Map.of("input", List.of(Map.of("displayName", "A"))))).isNotEqualTo(base);
		assertThat(InputFingerprint.of(Map.of())).isNotEqualTo(base);
	}

}
