package dev.adsgraph.idempotency;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.adsgraph.idempotency.IdempotencyStore.Claim;
import dev.adsgraph.idempotency.IdempotencyStore.Key;
import dev.adsgraph.idempotency.IdempotencyStore.Outcome;
import dev.adsgraph.idempotency.IdempotencyStore.Request;
import dev.adsgraph.testing.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-memory store on a clock moved by hand. */
class CaffeineIdempotencyStoreTest {

	private static final Instant START = Instant.parse("2026-01-10T12:00:00Z");

	private static final Request REQUEST = new Request("registerAdsAccount", "digest-a");

	private final MutableClock clock = new MutableClock(START);

	private CaffeineIdempotencyStore store(long maxEntries) {
		return new CaffeineIdempotencyStore(Duration.ofHours(24), maxEntries, Duration.ofMinutes(5), this.clock);
	}

	private static Key key(String key) {
		return new Key("demo", key);
	}

	@Test
	void theFirstClaimAcquiresAndLaterOnesSeeTheExecutionThenItsAnswer() {
		CaffeineIdempotencyStore store = store(10);
		assertThat(store.claim(key("k"), REQUEST, "t1", String.class).block()).isInstanceOf(Claim.Acquired.class);
		this.clock.advance(Duration.ofSeconds(3));
		assertThat(store.claim(key("k"), new Request("registerAdsAccount", "digest-b"), "t2", String.class).block())
			.isEqualTo(new Claim.InFlight<String>(REQUEST, START, "t1"));
		assertThat(store.complete(key("k"), "t1", new Outcome.Answered<>("answer"), String.class).block()).isTrue();
		assertThat(store.claim(key("k"), REQUEST, "t3", String.class).block())
			.isEqualTo(new Claim.Finished<>(REQUEST, START, new Outcome.Answered<>("answer")));
	}

	@Test
	void onlyTheHolderOfTheClaimSettlesIt() {
		CaffeineIdempotencyStore store = store(10);
		store.claim(key("k"), REQUEST, "t1", String.class).block();
		assertThat(store.complete(key("k"), "intruder", new Outcome.Answered<>("x"), String.class).block()).isFalse();
		store.release(key("k"), "intruder").block();
		assertThat(store.claim(key("k"), REQUEST, "t2", String.class).block()).isInstanceOf(Claim.InFlight.class);
		store.release(key("k"), "t1").block();
		assertThat(store.claim(key("k"), REQUEST, "t2", String.class).block()).isInstanceOf(Claim.Acquired.class);
	}

	@Test
	void aFinishedKeyIsNeitherReleasedNorOverwritten() {
		CaffeineIdempotencyStore store = store(10);
		store.claim(key("k"), REQUEST, "t1", String.class).block();
		store.complete(key("k"), "t1", new Outcome.Answered<>("first"), String.class).block();
		store.release(key("k"), "t1").block();
		assertThat(store.complete(key("k"), "t1", new Outcome.Answered<>("second"), String.class).block()).isFalse();
		assertThat(store.claim(key("k"), REQUEST, "t2", String.class).block())
			.isEqualTo(new Claim.Finished<>(REQUEST, START, new Outcome.Answered<>("first")));
	}

	@Test
	void aClaimNeverSettledLapsesAfterTheInFlightBound() {
		CaffeineIdempotencyStore store = store(10);
		store.claim(key("k"), REQUEST, "t1", String.class).block();
		this.clock.advance(Duration.ofMinutes(5).minusMillis(1));
		assertThat(store.claim(key("k"), REQUEST, "t2", String.class).block()).isInstanceOf(Claim.InFlight.class);
		this.clock.advance(Duration.ofMillis(1));
		assertThat(store.claim(key("k"), REQUEST, "t2", String.class).block()).isInstanceOf(Claim.Acquired.class);
		assertThat(store.complete(key("k"), "t1", new Outcome.Answered<>("late"), String.class).block()).isFalse();
		assertThat(store.complete(key("k"), "t2", new Outcome.Answered<>("on time"), String.class).block()).isTrue();
	}

	@Test
	void retentionCountsFromTheAnswerNotFromTheClaim() {
		CaffeineIdempotencyStore store = store(10);
		store.claim(key("k"), REQUEST, "t1", String.class).block();
		this.clock.advance(Duration.ofMinutes(4));
		store.complete(key("k"), "t1", new Outcome.Unknown<>("Amazon did not answer"), String.class).block();
		this.clock.advance(Duration.ofHours(24).minusMillis(1));
		assertThat(store.claim(key("k"), REQUEST, "t2", String.class).block())
			.isEqualTo(new Claim.Finished<>(REQUEST, START, new Outcome.Unknown<>("Amazon did not answer")));
		this.clock.advance(Duration.ofMillis(1));
		assertThat(store.claim(key("k"), REQUEST, "t2", String.class).block()).isInstanceOf(Claim.Acquired.class);
	}

	@Test
	void theSizeBoundDropsFinishedEntriesButNeverOneInFlight() {
		CaffeineIdempotencyStore store = store(2);
		store.claim(key("running"), REQUEST, "r", String.class).block();
		for (int i = 0; i < 6; i++) {
			store.claim(key("done-" + i), REQUEST, "t" + i, String.class).block();
			store.complete(key("done-" + i), "t" + i, new Outcome.Answered<>("answer-" + i), String.class).block();
		}
		int finished = 0;
		for (int i = 0; i < 6; i++) {
			if (store.claim(key("done-" + i), REQUEST, "probe" + i, String.class).block() instanceof Claim.Finished) {
				finished++;
			}
		}
		assertThat(finished).isLessThanOrEqualTo(2);
		assertThat(store.claim(key("running"), REQUEST, "again", String.class).block())
			.isEqualTo(new Claim.InFlight<String>(REQUEST, START, "r"));
	}

	@Test
	void keysOfDifferentTenantsAreDifferentKeys() {
		CaffeineIdempotencyStore store = store(10);
		store.claim(new Key("demo", "k"), REQUEST, "t1", String.class).block();
		assertThat(store.claim(new Key("agency", "k"), REQUEST, "t2", String.class).block())
			.isInstanceOf(Claim.Acquired.class);
	}

}
