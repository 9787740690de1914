-- The usage rights of signed contracts, per deliverable of the creator in the campaign: a grant is made from them for
-- each asset of that deliverable, those registered before the signature and those registered after.
CREATE TABLE ugc_contract_rights (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES platform_workspaces (id),
    contract_id TEXT NOT NULL,
    deliverable_id TEXT NOT NULL,
    terms TEXT NOT NULL,
    evidence TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE INDEX ix_ugc_contract_rights_deliverable ON ugc_contract_rights (workspace_id, deliverable_id);
