-- Single sign-on identities: (issuer, subject) exactly as the provider issued them, each linked to one person. People are
-- found by this pair, never by an e-mail address the provider may not have verified. Compared case-sensitively (BIN2);
-- 180 + 255 characters keep the key within SQL Server's 900 bytes.
CREATE TABLE dbo.platform_person_logins (
    issuer NVARCHAR(180) COLLATE Latin1_General_100_BIN2 NOT NULL,
    subject NVARCHAR(255) COLLATE Latin1_General_100_BIN2 NOT NULL,
    person_id NVARCHAR(40) NOT NULL CONSTRAINT fk_platform_person_logins_person REFERENCES dbo.platform_people (id),
    created_at DATETIME2(7) NOT NULL,
    CONSTRAINT pk_platform_person_logins PRIMARY KEY (issuer, subject)
);

CREATE INDEX ix_platform_person_logins_person ON dbo.platform_person_logins (person_id);

-- When the person's address was proven (a mailed link opened, or a provider's verified claim). People without a password
-- before this migration came in by single sign-on, which required a verified address: proven when created.
ALTER TABLE dbo.platform_people ADD email_verified_at DATETIME2(7) NULL;
GO

UPDATE dbo.platform_people SET email_verified_at = created_at WHERE password_hash IS NULL;
