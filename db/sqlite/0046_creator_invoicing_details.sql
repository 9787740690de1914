-- A creator's invoicing details, one row per creator record (so per workspace): who is paid and where. Personal data:
-- exported with the creator (GDPR art. 15/20) and deleted by the creator's erasure. The IBAN is kept in its electronic
-- form (no spaces, upper case), already checked by its ISO 13616 mod-97 key and its country's length.
CREATE TABLE creator_invoicing_details (
    creator_id TEXT NOT NULL PRIMARY KEY REFERENCES creator_creators (id),
    workspace_id TEXT NOT NULL,
    legal_name TEXT NOT NULL,
    postal_address TEXT NOT NULL,
    vat_number TEXT NULL,
    siret TEXT NULL,
    iban TEXT NULL,
    version INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
