-- Nothing to do on SQLite: its default BINARY collation already compares these keys as written. Migration 0028 of SQL
-- Server gives GA4's source_medium, conversions' source and workspace slugs a binary collation so that both engines keep the same rows.
SELECT 1;
