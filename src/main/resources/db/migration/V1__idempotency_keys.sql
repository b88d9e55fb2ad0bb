-- The idempotency keys of mutations (dev.adsgraph.idempotency.PostgresIdempotencyStore):
-- one row per tenant and key, claimed by an execution (claim_token), then finished with
-- its outcome. A row lapses at lapses_at: a claim never settled (its gateway vanished)
-- is taken over, a finished answer is forgotten; the store purges lapsed rows.
CREATE TABLE idempotency_key (
    tenant_id       text        NOT NULL,
    idempotency_key text        NOT NULL,
    mutation        text        NOT NULL,
    -- SHA-256 of the mutation's canonical input (InputFingerprint).
    fingerprint     text        NOT NULL,
    claimed_at      timestamptz NOT NULL,
    claim_token     text        NOT NULL,
    -- NULL while the execution is in flight.
    outcome         text        CHECK (outcome IN ('ANSWERED', 'UNKNOWN')),
    -- The payload answered, as JSON (outcome ANSWERED).
    payload         jsonb,
    -- Why the outcome is unknown, a phrase for the caller (outcome UNKNOWN).
    unknown_reason  text,
    finished_at     timestamptz,
    lapses_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, idempotency_key),
    CHECK ((outcome IS NULL) = (finished_at IS NULL)),
    CHECK (outcome <> 'UNKNOWN' OR unknown_reason IS NOT NULL)
);

CREATE INDEX idempotency_key_lapses_at ON idempotency_key (lapses_at);
