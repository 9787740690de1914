-- Text in unique keys that the application does not normalise is compared as written, as SQLite's BINARY collation
-- does: GA4 rows "Google / cpc" and "google / cpc" of one deliverable and period are two rows (under the default
-- case-insensitive collation the second import row found the first and replaced its sessions and revenue), and
-- conversions from sources "Shopify" and "shopify" with one order id are two conversions (SQLite already had two; SQL
-- Server answered 409). The keys are dropped and made again around the change.
ALTER TABLE dbo.perf_site_metrics DROP CONSTRAINT uq_perf_site_metrics;
ALTER TABLE dbo.perf_site_metrics ALTER COLUMN source_medium NVARCHAR(200) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.perf_site_metrics ADD CONSTRAINT uq_perf_site_metrics UNIQUE (deliverable_id, period_start, period_end, source_medium);

ALTER TABLE dbo.perf_conversions DROP CONSTRAINT uq_perf_conversions_order;
ALTER TABLE dbo.perf_conversions ALTER COLUMN source NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.perf_conversions ADD CONSTRAINT uq_perf_conversions_order UNIQUE (workspace_id, source, order_id);

-- Workspace slugs (given to the CLI) are not lower-cased either: "Acme" and "acme" are two workspaces on both engines.
ALTER TABLE dbo.platform_workspaces DROP CONSTRAINT uq_platform_workspaces_slug;
ALTER TABLE dbo.platform_workspaces ALTER COLUMN slug NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dbo.platform_workspaces ADD CONSTRAINT uq_platform_workspaces_slug UNIQUE (slug);
