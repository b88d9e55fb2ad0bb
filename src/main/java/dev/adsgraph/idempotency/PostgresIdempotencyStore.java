package dev.adsgraph.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * {@link IdempotencyStore} in PostgreSQL (table {@code idempotency_key}), so a retry
 * after a restart of the gateway, or on another replica, finds the first answer. Payloads
 * are kept as JSON (Jackson, read back as the payload type). Every operation is one
 * statement, atomic per key; the instants it compares are read from the given clock, not
 * the database's, so tests move time by hand.
 * <p>
 * A payload is read back only for the request that stored it: a key reused with another
 * input or mutation is refused by the executor before it reads the payload, and another
 * mutation's payload may not even be of the asked type.
 */
class PostgresIdempotencyStore implements IdempotencyStore {

	private static final String CLAIM = """
			INSERT INTO idempotency_key AS held
			    (tenant_id, idempotency_key, mutation, fingerprint, claimed_at, claim_token, lapses_at)
			VALUES (:tenant, :key, :mutation, :fingerprint, :now, :token, :lapsesAt)
			ON CONFLICT (tenant_id, idempotency_key) DO UPDATE SET
			    mutation = EXCLUDED.mutation, fingerprint = EXCLUDED.fingerprint,
			    claimed_at = EXCLUDED.claimed_at, claim_token = EXCLUDED.claim_token,
			    outcome = NULL, payload = NULL, unknown_reason = NULL, finished_at = NULL,
			    lapses_at = EXCLUDED.lapses_at
			WHERE held.lapses_at <= EXCLUDED.claimed_at""";

	private static final String HELD = """
			SELECT mutation, fingerprint, claimed_at, claim_token, outcome, payload::text AS payload, unknown_reason
			FROM idempotency_key
			WHERE tenant_id = :tenant AND idempotency_key = :key AND lapses_at > :now""";

	private static final String COMPLETE = """
			UPDATE idempotency_key SET
			    outcome = :outcome, payload = CAST(:payload AS jsonb), unknown_reason = :reason,
			    finished_at = :now, lapses_at = :lapsesAt
			WHERE tenant_id = :tenant AND idempotency_key = :key AND claim_token = :token
			    AND outcome IS NULL AND lapses_at > :now""";

	private static final String RELEASE = """
			DELETE FROM idempotency_key
			WHERE tenant_id = :tenant AND idempotency_key = :key AND claim_token = :token AND outcome IS NULL""";

	private static final String PURGE = "DELETE FROM idempotency_key WHERE lapses_at <= :now";

	/**
	 * How often a claim is tried again when the row it met is gone before it could be
	 * read (released or lapsed in between): each time is a new race, so a few suffice.
	 */
	private static final int CLAIM_ATTEMPTS = 5;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DatabaseClient database;

	private final Duration retention;

	private final Duration inFlightBound;

	private final Clock clock;

	PostgresIdempotencyStore(DatabaseClient database, Duration retention, Duration inFlightBound, Clock clock) {
		this.database = database;
		this.retention = retention;
		this.inFlightBound = inFlightBound;
		this.clock = clock;
	}

	@Override
	public <T> Mono<Claim<T>> claim(Key key, Request request, String token, Class<T> payloadType) {
		return claim(key, request, token, payloadType, CLAIM_ATTEMPTS);
	}

	private <T> Mono<Claim<T>> claim(Key key, Request request, String token, Class<T> payloadType, int attempts) {
		return Mono.defer(() -> {
			Instant now = this.clock.instant();
			Mono<Long> inserted = this.database.sql(CLAIM)
				.bind("tenant", key.tenantId())
				.bind("key", key.key())
				.bind("mutation", request.mutation())
				.bind("fingerprint", request.fingerprint())
				.bind("now", now)
				.bind("token", token)
				.bind("lapsesAt", now.plus(this.inFlightBound))
				.fetch()
				.rowsUpdated();
			return inserted.flatMap((rows) -> {
				if (rows > 0) {
					return Mono.just(new Claim.Acquired<T>());
				}
				Mono<Claim<T>> held = this.database.sql(HELD)
					.bind("tenant", key.tenantId())
					.bind("key", key.key())
					.bind("now", now)
					.map((row) -> held(row, request, payloadType))
					.one();
				if (attempts <= 1) {
					return held.switchIfEmpty(Mono.error(() -> new IllegalStateException(
							"idempotency key kept changing hands while it was claimed " + CLAIM_ATTEMPTS + " times")));
				}
				return held.switchIfEmpty(Mono.defer(() -> claim(key, request, token, payloadType, attempts - 1)));
			});
		});
	}

	private static <T> Claim<T> held(Readable row, Request asked, Class<T> payloadType) {
		Request request = new Request(row.get("mutation", String.class), row.get("fingerprint", String.class));
		Instant since = row.get("claimed_at", Instant.class);
		String outcome = row.get("outcome", String.class);
		if (outcome == null) {
			return new Claim.InFlight<>(request, since, row.get("claim_token", String.class));
		}
		if (outcome.equals("UNKNOWN")) {
			return new Claim.Finished<>(request, since, new Outcome.Unknown<>(row.get("unknown_reason", String.class)));
		}
		String payload = row.get("payload", String.class);
		T answer = (request.equals(asked) && payload != null) ? JSON.readValue(payload, payloadType) : null;
		return new Claim.Finished<>(request, since, new Outcome.Answered<>(answer));
	}

	@Override
	public <T> Mono<Boolean> complete(Key key, String token, Outcome<T> outcome, Class<T> payloadType) {
		return Mono.defer(() -> {
			Instant now = this.clock.instant();
			DatabaseClient.GenericExecuteSpec update = this.database.sql(COMPLETE)
				.bind("tenant", key.tenantId())
				.bind("key", key.key())
				.bind("token", token)
				.bind("now", now)
				.bind("lapsesAt", now.plus(this.retention));
			if (outcome instanceof Outcome.Answered<T> answered) {
				update = update.bind("outcome", "ANSWERED")
					.bind("payload", JSON.writeValueAsString(answered.payload()))
					.bindNull("reason", String.class);
			}
			else {
				update = update.bind("outcome", "UNKNOWN")
					.bindNull("payload", String.class)
					.bind("reason", ((Outcome.Unknown<T>) outcome).reason());
			}
			return update.fetch().rowsUpdated().map((rows) -> rows > 0);
		});
	}

	@Override
	public Mono<Void> release(Key key, String token) {
		return this.database.sql(RELEASE)
			.bind("tenant", key.tenantId())
			.bind("key", key.key())
			.bind("token", token)
			.fetch()
			.rowsUpdated()
			.then();
	}

	/** Deletes the rows that have lapsed; answers how many. */
	Mono<Long> purge() {
		return Mono.defer(() -> this.database.sql(PURGE).bind("now", this.clock.instant()).fetch().rowsUpdated());
	}

}
