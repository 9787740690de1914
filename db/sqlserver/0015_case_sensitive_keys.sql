-- Link codes, idempotency keys and conversion order ids are compared case-sensitively, as on SQLite: "abc" and "ABC" are
-- two link codes, an Idempotency-Key "Ab" must never replay the answer given to "ab", and order "a-1" is not order "A-1".
-- The database's default collation is case-insensitive, so these columns get a binary one (their constraints are dropped
-- and made again around the change).
ALTER TABLE dbo.perf_links DROP CONSTRAINT uq_perf_links_code;
ALTER TABLE dbo.perf_links ALTER COLUMN code NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.perf_links ADD CONSTRAINT uq_perf_links_code UNIQUE (code);

ALTER TABLE dbo.platform_idempotency_keys DROP CONSTRAINT pk_platform_idempotency_keys;
ALTER TABLE dbo.platform_idempotency_keys ALTER COLUMN idempotency_key NVARCHAR(200) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.platform_idempotency_keys ADD CONSTRAINT pk_platform_idempotency_keys PRIMARY KEY (workspace_id, idempotency_key);

ALTER TABLE dbo.perf_conversions DROP CONSTRAINT uq_perf_conversions_order;
ALTER TABLE dbo.perf_conversions ALTER COLUMN order_id NVARCHAR(200) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.perf_conversions ADD CONSTRAINT uq_perf_conversions_order UNIQUE (workspace_id, source, order_id);
