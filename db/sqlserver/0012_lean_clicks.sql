-- A click's workspace is its link's (perf_links.workspace_id): the click no longer repeats it. (On SQL Server both
-- tables were already clustered on their primary keys; SQLite's migration 0012 makes them WITHOUT ROWID to match.)
ALTER TABLE dbo.perf_clicks DROP COLUMN workspace_id;
