-- Console sessions kept on the server: the cookie names its session, checked on every request, so sign-out, a password
-- change or reset and "sign out everywhere" end a session even where its cookie was copied.
CREATE TABLE platform_sessions (
    id TEXT NOT NULL PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES platform_people (id),
    created_at TEXT NOT NULL,
    revoked_at TEXT NULL
);

CREATE INDEX ix_platform_sessions_person ON platform_sessions (person_id, revoked_at);

-- Forgotten passwords: a mailed single-use link, valid 30 minutes; only its token's hash is stored.
CREATE TABLE platform_password_resets (
    id TEXT NOT NULL PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES platform_people (id),
    token_hash TEXT NOT NULL UNIQUE,
    expires_at TEXT NOT NULL,
    used_at TEXT NULL,
    created_at TEXT NOT NULL
);

CREATE INDEX ix_platform_password_resets_person ON platform_password_resets (person_id);
