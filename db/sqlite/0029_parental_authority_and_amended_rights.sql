-- Which of a minor's legal representatives hold parental authority (Code civil, art. 372): a contract names the same holders.
ALTER TABLE creator_legal_representatives ADD COLUMN holds_parental_authority INTEGER NOT NULL DEFAULT 1;

-- An amendment of a signed contract's usage rights supersedes the grants made from them, from its effective date
-- (Code civil, art. 1193): which grants each contract made, from which version of its terms, and why a grant was superseded.
CREATE TABLE ugc_contract_grants (
    grant_id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    contract_id TEXT NOT NULL,
    terms_version INTEGER NOT NULL
);

CREATE INDEX ix_ugc_contract_grants_contract ON ugc_contract_grants (workspace_id, contract_id);

ALTER TABLE ugc_contract_rights ADD COLUMN terms_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE ugc_contract_rights ADD COLUMN superseded_from TEXT NULL;
ALTER TABLE ugc_contract_rights ADD COLUMN superseded_reason TEXT NULL;
ALTER TABLE ugc_grants ADD COLUMN superseded_reason TEXT NULL;

-- Grants made at signature before this migration: the ones written from a contract's rights, for an asset of their deliverable.
INSERT INTO ugc_contract_grants (grant_id, workspace_id, contract_id, terms_version)
SELECT g.id, g.workspace_id, MIN(r.contract_id), 1
FROM ugc_grants g
JOIN ugc_assets a ON a.id = g.asset_id
JOIN ugc_contract_rights r ON r.workspace_id = g.workspace_id AND r.deliverable_id = a.deliverable_id AND r.terms = g.terms AND r.evidence = g.evidence
GROUP BY g.id, g.workspace_id;
