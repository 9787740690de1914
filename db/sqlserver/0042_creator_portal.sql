-- The creator's portal. A workspace invites one of its creators (by id): the portal then shows that creator to whoever signs
-- in with the creator's current address. Sign-in links are single use and short-lived; only the SHA-256 of a link's token is kept
-- (compared case-sensitively: BIN2).
CREATE TABLE dbo.platform_portal_invitations (
    workspace_id NVARCHAR(40) NOT NULL CONSTRAINT fk_platform_portal_invitations_workspace REFERENCES dbo.platform_workspaces (id),
    creator_id NVARCHAR(40) NOT NULL,
    invited_at DATETIME2(7) NOT NULL,
    invited_by NVARCHAR(40) NOT NULL,
    CONSTRAINT pk_platform_portal_invitations PRIMARY KEY (workspace_id, creator_id)
);

CREATE TABLE dbo.platform_portal_links (
    token_hash NCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_platform_portal_links PRIMARY KEY,
    email NVARCHAR(320) NOT NULL,
    language NVARCHAR(8) NOT NULL,
    created_at DATETIME2(7) NOT NULL,
    expires_at DATETIME2(7) NOT NULL,
    used_at DATETIME2(7) NULL
);

CREATE INDEX ix_platform_portal_links_email ON dbo.platform_portal_links (email, created_at);

-- The portal finds a creator by address across workspaces.
CREATE INDEX ix_creator_creators_email ON dbo.creator_creators (email_key);
