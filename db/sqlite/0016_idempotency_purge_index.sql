-- The hourly purge of idempotency keys past their 24 hours deletes through this index, a batch at a time.
CREATE INDEX ix_platform_idempotency_keys_created ON platform_idempotency_keys (created_at);
