-- The registrations made through the gateway (dev.adsgraph.registrations.RegistrationStore):
-- terms tokens, ads accounts and Ads API v1 advertiser accounts, one row per tenant, kind
-- and Amazon id, written after Amazon accepted the mutation, with the status the gateway
-- last saw. Rows that are not terminal are followed again after a restart.
CREATE TABLE registration (
    tenant_id     text        NOT NULL,
    kind          text        NOT NULL CHECK (kind IN ('TERMS_TOKEN', 'ADS_ACCOUNT', 'ADVERTISER_ACCOUNT')),
    -- Amazon's id: the terms token, the ads account id, the advertiser account id.
    amazon_id     text        NOT NULL,
    -- The mutation that made it (createTermsToken, registerAdsAccount,
    -- createAdvertiserAccounts; updateAdvertiserAccounts for an account the gateway
    -- first saw in an update).
    mutation      text        NOT NULL,
    -- SHA-256 of the mutation's canonical input, as idempotency computes it
    -- (InputFingerprint): equal to idempotency_key.fingerprint when a key was sent.
    fingerprint   text        NOT NULL,
    -- The item of a batch mutation's input (advertiser accounts), else NULL.
    input_index   integer,
    registered_at timestamptz NOT NULL,
    -- The status the gateway saw last, when, and whether it is final.
    status        text        NOT NULL,
    status_at     timestamptz NOT NULL,
    terminal      boolean     NOT NULL,
    PRIMARY KEY (tenant_id, kind, amazon_id)
);

CREATE INDEX registration_in_progress ON registration (tenant_id) WHERE NOT terminal;

-- The history of a registration as the gateway saw it: the mutation that made it, each
-- later write through the gateway, and each change of status it observed (a
-- subscription's poll, a query, a watcher resumed after a restart), in order.
CREATE TABLE registration_event (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   text        NOT NULL,
    kind        text        NOT NULL,
    amazon_id   text        NOT NULL,
    observed_at timestamptz NOT NULL,
    status      text        NOT NULL,
    -- The mutation's name for a write, else what read the status: POLL (a subscription's
    -- poller, or a watcher resumed after a restart) or QUERY.
    source      text        NOT NULL,
    -- The input's fingerprint for a write, else NULL.
    fingerprint text,
    FOREIGN KEY (tenant_id, kind, amazon_id) REFERENCES registration ON DELETE CASCADE
);

CREATE INDEX registration_event_of ON registration_event (tenant_id, kind, amazon_id, id);
