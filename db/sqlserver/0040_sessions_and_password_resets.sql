-- Console sessions kept on the server: the cookie names its session, checked on every request, so sign-out, a password
-- change or reset and "sign out everywhere" end a session even where its cookie was copied.
CREATE TABLE dbo.platform_sessions (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_platform_sessions PRIMARY KEY,
    person_id NVARCHAR(40) NOT NULL CONSTRAINT fk_platform_sessions_person REFERENCES dbo.platform_people (id),
    created_at DATETIME2(7) NOT NULL,
    revoked_at DATETIME2(7) NULL
);

CREATE INDEX ix_platform_sessions_person ON dbo.platform_sessions (person_id, revoked_at);

-- Forgotten passwords: a mailed single-use link, valid 30 minutes; only its token's hash is stored.
CREATE TABLE dbo.platform_password_resets (
    id NVARCHAR(40) NOT NULL CONSTRAINT pk_platform_password_resets PRIMARY KEY,
    person_id NVARCHAR(40) NOT NULL CONSTRAINT fk_platform_password_resets_person REFERENCES dbo.platform_people (id),
    token_hash NCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT uq_platform_password_resets_token UNIQUE,
    expires_at DATETIME2(7) NOT NULL,
    used_at DATETIME2(7) NULL,
    created_at DATETIME2(7) NOT NULL
);

CREATE INDEX ix_platform_password_resets_person ON dbo.platform_password_resets (person_id);
