-- Single sign-on identities: (issuer, subject) exactly as the provider issued them, each linked to one person. People are
-- found by this pair, never by an e-mail address the provider may not have verified.
CREATE TABLE platform_person_logins (
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    person_id TEXT NOT NULL REFERENCES platform_people (id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (issuer, subject)
);

CREATE INDEX ix_platform_person_logins_person ON platform_person_logins (person_id);

-- When the person's address was proven (a mailed link opened, or a provider's verified claim). People without a password
-- before this migration came in by single sign-on, which required a verified address: proven when created.
ALTER TABLE platform_people ADD COLUMN email_verified_at TEXT NULL;

UPDATE platform_people SET email_verified_at = created_at WHERE password_hash IS NULL;
