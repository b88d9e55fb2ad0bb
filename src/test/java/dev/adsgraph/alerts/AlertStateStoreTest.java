package dev.adsgraph.alerts;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import dev.adsgraph.alerts.AlertStateStore.Key;
import dev.adsgraph.testing.TestDatabase;

import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Since when alerts are open, on a database of its own with the gateway's migrations: a
 * new store on the same database stands for a restarted gateway (or another replica).
 */
class AlertStateStoreTest {

	private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

	private static final Set<AlertKind> ALL = EnumSet.allOf(AlertKind.class);

	private static final Key OUT = new Key(AlertKind.OUT_OF_STOCK, "ATVPDKIKX0DER", "B000000001");

	private static final Key TITLE = new Key(AlertKind.NOT_RETAIL_READY, "ATVPDKIKX0DER", "B000000002");

	private static DatabaseClient database;

	@BeforeAll
	static void migrate() {
		database = TestDatabase.migrated();
	}

	@BeforeEach
	void empty() {
		database.sql("DELETE FROM alert_state").fetch().rowsUpdated().block();
	}

	@Test
	void sinceIsTheFirstCheckThatSawItAcrossRestarts() {
		Map<Key, Instant> first = new AlertStateStore(database).reconcile("acme", "1", List.of(OUT), (key) -> true, T0)
			.block();
		assertThat(first).containsEntry(OUT, T0);
		Map<Key, Instant> afterRestart = new AlertStateStore(database)
			.reconcile("acme", "1", List.of(OUT, TITLE), (key) -> true, T0.plusSeconds(3600))
			.block();
		assertThat(afterRestart).containsEntry(OUT, T0).containsEntry(TITLE, T0.plusSeconds(3600));
		// Other workspaces and profiles have alerts of their own.
		assertThat(
				new AlertStateStore(database).reconcile("other", "1", List.of(OUT), (key) -> true, T0.plusSeconds(7200))
					.block())
			.containsEntry(OUT, T0.plusSeconds(7200));
	}

	@Test
	void anAlertIsResolvedOnlyByACheckThatDecidedItsKind() {
		AlertStateStore store = new AlertStateStore(database);
		store.reconcile("acme", "1", List.of(OUT, TITLE), (key) -> true, T0).block();
		// The catalog could not be read: NOT_RETAIL_READY stays open; OUT_OF_STOCK
		// resolves.
		store.reconcile("acme", "1", List.of(), (key) -> key.kind() == AlertKind.OUT_OF_STOCK, T0.plusSeconds(60))
			.block();
		assertThat(rows()).containsExactlyInAnyOrder("OUT_OF_STOCK resolved", "NOT_RETAIL_READY open");
		// Raised again: a new occurrence, since the check that saw it again.
		Map<Key, Instant> again = store.reconcile("acme", "1", List.of(OUT, TITLE), (key) -> true, T0.plusSeconds(120))
			.block();
		assertThat(again).containsEntry(OUT, T0.plusSeconds(120)).containsEntry(TITLE, T0);
		assertThat(rows()).containsExactlyInAnyOrder("OUT_OF_STOCK resolved", "OUT_OF_STOCK open",
				"NOT_RETAIL_READY open");
	}

	@Test
	void replicasCheckingAtOnceAgreeOnOneOpenAlert() {
		List<Map<Key, Instant>> checks = Flux.range(0, 8)
			.flatMap((i) -> new AlertStateStore(database).reconcile("acme", "1", List.of(OUT), (key) -> true,
					T0.plusMillis(i)))
			.collectList()
			.block();
		Instant since = checks.get(0).get(OUT);
		assertThat(checks).allSatisfy((check) -> assertThat(check).containsEntry(OUT, since));
		assertThat(rows()).containsExactly("OUT_OF_STOCK open");
	}

	private static List<String> rows() {
		return database.sql("SELECT kind, resolved_at FROM alert_state")
			.map((row) -> row.get("kind", String.class)
					+ ((row.get("resolved_at", Instant.class) != null) ? " resolved" : " open"))
			.all()
			.collectList()
			.block();
	}

}
