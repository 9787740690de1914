-- What the scheduled webhook checks (payments falling due, grants expiring, take-downs required) have announced: each
-- subject once per event type, so a check that runs every hour tells a receiver once.
CREATE TABLE dbo.platform_webhook_announcements (
    workspace_id NVARCHAR(40) NOT NULL CONSTRAINT fk_platform_webhook_announcements_workspace REFERENCES dbo.platform_workspaces (id),
    event_type NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    subject NVARCHAR(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
    announced_at DATETIME2(7) NOT NULL,
    CONSTRAINT pk_platform_webhook_announcements PRIMARY KEY (workspace_id, event_type, subject)
);
