-- Creators: people or studios, their social accounts, tags and (for minors) legal representatives.
-- *_key columns hold the lower-cased, accent-free text used for search and sorting on both engines.
CREATE TABLE creator_creators (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES platform_workspaces (id),
    display_name TEXT NOT NULL,
    display_name_key TEXT NOT NULL,
    email TEXT NULL,
    email_key TEXT NULL,
    country TEXT NULL,
    languages TEXT NOT NULL,
    stage TEXT NOT NULL,
    do_not_contact INTEGER NOT NULL,
    is_minor INTEGER NOT NULL,
    birth_date TEXT NULL,
    lawful_basis TEXT NOT NULL,
    notes TEXT NULL,
    erased_at TEXT NULL,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX ix_creator_creators_name ON creator_creators (workspace_id, display_name_key, id);
CREATE INDEX ix_creator_creators_created ON creator_creators (workspace_id, created_at, id);

CREATE TABLE creator_social_accounts (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    creator_id TEXT NOT NULL REFERENCES creator_creators (id),
    platform TEXT NOT NULL,
    handle TEXT NOT NULL,
    handle_key TEXT NOT NULL,
    url TEXT NULL,
    followers INTEGER NULL,
    engagement_rate REAL NULL,
    metrics_as_of TEXT NULL,
    created_at TEXT NOT NULL,
    CONSTRAINT uq_creator_social_accounts_handle UNIQUE (workspace_id, platform, handle_key)
);

CREATE INDEX ix_creator_social_accounts_creator ON creator_social_accounts (creator_id);

CREATE TABLE creator_tags (
    workspace_id TEXT NOT NULL,
    creator_id TEXT NOT NULL REFERENCES creator_creators (id),
    tag TEXT NOT NULL,
    PRIMARY KEY (creator_id, tag)
);

CREATE INDEX ix_creator_tags_tag ON creator_tags (workspace_id, tag);

CREATE TABLE creator_legal_representatives (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    creator_id TEXT NOT NULL REFERENCES creator_creators (id),
    position INTEGER NOT NULL,
    full_name TEXT NOT NULL,
    relationship TEXT NOT NULL,
    email TEXT NULL,
    phone TEXT NULL
);

CREATE INDEX ix_creator_legal_representatives_creator ON creator_legal_representatives (creator_id);
