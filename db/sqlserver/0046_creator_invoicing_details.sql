-- A creator's invoicing details, one row per creator record (so per workspace): who is paid and where. Personal data:
-- exported with the creator (GDPR art. 15/20) and deleted by the creator's erasure. The IBAN is kept in its electronic
-- form (no spaces, upper case), already checked by its ISO 13616 mod-97 key and its country's length.
CREATE TABLE dbo.creator_invoicing_details (
    creator_id NVARCHAR(40) NOT NULL CONSTRAINT pk_creator_invoicing_details PRIMARY KEY
        CONSTRAINT fk_creator_invoicing_details_creator REFERENCES dbo.creator_creators (id),
    workspace_id NVARCHAR(40) NOT NULL,
    legal_name NVARCHAR(200) NOT NULL,
    postal_address NVARCHAR(500) NOT NULL,
    vat_number NVARCHAR(20) NULL,
    siret NVARCHAR(14) NULL,
    iban NVARCHAR(34) NULL,
    version BIGINT NOT NULL,
    updated_at DATETIME2(7) NOT NULL
);
