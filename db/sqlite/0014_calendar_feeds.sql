-- Calendar subscriptions: a secret per feed that opens that feed (a workspace's or one campaign's editorial calendar) and
-- nothing else. A calendar app keeps the URL for years and shows it to whoever syncs it: it must not be an API key.
CREATE TABLE platform_calendar_feeds (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES platform_workspaces (id),
    name TEXT NOT NULL,
    campaign_id TEXT NULL,
    secret_prefix TEXT NOT NULL UNIQUE,
    secret_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT NULL
);

CREATE INDEX ix_platform_calendar_feeds_workspace ON platform_calendar_feeds (workspace_id, created_at, id);
