package dev.adsgraph.registrations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.r2dbc.spi.Readable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The registrations made through the gateway, in PostgreSQL (tables {@code registration}
 * and {@code registration_event}). A write is recorded after Amazon accepted it; a status
 * a poller or a query read is recorded only when it differs from the one last recorded,
 * so the events are the changes the gateway saw, each once. Every statement is atomic per
 * registration: concurrent observers of one change record it once.
 * <p>
 * Recording never fails the caller: Amazon has already answered, so the caller gets that
 * answer even when the database cannot take the record (logged as a warning). The
 * instants are the given clock's, not the database's.
 */
public class RegistrationStore {

	private static final Logger log = LoggerFactory.getLogger(RegistrationStore.class);

	private static final String WRITTEN = """
			WITH written AS (
			    INSERT INTO registration AS r (tenant_id, kind, amazon_id, mutation, fingerprint, input_index,
			        registered_at, status, status_at, terminal)
			    VALUES (:tenant, :kind, :id, :mutation, :fingerprint, :index, :now, :status, :now, :terminal)
			    ON CONFLICT (tenant_id, kind, amazon_id) DO UPDATE SET
			        status = EXCLUDED.status, terminal = EXCLUDED.terminal,
			        status_at = CASE WHEN r.status = EXCLUDED.status THEN r.status_at ELSE EXCLUDED.status_at END
			    RETURNING r.amazon_id)
			INSERT INTO registration_event (tenant_id, kind, amazon_id, observed_at, status, source, fingerprint)
			SELECT :tenant, :kind, amazon_id, :now, :status, :mutation, :fingerprint FROM written""";

	private static final String OBSERVED = """
			WITH seen AS (
			    SELECT * FROM unnest(CAST(:ids AS text[]), CAST(:statuses AS text[]), CAST(:terminals AS boolean[]))
			        AS s (amazon_id, status, terminal)),
			changed AS (
			    UPDATE registration r SET status = s.status, status_at = :now, terminal = s.terminal
			    FROM seen s
			    WHERE r.tenant_id = :tenant AND r.kind = :kind AND r.amazon_id = s.amazon_id
			        AND r.status <> s.status AND (s.terminal OR NOT r.terminal)
			    RETURNING r.amazon_id, r.status)
			INSERT INTO registration_event (tenant_id, kind, amazon_id, observed_at, status, source)
			SELECT :tenant, :kind, amazon_id, :now, status, :source FROM changed""";

	private static final String IN_PROGRESS = """
			SELECT tenant_id, kind, amazon_id, mutation, fingerprint, input_index, registered_at, status, status_at,
			    terminal
			FROM registration WHERE NOT terminal ORDER BY registered_at, amazon_id""";

	private static final String OF_TENANT = """
			SELECT tenant_id, kind, amazon_id, mutation, fingerprint, input_index, registered_at, status, status_at,
			    terminal
			FROM registration WHERE tenant_id = :tenant ORDER BY registered_at, amazon_id""";

	private static final String HISTORY = """
			SELECT observed_at, status, source, fingerprint FROM registration_event
			WHERE tenant_id = :tenant AND kind = :kind AND amazon_id = :id ORDER BY id""";

	private final DatabaseClient database;

	private final Clock clock;

	/**
	 * The status this replica last recorded or saw recorded, per registration: a poll
	 * that reads the same status again (most polls) needs no statement. Local and
	 * bounded; an entry lost or expired costs one statement, which records nothing new.
	 * Caffeine's maintenance runs on the caller's thread, so what a test sees does not
	 * depend on a pool.
	 */
	private final Cache<Seen, String> lastStatus = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterWrite(Duration.ofMinutes(10))
		.executor(Runnable::run)
		.build();

	public RegistrationStore(DatabaseClient database, Clock clock) {
		this.database = database;
		this.clock = clock;
	}

	/**
	 * Records what a mutation Amazon accepted made or changed: one registration per
	 * write, with the status Amazon answered.
	 * @param mutation the mutation's name
	 * @param fingerprint its input's fingerprint, as idempotency computes it
	 */
	public Mono<Void> written(String tenantId, RegistrationKind kind, String mutation, String fingerprint,
			List<Write> writes) {
		return Flux.fromIterable(writes).concatMap((write) -> Mono.defer(() -> {
			Instant now = this.clock.instant();
			DatabaseClient.GenericExecuteSpec insert = this.database.sql(WRITTEN)
				.bind("tenant", tenantId)
				.bind("kind", kind.name())
				.bind("id", write.amazonId())
				.bind("mutation", mutation)
				.bind("fingerprint", fingerprint)
				.bind("now", now)
				.bind("status", write.status())
				.bind("terminal", kind.isTerminal(write.status()));
			insert = (write.inputIndex() != null) ? insert.bind("index", write.inputIndex())
					: insert.bindNull("index", Integer.class);
			return insert.fetch()
				.rowsUpdated()
				.doOnSuccess((rows) -> this.lastStatus.put(new Seen(tenantId, kind, write.amazonId()), write.status()));
		})).then().onErrorResume((ex) -> {
			log.warn("Could not record the {} of tenant {} ({} {}); Amazon's answer is returned all the same", mutation,
					tenantId, kind, writes.stream().map(Write::amazonId).toList(), ex);
			return Mono.empty();
		});
	}

