-- UGC and usage rights: assets, the people they show, rights requests and their replies, grants (never edited: a change
-- is a new grant superseding the old), and where assets are in use.
CREATE TABLE ugc_assets (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES platform_workspaces (id),
    source_url TEXT NOT NULL,
    platform TEXT NOT NULL,
    author_handle TEXT NOT NULL,
    creator_id TEXT NULL,
    deliverable_id TEXT NULL,
    media_type TEXT NOT NULL,
    captured_at TEXT NULL,
    sha256 TEXT NULL,
    created_at TEXT NOT NULL
);

CREATE INDEX ix_ugc_assets_created ON ugc_assets (workspace_id, created_at, id);

CREATE TABLE ugc_people (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    asset_id TEXT NOT NULL REFERENCES ugc_assets (id),
    description TEXT NOT NULL,
    is_minor INTEGER NOT NULL,
    parental_authority_holders INTEGER NOT NULL,
    release_evidence TEXT NULL,
    release_obtained_at TEXT NULL,
    guardian_consents TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE INDEX ix_ugc_people_asset ON ugc_people (asset_id);

CREATE TABLE ugc_rights_requests (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    asset_id TEXT NOT NULL REFERENCES ugc_assets (id),
    method TEXT NOT NULL,
    approval_hashtag TEXT NULL,
    proposed_terms TEXT NOT NULL,
    language TEXT NOT NULL,
    status TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    token_hash TEXT NULL,
    grant_id TEXT NULL,
    responded_at TEXT NULL,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL
);

CREATE INDEX ix_ugc_rights_requests_asset ON ugc_rights_requests (asset_id);
CREATE UNIQUE INDEX ux_ugc_rights_requests_token ON ugc_rights_requests (token_hash) WHERE token_hash IS NOT NULL;

CREATE TABLE ugc_request_replies (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    request_id TEXT NOT NULL REFERENCES ugc_rights_requests (id),
    received_at TEXT NOT NULL,
    author_handle TEXT NOT NULL,
    text TEXT NOT NULL,
    outcome TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE ugc_grants (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    asset_id TEXT NOT NULL REFERENCES ugc_assets (id),
    request_id TEXT NULL,
    terms TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NULL,
    evidence TEXT NOT NULL,
    status TEXT NOT NULL,
    supersedes_id TEXT NULL,
    superseded_by_id TEXT NULL,
    revoked_from TEXT NULL,
    revocation_reason TEXT NULL,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL
);

CREATE INDEX ix_ugc_grants_asset ON ugc_grants (asset_id);
CREATE INDEX ix_ugc_grants_ends ON ugc_grants (workspace_id, ends_on);

CREATE TABLE ugc_usages (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    asset_id TEXT NOT NULL REFERENCES ugc_assets (id),
    channel TEXT NOT NULL,
    territory TEXT NOT NULL,
    used_from TEXT NOT NULL,
    used_until TEXT NULL,
    modified INTEGER NOT NULL,
    created_at TEXT NOT NULL
);

CREATE INDEX ix_ugc_usages_workspace ON ugc_usages (workspace_id, used_until);
