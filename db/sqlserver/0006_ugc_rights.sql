-- UGC and usage rights: assets, the people they show, rights requests and their replies, grants (never edited: a change
-- is a new grant superseding the old), and where assets are in use.
CREATE TABLE dbo.ugc_assets (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_ugc_assets PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL CONSTRAINT fk_ugc_assets_workspace REFERENCES dbo.platform_workspaces (id),
    source_url NVARCHAR(2048) NOT NULL,
    platform NVARCHAR(20) NOT NULL,
    author_handle NVARCHAR(200) NOT NULL,
    creator_id NVARCHAR(40) NULL,
    deliverable_id NVARCHAR(40) NULL,
    media_type NVARCHAR(20) NOT NULL,
    captured_at DATETIME2(7) NULL,
    sha256 NCHAR(64) NULL,
    created_at DATETIME2(7) NOT NULL
);

CREATE INDEX ix_ugc_assets_created ON dbo.ugc_assets (workspace_id, created_at, id);

CREATE TABLE dbo.ugc_people (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_ugc_people PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL,
    asset_id NVARCHAR(40) NOT NULL CONSTRAINT fk_ugc_people_asset REFERENCES dbo.ugc_assets (id),
    description NVARCHAR(500) NOT NULL,
    is_minor BIT NOT NULL,
    parental_authority_holders INT NOT NULL,
    release_evidence NVARCHAR(2000) NULL,
    release_obtained_at DATETIME2(7) NULL,
    guardian_consents NVARCHAR(MAX) NOT NULL,
    created_at DATETIME2(7) NOT NULL
);

CREATE INDEX ix_ugc_people_asset ON dbo.ugc_people (asset_id);

CREATE TABLE dbo.ugc_rights_requests (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_ugc_rights_requests PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL,
    asset_id NVARCHAR(40) NOT NULL CONSTRAINT fk_ugc_rights_requests_asset REFERENCES dbo.ugc_assets (id),
    method NVARCHAR(20) NOT NULL,
    approval_hashtag NVARCHAR(100) NULL,
    proposed_terms NVARCHAR(MAX) NOT NULL,
    language NCHAR(2) NOT NULL,
    status NVARCHAR(20) NOT NULL,
    expires_at DATETIME2(7) NOT NULL,
    token_hash NCHAR(64) NULL,
    grant_id NVARCHAR(40) NULL,
    responded_at DATETIME2(7) NULL,
    version BIGINT NOT NULL,
    created_at DATETIME2(7) NOT NULL
);

CREATE INDEX ix_ugc_rights_requests_asset ON dbo.ugc_rights_requests (asset_id);
CREATE UNIQUE INDEX ux_ugc_rights_requests_token ON dbo.ugc_rights_requests (token_hash) WHERE token_hash IS NOT NULL;

CREATE TABLE dbo.ugc_request_replies (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_ugc_request_replies PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL,
    request_id NVARCHAR(40) NOT NULL CONSTRAINT fk_ugc_request_replies_request REFERENCES dbo.ugc_rights_requests (id),
    received_at DATETIME2(7) NOT NULL,
    author_handle NVARCHAR(200) NOT NULL,
    text NVARCHAR(MAX) NOT NULL,
    outcome NVARCHAR(20) NOT NULL,
    created_at DATETIME2(7) NOT NULL
);

CREATE TABLE dbo.ugc_grants (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_ugc_grants PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL,
    asset_id NVARCHAR(40) NOT NULL CONSTRAINT fk_ugc_grants_asset REFERENCES dbo.ugc_assets (id),
    request_id NVARCHAR(40) NULL,
    terms NVARCHAR(MAX) NOT NULL,
    starts_on DATE NOT NULL,
    ends_on DATE NULL,
    evidence NVARCHAR(MAX) NOT NULL,
    status NVARCHAR(20) NOT NULL,
    supersedes_id NVARCHAR(40) NULL,
    superseded_by_id NVARCHAR(40) NULL,
    revoked_from DATE NULL,
    revocation_reason NVARCHAR(2000) NULL,
    version BIGINT NOT NULL,
    created_at DATETIME2(7) NOT NULL
);

CREATE INDEX ix_ugc_grants_asset ON dbo.ugc_grants (asset_id);
CREATE INDEX ix_ugc_grants_ends ON dbo.ugc_grants (workspace_id, ends_on);

CREATE TABLE dbo.ugc_usages (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_ugc_usages PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL,
    asset_id NVARCHAR(40) NOT NULL CONSTRAINT fk_ugc_usages_asset REFERENCES dbo.ugc_assets (id),
    channel NVARCHAR(30) NOT NULL,
    territory NVARCHAR(20) NOT NULL,
    used_from DATE NOT NULL,
    used_until DATE NULL,
    modified BIT NOT NULL,
    created_at DATETIME2(7) NOT NULL
);

CREATE INDEX ix_ugc_usages_workspace ON dbo.ugc_usages (workspace_id, used_until);