	/**
	 * Records the statuses read from Amazon, by Amazon id, that differ from the ones last
	 * recorded; ids the gateway did not register are ignored.
	 */
	public Mono<Void> observed(String tenantId, RegistrationKind kind, Source source, Map<String, String> read) {
		Map<String, String> statuses = new LinkedHashMap<>();
		read.forEach((id, status) -> {
			if (!status.equals(this.lastStatus.getIfPresent(new Seen(tenantId, kind, id)))) {
				statuses.put(id, status);
			}
		});
		if (statuses.isEmpty()) {
			return Mono.empty();
		}
		return Mono.defer(() -> {
			String[] ids = statuses.keySet().toArray(String[]::new);
			String[] values = new String[ids.length];
			Boolean[] terminals = new Boolean[ids.length];
			for (int i = 0; i < ids.length; i++) {
				values[i] = statuses.get(ids[i]);
				terminals[i] = kind.isTerminal(values[i]);
			}
			return this.database.sql(OBSERVED)
				.bind("ids", ids)
				.bind("statuses", values)
				.bind("terminals", terminals)
				.bind("tenant", tenantId)
				.bind("kind", kind.name())
				.bind("now", this.clock.instant())
				.bind("source", source.name())
				.fetch()
				.rowsUpdated();
		})
			.doOnSuccess((rows) -> statuses
				.forEach((id, status) -> this.lastStatus.put(new Seen(tenantId, kind, id), status)))
			.then()
			.onErrorResume((ex) -> {
				log.warn("Could not record the statuses of tenant {}'s {} read from Amazon", tenantId, kind, ex);
				return Mono.empty();
			});
	}

	/** One status read from Amazon, recorded if it changed. */
	public Mono<Void> observed(String tenantId, RegistrationKind kind, Source source, String amazonId, String status) {
		return observed(tenantId, kind, source, Map.of(amazonId, status));
	}

	/** The registrations whose last status is not final, oldest first. */
	public Flux<Registration> inProgress() {
		return this.database.sql(IN_PROGRESS).map(RegistrationStore::registration).all();
	}

	/** A tenant's registrations, oldest first. */
	public Flux<Registration> of(String tenantId) {
		return this.database.sql(OF_TENANT).bind("tenant", tenantId).map(RegistrationStore::registration).all();
	}

	/** What the gateway saw of one registration, in order. */
	public Flux<Event> history(String tenantId, RegistrationKind kind, String amazonId) {
		return this.database.sql(HISTORY)
			.bind("tenant", tenantId)
			.bind("kind", kind.name())
			.bind("id", amazonId)
			.map((row) -> new Event(row.get("observed_at", Instant.class), row.get("status", String.class),
					row.get("source", String.class), row.get("fingerprint", String.class)))
			.all();
	}

	private static Registration registration(Readable row) {
		return new Registration(row.get("tenant_id", String.class),
				RegistrationKind.valueOf(row.get("kind", String.class)), row.get("amazon_id", String.class),
				row.get("mutation", String.class), row.get("fingerprint", String.class),
				row.get("input_index", Integer.class), row.get("registered_at", Instant.class),
				row.get("status", String.class), row.get("status_at", Instant.class),
				Boolean.TRUE.equals(row.get("terminal", Boolean.class)));
	}

	/** What read a status. */
	public enum Source {

		/** A subscription's poller, or a watcher resumed after a restart. */
		POLL,

		/** A query. */
		QUERY

	}

	/**
	 * One thing a mutation made or changed at Amazon.
	 *
	 * @param inputIndex its item in a batch mutation's input, else null
	 */
	public record Write(String amazonId, Integer inputIndex, String status) {
	}

	/** A registration as recorded. */
	public record Registration(String tenantId, RegistrationKind kind, String amazonId, String mutation,
			String fingerprint, Integer inputIndex, Instant registeredAt, String status, Instant statusAt,
			boolean terminal) {
	}

	/**
	 * One entry of a registration's history.
	 *
	 * @param source the mutation's name for a write, else {@link Source}'s name
	 * @param fingerprint the input's fingerprint for a write, else null
	 */
	public record Event(Instant observedAt, String status, String source, String fingerprint) {
	}

	/** One registration, as the memo of last statuses keys it. */
	private record Seen(String tenantId, RegistrationKind kind, String amazonId) {
	}

}
