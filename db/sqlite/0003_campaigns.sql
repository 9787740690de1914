-- Campaigns, their rosters of creators, the deliverables owed and every review step of each deliverable.
-- Lists that are filtered on (platforms, markets) are stored delimited, e.g. ',FR,DE,', and matched with LIKE '%,FR,%'.
CREATE TABLE campaign_campaigns (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES platform_workspaces (id),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    brand TEXT NOT NULL,
    brand_key TEXT NOT NULL,
    objectives TEXT NOT NULL,
    platforms TEXT NOT NULL,
    markets TEXT NOT NULL,
    budget_amount INTEGER NULL,
    budget_currency TEXT NULL,
    starts_on TEXT NULL,
    ends_on TEXT NULL,
    brief TEXT NOT NULL,
    status TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX ix_campaign_campaigns_created ON campaign_campaigns (workspace_id, created_at, id);
CREATE INDEX ix_campaign_campaigns_starts ON campaign_campaigns (workspace_id, starts_on, id);

CREATE TABLE campaign_roster (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    campaign_id TEXT NOT NULL REFERENCES campaign_campaigns (id),
    creator_id TEXT NOT NULL,
    status TEXT NOT NULL,
    fee_amount INTEGER NULL,
    fee_currency TEXT NULL,
    notes TEXT NULL,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT uq_campaign_roster_creator UNIQUE (campaign_id, creator_id)
);

CREATE TABLE campaign_deliverables (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    campaign_id TEXT NOT NULL REFERENCES campaign_campaigns (id),
    roster_id TEXT NOT NULL REFERENCES campaign_roster (id),
    creator_id TEXT NOT NULL,
    platform TEXT NOT NULL,
    format TEXT NOT NULL,
    story_frames INTEGER NULL,
    market TEXT NOT NULL,
    due_on TEXT NOT NULL,
    title TEXT NULL,
    status TEXT NOT NULL,
    draft_caption TEXT NULL,
    draft_media TEXT NULL,
    post_url TEXT NULL,
    published_at TEXT NULL,
    final_caption TEXT NULL,
    on_screen_text TEXT NULL,
    spoken_text TEXT NULL,
    paid_partnership_label INTEGER NULL,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX ix_campaign_deliverables_campaign ON campaign_deliverables (campaign_id, due_on, id);
CREATE INDEX ix_campaign_deliverables_due ON campaign_deliverables (workspace_id, due_on, id);

CREATE TABLE campaign_deliverable_reviews (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    deliverable_id TEXT NOT NULL REFERENCES campaign_deliverables (id),
    occurred_at TEXT NOT NULL,
    actor TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    step TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    comment TEXT NULL,
    caption TEXT NULL
);

CREATE INDEX ix_campaign_deliverable_reviews_deliverable ON campaign_deliverable_reviews (deliverable_id, occurred_at, id);
