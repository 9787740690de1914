-- Erasure requests a creator makes from the portal (GDPR art. 17): recorded for the brand's legal desk, which answers with
-- the erasure itself (within one month, art. 12(3)). The erasure closes the open requests and clears their message (free
-- text that may name the person); the dates stay, as the proof that the request was answered.
CREATE TABLE dbo.creator_erasure_requests (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_creator_erasure_requests PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL,
    creator_id NVARCHAR(40) NOT NULL CONSTRAINT fk_creator_erasure_requests_creator REFERENCES dbo.creator_creators (id),
    channel NVARCHAR(20) NOT NULL,
    message NVARCHAR(1000) NULL,
    requested_at DATETIME2(7) NOT NULL,
    closed_at DATETIME2(7) NULL
);

CREATE INDEX ix_creator_erasure_requests_creator ON dbo.creator_erasure_requests (creator_id);
CREATE INDEX ix_creator_erasure_requests_open ON dbo.creator_erasure_requests (workspace_id, closed_at, requested_at);
