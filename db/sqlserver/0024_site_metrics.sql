-- Site sessions, key events and revenue per deliverable as Google Analytics 4 counted them (imported exports, matched
-- on our UTM values): shown beside our own clicks and conversions, never added to them.
CREATE TABLE dbo.perf_site_metrics (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_perf_site_metrics PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL CONSTRAINT fk_perf_site_metrics_workspace REFERENCES dbo.platform_workspaces (id),
    campaign_id NVARCHAR(40) NOT NULL,
    deliverable_id NVARCHAR(40) NOT NULL,
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,
    source_medium NVARCHAR(200) NOT NULL,
    sessions BIGINT NOT NULL,
    engaged_sessions BIGINT NULL,
    key_events BIGINT NULL,
    revenue BIGINT NULL,
    currency NCHAR(3) NOT NULL,
    source NVARCHAR(40) NOT NULL,
    imported_at DATETIME2(7) NOT NULL,
    CONSTRAINT uq_perf_site_metrics UNIQUE (deliverable_id, period_start, period_end, source_medium)
);

CREATE INDEX ix_perf_site_metrics_campaign ON dbo.perf_site_metrics (workspace_id, campaign_id, period_start);
