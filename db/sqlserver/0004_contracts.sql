-- Contracts between the workspace's brand and a creator: the contract row (status, signature), one row per version of
-- its terms (amendments add versions; none is ever edited), and the payment milestones of the current version.
CREATE TABLE dbo.contract_contracts (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_contract_contracts PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL CONSTRAINT fk_contract_contracts_workspace REFERENCES dbo.platform_workspaces (id),
    creator_id NVARCHAR(40) NOT NULL,
    campaign_id NVARCHAR(40) NULL,
    title NVARCHAR(200) NOT NULL,
    status NVARCHAR(20) NOT NULL,
    current_terms_version INT NOT NULL,
    governing_law NCHAR(2) NULL,
    signed_document_uri NVARCHAR(2048) NULL,
    signed_document_sha256 NCHAR(64) NULL,
    signed_at DATETIME2(7) NULL,
    version BIGINT NOT NULL,
    created_at DATETIME2(7) NOT NULL,
    updated_at DATETIME2(7) NOT NULL
);

CREATE INDEX ix_contract_contracts_creator ON dbo.contract_contracts (workspace_id, creator_id, created_at, id);
CREATE INDEX ix_contract_contracts_created ON dbo.contract_contracts (workspace_id, created_at, id);

CREATE TABLE dbo.contract_terms_versions (
    contract_id NVARCHAR(40) NOT NULL CONSTRAINT fk_contract_terms_versions_contract REFERENCES dbo.contract_contracts (id),
    terms_version INT NOT NULL,
    workspace_id NVARCHAR(40) NOT NULL,
    terms NVARCHAR(MAX) NOT NULL,
    reason NVARCHAR(2000) NULL,
    created_at DATETIME2(7) NOT NULL,
    created_by NVARCHAR(40) NOT NULL,
    CONSTRAINT pk_contract_terms_versions PRIMARY KEY (contract_id, terms_version)
);

CREATE TABLE dbo.contract_milestones (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_contract_milestones PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL,
    contract_id NVARCHAR(40) NOT NULL CONSTRAINT fk_contract_milestones_contract REFERENCES dbo.contract_contracts (id),
    label NVARCHAR(200) NOT NULL,
    amount BIGINT NOT NULL,
    currency NCHAR(3) NOT NULL,
    due_on DATE NOT NULL,
    paid_at DATETIME2(7) NULL,
    payment_reference NVARCHAR(200) NULL
);

CREATE INDEX ix_contract_milestones_due ON dbo.contract_milestones (workspace_id, due_on, id);
CREATE INDEX ix_contract_milestones_contract ON dbo.contract_milestones (contract_id);
