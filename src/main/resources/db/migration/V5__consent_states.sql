-- The consent flows' states (dev.adsgraph.consent.ConsentStates): one row per
-- connectAmazonAds or connectSellerCentral call, holding what the callback needs and
-- nothing a reader of the table could use: the state itself (32 random bytes, base64url)
-- travels only through the user's browser and Amazon, and only its SHA-256 is kept. A
-- state is used once (used_at is set by the one UPDATE that consumes it) and until
-- expires_at; rows expired for a day are deleted when new states are issued.
CREATE TABLE consent_state (
    state_sha256 bytea       PRIMARY KEY,
    workspace_id text        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('ADS', 'SELLING_PARTNER')),
    region       text        NOT NULL CHECK (region IN ('NA', 'EU', 'FE')),
    -- Where the user is sent back to, checked against the allow-list when issued.
    return_url   text        NOT NULL,
    -- The redirect_uri sent to Amazon, which the code exchange must repeat.
    redirect_uri text        NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz
);

CREATE INDEX consent_state_expiry ON consent_state (expires_at);
