-- Online signatures of a contract version (a simple electronic signature, eIDAS art. 3(10); Code civil 1366-1367), with
-- their evidence: who (the creator and their portal identity, or the brand's member), the verified e-mail, the name typed,
-- the consent sentence shown, when, a keyed hash of the IP address (never the address), the user agent, and the SHA-256 of
-- the PDF of the version signed. A contract is signed when the creator and the brand have signed the same version. A
-- signature still waiting for the other party's is invalidated (kept, with when and why) when the terms it signed change.
CREATE TABLE dbo.contract_signatures (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_contract_signatures PRIMARY KEY,
    workspace_id NVARCHAR(40) NOT NULL,
    contract_id NVARCHAR(40) NOT NULL CONSTRAINT fk_contract_signatures_contract REFERENCES dbo.contract_contracts (id),
    terms_version INT NOT NULL,
    party NVARCHAR(20) COLLATE Latin1_General_100_BIN2 NOT NULL,
    signer_id NVARCHAR(40) NOT NULL,
    portal_identity NVARCHAR(200) NULL,
    full_name NVARCHAR(300) NOT NULL,
    email NVARCHAR(320) NULL,
    consent_text NVARCHAR(1000) NOT NULL,
    pdf_sha256 NCHAR(64) NOT NULL,
    ip_hash NCHAR(64) NOT NULL,
    user_agent NVARCHAR(512) NULL,
    signed_at DATETIME2(7) NOT NULL,
    invalidated_at DATETIME2(7) NULL,
    invalidated_reason NVARCHAR(40) NULL
);

CREATE INDEX ix_contract_signatures_contract ON dbo.contract_signatures (contract_id, terms_version);

-- One signature in force per party and version: a retried signature finds its own.
CREATE UNIQUE INDEX ux_contract_signatures_in_force ON dbo.contract_signatures (contract_id, terms_version, party) WHERE invalidated_at IS NULL;
