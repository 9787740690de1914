-- People who sign in to the console (API keys are for machines): one account per e-mail, a role per workspace.
CREATE TABLE platform_people (
    id TEXT NOT NULL PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NULL,
    failed_attempts INTEGER NOT NULL,
    locked_until TEXT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE platform_memberships (
    person_id TEXT NOT NULL REFERENCES platform_people (id),
    workspace_id TEXT NOT NULL REFERENCES platform_workspaces (id),
    role TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (person_id, workspace_id)
);

CREATE INDEX ix_platform_memberships_workspace ON platform_memberships (workspace_id, created_at, person_id);

CREATE TABLE platform_invitations (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES platform_workspaces (id),
    email TEXT NOT NULL,
    role TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    expires_at TEXT NOT NULL,
    accepted_at TEXT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE INDEX ix_platform_invitations_workspace ON platform_invitations (workspace_id, created_at, id);
