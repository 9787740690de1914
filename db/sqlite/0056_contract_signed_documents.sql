-- The PDF of a contract version as both parties signed it, kept when the brand countersigns: the signatures name its
-- SHA-256, so the signed document is these bytes, not a new rendering of the terms (a later version of the renderer, a
-- font or a title changed since would give other bytes and another hash). A version is signed once; its document never
-- changes. Signed contracts are kept whole at a creator's erasure, and so is this.
CREATE TABLE contract_signed_documents (
    workspace_id TEXT NOT NULL,
    contract_id TEXT NOT NULL REFERENCES contract_contracts (id),
    terms_version INTEGER NOT NULL,
    pdf BLOB NOT NULL,
    pdf_sha256 TEXT NOT NULL,
    signed_at TEXT NOT NULL,
    PRIMARY KEY (contract_id, terms_version)
);
