-- Installation secrets and settings the app generates itself (e.g. the salt of IP hashes).
CREATE TABLE platform_settings (
    name TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL,
    created_at TEXT NOT NULL
);
