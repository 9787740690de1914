-- The creator's portal. A workspace invites one of its creators (by id): the portal then shows that creator to whoever signs
-- in with the creator's current address. Sign-in links are single use and short-lived; only the SHA-256 of a link's token is kept.
CREATE TABLE platform_portal_invitations (
    workspace_id TEXT NOT NULL REFERENCES platform_workspaces (id),
    creator_id TEXT NOT NULL,
    invited_at TEXT NOT NULL,
    invited_by TEXT NOT NULL,
    PRIMARY KEY (workspace_id, creator_id)
);

CREATE TABLE platform_portal_links (
    token_hash TEXT NOT NULL PRIMARY KEY,
    email TEXT NOT NULL,
    language TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT NULL
);

CREATE INDEX ix_platform_portal_links_email ON platform_portal_links (email, created_at);

-- The portal finds a creator by address across workspaces.
CREATE INDEX ix_creator_creators_email ON creator_creators (email_key);
