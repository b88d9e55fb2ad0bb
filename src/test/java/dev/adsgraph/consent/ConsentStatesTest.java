package dev.adsgraph.consent;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.r2dbc.core.DatabaseClient;

import dev.adsgraph.connections.ConnectionKind;
import dev.adsgraph.testing.MutableClock;
import dev.adsgraph.testing.TestDatabase;
import dev.adsgraph.upstream.Region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The states on a database of their own with the gateway's migrations, emptied before
 * each test; the clock is moved by hand.
 */
class ConsentStatesTest {

	private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");

	private static final URI RETURN = URI.create("https://app.example.com/connections?tab=ads");

	private static final URI REDIRECT = URI.create("https://gateway.example.com/connect/ads/callback");

	private static DatabaseClient database;

	private final MutableClock clock = new MutableClock(START);

	private final ConsentStates states = new ConsentStates(database, this.clock);

	@BeforeAll
	static void migrate() {
		database = TestDatabase.migrated();
	}

	@BeforeEach
	void empty() {
		database.sql("DELETE FROM consent_state").fetch().rowsUpdated().block();
	}

	private ConsentStates.Issued issue(ConnectionKind kind) {
		return this.states.issue("acme", kind, Region.EU, RETURN, REDIRECT, Duration.ofMinutes(10)).block();
	}

	@Test
	void aStateIsThirtyTwoRandomBytesAndOnlyItsDigestIsStored() {
		ConsentStates.Issued issued = issue(ConnectionKind.ADS);
		assertThat(issued.state()).matches("[A-Za-z0-9_-]{43}");
		assertThat(issued.expiresAt()).isEqualTo(START.plus(Duration.ofMinutes(10)));
		assertThat(issued.toString()).doesNotContain(issued.state());
		assertThat(issue(ConnectionKind.ADS).state()).isNotEqualTo(issued.state());
		List<Map<String, Object>> rows = database.sql("SELECT * FROM consent_state")
			.fetch()
			.all()
			.collectList()
			.block();
		assertThat(rows).hasSize(2);
		assertThat(rows).allSatisfy((row) -> assertThat(row.values())
			.noneSatisfy((value) -> assertThat(String.valueOf(value)).contains(issued.state())));
	}

	@Test
	void aStateIsConsumedOnceWithEverythingItIsBoundTo() {
		ConsentStates.Issued issued = issue(ConnectionKind.ADS);
		ConsentState state = this.states.consume(issued.state(), ConnectionKind.ADS).block();
		assertThat(state).isEqualTo(new ConsentState("acme", ConnectionKind.ADS, Region.EU, RETURN, REDIRECT,
				START.plus(Duration.ofMinutes(10))));
		assertThatThrownBy(() -> this.states.consume(issued.state(), ConnectionKind.ADS).block())
			.isInstanceOf(ConsentStates.InvalidStateException.class)
			.hasMessageContaining("used already");
	}

	@Test
	void ofTwentyCallbacksRacingWithOneStateExactlyOneWins() {
		ConsentStates.Issued issued = issue(ConnectionKind.ADS);
		List<Boolean> outcomes = Flux.range(0, 20)
			.flatMap((i) -> this.states.consume(issued.state(), ConnectionKind.ADS)
				.map((state) -> true)
				.onErrorResume(ConsentStates.InvalidStateException.class, (ex) -> Mono.just(false))
				.subscribeOn(Schedulers.parallel()))
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(outcomes).hasSize(20).containsOnlyOnce(true);
	}

	@Test
	void anExpiredStateIsRefusedAndNotConsumed() {
		ConsentStates.Issued issued = issue(ConnectionKind.ADS);
		this.clock.advance(Duration.ofMinutes(10));
		assertThatThrownBy(() -> this.states.consume(issued.state(), ConnectionKind.ADS).block())
			.isInstanceOf(ConsentStates.InvalidStateException.class)
			.hasMessageContaining("expired");
		assertThat(database.sql("SELECT count(*) AS n FROM consent_state WHERE used_at IS NOT NULL")
			.map((row) -> row.get("n", Long.class))
			.one()
			.block()).isZero();
	}

	@Test
	void aStateOfAnotherKindIsRefusedAndStaysUsableForItsOwn() {
		ConsentStates.Issued issued = issue(ConnectionKind.SELLING_PARTNER);
		assertThatThrownBy(() -> this.states.consume(issued.state(), ConnectionKind.ADS).block())
			.isInstanceOf(ConsentStates.InvalidStateException.class)
			.hasMessageContaining("another kind");
		assertThat(this.states.consume(issued.state(), ConnectionKind.SELLING_PARTNER).block().kind())
			.isEqualTo(ConnectionKind.SELLING_PARTNER);
	}

	@Test
	void unknownMalformedAndMissingStatesAreRefusedWithTheirReason() {
		assertThatThrownBy(() -> this.states.consume("A".repeat(43), ConnectionKind.ADS).block())
			.hasMessageContaining("unknown");
		assertThatThrownBy(() -> this.states.consume("not a state", ConnectionKind.ADS).block())
			.hasMessageContaining("not one this gateway issued");
		assertThatThrownBy(() -> this.states.consume(null, ConnectionKind.ADS).block())
			.hasMessageContaining("no state parameter");
	}

	@Test
	void statesExpiredForADayAreDeletedWhenANewOneIsIssued() {
		issue(ConnectionKind.ADS);
		this.clock.advance(Duration.ofHours(12));
		issue(ConnectionKind.ADS);
		this.clock.advance(Duration.ofHours(13));
		issue(ConnectionKind.ADS);
		assertThat(database.sql("SELECT count(*) AS n FROM consent_state")
			.map((row) -> row.get("n", Long.class))
			.one()
			.block()).isEqualTo(2);
	}

}
