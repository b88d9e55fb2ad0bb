-- The workspaces created through the admin API and the API keys issued for them
-- (dev.adsgraph.tenancy.WorkspaceStore). A workspace defined in configuration
-- (adsgraph.tenants[...]) gets a row here only when the admin issues it a key, to hold
-- that key; configuration stays the source of its name and credentials.
CREATE TABLE workspaces (
    -- A slug (lower-case letters, digits, hyphens) the admin chose or the gateway generated;
    -- a configured tenant's id for the row of a configured workspace.
    id         text        PRIMARY KEY,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL
);

-- One row per API key issued: the key itself is shown once, when it is issued, and never
-- stored; the gateway recognises it by its SHA-256.
CREATE TABLE api_keys (
    id           uuid        PRIMARY KEY,
    workspace_id text        NOT NULL REFERENCES workspaces (id),
    label        text,
    -- SHA-256 of the key's UTF-8 bytes (agk_ followed by 43 base64url characters).
    sha256       bytea       NOT NULL UNIQUE CHECK (octet_length(sha256) = 32),
    created_at   timestamptz NOT NULL,
    -- Set by a rotation: the key is refused from then on. NULL: it does not expire.
    expires_at   timestamptz,
    -- Set by a revocation: the key is refused from then on.
    revoked_at   timestamptz
);

CREATE INDEX api_keys_of_workspace ON api_keys (workspace_id, created_at);
