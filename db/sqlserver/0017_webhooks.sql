-- Webhooks: a workspace's endpoints and the event types each wants; events written in the transaction of the change
-- that caused them (an outbox), one delivery per endpoint and event (replays add one), every attempt kept.
CREATE TABLE dbo.platform_webhook_endpoints (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_platform_webhook_endpoints PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL CONSTRAINT fk_platform_webhook_endpoints_workspace REFERENCES dbo.platform_workspaces (id),
    url NVARCHAR(2048) NOT NULL,
    description NVARCHAR(500) NULL,
    status NVARCHAR(20) NOT NULL,
    disabled_reason NVARCHAR(500) NULL,
    secret NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    previous_secret NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NULL,
    previous_secret_expires_at DATETIME2(7) NULL,
    consecutive_failures INT NOT NULL,
    failing_since DATETIME2(7) NULL,
    created_at DATETIME2(7) NOT NULL,
    updated_at DATETIME2(7) NOT NULL,
    version BIGINT NOT NULL
);

CREATE INDEX ix_platform_webhook_endpoints_workspace ON dbo.platform_webhook_endpoints (workspace_id, created_at, id);

CREATE TABLE dbo.platform_webhook_endpoint_events (
    endpoint_id NVARCHAR(40) NOT NULL CONSTRAINT fk_platform_webhook_endpoint_events_endpoint REFERENCES dbo.platform_webhook_endpoints (id),
    event_type NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    CONSTRAINT pk_platform_webhook_endpoint_events PRIMARY KEY (endpoint_id, event_type)
);

CREATE TABLE dbo.platform_webhook_events (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_platform_webhook_events PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL CONSTRAINT fk_platform_webhook_events_workspace REFERENCES dbo.platform_workspaces (id),
    type NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    occurred_at DATETIME2(7) NOT NULL,
    payload NVARCHAR(MAX) NOT NULL
);

CREATE TABLE dbo.platform_webhook_deliveries (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_platform_webhook_deliveries PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL CONSTRAINT fk_platform_webhook_deliveries_workspace REFERENCES dbo.platform_workspaces (id),
    endpoint_id NVARCHAR(40) NOT NULL CONSTRAINT fk_platform_webhook_deliveries_endpoint REFERENCES dbo.platform_webhook_endpoints (id),
    event_id NVARCHAR(40) NOT NULL CONSTRAINT fk_platform_webhook_deliveries_event REFERENCES dbo.platform_webhook_events (id),
    replay_of NVARCHAR(40) NULL,
    status NVARCHAR(20) NOT NULL,
    attempts INT NOT NULL,
    next_attempt_at DATETIME2(7) NULL,
    claim NVARCHAR(40) NULL,
    claimed_until DATETIME2(7) NULL,
    created_at DATETIME2(7) NOT NULL,
    last_attempt_at DATETIME2(7) NULL
);

CREATE INDEX ix_platform_webhook_deliveries_due ON dbo.platform_webhook_deliveries (status, next_attempt_at);
CREATE INDEX ix_platform_webhook_deliveries_endpoint ON dbo.platform_webhook_deliveries (endpoint_id, created_at, id);
CREATE INDEX ix_platform_webhook_deliveries_claim ON dbo.platform_webhook_deliveries (claim);

CREATE TABLE dbo.platform_webhook_attempts (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_platform_webhook_attempts PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL CONSTRAINT fk_platform_webhook_attempts_workspace REFERENCES dbo.platform_workspaces (id),
    endpoint_id NVARCHAR(40) NOT NULL CONSTRAINT fk_platform_webhook_attempts_endpoint REFERENCES dbo.platform_webhook_endpoints (id),
    delivery_id NVARCHAR(40) NOT NULL CONSTRAINT fk_platform_webhook_attempts_delivery REFERENCES dbo.platform_webhook_deliveries (id),
    event_id NVARCHAR(40) NOT NULL,
    attempted_at DATETIME2(7) NOT NULL,
    duration_ms BIGINT NOT NULL,
    outcome NVARCHAR(20) NOT NULL,
    status_code INT NULL,
    error NVARCHAR(1000) NULL,
    response_excerpt NVARCHAR(1000) NULL
);

CREATE INDEX ix_platform_webhook_attempts_endpoint ON dbo.platform_webhook_attempts (endpoint_id, attempted_at, id);
