-- When a console session last opened a page (kept to the hour: written when the stored time is an hour old), so the
-- housekeeping can delete a session a day after its last request: by then it was signed out or revoked, or its cookie
-- expired (12 hours without a request). Sessions from before this migration count from their start.
ALTER TABLE dbo.platform_sessions ADD last_seen_at DATETIME2(7) NULL;
GO

UPDATE dbo.platform_sessions SET last_seen_at = created_at;

CREATE INDEX ix_platform_sessions_last_seen ON dbo.platform_sessions (last_seen_at);

-- Forgotten-password links are deleted a day after they expire (used or not): the purge reads them by expiry.
CREATE INDEX ix_platform_password_resets_expires ON dbo.platform_password_resets (expires_at);

-- The portal's sign-in links likewise.
CREATE INDEX ix_platform_portal_links_expires ON dbo.platform_portal_links (expires_at);
