-- The usage rights of signed contracts, per deliverable of the creator in the campaign: a grant is made from them for
-- each asset of that deliverable, those registered before the signature and those registered after.
CREATE TABLE dbo.ugc_contract_rights (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_ugc_contract_rights PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL CONSTRAINT fk_ugc_contract_rights_workspace REFERENCES dbo.platform_workspaces (id),
    contract_id NVARCHAR(40) NOT NULL,
    deliverable_id NVARCHAR(40) NOT NULL,
    terms NVARCHAR(MAX) NOT NULL,
    evidence NVARCHAR(MAX) NOT NULL,
    created_at DATETIME2(7) NOT NULL
);

CREATE INDEX ix_ugc_contract_rights_deliverable ON dbo.ugc_contract_rights (workspace_id, deliverable_id);
