-- What the scheduled webhook checks (payments falling due, grants expiring, take-downs required) have announced: each
-- subject once per event type, so a check that runs every hour tells a receiver once.
CREATE TABLE platform_webhook_announcements (
    workspace_id TEXT NOT NULL REFERENCES platform_workspaces (id),
    event_type TEXT NOT NULL,
    subject TEXT NOT NULL,
    announced_at TEXT NOT NULL,
    PRIMARY KEY (workspace_id, event_type, subject)
);
