package dev.adsgraph.idempotency;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.r2dbc.core.DatabaseClient;

import dev.adsgraph.idempotency.IdempotencyStore.Claim;
import dev.adsgraph.idempotency.IdempotencyStore.Outcome;
import dev.adsgraph.idempotency.IdempotencyStore.Request;
import dev.adsgraph.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PostgreSQL store, on a database of its own with the gateway's migrations, emptied
 * before each test.
 */
class PostgresIdempotencyStoreTest extends IdempotencyStoreContract {

	private static DatabaseClient database;

	@BeforeAll
	static void migrate() {
		database = TestDatabase.migrated();
	}

	@BeforeEach
	void empty() {
		database.sql("DELETE FROM idempotency_key").fetch().rowsUpdated().block();
	}

	@Override
	PostgresIdempotencyStore store() {
		return new PostgresIdempotencyStore(database, Duration.ofHours(24), Duration.ofMinutes(5), this.clock);
	}

	record Payload(String id, List<String> countries) {
	}

	@Test
	void aPayloadIsKeptAsJsonAndReadBackAsItsTypeByAnotherStore() {
		store().claim(key("k"), REQUEST, "t1", Payload.class).block();
		Payload answer = new Payload("amzn1.ads-account.g.1", List.of("US", "CA"));
		store().complete(key("k"), "t1", new Outcome.Answered<>(answer), Payload.class).block();
		// Another store on the same database: the gateway after a restart.
		assertThat(store().claim(key("k"), REQUEST, "t2", Payload.class).block())
			.isEqualTo(new Claim.Finished<>(REQUEST, START, new Outcome.Answered<>(answer)));
		assertThat(database.sql("SELECT payload ->> 'id' AS id FROM idempotency_key")
			.map((row) -> row.get("id", String.class))
			.one()
			.block()).isEqualTo("amzn1.ads-account.g.1");
	}

	@Test
	void anAnswerIsReadOnlyForTheRequestThatStoredIt() {
		store().claim(key("k"), REQUEST, "t1", Payload.class).block();
		store().complete(key("k"), "t1", new Outcome.Answered<>(new Payload("x", List.of())), Payload.class).block();
		Request other = new Request("createTermsToken", "digest-z");
		assertThat(store().claim(key("k"), other, "t2", String.class).block())
			.isEqualTo(new Claim.Finished<String>(REQUEST, START, new Outcome.Answered<>(null)));
	}

	@Test
	void aNullPayloadIsAnAnswerToo() {
		store().claim(key("k"), REQUEST, "t1", Payload.class).block();
		store().complete(key("k"), "t1", new Outcome.Answered<>(null), Payload.class).block();
		assertThat(store().claim(key("k"), REQUEST, "t2", Payload.class).block())
			.isEqualTo(new Claim.Finished<Payload>(REQUEST, START, new Outcome.Answered<>(null)));
	}

	@Test
	void thePurgeDeletesOnlyLapsedRows() {
		PostgresIdempotencyStore store = store();
		store.claim(key("done"), REQUEST, "t1", String.class).block();
		store.complete(key("done"), "t1", new Outcome.Answered<>("answer"), String.class).block();
		this.clock.advance(Duration.ofHours(24).minusMinutes(2));
		store.claim(key("running"), REQUEST, "t2", String.class).block();
		assertThat(store.purge().block()).isZero();
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(store.purge().block()).isOne();
		assertThat(store.claim(key("running"), REQUEST, "t3", String.class).block()).isInstanceOf(Claim.InFlight.class);
		assertThat(database.sql("SELECT count(*) AS n FROM idempotency_key")
			.map((row) -> row.get("n", Long.class))
			.one()
			.block()).isOne();
	}

}
