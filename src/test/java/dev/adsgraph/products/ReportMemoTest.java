package dev.adsgraph.products;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Derived report figures are computed once per report result, told apart by identity: an
 * equal but distinct result (a report read back from Redis, requested again) is derived
 * again, and another variant (currency, the other report of a pair) is never served what
 * was derived for the first (it is derived, then kept instead).
 */
class ReportMemoTest {

	private final ReportMemo<List<String>, String> memo = new ReportMemo<>(100);

	private final AtomicInteger derived = new AtomicInteger();

	private String derive(List<String> rows, Object variant) {
		return this.memo.get(rows, variant, () -> {
			this.derived.incrementAndGet();
			return String.join(",", rows) + " in " + variant;
		});
	}

	@Test
	void theSameResultIsDerivedOnce() {
		List<String> rows = new ArrayList<>(List.of("a", "b"));
		assertThat(derive(rows, "USD")).isEqualTo("a,b in USD");
		assertThat(derive(rows, "USD")).isEqualTo("a,b in USD");
		assertThat(this.derived).hasValue(1);
	}

	@Test
	void anEqualButDistinctResultIsDerivedAgain() {
		derive(new ArrayList<>(List.of("a", "b")), "USD");
		derive(new ArrayList<>(List.of("a", "b")), "USD");
		assertThat(this.derived).hasValue(2);
	}

	@Test
	void anotherVariantIsDerivedForItselfAndKeptInsteadOfTheFirst() {
		List<String> rows = new ArrayList<>(List.of("a"));
		assertThat(derive(rows, "USD")).isEqualTo("a in USD");
		assertThat(derive(rows, "EUR")).isEqualTo("a in EUR");
		assertThat(derive(rows, "EUR")).isEqualTo("a in EUR");
		assertThat(this.derived).hasValue(2);
		assertThat(derive(rows, "USD")).isEqualTo("a in USD");
		assertThat(this.derived).hasValue(3);
	}

	@Test
	void anIdentityVariantMatchesOnlyTheSameObject() {
		List<String> rows = new ArrayList<>(List.of("a"));
		List<String> traffic = new ArrayList<>(List.of("t"));
		derive(rows, new ReportMemo.Identity(traffic));
		derive(rows, new ReportMemo.Identity(traffic));
		assertThat(this.derived).hasValue(1);
		derive(rows, new ReportMemo.Identity(new ArrayList<>(List.of("t"))));
		assertThat(this.derived).hasValue(2);
	}

}
