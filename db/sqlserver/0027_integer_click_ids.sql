-- Click ids are made from a block reserved per instance and start and a counter within it (see ClickIds); SQL Server
-- stores a click under its public id, as before (the integer keys SQLite's rowid, where the writer's cost per click is
-- the redirect's bound; here a batch is one OPENJSON statement whatever its rows).
CREATE TABLE dbo.perf_click_id_blocks (
    block BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_perf_click_id_blocks PRIMARY KEY,
    reserved_at DATETIME2(7) NOT NULL
);

-- The old user_agent text column goes, as on SQLite: its agents are numbered like every other click's.
INSERT INTO dbo.perf_user_agents (user_agent)
SELECT DISTINCT c.user_agent COLLATE Latin1_General_100_BIN2 FROM dbo.perf_clicks c
WHERE c.user_agent_id IS NULL AND c.user_agent IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM dbo.perf_user_agents u WHERE u.user_agent = c.user_agent COLLATE Latin1_General_100_BIN2);

UPDATE c SET user_agent_id = u.id
FROM dbo.perf_clicks c JOIN dbo.perf_user_agents u ON u.user_agent = c.user_agent COLLATE Latin1_General_100_BIN2
WHERE c.user_agent_id IS NULL AND c.user_agent IS NOT NULL;

ALTER TABLE dbo.perf_clicks DROP COLUMN user_agent;
