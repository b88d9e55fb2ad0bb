package dev.adsgraph.alerts;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Since when each alert is open, in PostgreSQL (table {@code alert_state}), so that
 * {@code since} survives restarts and replicas agree on it. A check records what it saw
 * ({@link #reconcile}): a condition seen for the first time opens a row, one seen again
 * keeps its row, and an open row of a kind the check could evaluate that it no longer saw
 * is resolved.
 */
@Component
class AlertStateStore {

	private static final String OPEN = """
			SELECT id, kind, marketplace_id, asin, raised_at FROM alert_state
			WHERE workspace_id = :workspace AND profile_id = :profile AND resolved_at IS NULL""";

	private static final String SEEN = """
			INSERT INTO alert_state (workspace_id, profile_id, kind, marketplace_id, asin, raised_at, last_seen_at)
			VALUES (:workspace, :profile, :kind, :marketplace, :asin, :now, :now)
			ON CONFLICT (workspace_id, profile_id, kind, marketplace_id, asin) WHERE resolved_at IS NULL
			DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at
			RETURNING raised_at""";

	private static final String RESOLVE = """
			UPDATE alert_state SET resolved_at = :now WHERE id = :id AND resolved_at IS NULL""";

	private final DatabaseClient database;

	AlertStateStore(DatabaseClient database) {
		this.database = database;
	}

	/**
	 * Records one check of a profile.
	 * @param seen the conditions the check saw
	 * @param decided whether the check could decide an alert (its kind's sources were
	 * read): open rows it could not decide stay open
	 * @return when each condition seen was first raised
	 */
	Mono<Map<Key, Instant>> reconcile(String workspaceId, String profileId, Collection<Key> seen,
			java.util.function.Predicate<Key> decided, Instant now) {
		Mono<Map<Key, Instant>> raised = Flux.fromIterable(seen)
			.concatMap((key) -> this.database.sql(SEEN)
				.bind("workspace", workspaceId)
				.bind("profile", profileId)
				.bind("kind", key.kind().name())
				.bind("marketplace", key.marketplaceId())
				.bind("asin", key.asin())
				.bind("now", now)
				.map((row) -> row.get("raised_at", Instant.class))
				.one()
				.map((at) -> Map.entry(key, at)))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
		Set<Key> current = Set.copyOf(seen);
		Mono<Long> resolved = this.database.sql(OPEN)
			.bind("workspace", workspaceId)
			.bind("profile", profileId)
			.map((row) -> new Open(row.get("id", Long.class),
					new Key(AlertKind.valueOf(row.get("kind", String.class)), row.get("marketplace_id", String.class),
							row.get("asin", String.class))))
			.all()
			.filter((open) -> decided.test(open.key()) && !current.contains(open.key()))
			.concatMap(
					(open) -> this.database.sql(RESOLVE).bind("id", open.id()).bind("now", now).fetch().rowsUpdated())
			.reduce(0L, Long::sum);
		return raised.flatMap((map) -> resolved.thenReturn(map));
	}

	/** An alert's identity: one open row at most per profile and key. */
	record Key(AlertKind kind, String marketplaceId, String asin) {
	}

	private record Open(long id, Key key) {
	}

	static List<Key> keys(Collection<AlertRules.Finding> findings, String marketplaceId) {
		return findings.stream().map((f) -> new Key(f.kind(), marketplaceId, f.product().asin())).toList();
	}

}
