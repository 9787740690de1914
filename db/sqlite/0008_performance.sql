-- Campaign performance: tracked links (and their destination history), clicks (raw, written in batches), daily rollups per
-- link (what reports read), daily visitors (to count unique ones), promo codes, conversions, engagement snapshots.
CREATE TABLE perf_links (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES platform_workspaces (id),
    code TEXT NOT NULL UNIQUE,
    campaign_id TEXT NOT NULL,
    deliverable_id TEXT NULL,
    creator_id TEXT NOT NULL,
    platform TEXT NOT NULL,
    base_destination TEXT NOT NULL,
    destination TEXT NOT NULL,
    status TEXT NOT NULL,
    expires_at TEXT NULL,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX ix_perf_links_updated ON perf_links (updated_at);
CREATE INDEX ix_perf_links_campaign ON perf_links (workspace_id, campaign_id);

CREATE TABLE perf_link_history (
    id TEXT NOT NULL PRIMARY KEY,
    link_id TEXT NOT NULL REFERENCES perf_links (id),
    destination TEXT NOT NULL,
    replaced_at TEXT NOT NULL,
    replaced_by TEXT NOT NULL
);

CREATE TABLE perf_clicks (
    id TEXT NOT NULL PRIMARY KEY,
    link_id TEXT NOT NULL,
    workspace_id TEXT NOT NULL,
    clicked_at TEXT NOT NULL,
    ip_hash TEXT NOT NULL,
    user_agent TEXT NULL,
    referrer TEXT NULL,
    is_bot INTEGER NOT NULL
);


CREATE TABLE perf_link_daily (
    link_id TEXT NOT NULL,
    day TEXT NOT NULL,
    workspace_id TEXT NOT NULL,
    clicks INTEGER NOT NULL,
    human_clicks INTEGER NOT NULL,
    unique_visitors INTEGER NOT NULL,
    PRIMARY KEY (link_id, day)
);

CREATE TABLE perf_link_day_visitors (
    link_id TEXT NOT NULL,
    day TEXT NOT NULL,
    ip_hash TEXT NOT NULL,
    PRIMARY KEY (link_id, day, ip_hash)
);

CREATE TABLE perf_promo_codes (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    code TEXT NOT NULL,
    campaign_id TEXT NOT NULL,
    creator_id TEXT NOT NULL,
    deliverable_id TEXT NULL,
    created_at TEXT NOT NULL,
    CONSTRAINT uq_perf_promo_codes_code UNIQUE (workspace_id, code)
);

CREATE TABLE perf_conversions (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    source TEXT NOT NULL,
    order_id TEXT NOT NULL,
    amount INTEGER NOT NULL,
    currency TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    promo_code TEXT NULL,
    click_id TEXT NULL,
    campaign_id TEXT NULL,
    creator_id TEXT NULL,
    deliverable_id TEXT NULL,
    link_id TEXT NULL,
    attribution TEXT NOT NULL,
    attribution_reason TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CONSTRAINT uq_perf_conversions_order UNIQUE (workspace_id, source, order_id)
);

CREATE INDEX ix_perf_conversions_campaign ON perf_conversions (workspace_id, campaign_id, occurred_at);

CREATE TABLE perf_engagement_snapshots (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    campaign_id TEXT NOT NULL,
    deliverable_id TEXT NOT NULL,
    captured_at TEXT NOT NULL,
    views INTEGER NULL,
    reach INTEGER NULL,
    impressions INTEGER NULL,
    likes INTEGER NULL,
    comments INTEGER NULL,
    shares INTEGER NULL,
    saves INTEGER NULL,
    source TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CONSTRAINT uq_perf_engagement_snapshots UNIQUE (deliverable_id, captured_at)
);
