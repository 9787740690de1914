-- The number of SQLite's creators search index (FTS5 trigrams, SQLite only: SQL Server keeps the LIKE search, its
-- full-text index having no infix search). Both engines: a page of creators reads their tags by workspace and creator.
CREATE INDEX ix_creator_tags_creator ON dbo.creator_tags (workspace_id, creator_id, tag);
