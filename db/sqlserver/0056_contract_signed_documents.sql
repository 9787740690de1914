-- The PDF of a contract version as both parties signed it, kept when the brand countersigns: the signatures name its
-- SHA-256, so the signed document is these bytes, not a new rendering of the terms (a later version of the renderer, a
-- font or a title changed since would give other bytes and another hash). A version is signed once; its document never
-- changes. Signed contracts are kept whole at a creator's erasure, and so is this.
CREATE TABLE dbo.contract_signed_documents (
    workspace_id NVARCHAR(40) NOT NULL,
    contract_id NVARCHAR(40) NOT NULL CONSTRAINT fk_contract_signed_documents_contract REFERENCES dbo.contract_contracts (id),
    terms_version INT NOT NULL,
    pdf VARBINARY(MAX) NOT NULL,
    pdf_sha256 NCHAR(64) NOT NULL,
    signed_at DATETIME2(7) NOT NULL,
    CONSTRAINT pk_contract_signed_documents PRIMARY KEY (contract_id, terms_version)
);
