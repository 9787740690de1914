-- Calendar subscriptions: a secret per feed that opens that feed (a workspace's or one campaign's editorial calendar) and
-- nothing else. A calendar app keeps the URL for years and shows it to whoever syncs it: it must not be an API key.
CREATE TABLE dbo.platform_calendar_feeds (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_platform_calendar_feeds PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL CONSTRAINT fk_platform_calendar_feeds_workspace REFERENCES dbo.platform_workspaces (id),
    name NVARCHAR(200) NOT NULL,
    campaign_id NVARCHAR(40) NULL,
    secret_prefix NVARCHAR(20) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT uq_platform_calendar_feeds_prefix UNIQUE,
    secret_hash NCHAR(64) NOT NULL,
    created_at DATETIME2(7) NOT NULL,
    revoked_at DATETIME2(7) NULL
);

CREATE INDEX ix_platform_calendar_feeds_workspace ON dbo.platform_calendar_feeds (workspace_id, created_at, id);
