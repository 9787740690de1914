-- The hourly purge of idempotency keys past their 24 hours deletes through this index, a batch at a time (DELETE TOP),
-- so it never scans the table nor escalates to a table lock that would block every idempotent POST.
CREATE INDEX ix_platform_idempotency_keys_created ON dbo.platform_idempotency_keys (created_at);
