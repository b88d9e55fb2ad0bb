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

/**
 * What every {@link IdempotencyStore} does, on a clock moved by hand: the in-memory store
 * the executor's tests run on behaves as the PostgreSQL one the gateway runs on.
 */
abstract class IdempotencyStoreContract {

	static final Instant START = Instant.parse("2026-01-10T12:00:00Z");

	static final Request REQUEST = new Request("registerAdsAccount", "digest-a");

	final MutableClock clock = new MutableClock(START);

	/**
	 * A store keeping answers 24 hours and claims 5 minutes, reading {@link #clock},
	 * empty.
	 */
	abstract IdempotencyStore store();

	static Key key(String key) {
		return new Key("demo", key);
	}

	@Test
	void theFirstClaimAcquiresAndLaterOnesSeeTheExecutionThenItsAnswer() {
		IdempotencyStore store = store();
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
		IdempotencyStore store = store();
		store.claim(key("k"), REQUEST, "t1", String.class).block();
		assertThat(store.complete(key("k"), "intruder", new Outcome.Answered<>("x"), String.class).block()).isFalse();
		store.release(key("k"), "intruder").block();
		assertThat(store.claim(key("k"), REQUEST, "t2", String.class).block()).isInstanceOf(Claim.InFlight.class);
		store.release(key("k"), "t1").block();
		assertThat(store.claim(key("k"), REQUEST, "t2", String.class).block()).isInstanceOf(Claim.Acquired.class);
	}

	@Test
	void aFinishedKeyIsNeitherReleasedNorOverwritten() {
		IdempotencyStore store = store();
		store.claim(key("k"), REQUEST, "t1", String.class).block();
		store.complete(key("k"), "t1", new Outcome.Answered<>("first"), String.class).block();
		store.release(key("k"), "t1").block();
		assertThat(store.complete(key("k"), "t1", new Outcome.Answered<>("second"), String.class).block()).isFalse();
		assertThat(store.claim(key("k"), REQUEST, "t2", String.class).block())
			.isEqualTo(new Claim.Finished<>(REQUEST, START, new Outcome.Answered<>("first")));
	}

	@Test
	void aClaimNeverSettledLapsesAfterTheInFlightBound() {
		IdempotencyStore store = store();
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
		IdempotencyStore store = store();
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
	void keysOfDifferentTenantsAreDifferentKeys() {
		IdempotencyStore store = store();
		store.claim(new Key("demo", "k"), REQUEST, "t1", String.class).block();
		assertThat(store.claim(new Key("agency", "k"), REQUEST, "t2", String.class).block())
			.isInstanceOf(Claim.Acquired.class);
	}

}
