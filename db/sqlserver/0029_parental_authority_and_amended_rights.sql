-- Which of a minor's legal representatives hold parental authority (Code civil, art. 372): a contract names the same holders.
ALTER TABLE dbo.creator_legal_representatives ADD holds_parental_authority BIT NOT NULL
    CONSTRAINT df_creator_legal_representatives_holds_parental_authority DEFAULT 1;

-- An amendment of a signed contract's usage rights supersedes the grants made from them, from its effective date
-- (Code civil, art. 1193): which grants each contract made, from which version of its terms, and why a grant was superseded.
CREATE TABLE dbo.ugc_contract_grants (
    grant_id NVARCHAR(40) NOT NULL CONSTRAINT pk_ugc_contract_grants PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL,
    contract_id NVARCHAR(40) NOT NULL,
    terms_version INT NOT NULL
);

CREATE INDEX ix_ugc_contract_grants_contract ON dbo.ugc_contract_grants (workspace_id, contract_id);

ALTER TABLE dbo.ugc_contract_rights ADD terms_version INT NOT NULL CONSTRAINT df_ugc_contract_rights_terms_version DEFAULT 1,
    superseded_from DATE NULL, superseded_reason NVARCHAR(MAX) NULL;
ALTER TABLE dbo.ugc_grants ADD superseded_reason NVARCHAR(MAX) NULL;
GO

-- Grants made at signature before this migration: the ones written from a contract's rights, for an asset of their deliverable.
INSERT INTO dbo.ugc_contract_grants (grant_id, workspace_id, contract_id, terms_version)
SELECT g.id, g.workspace_id, MIN(r.contract_id), 1
FROM dbo.ugc_grants g
JOIN dbo.ugc_assets a ON a.id = g.asset_id
JOIN dbo.ugc_contract_rights r ON r.workspace_id = g.workspace_id AND r.deliverable_id = a.deliverable_id
    AND r.terms = g.terms AND r.evidence = g.evidence
GROUP BY g.id, g.workspace_id;
