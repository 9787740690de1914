-- People who sign in to the console (API keys are for machines): one account per e-mail, a role per workspace.
CREATE TABLE dbo.platform_people (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_platform_people PRIMARY KEY,
    email NVARCHAR(320) NOT NULL CONSTRAINT uq_platform_people_email UNIQUE,
    display_name NVARCHAR(200) NOT NULL,
    password_hash NVARCHAR(400) NULL,
    failed_attempts INT NOT NULL,
    locked_until DATETIME2(7) NULL,
    created_at DATETIME2(7) NOT NULL
);

CREATE TABLE dbo.platform_memberships (
    person_id NVARCHAR(40) NOT NULL CONSTRAINT fk_platform_memberships_person REFERENCES dbo.platform_people (id),
    workspace_id NVARCHAR(40) NOT NULL CONSTRAINT fk_platform_memberships_workspace REFERENCES dbo.platform_workspaces (id),
    role NVARCHAR(20) NOT NULL,
    created_at DATETIME2(7) NOT NULL,
    CONSTRAINT pk_platform_memberships PRIMARY KEY (person_id, workspace_id)
);

CREATE INDEX ix_platform_memberships_workspace ON dbo.platform_memberships (workspace_id, created_at, person_id);

CREATE TABLE dbo.platform_invitations (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_platform_invitations PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL CONSTRAINT fk_platform_invitations_workspace REFERENCES dbo.platform_workspaces (id),
    email NVARCHAR(320) NOT NULL,
    role NVARCHAR(20) NOT NULL,
    token_hash NCHAR(64) NOT NULL CONSTRAINT uq_platform_invitations_token UNIQUE,
    expires_at DATETIME2(7) NOT NULL,
    accepted_at DATETIME2(7) NULL,
    created_by NVARCHAR(40) NOT NULL,
    created_at DATETIME2(7) NOT NULL
);

CREATE INDEX ix_platform_invitations_workspace ON dbo.platform_invitations (workspace_id, created_at, id);
