-- Erasure requests a creator makes from the portal (GDPR art. 17): recorded for the brand's legal desk, which answers with
-- the erasure itself (within one month, art. 12(3)). The erasure closes the open requests and clears their message (free
-- text that may name the person); the dates stay, as the proof that the request was answered.
CREATE TABLE creator_erasure_requests (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    creator_id TEXT NOT NULL REFERENCES creator_creators (id),
    channel TEXT NOT NULL,
    message TEXT NULL,
    requested_at TEXT NOT NULL,
    closed_at TEXT NULL
);

CREATE INDEX ix_creator_erasure_requests_creator ON creator_erasure_requests (creator_id);
CREATE INDEX ix_creator_erasure_requests_open ON creator_erasure_requests (workspace_id, closed_at, requested_at);
