-- Webhooks: a workspace's endpoints and the event types each wants; events written in the transaction of the change
-- that caused them (an outbox), one delivery per endpoint and event (replays add one), every attempt kept.
CREATE TABLE platform_webhook_endpoints (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES platform_workspaces (id),
    url TEXT NOT NULL,
    description TEXT NULL,
    status TEXT NOT NULL,
    disabled_reason TEXT NULL,
    secret TEXT NOT NULL,
    previous_secret TEXT NULL,
    previous_secret_expires_at TEXT NULL,
    consecutive_failures INTEGER NOT NULL,
    failing_since TEXT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL
);

CREATE INDEX ix_platform_webhook_endpoints_workspace ON platform_webhook_endpoints (workspace_id, created_at, id);

CREATE TABLE platform_webhook_endpoint_events (
    endpoint_id TEXT NOT NULL REFERENCES platform_webhook_endpoints (id),
    event_type TEXT NOT NULL,
    PRIMARY KEY (endpoint_id, event_type)
);

CREATE TABLE platform_webhook_events (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES platform_workspaces (id),
    type TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    payload TEXT NOT NULL
);

CREATE TABLE platform_webhook_deliveries (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES platform_workspaces (id),
    endpoint_id TEXT NOT NULL REFERENCES platform_webhook_endpoints (id),
    event_id TEXT NOT NULL REFERENCES platform_webhook_events (id),
    replay_of TEXT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TEXT NULL,
    claim TEXT NULL,
    claimed_until TEXT NULL,
    created_at TEXT NOT NULL,
    last_attempt_at TEXT NULL
);

CREATE INDEX ix_platform_webhook_deliveries_due ON platform_webhook_deliveries (status, next_attempt_at);
CREATE INDEX ix_platform_webhook_deliveries_endpoint ON platform_webhook_deliveries (endpoint_id, created_at, id);
CREATE INDEX ix_platform_webhook_deliveries_claim ON platform_webhook_deliveries (claim);

CREATE TABLE platform_webhook_attempts (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES platform_workspaces (id),
    endpoint_id TEXT NOT NULL REFERENCES platform_webhook_endpoints (id),
    delivery_id TEXT NOT NULL REFERENCES platform_webhook_deliveries (id),
    event_id TEXT NOT NULL,
    attempted_at TEXT NOT NULL,
    duration_ms INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    status_code INTEGER NULL,
    error TEXT NULL,
    response_excerpt TEXT NULL
);

CREATE INDEX ix_platform_webhook_attempts_endpoint ON platform_webhook_attempts (endpoint_id, attempted_at, id);
