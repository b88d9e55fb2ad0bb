package dev.adsgraph.graphql;

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
	void aSeparatorInAPartCannotMakeTwoListsOfPartsAlike() {
		assertThat(Ids.opaque("SellingAccount", "a:b", "c")).isNotEqualTo(Ids.opaque("SellingAccount", "a", "b:c"));
		assertThat(Ids.opaque("Product", "x", null)).isNotEqualTo(Ids.opaque("Product", "x"));
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
