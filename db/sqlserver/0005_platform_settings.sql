-- Installation secrets and settings the app generates itself (e.g. the salt of IP hashes).
CREATE TABLE dbo.platform_settings (
    name NVARCHAR(100) NOT NULL CONSTRAINT pk_platform_settings PRIMARY KEY,
    value NVARCHAR(MAX) NOT NULL,
    created_at DATETIME2(7) NOT NULL
);
