-- Campaign performance: tracked links (and their destination history), clicks (raw, written in batches), daily rollups per
-- link (what reports read), daily visitors (to count unique ones), promo codes, conversions, engagement snapshots.
CREATE TABLE dbo.perf_links (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_perf_links PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL CONSTRAINT fk_perf_links_workspace REFERENCES dbo.platform_workspaces (id),
    code NVARCHAR(64) NOT NULL CONSTRAINT uq_perf_links_code UNIQUE,
    campaign_id NVARCHAR(40) NOT NULL,
    deliverable_id NVARCHAR(40) NULL,
    creator_id NVARCHAR(40) NOT NULL,
    platform NVARCHAR(20) NOT NULL,
    base_destination NVARCHAR(2048) NOT NULL,
    destination NVARCHAR(2048) NOT NULL,
    status NVARCHAR(10) NOT NULL,
    expires_at DATETIME2(7) NULL,
    version BIGINT NOT NULL,
    created_at DATETIME2(7) NOT NULL,
    updated_at DATETIME2(7) NOT NULL
);

CREATE INDEX ix_perf_links_updated ON dbo.perf_links (updated_at);
CREATE INDEX ix_perf_links_campaign ON dbo.perf_links (workspace_id, campaign_id);

CREATE TABLE dbo.perf_link_history (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_perf_link_history PRIMARY KEY,
    link_id NVARCHAR(40) NOT NULL CONSTRAINT fk_perf_link_history_link REFERENCES dbo.perf_links (id),
    destination NVARCHAR(2048) NOT NULL,
    replaced_at DATETIME2(7) NOT NULL,
    replaced_by NVARCHAR(40) NOT NULL
);

CREATE TABLE dbo.perf_clicks (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_perf_clicks PRIMARY KEY,
    link_id NVARCHAR(40) NOT NULL,
    workspace_id NVARCHAR(40) NOT NULL,
    clicked_at DATETIME2(7) NOT NULL,
    ip_hash NCHAR(64) NOT NULL,
    user_agent NVARCHAR(512) NULL,
    referrer NVARCHAR(1024) NULL,
    is_bot BIT NOT NULL
);


CREATE TABLE dbo.perf_link_daily (
    link_id NVARCHAR(40) NOT NULL,
    day DATE NOT NULL,
    workspace_id NVARCHAR(40) NOT NULL,
    clicks BIGINT NOT NULL,
    human_clicks BIGINT NOT NULL,
    unique_visitors BIGINT NOT NULL,
    CONSTRAINT pk_perf_link_daily PRIMARY KEY (link_id, day)
);

CREATE TABLE dbo.perf_link_day_visitors (
    link_id NVARCHAR(40) NOT NULL,
    day DATE NOT NULL,
    ip_hash NCHAR(64) NOT NULL,
    CONSTRAINT pk_perf_link_day_visitors PRIMARY KEY (link_id, day, ip_hash)
);

CREATE TABLE dbo.perf_promo_codes (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_perf_promo_codes PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL,
    code NVARCHAR(64) NOT NULL,
    campaign_id NVARCHAR(40) NOT NULL,
    creator_id NVARCHAR(40) NOT NULL,
    deliverable_id NVARCHAR(40) NULL,
    created_at DATETIME2(7) NOT NULL,
    CONSTRAINT uq_perf_promo_codes_code UNIQUE (workspace_id, code)
);

CREATE TABLE dbo.perf_conversions (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_perf_conversions PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL,
    source NVARCHAR(100) NOT NULL,
    order_id NVARCHAR(200) NOT NULL,
    amount BIGINT NOT NULL,
    currency NCHAR(3) NOT NULL,
    occurred_at DATETIME2(7) NOT NULL,
    promo_code NVARCHAR(64) NULL,
    click_id NVARCHAR(40) NULL,
    campaign_id NVARCHAR(40) NULL,
    creator_id NVARCHAR(40) NULL,
    deliverable_id NVARCHAR(40) NULL,
    link_id NVARCHAR(40) NULL,
    attribution NVARCHAR(20) NOT NULL,
    attribution_reason NVARCHAR(500) NOT NULL,
    request_hash NCHAR(64) NOT NULL,
    created_at DATETIME2(7) NOT NULL,
    CONSTRAINT uq_perf_conversions_order UNIQUE (workspace_id, source, order_id)
);

CREATE INDEX ix_perf_conversions_campaign ON dbo.perf_conversions (workspace_id, campaign_id, occurred_at);

CREATE TABLE dbo.perf_engagement_snapshots (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_perf_engagement_snapshots PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL,
    campaign_id NVARCHAR(40) NOT NULL,
    deliverable_id NVARCHAR(40) NOT NULL,
    captured_at DATETIME2(7) NOT NULL,
    views BIGINT NULL,
    reach BIGINT NULL,
    impressions BIGINT NULL,
    likes BIGINT NULL,
    comments BIGINT NULL,
    shares BIGINT NULL,
    saves BIGINT NULL,
    source NVARCHAR(10) NOT NULL,
    created_at DATETIME2(7) NOT NULL,
    CONSTRAINT uq_perf_engagement_snapshots UNIQUE (deliverable_id, captured_at)
);
