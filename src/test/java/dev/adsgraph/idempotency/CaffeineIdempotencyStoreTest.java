package dev.adsgraph.idempotency;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.adsgraph.idempotency.IdempotencyStore.Claim;
import dev.adsgraph.idempotency.IdempotencyStore.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-memory store of the executor's tests. */
class CaffeineIdempotencyStoreTest extends IdempotencyStoreContract {

	@Override
	IdempotencyStore store() {
		return store(10);
	}

	private CaffeineIdempotencyStore store(long maxEntries) {
		return new CaffeineIdempotencyStore(Duration.ofHours(24), maxEntries, Duration.ofMinutes(5), this.clock);
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

}
