-- Campaigns, their rosters of creators, the deliverables owed and every review step of each deliverable.
-- Lists that are filtered on (platforms, markets) are stored delimited, e.g. ',FR,DE,', and matched with LIKE '%,FR,%'.
CREATE TABLE dbo.campaign_campaigns (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_campaign_campaigns PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL CONSTRAINT fk_campaign_campaigns_workspace REFERENCES dbo.platform_workspaces (id),
    name NVARCHAR(200) NOT NULL,
    name_key NVARCHAR(200) NOT NULL,
    brand NVARCHAR(200) NOT NULL,
    brand_key NVARCHAR(200) NOT NULL,
    objectives NVARCHAR(MAX) NOT NULL,
    platforms NVARCHAR(400) NOT NULL,
    markets NVARCHAR(1000) NOT NULL,
    budget_amount BIGINT NULL,
    budget_currency NCHAR(3) NULL,
    starts_on DATE NULL,
    ends_on DATE NULL,
    brief NVARCHAR(MAX) NOT NULL,
    status NVARCHAR(20) NOT NULL,
    version BIGINT NOT NULL,
    created_at DATETIME2(7) NOT NULL,
    updated_at DATETIME2(7) NOT NULL
);

CREATE INDEX ix_campaign_campaigns_created ON dbo.campaign_campaigns (workspace_id, created_at, id);
CREATE INDEX ix_campaign_campaigns_starts ON dbo.campaign_campaigns (workspace_id, starts_on, id);

CREATE TABLE dbo.campaign_roster (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_campaign_roster PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL,
    campaign_id NVARCHAR(40) NOT NULL CONSTRAINT fk_campaign_roster_campaign REFERENCES dbo.campaign_campaigns (id),
    creator_id NVARCHAR(40) NOT NULL,
    status NVARCHAR(20) NOT NULL,
    fee_amount BIGINT NULL,
    fee_currency NCHAR(3) NULL,
    notes NVARCHAR(MAX) NULL,
    version BIGINT NOT NULL,
    created_at DATETIME2(7) NOT NULL,
    updated_at DATETIME2(7) NOT NULL,
    CONSTRAINT uq_campaign_roster_creator UNIQUE (campaign_id, creator_id)
);

CREATE TABLE dbo.campaign_deliverables (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_campaign_deliverables PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL,
    campaign_id NVARCHAR(40) NOT NULL CONSTRAINT fk_campaign_deliverables_campaign REFERENCES dbo.campaign_campaigns (id),
    roster_id NVARCHAR(40) NOT NULL CONSTRAINT fk_campaign_deliverables_roster REFERENCES dbo.campaign_roster (id),
    creator_id NVARCHAR(40) NOT NULL,
    platform NVARCHAR(20) NOT NULL,
    format NVARCHAR(30) NOT NULL,
    story_frames INT NULL,
    market NCHAR(2) NOT NULL,
    due_on DATE NOT NULL,
    title NVARCHAR(200) NULL,
    status NVARCHAR(30) NOT NULL,
    draft_caption NVARCHAR(MAX) NULL,
    draft_media NVARCHAR(MAX) NULL,
    post_url NVARCHAR(2048) NULL,
    published_at DATETIME2(7) NULL,
    final_caption NVARCHAR(MAX) NULL,
    on_screen_text NVARCHAR(MAX) NULL,
    spoken_text NVARCHAR(MAX) NULL,
    paid_partnership_label BIT NULL,
    version BIGINT NOT NULL,
    created_at DATETIME2(7) NOT NULL,
    updated_at DATETIME2(7) NOT NULL
);

CREATE INDEX ix_campaign_deliverables_campaign ON dbo.campaign_deliverables (campaign_id, due_on, id);
CREATE INDEX ix_campaign_deliverables_due ON dbo.campaign_deliverables (workspace_id, due_on, id);

CREATE TABLE dbo.campaign_deliverable_reviews (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_campaign_deliverable_reviews PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL,
    deliverable_id NVARCHAR(40) NOT NULL CONSTRAINT fk_campaign_deliverable_reviews_deliverable REFERENCES dbo.campaign_deliverables (id),
    occurred_at DATETIME2(7) NOT NULL,
    actor NVARCHAR(40) NOT NULL,
    actor_role NVARCHAR(20) NOT NULL,
    step NVARCHAR(30) NOT NULL,
    from_status NVARCHAR(30) NOT NULL,
    to_status NVARCHAR(30) NOT NULL,
    comment NVARCHAR(MAX) NULL,
    caption NVARCHAR(MAX) NULL
);

CREATE INDEX ix_campaign_deliverable_reviews_deliverable ON dbo.campaign_deliverable_reviews (deliverable_id, occurred_at, id);
