-- Visitor hashes use a random salt per UTC day, deleted at the latest 48 hours after the day began: once it is gone no one
-- can turn a stored hash back into an IP address (a salt kept for ever beside the hashes let anyone try every address).
-- The installation-wide salt is deleted: the hashes made with it can no longer be reversed either.
CREATE TABLE dbo.platform_visitor_salts (
    day NVARCHAR(10) NOT NULL CONSTRAINT pk_platform_visitor_salts PRIMARY KEY,
    salt NVARCHAR(100) NOT NULL,
    created_at DATETIME2(7) NOT NULL
);

DELETE FROM dbo.platform_settings WHERE name = N'ip_hash_salt';
