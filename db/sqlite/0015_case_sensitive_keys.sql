-- Link codes, idempotency keys and conversion order ids are compared case-sensitively, as SQLite's default BINARY
-- collation already does ("abc" and "ABC" are two link codes). Migration 0015 of SQL Server gives those columns a binary
-- collation so that both engines follow the one rule; nothing changes here.
SELECT 1;
