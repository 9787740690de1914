-- Workspaces, API keys, idempotency records and the append-only audit log.
CREATE TABLE platform_workspaces (
    id TEXT NOT NULL PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE platform_api_keys (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES platform_workspaces (id),
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'brand', 'legal', 'integration', 'viewer')),
    key_prefix TEXT NOT NULL UNIQUE,
    key_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT NULL
);

CREATE INDEX ix_platform_api_keys_workspace ON platform_api_keys (workspace_id, created_at, id);

CREATE TABLE platform_idempotency_keys (
    workspace_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status_code INTEGER NULL,
    content_type TEXT NULL,
    location TEXT NULL,
    etag TEXT NULL,
    response_body TEXT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (workspace_id, idempotency_key)
);

CREATE TABLE platform_audit_log (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    details TEXT NULL
);

CREATE INDEX ix_platform_audit_log_entity ON platform_audit_log (workspace_id, entity_type, entity_id, occurred_at);

CREATE TRIGGER tr_platform_audit_log_no_update BEFORE UPDATE ON platform_audit_log
BEGIN
    SELECT RAISE(ABORT, 'platform_audit_log is append-only');
END;

CREATE TRIGGER tr_platform_audit_log_no_delete BEFORE DELETE ON platform_audit_log
BEGIN
    SELECT RAISE(ABORT, 'platform_audit_log is append-only');
END;
