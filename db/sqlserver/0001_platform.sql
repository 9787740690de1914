-- Workspaces, API keys, idempotency records and the append-only audit log.
CREATE TABLE dbo.platform_workspaces (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_platform_workspaces PRIMARY KEY,
    slug NVARCHAR(64) NOT NULL CONSTRAINT uq_platform_workspaces_slug UNIQUE,
    name NVARCHAR(200) NOT NULL,
    created_at DATETIME2(7) NOT NULL
);

CREATE TABLE dbo.platform_api_keys (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_platform_api_keys PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL CONSTRAINT fk_platform_api_keys_workspace REFERENCES dbo.platform_workspaces (id),
    name NVARCHAR(200) NOT NULL,
    role NVARCHAR(20) NOT NULL CONSTRAINT ck_platform_api_keys_role CHECK (role IN ('admin', 'brand', 'legal', 'integration', 'viewer')),
    key_prefix NVARCHAR(20) NOT NULL CONSTRAINT uq_platform_api_keys_prefix UNIQUE,
    key_hash NVARCHAR(64) NOT NULL,
    created_at DATETIME2(7) NOT NULL,
    revoked_at DATETIME2(7) NULL
);

CREATE INDEX ix_platform_api_keys_workspace ON dbo.platform_api_keys (workspace_id, created_at, id);

CREATE TABLE dbo.platform_idempotency_keys (
    workspace_id NVARCHAR(40) NOT NULL,
    idempotency_key NVARCHAR(200) NOT NULL,
    request_hash NVARCHAR(64) NOT NULL,
    status_code INT NULL,
    content_type NVARCHAR(200) NULL,
    location NVARCHAR(400) NULL,
    etag NVARCHAR(100) NULL,
    response_body NVARCHAR(MAX) NULL,
    created_at DATETIME2(7) NOT NULL,
    CONSTRAINT pk_platform_idempotency_keys PRIMARY KEY (workspace_id, idempotency_key)
);

CREATE TABLE dbo.platform_audit_log (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_platform_audit_log PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL,
    occurred_at DATETIME2(7) NOT NULL,
    actor NVARCHAR(40) NOT NULL,
    action NVARCHAR(100) NOT NULL,
    entity_type NVARCHAR(50) NOT NULL,
    entity_id NVARCHAR(40) NOT NULL,
    details NVARCHAR(MAX) NULL
);

CREATE INDEX ix_platform_audit_log_entity ON dbo.platform_audit_log (workspace_id, entity_type, entity_id, occurred_at);
GO

CREATE TRIGGER dbo.tr_platform_audit_log_append_only ON dbo.platform_audit_log
INSTEAD OF UPDATE, DELETE
AS
BEGIN
    THROW 50001, 'platform_audit_log is append-only', 1;
END;
GO
