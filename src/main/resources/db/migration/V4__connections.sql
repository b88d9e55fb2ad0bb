-- A workspace's connections (dev.adsgraph.connections.ConnectionStore): an Amazon user's
-- consent to the workspace's Ads LWA application (kind ADS, subject = the user's LWA
-- user_id), or a selling partner's authorization of its SP-API application (kind
-- SELLING_PARTNER, subject = the selling partner id). Reconnecting the same user or seller
-- updates the row. The refresh token is stored encrypted (AES-256-GCM: 12-byte nonce, then
-- ciphertext and tag; the associated data binds it to the row) under the key named by
-- key_id, and is deleted when the connection is disconnected. workspace_id is a configured
-- tenant's id or a row of workspaces.
CREATE TABLE connection (
    id            uuid        PRIMARY KEY,
    workspace_id  text        NOT NULL,
    kind          text        NOT NULL CHECK (kind IN ('ADS', 'SELLING_PARTNER')),
    subject       text        NOT NULL,
    -- What Amazon calls the user or seller, when known (LWA profile name, seller name).
    name          text,
    -- The regions the grant is used in: the user's profiles' regions for Ads, the
    -- region the seller authorized in for the SP-API.
    regions       text[]      NOT NULL,
    scopes        text[]      NOT NULL,
    -- The LWA application (client id) the refresh token was issued to.
    client_id     text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('ACTIVE', 'NEEDS_REAUTHORIZATION', 'DISCONNECTED')),
    status_reason text,
    refresh_token bytea,
    key_id        text,
    connected_at  timestamptz NOT NULL,
    status_at     timestamptz NOT NULL,
    last_used_at  timestamptz,
    UNIQUE (workspace_id, kind, subject),
    CHECK ((status = 'DISCONNECTED') = (refresh_token IS NULL)),
    CHECK ((refresh_token IS NULL) = (key_id IS NULL))
);

CREATE INDEX connection_of_workspace ON connection (workspace_id);
