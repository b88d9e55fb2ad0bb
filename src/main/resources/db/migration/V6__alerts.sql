-- Alerts (dev.adsgraph.alerts). A workspace's thresholds: a NULL column means the gateway's
-- default (adsgraph.alerts.*), so a changed default reaches every workspace that never set it.
CREATE TABLE alert_settings (
    workspace_id            text        PRIMARY KEY,
    days_of_cover_threshold integer     CHECK (days_of_cover_threshold BETWEEN 1 AND 365),
    min_title_length        integer     CHECK (min_title_length BETWEEN 0 AND 200),
    require_main_image      boolean,
    updated_at              timestamptz NOT NULL
);

-- One row per occurrence of an alert: raised when a check first sees the condition, resolved
-- when a check that could read the kind's sources no longer sees it. At most one open row per
-- workspace, profile, kind and ASIN (replicas checking at once meet on the unique index).
-- Resolved rows stay, as the alerts' history.
CREATE TABLE alert_state (
    id             bigserial   PRIMARY KEY,
    workspace_id   text        NOT NULL,
    profile_id     text        NOT NULL,
    kind           text        NOT NULL CHECK (kind IN ('OUT_OF_STOCK', 'LOW_DAYS_OF_COVER',
                                   'LISTING_NOT_BUYABLE', 'FEATURED_OFFER_LOST', 'NOT_RETAIL_READY')),
    marketplace_id text        NOT NULL,
    asin           text        NOT NULL,
    raised_at      timestamptz NOT NULL,
    last_seen_at   timestamptz NOT NULL,
    resolved_at    timestamptz
);

CREATE UNIQUE INDEX alert_state_open ON alert_state (workspace_id, profile_id, kind, marketplace_id, asin)
    WHERE resolved_at IS NULL;
