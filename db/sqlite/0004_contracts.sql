-- Contracts between the workspace's brand and a creator: the contract row (status, signature), one row per version of
-- its terms (amendments add versions; none is ever edited), and the payment milestones of the current version.
CREATE TABLE contract_contracts (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES platform_workspaces (id),
    creator_id TEXT NOT NULL,
    campaign_id TEXT NULL,
    title TEXT NOT NULL,
    status TEXT NOT NULL,
    current_terms_version INTEGER NOT NULL,
    governing_law TEXT NULL,
    signed_document_uri TEXT NULL,
    signed_document_sha256 TEXT NULL,
    signed_at TEXT NULL,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX ix_contract_contracts_creator ON contract_contracts (workspace_id, creator_id, created_at, id);
CREATE INDEX ix_contract_contracts_created ON contract_contracts (workspace_id, created_at, id);

CREATE TABLE contract_terms_versions (
    contract_id TEXT NOT NULL REFERENCES contract_contracts (id),
    terms_version INTEGER NOT NULL,
    workspace_id TEXT NOT NULL,
    terms TEXT NOT NULL,
    reason TEXT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    PRIMARY KEY (contract_id, terms_version)
);

CREATE TABLE contract_milestones (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    contract_id TEXT NOT NULL REFERENCES contract_contracts (id),
    label TEXT NOT NULL,
    amount INTEGER NOT NULL,
    currency TEXT NOT NULL,
    due_on TEXT NOT NULL,
    paid_at TEXT NULL,
    payment_reference TEXT NULL
);

CREATE INDEX ix_contract_milestones_due ON contract_milestones (workspace_id, due_on, id);
CREATE INDEX ix_contract_milestones_contract ON contract_milestones (contract_id);
