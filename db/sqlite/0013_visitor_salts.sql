-- Visitor hashes use a random salt per UTC day, deleted at the latest 48 hours after the day began: once it is gone no one
-- can turn a stored hash back into an IP address (a salt kept for ever beside the hashes let anyone try every address).
-- The installation-wide salt is deleted: the hashes made with it can no longer be reversed either.
CREATE TABLE platform_visitor_salts (
    day TEXT NOT NULL PRIMARY KEY,
    salt TEXT NOT NULL,
    created_at TEXT NOT NULL
);

DELETE FROM platform_settings WHERE name = 'ip_hash_salt';
