-- Creators: people or studios, their social accounts, tags and (for minors) legal representatives.
-- *_key columns hold the lower-cased, accent-free text used for search and sorting on both engines.
CREATE TABLE dbo.creator_creators (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_creator_creators PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL CONSTRAINT fk_creator_creators_workspace REFERENCES dbo.platform_workspaces (id),
    display_name NVARCHAR(200) NOT NULL,
    display_name_key NVARCHAR(200) NOT NULL,
    email NVARCHAR(320) NULL,
    email_key NVARCHAR(320) NULL,
    country NCHAR(2) NULL,
    languages NVARCHAR(200) NOT NULL,
    stage NVARCHAR(20) NOT NULL,
    do_not_contact BIT NOT NULL,
    is_minor BIT NOT NULL,
    birth_date DATE NULL,
    lawful_basis NVARCHAR(30) NOT NULL,
    notes NVARCHAR(MAX) NULL,
    erased_at DATETIME2(7) NULL,
    version BIGINT NOT NULL,
    created_at DATETIME2(7) NOT NULL,
    updated_at DATETIME2(7) NOT NULL
);

CREATE INDEX ix_creator_creators_name ON dbo.creator_creators (workspace_id, display_name_key, id);
CREATE INDEX ix_creator_creators_created ON dbo.creator_creators (workspace_id, created_at, id);

CREATE TABLE dbo.creator_social_accounts (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_creator_social_accounts PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL,
    creator_id NVARCHAR(40) NOT NULL CONSTRAINT fk_creator_social_accounts_creator REFERENCES dbo.creator_creators (id),
    platform NVARCHAR(20) NOT NULL,
    handle NVARCHAR(200) NOT NULL,
    handle_key NVARCHAR(200) NOT NULL,
    url NVARCHAR(2048) NULL,
    followers BIGINT NULL,
    engagement_rate FLOAT NULL,
    metrics_as_of DATETIME2(7) NULL,
    created_at DATETIME2(7) NOT NULL,
    CONSTRAINT uq_creator_social_accounts_handle UNIQUE (workspace_id, platform, handle_key)
);

CREATE INDEX ix_creator_social_accounts_creator ON dbo.creator_social_accounts (creator_id);

CREATE TABLE dbo.creator_tags (
    workspace_id NVARCHAR(40) NOT NULL,
    creator_id NVARCHAR(40) NOT NULL CONSTRAINT fk_creator_tags_creator REFERENCES dbo.creator_creators (id),
    tag NVARCHAR(50) NOT NULL,
    CONSTRAINT pk_creator_tags PRIMARY KEY (creator_id, tag)
);

CREATE INDEX ix_creator_tags_tag ON dbo.creator_tags (workspace_id, tag);

CREATE TABLE dbo.creator_legal_representatives (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_creator_legal_representatives PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL,
    creator_id NVARCHAR(40) NOT NULL CONSTRAINT fk_creator_legal_representatives_creator REFERENCES dbo.creator_creators (id),
    position INT NOT NULL,
    full_name NVARCHAR(200) NOT NULL,
    relationship NVARCHAR(30) NOT NULL,
    email NVARCHAR(320) NULL,
    phone NVARCHAR(40) NULL
);

CREATE INDEX ix_creator_legal_representatives_creator ON dbo.creator_legal_representatives (creator_id);
