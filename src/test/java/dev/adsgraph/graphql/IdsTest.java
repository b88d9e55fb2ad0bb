package dev.adsgraph.graphql;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdsTest {

	@Test
	void anOpaqueIdIsTheSameForTheSamePartsAndDiffersForOthers() {
		assertThat(Ids.opaque("Performance", "t1", "42", "2026-11-01", "2026-11-07"))
			.isEqualTo(Ids.opaque("Performance", "t1", "42", "2026-11-01", "2026-11-07"))
			.isNotEqualTo(Ids.opaque("Performance", "t1", "42", "2026-11-02", "2026-11-07"))
			.isNotEqualTo(Ids.opaque("DailyPerformance", "t1", "42", "2026-11-01", "2026-11-07"))
			.matches("[A-Za-z0-9_-]+");
	}

	@Test
	void anOpaqueIdIsTheUrlSafeBase64OfItsTypeAndEncodedPartsSoStoredIdsStayValid() {
		assertThat(Ids.opaque("Product", "t 1", "B0X", "a:b", null)).isEqualTo(Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("Product:t+1:B0X:a%3Ab:".getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void aSeparatorInAPartCannotMakeTwoListsOfPartsAlike() {
		assertThat(Ids.opaque("SellingAccount", "a:b", "c")).isNotEqualTo(Ids.opaque("SellingAccount", "a", "b:c"));
		assertThat(Ids.opaque("Product", "x", null)).isNotEqualTo(Ids.opaque("Product", "x"));
	}

	@Test
	void aPartIsEncodedAsUrlEncoderEncodesIt() {
		for (String part : List.of("", "B0ABCDEFGH", "2026-11-01", "A.b-c*d_e", "a b", "a:b", "100%", "x~y",
				"caf\u00e9", "\ud83d\ude00", "a+b", "Z9", "/", "\u0000")) {
			assertThat(Ids.encoded(part)).isEqualTo(URLEncoder.encode(part, StandardCharsets.UTF_8));
		}
		for (char c = 0; c < 256; c++) {
			String part = "id" + c;
			assertThat(Ids.encoded(part)).isEqualTo(URLEncoder.encode(part, StandardCharsets.UTF_8));
		}
	}

	@Test
	void twoTenantsHaveDifferentScopesThatDoNotShowTheirIds() {
		String demo = Ids.tenantScope("demo");
		assertThat(demo).isEqualTo(Ids.tenantScope("demo")).isNotEqualTo(Ids.tenantScope("agency"));
		assertThat(demo).doesNotContain("demo");
		assertThat(Ids.opaque("Performance", demo, "42"))
			.isNotEqualTo(Ids.opaque("Performance", Ids.tenantScope("agency"), "42"));
	}

}
