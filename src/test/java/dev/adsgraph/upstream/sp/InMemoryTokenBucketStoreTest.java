package dev.adsgraph.upstream.sp;

import java.time.Duration;
import java.time.Instant;

import dev.adsgraph.testing.MutableClock;
import org.junit.jupiter.api.Test;

import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.sp.TokenBucketStore.Reservation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SP-API store on a hand-moved clock: what each step answers and leaves in the
 * bucket.
 */
class InMemoryTokenBucketStoreTest {

	private static final SpRateLimit TWO_PER_SECOND = new SpRateLimit(2, 2);

	private static final Duration LONG = Duration.ofMinutes(1);

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));

	private final InMemoryTokenBucketStore store = new InMemoryTokenBucketStore(this.clock);

	private final BucketKey key = new BucketKey(Region.NA, "amzn1.application-oa2-client.sp", "A1SELLER",
			SpOperation.SEARCH_CATALOG_ITEMS);

	private Reservation reserve(Duration maxWait) {
		return this.store.reserve(this.key, TWO_PER_SECOND, maxWait).block();
	}

	private static Reservation after(long millis) {
		return new Reservation(true, Duration.ofMillis(millis));
	}

	@Test
	void aNewBucketIsFullAndThenQueuesCallersOneRefillApart() {
		assertThat(reserve(LONG)).isEqualTo(Reservation.now());
		assertThat(reserve(LONG)).isEqualTo(Reservation.now());
		assertThat(reserve(LONG)).isEqualTo(after(500));
		assertThat(reserve(LONG)).isEqualTo(after(1000));

		this.clock.advance(Duration.ofMillis(250));
		assertThat(reserve(LONG)).isEqualTo(after(1250));
	}

	@Test
	void aWaitBeyondTheBoundIsRefusedWithItsLengthAndTakesNothing() {
		reserve(LONG);
		reserve(LONG);
		assertThat(reserve(Duration.ofMillis(500))).isEqualTo(after(500));

		assertThat(reserve(Duration.ofMillis(999))).isEqualTo(new Reservation(false, Duration.ofMillis(1000)));
		assertThat(reserve(Duration.ofMillis(999))).isEqualTo(new Reservation(false, Duration.ofMillis(1000)));
		assertThat(reserve(Duration.ofMillis(1000))).isEqualTo(after(1000));
	}

	@Test
	void aRefundGivesTheTokenBackButNeverFillsBeyondTheBurst() {
		reserve(LONG);
		reserve(LONG);
		reserve(LONG);
		this.store.refund(this.key, TWO_PER_SECOND).block();
		assertThat(reserve(LONG)).isEqualTo(after(500));

		this.clock.advance(Duration.ofMinutes(5));
		this.store.refund(this.key, TWO_PER_SECOND).block();
		assertThat(reserve(LONG)).isEqualTo(Reservation.now());
		assertThat(reserve(LONG)).isEqualTo(Reservation.now());
		assertThat(reserve(LONG)).isEqualTo(after(500));
	}

	@Test
	void aNewRateKeepsTheTokensAndTheQueueAndRefillsFromThenOn() {
		reserve(LONG);
		reserve(LONG);
		reserve(LONG); // one queued: the balance is one token short

		this.store.updateRate(this.key, TWO_PER_SECOND, 0.5).block();

		// Two tokens short now: 2 s each at 0.5 per second.
		assertThat(reserve(LONG)).isEqualTo(after(4000));
		this.clock.advance(Duration.ofSeconds(6));
		assertThat(reserve(LONG)).isEqualTo(Reservation.now());
		assertThat(reserve(LONG)).isEqualTo(after(2000));
	}

	@Test
	void drainingTakesTheTokensLeftButKeepsTheQueue() {
		reserve(LONG);
		this.store.drain(this.key, TWO_PER_SECOND).block();
		assertThat(reserve(LONG)).isEqualTo(after(500));

		reserve(LONG); // queued at 1000 ms
		this.store.drain(this.key, TWO_PER_SECOND).block();
		assertThat(reserve(LONG)).isEqualTo(after(1500));
	}

	@Test
	void sellersOperationsAndRegionsHaveTheirOwnBuckets() {
		reserve(LONG);
		reserve(LONG);
		for (BucketKey other : new BucketKey[] {
				new BucketKey(Region.NA, this.key.applicationId(), "B2SELLER", SpOperation.SEARCH_CATALOG_ITEMS),
				new BucketKey(Region.NA, this.key.applicationId(), "A1SELLER", SpOperation.SEARCH_LISTINGS_ITEMS),
				new BucketKey(Region.EU, this.key.applicationId(), "A1SELLER", SpOperation.SEARCH_CATALOG_ITEMS) }) {
			assertThat(this.store.reserve(other, TWO_PER_SECOND, LONG).block()).isEqualTo(Reservation.now());
		}
	}

}
