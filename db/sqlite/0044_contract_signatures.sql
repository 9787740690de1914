-- Online signatures of a contract version (a simple electronic signature, eIDAS art. 3(10); Code civil 1366-1367), with
-- their evidence: who (the creator and their portal identity, or the brand's member), the verified e-mail, the name typed,
-- the consent sentence shown, when, a keyed hash of the IP address (never the address), the user agent, and the SHA-256 of
-- the PDF of the version signed. A contract is signed when the creator and the brand have signed the same version. A
-- signature still waiting for the other party's is invalidated (kept, with when and why) when the terms it signed change.
CREATE TABLE contract_signatures (
    id TEXT NOT NULL PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    contract_id TEXT NOT NULL REFERENCES contract_contracts (id),
    terms_version INTEGER NOT NULL,
    party TEXT NOT NULL,
    signer_id TEXT NOT NULL,
    portal_identity TEXT NULL,
    full_name TEXT NOT NULL,
    email TEXT NULL,
    consent_text TEXT NOT NULL,
    pdf_sha256 TEXT NOT NULL,
    ip_hash TEXT NOT NULL,
    user_agent TEXT NULL,
    signed_at TEXT NOT NULL,
    invalidated_at TEXT NULL,
    invalidated_reason TEXT NULL
);

CREATE INDEX ix_contract_signatures_contract ON contract_signatures (contract_id, terms_version);

-- One signature in force per party and version: a retried signature finds its own.
CREATE UNIQUE INDEX ux_contract_signatures_in_force ON contract_signatures (contract_id, terms_version, party) WHERE invalidated_at IS NULL;
