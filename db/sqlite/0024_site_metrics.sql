-- Site sessions, key events and revenue per deliverable as Google Analytics 4 counted them (imported exports, matched
-- on our UTM values): shown beside our own clicks and conversions, never added to them.
CREATE TABLE perf_site_metrics (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES platform_workspaces (id),
    campaign_id TEXT NOT NULL,
    deliverable_id TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    source_medium TEXT NOT NULL,
    sessions INTEGER NOT NULL,
    engaged_sessions INTEGER NULL,
    key_events INTEGER NULL,
    revenue INTEGER NULL,
    currency TEXT NOT NULL,
    source TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    UNIQUE (deliverable_id, period_start, period_end, source_medium)
);

CREATE INDEX ix_perf_site_metrics_campaign ON perf_site_metrics (workspace_id, campaign_id, period_start);
