package dev.adsgraph.tenancy;

import java.time.Duration;
import java.time.Instant;

import dev.adsgraph.testing.MutableClock;
import org.junit.jupiter.api.Test;

import dev.adsgraph.tenancy.RequestBucketStore.Admission;

import static org.assertj.core.api.Assertions.assertThat;

/** The request buckets on a hand-moved clock. */
class InMemoryRequestBucketStoreTest {

	private static final RequestRate TWO_PER_SECOND = new RequestRate(2, 2);

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));

	private final InMemoryRequestBucketStore store = new InMemoryRequestBucketStore(this.clock);

	private Admission take(String tenant) {
		return this.store.take(tenant, TWO_PER_SECOND).block();
	}

	private static Admission refused(long millis) {
		return new Admission(false, Duration.ofMillis(millis));
	}

	@Test
	void aTenantMaySendItsBurstAndIsThenToldWhenTheNextTokenIsDue() {
		assertThat(take("acme")).isEqualTo(Admission.now());
		assertThat(take("acme")).isEqualTo(Admission.now());
		assertThat(take("acme")).isEqualTo(refused(500));

		this.clock.advance(Duration.ofMillis(400));
		assertThat(take("acme")).isEqualTo(refused(100));
		this.clock.advance(Duration.ofMillis(100));
		assertThat(take("acme")).isEqualTo(Admission.now());
	}

	@Test
	void aRefusalTakesNothing() {
		take("acme");
		take("acme");
		for (int i = 0; i < 5; i++) {
			assertThat(take("acme")).isEqualTo(refused(500));
		}
		this.clock.advance(Duration.ofMillis(500));
		assertThat(take("acme")).isEqualTo(Admission.now());
	}

	@Test
	void anIdleBucketRefillsUpToItsBurstOnly() {
		take("acme");
		take("acme");
		this.clock.advance(Duration.ofHours(2));

		assertThat(take("acme")).isEqualTo(Admission.now());
		assertThat(take("acme")).isEqualTo(Admission.now());
		assertThat(take("acme")).isEqualTo(refused(500));
	}

	@Test
	void tenantsDoNotShareBuckets() {
		take("acme");
		take("acme");
		assertThat(take("globex")).isEqualTo(Admission.now());
		assertThat(take("acme")).isEqualTo(refused(500));
	}

}
